"""The files a video or poster needs: the video or an allowed embed, its WebVTT captions and cover, the poster's image and PDF."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.collection import ContentSet, sha256_of
from generator.content.loader import Document
from generator.content.schemas import Poster, Video
from generator.util.errors import Problem, problem
from generator.util.markdown import resolve
from generator.util.safe_read import ASSET_LIMIT, MARKDOWN_LIMIT, Refused, open_regular, read_text

CAPTION_LIMIT = MARKDOWN_LIMIT
"""A caption file: a few KB for a short video; anything near this is not captions."""
SIGNATURES = {".webm": (0, b"\x1a\x45\xdf\xa3", "WebM"), ".mp4": (4, b"ftyp", "MP4"), ".pdf": (0, b"%PDF-", "PDF")}
"""Where a file's first bytes say what it is: (offset, bytes, name). A renamed file would not play or print."""
TIMING = re.compile(r"^((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})[ \t]+-->[ \t]+((?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3})(?:[ \t].*)?$")
"""A WebVTT cue timing line (W3C WebVTT 4.1): `00:01.000 --> 00:04.500`, hours optional, settings after it."""
SLACK = 1.0
"""Seconds a cue may end after the stated `durasi` (the duration is written to the whole second)."""
VIDEO_WARN_BYTES = 2 * 1024 * 1024
"""A self-hosted video above this is heavy on a citizen's data plan: `klinik check` warns (the clinic's own are under 400 KB)."""


def check_media(content: ContentSet, content_root: Path) -> list[Problem]:
    """Check every video's source, captions and cover and every poster's image and PDF; return all problems."""
    out: list[Problem] = []
    for doc in content.documents:
        if isinstance(doc.entry, Video):
            out += _check_video(doc, doc.entry, content, content_root)
        elif isinstance(doc.entry, Poster):
            out += _check_poster(doc, doc.entry, content, content_root)
    return out


def _check_video(doc: Document, entry: Video, content: ContentSet, root: Path) -> list[Problem]:
    out: list[Problem] = []
    if entry.berkas is None and entry.sematan is None:
        out.append(problem(doc.path, 1, "berkas", "isi `berkas` (video WebM/MP4 di samping berkas .md) atau `sematan` "
                           "(alamat sematan dari host yang diizinkan)"))
    elif entry.berkas is not None and entry.sematan is not None:
        out.append(problem(doc.path, doc.line_of("sematan"), "sematan", "isi salah satu saja: `berkas` atau `sematan`, bukan keduanya"))
    elif entry.berkas is not None:
        out += _check_file(doc, "berkas", entry.berkas, content, root, "video") or _check_weight(doc, entry.berkas, content, root)
    else:
        out += _check_embed(doc, entry.sematan or "", content.config.meta.video_sematan)
    out += _check_file(doc, "sampul", entry.sampul, content, root, "gambar sampul")
    found = _asset(doc, entry.takarir, content)
    if found is None:
        out.append(problem(doc.path, doc.line_of("takarir"), "takarir", f"berkas takarir {entry.takarir!r} tidak ditemukan"))
    else:
        out += [problem(doc.path, doc.line_of("takarir"), "takarir", f"{entry.takarir}: {m}") for m in caption_problems(root / found, entry.seconds())]
    return out


def _check_poster(doc: Document, entry: Poster, content: ContentSet, root: Path) -> list[Problem]:
    out = _check_file(doc, "gambar", entry.gambar, content, root, "gambar")
    pdf = _check_file(doc, "berkas", entry.berkas, content, root, "PDF")
    if pdf or entry.sha256 is None:
        return out + pdf
    try:
        digest = sha256_of(root / (_asset(doc, entry.berkas, content) or ""))
    except (OSError, Refused) as exc:  # replaced since the walk listed it
        return out + [problem(doc.path, doc.line_of("berkas"), "berkas", f"berkas {entry.berkas!r} tidak dapat dibaca: {exc}")]
    if digest != entry.sha256:
        out.append(problem(doc.path, doc.line_of("sha256"), "sha256", f"tidak cocok dengan isi {entry.berkas} (isi berkas: {digest}); "
                           "hapus kunci ini agar dihitung otomatis, atau perbaiki nilainya"))
    return out


def _asset(doc: Document, name: str, content: ContentSet) -> str | None:
    """The file's path under content/ when the walk found it there, else None."""
    rel = resolve(doc.src_uri, name)[0]
    return rel if rel in content.assets else None


