"""One function per CLI verb, free of click, so tests and other tools can call them directly."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import io
import http.server
import logging
import multiprocessing
import os
import re
import shutil
import sys
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import frontmatter
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .errors import GeneratorError, Problem
from .loader import read_document
from .pipeline import Checked, Project, gather
from .plugin import SHARD_ENV, search_frontend_settings
from .search_index import run_pagefind

MKDOCS_FILE = "mkdocs.yml"


def check(project: Project) -> tuple[Checked | None, list[Problem]]:
    """Validate everything, submissions/ included; return the checked content or every problem."""
    from .intake.kurasi import submission_problems  # the intake package imports this module's neighbours

    state, problems = gather(project)
    problems += submission_problems(project)
    return (state, []) if state is not None and not problems else (None, problems)


def describe_counts(state: Checked) -> str:
    """Summarise what a clean check found, per section."""
    counts = Counter(d.section for d in state.content.documents)
    parts = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
    warnings = f" {len(state.peringatan)} peringatan." if state.peringatan else ""
    return f"Konten valid: {sum(counts.values())} berkas ({parts}).{warnings}"


class _CollectHandler(logging.Handler):
    """Keep MkDocs warnings and errors so the build can print each one once."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message if record.levelno >= logging.ERROR else f"PERINGATAN: {message}")


def _is_shard_notice(record: logging.LogRecord) -> bool:
    """Drop MkDocs' notice about dirty builds: a shard's build is partial by design, not by accident."""
    return "'dirty' build is being performed" not in record.getMessage()


def _run_mkdocs(root: str, strict: bool, site_dir: str, shard: str | None) -> tuple[bool, list[str]]:
    """Run one MkDocs build in this process; return (succeeded, warnings and errors)."""
    if shard:
        os.environ[SHARD_ENV] = shard
    handler = _CollectHandler()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    build_logger = logging.getLogger("mkdocs.commands.build")
    build_logger.addFilter(_is_shard_notice)
    try:
        config = load_config(config_file=str(Path(root) / MKDOCS_FILE), strict=strict, site_dir=site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config, dirty=bool(shard))
        finally:
            config.plugins.on_shutdown()
        return True, handler.messages
    except (Abort, ConfigurationError) as exc:
        return False, handler.messages + [f"Build dibatalkan: {exc}"]
    finally:
        logger.removeHandler(handler)
        build_logger.removeFilter(_is_shard_notice)
        os.environ.pop(SHARD_ENV, None)


def build_jobs() -> int:
    """How many processes render pages: KLINIK_BUILD_JOBS, else one per CPU core."""
    value = os.environ.get("KLINIK_BUILD_JOBS")
    return max(1, int(value)) if value else max(1, os.cpu_count() or 1)


def build(project: Project, *, strict: bool = True, site_dir: Path | None = None, jobs: int | None = None) -> Path:
    """Build the site cleanly with MkDocs, pages split over `jobs` processes; return the site folder."""
    site = (site_dir or project.root / "site").resolve()
    jobs = jobs or build_jobs()
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    if jobs == 1:
        results = [_run_mkdocs(str(project.root), strict, str(site), None)]
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            futures = [pool.submit(_run_mkdocs, str(project.root), strict, str(site), f"{k}/{jobs}") for k in range(jobs)]
            results = [f.result() for f in futures]
    messages = list(dict.fromkeys(m for _, shard_messages in results for m in shard_messages))
    if not all(ok for ok, _ in results):
        raise GeneratorError("\n".join(messages))
    for message in messages:
        print(message, file=sys.stderr)
    if jobs > 1 and search_frontend_settings()["engine"] == "pagefind":
        run_pagefind(site)
    return site


class _ChangesOnly:
    """Pass on only events that change files: inotify also reports reads, which would loop rebuilds."""

    IGNORED = {"opened", "closed", "closed_no_write"}

    def __init__(self, inner) -> None:
        self.inner = inner

    def dispatch(self, event) -> None:
        if event.event_type not in self.IGNORED:
            self.inner.dispatch(event)


def _ChangeObserver(timeout: float = 0.5):  # noqa: N802 - stands in for a class
    """Return an OS-notification observer that MkDocs' live reload can use like its polling one."""
    from watchdog.observers import Observer

    class ChangeObserver(Observer):
        def schedule(self, event_handler, path, recursive=False, **kwargs):
            return super().schedule(_ChangesOnly(event_handler), path, recursive=recursive, **kwargs)

    return ChangeObserver(timeout=timeout)


def preview(project: Project, address: str) -> None:
    """Serve a live preview for editors: only edited pages are rebuilt (MkDocs --dirty)."""
    import watchdog.observers.polling
    from mkdocs.commands.serve import serve

    # MkDocs polls every watched file twice a second; with 10,000 FAQ one poll alone takes a
    # noticeable share of the 3-second reload budget. Use the OS's change notifications instead.
    watchdog.observers.polling.PollingObserver = _ChangeObserver
    serve(config_file=str(project.root / MKDOCS_FILE), livereload=True, build_type="dirty", dev_addr=address)


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """Compress a static file once per version: phones on slow data get text at a quarter of its size."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static handler: gzip for text files, and the site's own 404 page for unknown paths."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

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
