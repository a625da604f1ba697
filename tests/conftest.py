"""Shared fixtures: small project trees copied from tests/fixtures into a temporary folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.site.serve import _SiteHandler

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VECTORS = Path(__file__).resolve().parent / "vectors"
"""Shared Python/JavaScript vectors: the same cases run in Python and in the shipped scripts."""
GOLDEN = Path(__file__).resolve().parent / "golden"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
sys.path.insert(0, str(ROOT / "bench"))
if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

from search_quality import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one browser setup for tests and benches)

VIEWPORTS = {
    "ponsel": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
TIMEOUT_MS = 5_000


def copy_project(name: str, dest: Path) -> Path:
    """Copy a fixture project with the repository's mkdocs.yml (the theme ships with the package)."""
    shutil.copytree(FIXTURES / name, dest, ignore=shutil.ignore_patterns("site", "build"))
    shutil.copyfile(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture
def kecil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small valid project (two areas, every kind of content), with the working directory inside it."""
    project = copy_project("kecil", tmp_path / "kecil")
    monkeypatch.chdir(project)
    return project


def write(root: Path, files: dict[str, str]) -> None:
    """Write {relative path: text} into a project tree."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once for every browser test module (a build with its search index takes seconds)."""
    from generator.config.project import Project
    from generator.site.build import build

    return build(Project(ROOT), site_dir=tmp_path_factory.mktemp("situs") / "site")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One Debian Chromium per module (Playwright's sync API holds an event loop on the main thread while it
    runs, so it must stop before tests that run asyncio themselves); never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: jalankan `make browser` (atau set CHROMIUM=/jalur/ke/chromium)", pytrace=False)
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} tidak ada: jalankan `make setup` (npm ci)", pytrace=False)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextlib.contextmanager
def served_directory(directory: Path) -> Iterator[str]:
    """A folder served over loopback HTTP by `klinik serve`'s handler; yields its base URL (no trailing slash)."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def site(real_site: Path) -> Iterator[tuple[str, Path]]:
    """Serve the real project's built site over HTTP like `klinik serve`, so URLs and the 404 page behave as deployed."""
    with served_directory(real_site) as base:
        yield base, real_site


@pytest.fixture
def phone_360(browser) -> Iterator:
    """The narrowest phone the clinic designs for (360 x 740 CSS px); browser problems fail the test."""
    from tests.browser_support import Problems  # browser_support imports this module

    problems = Problems()
    context = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(5_000)
    page = problems.watch(context.new_page())
    yield page
    context.close()
    assert not problems.items, "galat di peramban:\n" + "\n".join(problems.items)


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One context per viewport, shared by every test of the module to keep it fast."""
    made = {name: browser.new_context(locale="id-ID", **options) for name, options in VIEWPORTS.items()}
    for context in made.values():
        context.set_default_timeout(TIMEOUT_MS)
    yield made
    for context in made.values():
        context.close()


IKK_UJI = """judul: Indeks uji
tahun: 2024
kota_acuan: Kota Uji = 100
sumber:
  - {uraian: Angka uji, tautan: "https://contoh.go.id/ikk"}
basis: alfa
provinsi:
  - {kode: "31", nama: DKI Jakarta, ikk: 100.00, tabel: alfa}
  - {kode: "34", nama: Daerah Istimewa Yogyakarta, ikk: 80.00, tabel: beta}
  - {kode: "51", nama: Bali, ikk: 150.00}
"""


@pytest.fixture
def rumah(kecil: Path) -> Path:
    """The small project with the RAB fixture (one design, priced tables Alfa and Beta) and an ikk.yml over its three
    wilayah.yml provinces: Bali is estimated from Alfa at 150 / 100."""
    shutil.copytree(FIXTURES / "rab", kecil, dirs_exist_ok=True)
    taxonomy = kecil / "site_config" / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    area = "      - {slug: pbg, nama: PBG}"
    taxonomy.write_text(text.replace(area, area + "\n      - {slug: desain-rab, nama: Desain dan RAB}"), encoding="utf-8")
    (kecil / "site_config" / "harga_satuan" / "ikk.yml").write_text(IKK_UJI, encoding="utf-8")
    return kecil


def check_problems(project: Path) -> list[str]:
    """`klinik check`'s problems on a project, as the lines it prints, sorted."""
    from generator.commands.check import check
    from generator.config.project import Project

    return [str(p) for p in sorted(check(Project(project))[1])]
