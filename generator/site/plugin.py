"""MkDocs plugin `klinik`: runs the content pipeline inside `mkdocs build` and `mkdocs serve`."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.config.project import Project
from generator.content.loader import ContentCache
from generator.pages import feed
from generator.pages.inventory import area_page, is_subarea_page
from generator.pages.jsonld import faq_jsonld, video_jsonld
from generator.pipeline import Checked, checked
from generator.rab.checks import designs
from generator.rab.downloads import write_downloads
from generator.search import pagefind
from generator.search.algolia_config import frontend_settings as algolia_settings
from generator.site.editor import write_editor
from generator.tools.pages import TOOL_AREAS, area_tools
from generator.util.errors import ContentErrors, GeneratorError


def search_frontend_settings() -> dict:
    """Algolia when its public settings are in the environment, otherwise the embedded engine."""
    return algolia_settings() or pagefind.frontend_settings()

log = logging.getLogger("mkdocs.plugins.klinik")

THEME_DIR = str(Path(__file__).resolve().parent.parent / "theme")
"""The Material overrides (templates, scripts, styles) ship with the package, not with a project's data."""

SHARD_ENV = "KLINIK_SHARD"
"""Set to "k/n" by `klinik build` so each of n processes renders every n-th page (see commands.build)."""


GENERATED_DIR = "build/generated"
"""Derived pages are written here, and only when their text changes, so live preview skips unchanged ones."""


