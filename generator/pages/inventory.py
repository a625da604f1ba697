"""The one list of derived pages and the URL helpers that name them (the renderer, the plugin and the checks agree)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.config.taxonomy import Bidang, SubBidang
from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.pages.ikm import ikm_pages
from generator.pages.standar import standar_pages
from generator.tools.pages import tool_pages

FAQ_PER_PAGE = 100
"""How many questions a sub-area page lists before it continues on the next page."""

FIXED_PAGES = ("index.md", "ajukan.md", "balai.md", "cari.md", "faq/index.md", "privasi.md", "pengaduan-layanan.md", "layanan-pemda.md", "perlu-ditinjau.md")
SECTION_INDEXES = ("artikel", "infografis", "modul", "prosedur", "desain-rumah", "video", "poster")


def area_page(area: str) -> str:
    """Return the src path of an area's page."""
    return f"bidang/{area}.md"


def subarea_page(area: str, sub: str, page: int = 1) -> str:
    """Return the src path of one page of a sub-area's question list."""
    return f"bidang/{area}/{sub}.md" if page == 1 else f"bidang/{area}/{sub}-{page}.md"


def is_subarea_page(src: str) -> bool:
    """Sub-area lists are reached from their area page, never from the navigation."""
    return src.startswith("bidang/") and src.count("/") > 1


@dataclass(frozen=True)
class SubareaPage:
    """One page of a sub-area's question list: which questions, and where it sits in the run."""

    src: str
    area: Bidang
    sub: SubBidang
    docs: list[Document]
    page: int
    total: int
    count: int


def subarea_pages(content: ContentSet, area: Bidang) -> Iterator[SubareaPage]:
    """Every page of every sub-area of one area: at least one page each, FAQ_PER_PAGE questions per page."""
    groups = content.faq_by_subarea(area.slug)
    for sub in area.subtopik:
        docs = groups.get(sub.slug, [])
        total = max(1, -(-len(docs) // FAQ_PER_PAGE))
        for page in range(1, total + 1):
            chunk = docs[(page - 1) * FAQ_PER_PAGE : page * FAQ_PER_PAGE]
            yield SubareaPage(subarea_page(area.slug, sub.slug, page), area, sub, chunk, page, total, len(docs))


def generated_pages(content: ContentSet) -> list[str]:
    """Return the src paths of every page the generator derives from the content."""
    config: SiteConfig = content.config
    pages = [*FIXED_PAGES, *(f"{s}/index.md" for s in SECTION_INDEXES), *tool_pages(config), *ikm_pages(content), *standar_pages(config)]
    for area in config.taxonomy.bidang:
        pages.append(area_page(area.slug))
        pages += [p.src for p in subarea_pages(content, area)]
    return pages
