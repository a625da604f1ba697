"""The Decap CMS config.yml of the editor at /admin/, generated from the content schemas and site_config/ (never hand-kept)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel

from generator.config import SiteConfig
from generator.config.balai import BALAI_FILE, BalaiDirectory
from generator.config.hari_libur import HOLIDAY_FILE, HariLibur
from generator.config.pencarian import DICTIONARY_FILE, SearchDictionary
from generator.config.project import CONFIG_DIR, CONTENT_DIR
from generator.content.loader import CONTENT_BODY_REQUIRED, CONTENT_SCHEMAS
from generator.content.schemas import SECTION_TITLES
from generator.site.cms_fields import Choices, model_fields

AUTH_ENDPOINT = "api/cms/auth"
"""The intake server's OAuth handshake for the GitHub backend (generator/intake/web/), relative to its origin."""

TITLES = {**SECTION_TITLES, "desain-rumah": "Desain rumah"}
BODY_LABELS = {"faq": "Jawaban", "artikel": "Isi artikel", "infografis": "Transkrip teks", "prosedur": "Pengantar",
               "desain-rumah": "Uraian desain", "video": "Transkrip", "poster": "Transkrip teks"}
"""What the Markdown body of each kind is, as the editor labels it (other kinds: "Isi")."""

BY_TOPIC = {"faq"}
"""Kinds whose new files go to content/<kind>/<topik>/, as `klinik new faq` writes them."""

IDENTIFIERS = ("pertanyaan", "judul", "nama")
"""The field that names an entry in lists and gives a new file its slug, first found."""

RELATIONS = {
    "terkait": {"collection": "faq", "search_fields": ["pertanyaan"], "display_fields": ["pertanyaan"]},
    "menggantikan": {"collection": "modul", "search_fields": ["nomor", "judul"], "display_fields": ["nomor", "judul"]},
}
"""Fields holding slugs of other entries: chosen from that collection, stored as the file name (the slug)."""

DATA_FILES: list[tuple[str, str, str, type[BaseModel]]] = [
    ("balai", "Direktori Balai P3KP", BALAI_FILE, BalaiDirectory),
    ("pencarian", "Kamus pencarian", DICTIONARY_FILE, SearchDictionary),
    ("hari_libur", "Koreksi hari libur", HOLIDAY_FILE, HariLibur),
]
"""The site_config/ files a TA edits in the browser: name, label, file, model."""


def _choices(config: SiteConfig) -> Choices:
    """Areas and sub-areas from taxonomy.yml, provinces from wilayah.yml, relations to the collections that exist."""
    areas = config.taxonomy.bidang
    subareas: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for area in areas:
        for sub in area.subtopik:
            subareas.setdefault(sub.slug, []).append(area.nama)
            names.setdefault(sub.slug, sub.nama)
    return Choices(
        topik=[{"label": a.nama, "value": a.slug} for a in areas],
        subtopik=[{"label": f"{names[slug]} ({' / '.join(owners)})", "value": slug} for slug, owners in subareas.items()],
        provinsi=[p.nama for p in config.wilayah.provinsi] if config.wilayah else [],
        relations={name: {**rel, "value_field": "{{filename}}"} for name, rel in RELATIONS.items() if rel["collection"] in CONTENT_SCHEMAS},
    )


def _folder_collection(section: str, model: type[BaseModel], choices: Choices) -> dict:
    """One folder collection: content/<section>/*.md, the schema's fields in order, then the Markdown body."""
    fields = model_fields(model, choices)
    names = [f["name"] for f in fields]
    identifier = next((n for n in IDENTIFIERS if n in names), names[0])
    # Raw Markdown first: the rich-text mode rewrites a whole body on save ("-" lists become "*", tables padded).
    body = {"label": BODY_LABELS.get(section, "Isi"), "name": "body", "widget": "markdown", "modes": ["raw", "rich_text"],
            "required": section in CONTENT_BODY_REQUIRED}
    collection = {
        "name": section,
        "label": TITLES.get(section, section.replace("-", " ").capitalize()),
        "folder": f"{CONTENT_DIR}/{section}",
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": identifier,
        "media_folder": "",  # files sit next to the .md and are named bare, as the schemas read them
        "public_folder": "",
        "sortable_fields": [n for n in (identifier, "ditinjau", "tanggal") if n in names],
        "view_filters": [{"label": label, "field": "status", "pattern": value} for value, label in (("draft", "Draf"), ("terbit", "Terbit"))],
        "fields": [*fields, body],
    }
    if "topik" in names:
        collection["view_groups"] = [{"label": "Bidang", "field": "topik"}]
    if section in BY_TOPIC and "topik" in names:
        collection["path"] = "{{topik}}/{{slug}}"
    if "kode" in names:  # a design's code is its file name
        collection["slug"] = "{{kode}}"
    return collection


