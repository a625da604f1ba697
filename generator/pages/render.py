"""Turn documents and the content set into the Markdown pages MkDocs renders (pure functions)."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.config import SiteConfig
from generator.content.collection import ContentSet, sha256_of
from generator.content.freshness import last_reviewed, reviews
from generator.content.ikm import MIN_RESPONDENTS
from generator.content.loader import Document
from generator.content.schemas import Faq
from generator.intake.web.complaint_pages import complaint_form_html, lapor_html
from generator.intake.web.pages import form_html
from generator.pages.ikm import INDEX, period_name, period_page, release_context, trend_context
from generator.pages.inventory import area_page, subarea_page, subarea_pages
from generator.pages.media import MEDIA_SECTIONS, media_context
from generator.pages.standar import deadline_page, render_standar
from generator.rab.checks import designs
from generator.rab.pages import catalogue_context, design_context
from generator.rab.table import angka, rupiah
from generator.tools.pages import area_tools, render_tools
from generator.util.dates import tanggal
from generator.util.markdown import plain_text
from generator.util.markup import front_matter_text, markdown_text, url

REVIEW_ROWS = 300
"""How many of the longest-unreviewed pages the review schedule lists (the page stays small at 10,000 FAQ)."""
PERAN = {"TA": "Tenaga Ahli (TA)", "ATA": "Asisten Tenaga Ahli (ATA)", "Ditjen": "Direktorat Jenderal"}


def link(from_uri: str, to_uri: str) -> Markup:
    """Return the relative Markdown link from one docs page to another (paths of slugs: nothing to escape)."""
    return url(posixpath.relpath(to_uri, posixpath.dirname(from_uri) or "."))


def yaml_str(value: str) -> Markup:
    """Quote a string for the generated front matter; MkDocs and Material print title and description as HTML."""
    return front_matter_text(str(value))


def describe(text: str, limit: int = 160) -> str:
    """Return a meta description: the first paragraph as plain text, cut at a word boundary."""
    first_paragraph = text.strip().split("\n\n", 1)[0]
    plain = plain_text(first_paragraph)
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def host(address: str) -> str:
    """The site a source link points to (pkp.go.id), so a list of sources reads as where they come from."""
    return urlsplit(address).netloc.removeprefix("www.")


def file_size(num_bytes: int) -> str:
    """Human size in Indonesian style: 120 KB, 1,2 MB."""
    if num_bytes < 1024 * 1024:
        return f"{max(1, round(num_bytes / 1024))} KB"
    return f"{num_bytes / 1024 / 1024:.1f} MB".replace(".", ",")


@lru_cache(maxsize=8)
def environment(overrides: str | None) -> Environment:
    """Build the Jinja2 environment: site_config/templates overrides the packaged templates."""
    loaders = [FileSystemLoader(overrides)] if overrides and Path(overrides).is_dir() else []
    loaders.append(PackageLoader("generator.pages", "templates"))
    # Every {{ value }} passes markdown_text (escaped for Markdown and HTML); Markdown bodies, the form and
    # script JSON are marked `| safe` in the templates. Jinja's autoescape stays off: with it, filters such as
    # join hand back Markup escaped for HTML only, which finalize would then let through unescaped for Markdown.
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=markdown_text,
        auto_reload=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(tanggal=tanggal, yaml=yaml_str, describe=describe, size=file_size, host=host, rupiah=rupiah, angka=angka, tautan=url)
    env.filters["persen"] = lambda value: f"{angka(value)}%"
    env.globals.update(link=link, peran=PERAN, area_page=area_page, subarea_page=subarea_page)
    return env


def ajukan_form(config: SiteConfig) -> str:
    """The question form for the "Ajukan pertanyaan" page (the intake app fills its token per request)."""
    if config.wilayah is None:  # `klinik check` reports why; the page then keeps only the other channels
        return ""
    html = form_html(config.wilayah, {b.slug: b.nama for b in config.taxonomy.bidang})
    return "\n".join(line for line in html.splitlines() if line.strip())


def complaint_form(config: SiteConfig) -> str:
    """The saran/pengaduan form for its page (the intake app fills its token per request), blank lines dropped."""
    if config.wilayah is None:
        return ""
    return "\n".join(line for line in complaint_form_html(config.wilayah).splitlines() if line.strip())


class Renderer:
    """Renders every page of one content set; keeps the set and its lookups together."""

    def __init__(self, content: ContentSet, content_root: Path):
        self.content = content
        self.content_root = content_root
        overrides = content.config.root / "templates"
        self.env = environment(str(overrides))
        self.taxonomy = content.config.taxonomy

    def _render(self, template: str, **context) -> str:
        config = self.content.config  # ketentuan: the deadline and fee the intake uses, and the page of the standard that sets them
        return self.env.get_template(template).render(site=config.meta, taxonomy=self.taxonomy, ketentuan=config.ketentuan,
                                                      halaman_standar=deadline_page(config), **context)

    def can_render(self, doc: Document) -> bool:
        """Tell whether the document's area and sub-area exist (else its page cannot be drawn)."""
        area = self.taxonomy.area(doc.entry.topik)  # type: ignore[attr-defined]
        sub = getattr(doc.entry, "subtopik", None)
        return area is not None and (sub is None or any(s.slug == sub for s in area.subtopik))

    def document(self, doc: Document) -> str:
        """Render a content document to the Markdown of its page."""
        entry = doc.entry
        area = self.taxonomy.area(entry.topik)  # type: ignore[attr-defined]
        sub_slug = getattr(entry, "subtopik", None)
        sub = next((s for s in area.subtopik if s.slug == sub_slug), None) if area else None
        context: dict = {"doc": doc, "e": entry, "area": area, "sub": sub, "src": doc.src_uri}
        if isinstance(entry, Faq):
            context["related"] = [self.content.by_slug[("faq", s)] for s in entry.terkait if ("faq", s) in self.content.by_slug]
        if doc.section == "modul":
            context["successors"] = [d for d in self.content.section("modul", False) if doc.slug in d.entry.menggantikan]  # type: ignore[attr-defined]
            context["predecessors"] = [self.content.by_slug[("modul", s)] for s in entry.menggantikan if ("modul", s) in self.content.by_slug]  # type: ignore[attr-defined]
            pdf = self.content_root / posixpath.normpath(posixpath.join(posixpath.dirname(doc.src_uri), entry.berkas))  # type: ignore[attr-defined]
            context["pdf_size"] = pdf.stat().st_size if pdf.exists() else 0
            context["pdf_sha256"] = sha256_of(pdf) if pdf.exists() else entry.sha256  # type: ignore[attr-defined]  # computed, never typed
        if doc.section in MEDIA_SECTIONS:
            context.update(media_context(doc, self.content_root))
        if doc.section == "desain-rumah":
            context.update(design_context(doc, self.content.config.harga))
        return self._render(f"{doc.section}.md.j2", **context)

    def generated(self) -> dict[str, str]:
        """Render every derived page: home, areas, sub-areas, section indexes, Balai, asking."""
        pages: dict[str, str] = {}
        content = self.content
        counts = {a.slug: sum(len(v) for v in content.faq_by_subarea(a.slug).values()) for a in self.taxonomy.bidang}
        common = {"counts": counts, "content": content}
        tools = [tool for area in ("pembiayaan", "pengawasan") for tool in area_tools(content.config, area)]
        pages["index.md"] = self._render("home.md.j2", src="index.md", tools=tools, **common)
        pages["faq/index.md"] = self._render("faq_index.md.j2", src="faq/index.md", terakhir=last_reviewed(content.section("faq")), **common)
        schedule = reviews(content)
        pages["perlu-ditinjau.md"] = self._render("perlu_ditinjau.md.j2", src="perlu-ditinjau.md", reviews=schedule[:REVIEW_ROWS], total=len(schedule))
        pages["balai.md"] = self._render("balai.md.j2", src="balai.md", balai=content.config.balai)
        pages["ajukan.md"] = self._render("ajukan.md.j2", src="ajukan.md", form_html=ajukan_form(content.config))
        pages["cari.md"] = self._render("cari.md.j2", src="cari.md")
        pages["pengaduan-layanan.md"] = self._render("pengaduan_layanan.md.j2", src="pengaduan-layanan.md",
                                                      form_html=complaint_form(content.config), lapor_html=lapor_html())
        pages["layanan-pemda.md"] = self._render("layanan_pemda.md.j2", src="layanan-pemda.md")
        pages["privasi.md"] = self._render("privasi.md.j2", src="privasi.md", intake=bool(content.config.meta.intake))
        for section in ("artikel", "infografis", "modul", "prosedur", *MEDIA_SECTIONS):
            src = f"{section}/index.md"
            pages[src] = self._render(f"{section}_index.md.j2", src=src, docs=self._ordered(section))
        pages.update(render_tools(self._render, content.config))
        pages.update(self._ikm())
        pages.update(render_standar(self._render, content.config))
        catalogue = catalogue_context(designs(content, published_only=True), content.config.harga)
        pages["desain-rumah/index.md"] = self._render("desain-rumah_index.md.j2", src="desain-rumah/index.md", **catalogue)
        for area in self.taxonomy.bidang:
            groups = content.faq_by_subarea(area.slug)
            src = area_page(area.slug)
            others = [d for d in content.documents if d.published and d.section != "faq" and d.entry.topik == area.slug]  # type: ignore[attr-defined]
            tools = area_tools(content.config, area.slug)
            pages[src] = self._render("area.md.j2", src=src, area=area, groups=groups, others=others, per_area=10, tools=tools)
            for p in subarea_pages(content, area):
                pages[p.src] = self._render(
                    "subarea.md.j2", src=p.src, area=area, sub=p.sub, docs=p.docs, page=p.page, total=p.total, count=p.count
                )
        return pages

    def _ikm(self) -> dict[str, str]:
        """The IKM index (method, periods, trend) and one page per published period."""
        content = self.content
        releases = [(r, period_name(r.data.periode)) for r in content.ikm]
        pages = {INDEX: self._render("ikm_index.md.j2", src=INDEX, releases=releases, trend=trend_context(content),
                                     release_page=period_page, min_respondents=MIN_RESPONDENTS)}
        for release in content.ikm:
            src = period_page(release)
            pages[src] = self._render("ikm_periode.md.j2", src=src, min_respondents=MIN_RESPONDENTS, **release_context(release, content.config))
        return pages

    def _ordered(self, section: str) -> list[Document]:
        docs = self.content.section(section)
        if section in ("artikel", "infografis", *MEDIA_SECTIONS):
            return sorted(docs, key=lambda d: (d.entry.tanggal, d.slug), reverse=True)  # type: ignore[attr-defined]
        if section == "modul":
            return sorted(docs, key=lambda d: d.entry.nomor)  # type: ignore[attr-defined]
        return sorted(docs, key=lambda d: d.title.casefold())
