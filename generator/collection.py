"""The validated content as one set: lookups, grouping, and the checks that span files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .alat import tool_pages
from .config import SiteConfig
from .errors import Problem, problem, shown
from .links import resolve
from .live_html import check_bodies
from .loader import Document, LoadResult
from .rab.periksa import check_designs
from .safe_read import ASSET_LIMIT, Refused, open_regular
from .schemas import Faq, Infografis, Modul

FAQ_PER_PAGE = 100
"""How many questions a sub-area page lists before it continues on the next page."""


@dataclass
class ContentSet:
    """All valid documents, indexed the ways the pages and the checks need."""

    config: SiteConfig
    documents: list[Document]
    assets: set[str]
    failed: set[str] = field(default_factory=set)
    by_src: dict[str, Document] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], Document] = field(default_factory=dict)
    _faq_groups: dict[str, dict[str, list[Document]]] | None = field(default=None, repr=False)

    @classmethod
    def from_load(cls, config: SiteConfig, loaded: LoadResult) -> "ContentSet":
        """Index the loaded documents (first file wins a duplicate slug; the check reports it)."""
        docs = sorted(loaded.documents, key=lambda d: d.src_uri)
        content = cls(config, docs, set(loaded.assets), set(loaded.failed))
        for doc in docs:
            content.by_src[doc.src_uri] = doc
            content.by_slug.setdefault((doc.section, doc.slug), doc)
        return content

    def section(self, name: str, published_only: bool = True) -> list[Document]:
        """Return the documents of one section, published ones unless asked otherwise."""
        return [d for d in self.documents if d.section == name and (d.published or not published_only)]

    def faq_by_subarea(self, area: str) -> dict[str, list[Document]]:
        """Group an area's published FAQ by sub-area, each list sorted by question."""
        if self._faq_groups is None:
            groups: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
            for doc in self.section("faq"):
                groups[doc.entry.topik][doc.entry.subtopik].append(doc)  # type: ignore[attr-defined]
            for by_sub in groups.values():
                for docs in by_sub.values():
                    docs.sort(key=lambda d: d.title.casefold())
            self._faq_groups = {a: dict(subs) for a, subs in groups.items()}
        return self._faq_groups.get(area, {})

    def generated_pages(self) -> list[str]:
        """Return the src paths of every page the generator derives from the content."""
        pages = ["index.md", "ajukan.md", "balai.md", "cari.md", "faq/index.md"]
        pages += [f"{s}/index.md" for s in ("artikel", "infografis", "modul", "prosedur", "desain-rumah")]
        pages += tool_pages(self.config)
        for area in self.config.taxonomy.bidang:
            pages.append(f"bidang/{area.slug}.md")
            groups = self.faq_by_subarea(area.slug)
            for sub in area.subtopik:
                count = len(groups.get(sub.slug, []))
                for page in range(1, max(1, -(-count // FAQ_PER_PAGE)) + 1):
                    pages.append(subarea_page(area.slug, sub.slug, page))
        return pages


def subarea_page(area: str, sub: str, page: int = 1) -> str:
    """Return the src path of one page of a sub-area's question list."""
    return f"bidang/{area}/{sub}.md" if page == 1 else f"bidang/{area}/{sub}-{page}.md"


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file (a regular one, never a link or a pipe: see safe_read)."""
    digest = hashlib.sha256()
    handle, _ = open_regular(path, ASSET_LIMIT)
    with handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def check(content: ContentSet, content_root: Path, anchors_of: Callable[[Document], set[str]]) -> list[Problem]:
    """Run every cross-file check and return all problems found."""
    problems: list[Problem] = []
    problems += _check_taxonomy(content)
    problems += _check_slugs(content)
    problems += _check_references(content)
    problems += _check_files(content, content_root)
    problems += _check_links(content, anchors_of)
    problems += _check_headings(content)
    problems += check_bodies(content)
    problems += check_designs(content, content_root)
    return problems


def _check_taxonomy(content: ContentSet) -> list[Problem]:
    out = []
    taxonomy = content.config.taxonomy
    known = ", ".join(b.slug for b in taxonomy.bidang)
    for doc in content.documents:
        area = taxonomy.area(doc.entry.topik)  # type: ignore[attr-defined]
        if area is None:
            out.append(problem(doc.path, doc.line_of("topik"), "topik", f"bidang {doc.entry.topik!r} tidak ada di taksonomi; pilih: {known}"))  # type: ignore[attr-defined]
            continue
        sub = getattr(doc.entry, "subtopik", None)
        if sub is not None and sub not in {s.slug for s in area.subtopik}:
            subs = ", ".join(s.slug for s in area.subtopik)
            out.append(problem(doc.path, doc.line_of("subtopik"), "subtopik", f"sub-bidang {sub!r} tidak ada di bidang {area.slug}; pilih: {subs}"))
    return out


def _check_slugs(content: ContentSet) -> list[Problem]:
    out = []
    for doc in content.documents:
        if doc.slug == "index":
            out.append(problem(doc.path, 1, "nama berkas", "'index' dipakai untuk halaman daftar; pilih nama lain"))
        first = content.by_slug[(doc.section, doc.slug)]
        if first is not doc:
            out.append(problem(doc.path, 1, "slug", f"slug {doc.slug!r} sudah dipakai oleh content/{first.src_uri}"))
    return out


def _check_references(content: ContentSet) -> list[Problem]:
    out = []
    unreadable = {(rel.split("/", 1)[0], Path(rel).stem) for rel in content.failed}  # reported in their own file
    for doc in content.documents:
        entry = doc.entry
        refs: list[tuple[str, str, str]] = []
        if isinstance(entry, Faq):
            refs = [("terkait", "faq", s) for s in entry.terkait]
        elif isinstance(entry, Modul):
            refs = [("menggantikan", "modul", s) for s in entry.menggantikan]
        for key, section, slug in refs:
            target = content.by_slug.get((section, slug))
            line = doc.line_of(key)
            if target is None and (section, slug) in unreadable:
                continue
            if target is None:
                out.append(problem(doc.path, line, key, f"{section} {slug!r} tidak ada"))
            elif target is doc:
                out.append(problem(doc.path, line, key, "tidak boleh menunjuk dirinya sendiri"))
            elif doc.published and not target.published:
                out.append(problem(doc.path, line, key, f"{section} {slug!r} masih draft; konten terbit tidak boleh menautkan draft"))
    return out


def _check_files(content: ContentSet, content_root: Path) -> list[Problem]:
    out = []
    for doc in content.documents:
        entry = doc.entry
        if isinstance(entry, Infografis):
            rel = resolve(doc.src_uri, entry.gambar)[0]
            if rel not in content.assets:
                out.append(problem(doc.path, doc.line_of("gambar"), "gambar", f"berkas gambar {entry.gambar!r} tidak ditemukan"))
        if isinstance(entry, Modul):
            rel = resolve(doc.src_uri, entry.berkas)[0]
            if rel not in content.assets:
                out.append(problem(doc.path, doc.line_of("berkas"), "berkas", f"berkas {entry.berkas!r} tidak ditemukan"))
                continue
            try:
                digest = sha256_of(content_root / rel)
            except (OSError, Refused) as exc:  # replaced since the walk listed it
                out.append(problem(doc.path, doc.line_of("berkas"), "berkas", f"berkas {entry.berkas!r} tidak dapat dibaca: {exc}"))
                continue
            if digest != entry.sha256:
                out.append(problem(doc.path, doc.line_of("sha256"), "sha256", f"tidak cocok dengan isi {entry.berkas}: hitung ulang dengan `sha256sum`"))
    return out


def _check_links(content: ContentSet, anchors_of: Callable[[Document], set[str]]) -> list[Problem]:
    out = []
    generated = set(content.generated_pages())
    for doc in content.documents:
        for link in doc.links:
            if not link.is_internal:
                continue
            target_uri, anchor = resolve(doc.src_uri, link.target)
            what = "gambar" if link.image else "tautan"
            if target_uri.endswith(".md"):
                target = content.by_src.get(target_uri)
                if target is None and target_uri not in generated and target_uri not in content.failed:
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)} menunjuk halaman yang tidak ada"))
                    continue
                if target is not None and doc.published and not target.published:
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)} menunjuk konten draft"))
                if target is not None and anchor and anchor not in anchors_of(target):
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)}: tidak ada judul bagian dengan anchor #{anchor}"))
            elif target_uri in content.assets:
                continue
            else:
                out.append(problem(doc.path, link.line, what, f"{shown(link.target)} tidak ditemukan (tautan internal harus ke berkas .md atau berkas di content/)"))
    return out


def _check_headings(content: ContentSet) -> list[Problem]:
    """A page has exactly one title: bodies may not add level-1 headings."""
    out = []
    for doc in content.documents:
        for index, line in enumerate(doc.body.split("\n")):
            if line.startswith("# "):
                out.append(problem(doc.path, doc.body_line + index, "isi", "judul tingkat 1 ('# ') dibuat otomatis; gunakan '## ' untuk subjudul"))
    return out