def _data_collection(choices: Choices) -> dict:
    """The file collection of site_config/ data a TA keeps current."""
    files = [{"name": name, "label": label, "file": f"{CONFIG_DIR}/{file}", "fields": model_fields(model, choices)}
             for name, label, file, model in DATA_FILES]
    return {"name": "data", "label": "Data situs", "editor": {"preview": False}, "files": files}


def intake_origin(config: SiteConfig) -> str:
    """Where the intake server answers: site.yml's `intake` when it names a host, else the site's own origin."""
    address = config.meta.intake if config.meta.intake and config.meta.intake != "/" else config.meta.url
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def github_backend(config: SiteConfig, environ: Mapping[str, str]) -> dict:
    """Production: the GitHub backend, signing in through the intake server; repository and branch from env or site.yml."""
    repo = environ.get("KLINIK_GITHUB_REPO") or config.meta.repositori or environ.get("GITHUB_REPOSITORY")
    backend = {"name": "github", "branch": environ.get("KLINIK_BASE_BRANCH") or config.meta.cabang,
               "base_url": intake_origin(config), "auth_endpoint": AUTH_ENDPOINT, "squash_merges": True}
    if repo:
        backend["repo"] = repo
    return backend


LOCAL_API = "http://localhost:8081/api/v1"
"""decap-server's address when started with `npx decap-server` in the project folder (its default port)."""


def backends(config: SiteConfig, local_backend: str | None, environ: Mapping[str, str]) -> dict:
    """GitHub once a repository is known, with decap-server while the editor runs on this machine; without one, only
    decap-server (Decap's `proxy` backend), so `make run` opens an editor that can work instead of Decap's English error."""
    github = github_backend(config, environ)
    if "repo" in github:
        return {"backend": github, "local_backend": {"url": local_backend} if local_backend else True}
    return {"backend": {"name": "proxy", "proxy_url": local_backend or LOCAL_API, "branch": github["branch"]}}


def decap_config(config: SiteConfig, *, local_backend: str | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """The whole Decap configuration: one collection per content kind, the data files, GitHub in production,
    decap-server (at `local_backend`, default LOCAL_API) when the editor runs on this machine."""
    choices = _choices(config)
    collections = [_folder_collection(section, model, choices) for section, model in CONTENT_SCHEMAS.items()]
    return {
        "locale": "id",
        **backends(config, local_backend, os.environ if environ is None else environ),
        "publish_mode": "editorial_workflow",
        "site_url": config.meta.url,
        "display_url": config.meta.url,
        "show_preview_links": False,  # pull requests get no preview deploy; the site is built on merge
        "media_folder": f"{CONTENT_DIR}/media",
        "public_folder": "/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [*collections, _data_collection(choices)],
    }


class _PlainDumper(yaml.SafeDumper):
    """Writes a shared list (the areas in several collections) out each time: no anchors or aliases."""

    def ignore_aliases(self, data: object) -> bool:
        """Never an alias: Decap's YAML reader and our guarded loader both refuse anchors."""
        return True


def config_yaml(decap: dict) -> str:
    """The configuration as the config.yml Decap reads, with a note that it is generated."""
    head = "# Dibuat oleh `klinik cms` (dan `klinik build`) dari skema konten dan site_config/. Jangan disunting tangan.\n"
    return head + yaml.dump(decap, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=120)
