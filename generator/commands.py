"""One function per CLI verb, free of click, so tests and other tools can call them directly."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import logging
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import frontmatter
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .errors import GeneratorError, Problem
from .loader import read_document
from .pipeline import Checked, Project, gather

MKDOCS_FILE = "mkdocs.yml"


def check(project: Project) -> tuple[Checked | None, list[Problem]]:
    """Validate everything; return the checked content or every problem."""
    return gather(project)


def describe_counts(state: Checked) -> str:
    """Summarise what a clean check found, per section."""
    counts = Counter(d.section for d in state.content.documents)
    parts = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
    return f"Konten valid: {sum(counts.values())} berkas ({parts})."


class _EchoHandler(logging.Handler):
    """Print MkDocs warnings and errors verbatim, so the build's report reads like `klinik check`."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            print(message, file=sys.stderr)
        else:
            print(f"PERINGATAN: {message}", file=sys.stderr)


def build(project: Project, *, strict: bool = True, site_dir: Path | None = None) -> Path:
    """Build the site with MkDocs (the `klinik` plugin validates first); return the site folder."""
    handler = _EchoHandler(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        overrides = {"strict": strict}
        if site_dir is not None:
            overrides["site_dir"] = str(site_dir)
        config = load_config(config_file=str(project.root / MKDOCS_FILE), **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        raise GeneratorError(f"Build dibatalkan: {exc}") from None
    finally:
        logger.removeHandler(handler)
    return Path(config.site_dir)


def preview(project: Project, address: str) -> None:
    """Serve a live preview for editors: only edited pages are rebuilt (MkDocs --dirty)."""
    from mkdocs.commands.serve import serve

    serve(config_file=str(project.root / MKDOCS_FILE), livereload=True, build_type="dirty", dev_addr=address)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static handler that answers unknown paths with the site's own 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        """Log method, path and status only: never query strings or client addresses."""
        sys.stderr.write(f"{self.command} {self.path.split('?', 1)[0]} {args[1] if len(args) > 1 else ''}\n")


def serve_site(site_dir: Path, host: str, port: int) -> None:
    """Serve the built site over HTTP until interrupted."""
    if not (site_dir / "index.html").exists():
        raise GeneratorError(f"{site_dir}/index.html tidak ada: jalankan `klinik build` dulu")
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Situs Klinik PKP: http://{host}:{port}/", file=sys.stderr)
        server.serve_forever()


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
        "pertanyaan": pertanyaan,
        "topik": topik,
        "subtopik": subtopik,
        "tag": [],
        "alias": [],
        "ditinjau": today or dt.date.today(),
        "peninjau": {"peran": peran, "nama": peninjau},
        "dasar_hukum": [],
        "terkait": [],
        "status": "draft" if draft else "terbit",
    }
    if tiket:
        meta["tiket"] = tiket
    path = project.content_dir / "faq" / topik / f"{slug}.md"
    text = frontmatter.dumps(frontmatter.Post(jawaban.strip() + "\n", **meta), sort_keys=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    document, problems = read_document(path, project.content_dir, "faq")
    if document is None:
        path.unlink()
        raise GeneratorError("FAQ tidak valid, berkas tidak ditulis:\n" + "\n".join(str(p) for p in problems))
    return path
