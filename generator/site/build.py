"""`klinik build`: a clean MkDocs build with pages split over one process per core, indexed once at the end."""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from generator.config.project import Project
from generator.search.pagefind import run_pagefind
from generator.site.plugin import SHARD_ENV, search_frontend_settings
from generator.util.errors import GeneratorError

MKDOCS_FILE = "mkdocs.yml"


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