def _check_file(doc: Document, key: str, name: str, content: ContentSet, root: Path, what: str) -> list[Problem]:
    """The file exists next to the page and, for a video or PDF, its first bytes say what its name says."""
    rel = _asset(doc, name, content)
    if rel is None:
        return [problem(doc.path, doc.line_of(key), key, f"berkas {what} {name!r} tidak ditemukan")]
    signature = SIGNATURES.get(Path(name).suffix.lower())
    if signature is None:
        return []
    offset, magic, kind = signature
    try:
        handle, _ = open_regular(root / rel, ASSET_LIMIT)
        with handle:
            head = handle.read(offset + len(magic))
    except (OSError, Refused) as exc:
        return [problem(doc.path, doc.line_of(key), key, f"berkas {name!r} tidak dapat dibaca: {exc}")]
    if head[offset:] != magic:
        return [problem(doc.path, doc.line_of(key), key, f"berkas {name!r} bukan {kind} (isinya tidak diawali penanda {kind})")]
    return []


def _check_weight(doc: Document, name: str, content: ContentSet, root: Path) -> list[Problem]:
    """A warning, not an error, for a video too heavy for slow data."""
    size = (root / (_asset(doc, name, content) or "")).stat().st_size
    if size <= VIDEO_WARN_BYTES:
        return []
    shown = f"{size / 1024 / 1024:.1f}".replace(".", ",")
    return [problem(doc.path, doc.line_of("berkas"), "berkas", f"video {shown} MB berat untuk kuota warga; kecilkan ke 480p atau kurang "
                    "(WebM VP9 + Opus, mis. dengan ffmpeg) agar di bawah 2 MB", peringatan=True)]


def _check_embed(doc: Document, address: str, allowed: list[str]) -> list[Problem]:
    """An embed is https and from a host site.yml allows, so no other site's player (or tracker) loads."""
    line = doc.line_of("sematan")
    parts = urlsplit(address)
    if parts.scheme != "https":
        return [problem(doc.path, line, "sematan", "alamat sematan harus diawali https://")]
    host = (parts.hostname or "").lower()
    if host not in allowed:
        hosts = ", ".join(allowed) if allowed else "(belum ada; isi `video_sematan` di site_config/site.yml)"
        return [problem(doc.path, line, "sematan", f"host {host!r} tidak diizinkan; gunakan salah satu dari video_sematan di site.yml: {hosts}")]
    return []


def parse_time(text: str) -> float:
    """Seconds of a WebVTT timestamp (`01:02.500` or `00:01:02.500`)."""
    parts = [float(p) for p in text.split(":")]
    return sum(value * 60 ** power for power, value in enumerate(reversed(parts)))


def caption_problems(path: Path, duration: int) -> list[str]:
    """What is wrong with a WebVTT file: its header, each cue's timing and text, and cues past the video's end."""
    try:
        text = read_text(path, CAPTION_LIMIT)
    except (OSError, Refused, UnicodeDecodeError) as exc:
        return [f"tidak dapat dibaca sebagai teks UTF-8: {exc}"]
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        return ["baris 1: berkas WebVTT harus diawali 'WEBVTT'"]
    out, cues, last_start = [], 0, 0.0
    for number, line in enumerate(lines, 1):
        if "-->" not in line:
            continue
        timing = TIMING.match(line.strip())
        if timing is None:
            out.append(f"baris {number}: waktu isyarat tidak sah {line.strip()!r} (contoh: 00:00:01.000 --> 00:00:04.500)")
            continue
        start, end = parse_time(timing.group(1)), parse_time(timing.group(2))
        following = lines[number] if number < len(lines) else ""
        if end <= start:
            out.append(f"baris {number}: waktu akhir harus sesudah waktu mulai")
        elif start < last_start:
            out.append(f"baris {number}: isyarat harus berurutan menurut waktu mulai")
        elif end > duration + SLACK:
            out.append(f"baris {number}: berakhir pada detik {end:g}, sesudah video selesai (durasi {duration} detik)")
        if not following.strip():
            out.append(f"baris {number}: isyarat tanpa teks di baris berikutnya")
        last_start = max(last_start, start)
        cues += 1
    if cues == 0:
        out.append("tidak ada isyarat (cue) takarir: tulis waktu dan teks setiap kalimat")
    return out
