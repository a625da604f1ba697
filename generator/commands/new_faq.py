"""`klinik new faq`: write a valid FAQ file from a question and an answer (also used by `kurasi terbitkan`), in the CMS's bytes."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from generator.config.project import Project
from generator.content.canonical import write_file
from generator.content.loader import read_document
from generator.content.schemas import Faq
from generator.pipeline import gather
from generator.util.errors import GeneratorError


def slugify(text: str, limit: int = 60) -> str:
    """Make a file slug from a question: ascii, lowercase, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "pertanyaan"


def new_faq(
    project: Project,
    *,
    topik: str,
    pertanyaan: str,
    jawaban: str,
    slug: str | None = None,
    subtopik: str | None = None,
    draft: bool = False,
    peran: str = "TA",
    peninjau: str = "Tim Tenaga Ahli Klinik PKP",
    tiket: str | None = None,
    alias: list[str] | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a new FAQ file under content/faq/<topik>/ and return its path; refuse invalid input."""
    state, problems = gather(project)
    if state is None:
        raise GeneratorError("Perbaiki dulu masalah konten berikut:\n" + "\n".join(str(p) for p in problems))
    taxonomy = state.content.config.taxonomy
    area = taxonomy.area(topik)
    if area is None:
        raise GeneratorError(f"topik {topik!r} tidak dikenal; pilih: {', '.join(b.slug for b in taxonomy.bidang)}")
    subtopik = subtopik or area.subtopik[0].slug
    if subtopik not in {s.slug for s in area.subtopik}:
        raise GeneratorError(f"subtopik {subtopik!r} tidak ada di {topik}; pilih: {', '.join(s.slug for s in area.subtopik)}")
    slug = slug or slugify(pertanyaan)
    if ("faq", slug) in state.content.by_slug:
        raise GeneratorError(f"slug {slug!r} sudah dipakai oleh content/{state.content.by_slug[('faq', slug)].src_uri}")
    meta = {
        "status": "draft" if draft else "terbit",
        "pertanyaan": pertanyaan,
        "topik": topik,
        "subtopik": subtopik,
        "alias": list(alias or []),
        "ditinjau": today or dt.date.today(),
        "peninjau": {"peran": peran, "nama": peninjau},
        "tiket": tiket,
    }
    # Only what was given, as the editor writes a new entry: a list or a ticket nobody filled in is left out.
    meta = {key: value for key, value in meta.items() if value not in (None, [])}
    path = project.content_dir / "faq" / topik / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, meta, jawaban.strip() + "\n", Faq)  # the bytes the editor writes for the same FAQ
    document, problems = read_document(path, project.content_dir, "faq")
    if document is None:
        path.unlink()
        raise GeneratorError("FAQ tidak valid, berkas tidak ditulis:\n" + "\n".join(str(p) for p in problems))
    return path
