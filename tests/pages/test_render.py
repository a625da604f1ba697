"""Rendered pages match the committed golden output (refresh with KLINIK_UPDATE_GOLDEN=1 after intended changes)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.config.project import Project
from generator.pipeline import checked
from generator.site.build import build
from generator.util.dates import tanggal
from tests.conftest import GOLDEN as GOLDEN_ROOT

GOLDEN = GOLDEN_ROOT / "kecil"
UPDATE = os.environ.get("KLINIK_UPDATE_GOLDEN") == "1"
HTML_PAGES = [
    "index.html", "faq/syarat-kpr/index.html", "bidang/pembiayaan/index.html", "modul/m-01-uji/index.html",
    "prosedur/pbg/index.html", "infografis/alur/index.html", "balai/index.html",
]


def compare(name: str, actual: str) -> None:
    """Assert actual equals the golden file, or rewrite it when updating."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"golden {name} hilang: jalankan KLINIK_UPDATE_GOLDEN=1 pytest {__file__}"
    assert actual == path.read_text(encoding="utf-8"), f"{name} berbeda dari golden"


def rendered_markdown(project: Path) -> dict[str, str]:
    """Render every page of a project to Markdown, keyed by its docs path."""
    state = checked(Project(project))
    pages = {doc.src_uri: state.renderer.document(doc) for doc in state.content.documents}
    pages.update(state.renderer.generated())
    return pages


def article_html(page: str) -> str:
    """Return the page's <article> (the part our content and templates control) plus its JSON-LD."""
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S).group(1)
    article = "\n".join(line.strip() for line in article.splitlines() if line.strip())
    jsonld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return article + ("\n" + jsonld[0] if jsonld else "") + "\n"


def test_generated_markdown_matches_golden(kecil):
    """Every document and derived page renders exactly as reviewed."""
    pages = rendered_markdown(kecil)
    for src, text in sorted(pages.items()):
        compare(f"markdown/{src}", text)
    if not UPDATE:
        expected = {p.relative_to(GOLDEN / "markdown").as_posix() for p in (GOLDEN / "markdown").rglob("*.md")}
        assert set(pages) == expected


def test_built_html_matches_golden(kecil, tmp_path):
    """The built pages' article HTML (links resolved by MkDocs, JSON-LD) matches the golden copies."""
    site = build(Project(kecil), site_dir=tmp_path / "site")
    for rel in HTML_PAGES:
        compare(f"html/{rel}", article_html((site / rel).read_text(encoding="utf-8")))


@pytest.mark.parametrize("day, text", [("2026-11-23", "23 November 2026"), ("2025-01-05", "5 Januari 2025"), ("2026-08-17", "17 Agustus 2026")])
def test_dates_are_indonesian(day, text):
    """Dates read the Indonesian way."""
    import datetime as dt

    assert tanggal(dt.date.fromisoformat(day)) == text
