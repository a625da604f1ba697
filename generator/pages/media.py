"""What a video or poster page needs besides its front matter: its files' addresses from the page, and their sizes."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.content.collection import sha256_of
from generator.content.loader import Document
from generator.content.schemas import Poster, Video
from generator.util.markdown import resolve
from generator.util.markup import url

MEDIA_SECTIONS = ("video", "poster")
MEDIA_TYPES = {".webm": "video/webm", ".mp4": "video/mp4"}


def page_url(doc: Document, name: str):
    """The address of a file next to the .md as seen from the page's own folder (raw HTML is not rewritten by MkDocs)."""
    target = resolve(doc.src_uri, name)[0]
    return url(posixpath.relpath(target, doc.url.rstrip("/")))


def _file(doc: Document, name: str, content_root: Path) -> Path:
    return content_root / resolve(doc.src_uri, name)[0]


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def minutes(seconds: int) -> str:
    """A duration read aloud the Indonesian way: 1 menit 17 detik, 45 detik."""
    parts = [f"{seconds // 60} menit"] if seconds >= 60 else []
    if seconds % 60 or not parts:
        parts.append(f"{seconds % 60} detik")
    return " ".join(parts)


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration (schema.org VideoObject): PT1M17S."""
    return f"PT{seconds // 60}M{seconds % 60}S" if seconds >= 60 else f"PT{seconds}S"


def media_context(doc: Document, content_root: Path) -> dict:
    """Template values of a video page (sources, captions, cover, length) or a poster page (PDF size and digest)."""
    entry = doc.entry
    if isinstance(entry, Video):
        context = {
            "sampul_url": page_url(doc, entry.sampul),
            "takarir_url": page_url(doc, entry.takarir),
            "lama": minutes(entry.seconds()),
            "video_url": None,
            "video_type": None,
            "video_size": 0,
        }
        if entry.berkas:
            context.update(
                video_url=page_url(doc, entry.berkas),
                video_type=MEDIA_TYPES[Path(entry.berkas).suffix.lower()],
                video_size=_size(_file(doc, entry.berkas, content_root)),
            )
        return context
    if isinstance(entry, Poster):
        pdf = _file(doc, entry.berkas, content_root)
        return {"pdf_size": _size(pdf), "pdf_sha256": sha256_of(pdf) if pdf.is_file() else entry.sha256}
    return {}