def write_if_changed(path: Path, text: str) -> Path:
    """Write text atomically unless the file already holds it; keep the old mtime otherwise."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path


def _not_mine() -> bool:
    return False


def shard_of_environment() -> tuple[int, int] | None:
    """Return (k, n) when this process builds one shard of the pages, else None."""
    value = os.environ.get(SHARD_ENV)
    if not value:
        return None
    k, n = (int(x) for x in value.split("/"))
    return k, n


class KlinikPluginConfig(Config):
    """Options of the plugin in mkdocs.yml."""

    project_dir = c.Optional(c.Type(str))
    """Folder holding content/ and site_config/; defaults to the folder of mkdocs.yml."""


class KlinikPlugin(BasePlugin[KlinikPluginConfig]):
    """Validates content/ and site_config/, then adds every derived page to the MkDocs build."""

    def __init__(self) -> None:
        self.cache = ContentCache()
        self.state: Checked | None = None
        self.project: Project | None = None
        self.command = "build"
        self.indexed_once = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Exist so MkDocs keeps this object, and its parse cache, across live-preview rebuilds."""
        self.command = command

    def on_config(self, config):
        root = Path(self.config.project_dir or Path(config.config_file_path).parent).resolve()
        self.project = Project(root)
        try:
            self.state = checked(self.project, self.cache)
        except ContentErrors as exc:
            raise PluginError(str(exc)) from None
        if THEME_DIR not in config.theme.dirs:
            config.theme.dirs.insert(0, THEME_DIR)
        meta = self.state.content.config.meta
        if not config.site_url:
            config.site_url = meta.url
        config.nav = self._nav()
        config.extra["klinik_search"] = search_frontend_settings()
        config.extra["klinik_intake"] = meta.intake or ""  # the page-view beacon's server; "" sends nothing
        config.extra["klinik_standar"] = bool(self.state.content.config.standar)  # the footer links the service standard
        if self.command == "serve":
            # A preview needs no sitemap; rendering it for 10,000 pages costs a tenth of the reload budget.
            config.theme.static_templates.discard("sitemap.xml")
        return config

    def _nav(self) -> list:
        taxonomy = self.state.content.config.taxonomy
        # Material prints nav titles as HTML: the names from site_config/ go in escaped.
        tools = [{html.escape(title): src} for area in ("pembiayaan", "pengawasan") for title, src in area_tools(self.state.content.config, area)]
        return [
            {"Beranda": "index.md"},
            {"Bidang layanan": [{html.escape(b.nama): area_page(b.slug)} for b in taxonomy.bidang]},
            {"Tanya jawab": "faq/index.md"},
            *([{"Alat bantu": tools}] if tools else []),
            {"Prosedur": "prosedur/index.md"},
            {"Desain rumah dan RAB": "desain-rumah/index.md"},
            {"Modul": "modul/index.md"},
            {"Artikel": "artikel/index.md"},
            {"Infografis": "infografis/index.md"},
            {"Video": "video/index.md"},
            {"Poster": "poster/index.md"},
            {"Balai P3KP": "balai.md"},
            {"Kepuasan masyarakat (IKM)": "ikm/index.md"},
            {"Ajukan pertanyaan": "ajukan.md"},
        ]

    def on_files(self, files: Files, config) -> Files:
        content = self.state.content
        docs_dir = os.path.normpath(config.docs_dir)
        for file in list(files):
            # MkDocs copies every file it walked in docs_dir (following links, into `_` folders): publish only
            # the pages and assets the check read and passed.
            checked_file = file.src_uri in content.by_src or file.src_uri in content.assets
            if file.src_dir is not None and os.path.normpath(file.src_dir) == docs_dir and not checked_file:
                files.remove(file)
        for file in files:
            doc = content.by_src.get(file.src_uri)
            if doc is None:
                continue
            file.inclusion = InclusionLevel.NOT_IN_NAV if doc.published else InclusionLevel.DRAFT
            if doc.src_uri != doc.dest_src_uri:
                file.dest_uri = f"{doc.section}/{doc.slug}/index.html"
                file.__dict__.pop("url", None)
                file.__dict__.pop("abs_dest_path", None)
        generated_dir = self.project.root / GENERATED_DIR
        for src, text in self.state.renderer.generated().items():
            inclusion = InclusionLevel.NOT_IN_NAV if is_subarea_page(src) else InclusionLevel.UNDEFINED
            path = write_if_changed(generated_dir / src, text)
            files.append(File.generated(config, src, abs_src_path=str(path), inclusion=inclusion))
        shard = shard_of_environment()
        if shard is not None:
            k, n = shard
            pages = sorted(files.documentation_pages(), key=lambda f: f.src_uri)
            for index, file in enumerate(pages):
                if index % n != k:
                    file.is_modified = _not_mine  # a dirty build skips it; another shard writes it
        return files

    def on_page_read_source(self, page, config) -> str | None:
        doc = self.state.content.by_src.get(page.file.src_uri)
        return self.state.renderer.document(doc) if doc is not None else None

    def on_page_context(self, context, page, config, nav):
        doc = self.state.content.by_src.get(page.file.src_uri)
        if doc is not None and doc.section == "faq":
            context["klinik_jsonld"] = faq_jsonld(doc, page.canonical_url or page.abs_url or "")
        if doc is not None and doc.section == "video":
            context["klinik_jsonld"] = video_jsonld(doc, page.canonical_url or page.abs_url or "")
        if doc is not None and doc.published and doc.section in pagefind.SEARCHABLE:
            area = self.state.content.config.taxonomy.area(doc.entry.topik)
            keywords = getattr(doc.entry, "alias", []) + getattr(doc.entry, "tag", [])
            context["klinik_index"] = {"topic": area.nama, "topic_slug": area.slug, "type": doc.section, "kata": ", ".join(keywords)}
        elif page.file.src_uri in TOOL_AREAS:  # calculators and the control card are found by search too
            area = self.state.content.config.taxonomy.area(TOOL_AREAS[page.file.src_uri])
            context["klinik_index"] = {"topic": area.nama, "topic_slug": area.slug, "type": "alat", "kata": ""}
        return context

    def on_post_build(self, config) -> None:
        site_dir = Path(config.site_dir)
        feed.write_feed(self.state.content, site_dir / "feed.xml")
        if (shard_of_environment() or (0, 1))[0] == 0:  # one process writes the RAB downloads and the editor
            write_downloads(designs(self.state.content, published_only=True), self.state.content.config.harga, site_dir)
            try:
                write_editor(site_dir, self.state.content.config, self.project.root)
            except GeneratorError as exc:
                raise PluginError(str(exc)) from None
        if config.extra["klinik_search"]["engine"] != "pagefind" or self.indexed_once:
            return
        # `klinik build` splits pages over processes: shard 0 writes the search dictionary and the parent
        # indexes once all pages exist. Plain `mkdocs build` does both here; a live preview only on its
        # first build (re-indexing 10,000 pages per edit would break the reload budget).
        shard = shard_of_environment()
        if shard is None or shard[0] == 0:
            pagefind.write_dictionary(self.state.content, site_dir)
        if shard is None:
            try:
                pagefind.run_pagefind(site_dir)
            except GeneratorError as exc:
                raise PluginError(str(exc)) from None
            self.indexed_once = self.command == "serve"

    def on_serve(self, server, config, builder):
        server.watch(str(self.project.config_dir))
        return server
