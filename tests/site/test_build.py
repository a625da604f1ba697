"""A full build of the small fixture: every page, the feed, sitemap, 404, drafts left out, nav kept small."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.config.project import Project
from generator.site.build import build
from tests.conftest import write

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(kecil, tmp_path) -> Path:
    """The fixture project built once with the default settings."""
    return build(Project(kecil), site_dir=tmp_path / "site")


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_every_page_is_built_and_drafts_are_not(site):
    """Content, derived pages and the 404 page exist; the draft FAQ does not."""
    assert pages(site) == {
        "404.html", "index.html", "ajukan/index.html", "balai/index.html", "cari/index.html", "faq/index.html", "privasi/index.html",
        "perlu-ditinjau/index.html",
        "pengaduan-layanan/index.html", "layanan-pemda/index.html",
        "ikm/index.html",
        "faq/apa-itu-kpr-flpp/index.html", "faq/syarat-kpr/index.html",
        "artikel/index.html", "artikel/rumah-layak/index.html", "infografis/index.html", "infografis/alur/index.html",
        "modul/index.html", "modul/m-01-uji/index.html", "prosedur/index.html", "prosedur/pbg/index.html",
        "video/index.html", "poster/index.html",
        "bidang/pembiayaan/index.html", "bidang/pembiayaan/kredit-rumah/index.html", "bidang/pembiayaan/rumah-subsidi/index.html",
        "bidang/perencanaan-rumah/index.html", "bidang/perencanaan-rumah/pbg/index.html",
        "desain-rumah/index.html",
        "admin/index.html",  # the browser editor (generator/site/editor.py)
    }
    assert "rancangan" not in (site / "sitemap.xml").read_text()


def test_faq_in_a_subfolder_keeps_a_flat_address(site):
    """content/faq/pembiayaan/syarat-kpr.md is served at /faq/syarat-kpr/, so moving it between folders keeps links."""
    assert (site / "faq/syarat-kpr/index.html").exists()
    assert not (site / "faq/pembiayaan").exists()


def test_pages_are_indonesian(site):
    """Theme language, dates and the 404 page speak Indonesian."""
    home = (site / "index.html").read_text()
    assert '<html lang="id"' in home
    faq = (site / "faq/syarat-kpr/index.html").read_text()
    assert "21 November 2026" in faq
    not_found = (site / "404.html").read_text()
    assert "Halaman tidak ditemukan" in not_found


def test_modules_are_downloadable_with_history(site):
    """The PDF is copied beside the page and the page links it with its size and version history."""
    page = (site / "modul/m-01-uji/index.html").read_text()
    assert (site / "modul/m-01.pdf").exists()
    assert 'href="../m-01.pdf"' in page
    assert "Riwayat versi" in page and "10 Januari 2026" in page


def test_feed_lists_every_published_kind(site):
    """feed.xml is valid Atom with the newest entries first and absolute links: FAQ, modules and procedures too."""
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    entries = [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href")) for e in root.findall(f"{ATOM}entry")]
    assert entries == [
        ("Apa syarat mengajukan KPR subsidi?", "https://klinik.example.go.id/faq/syarat-kpr/"),
        ("Apa itu KPR FLPP?", "https://klinik.example.go.id/faq/apa-itu-kpr-flpp/"),
        ("Alur konsultasi", "https://klinik.example.go.id/infografis/alur/"),
        ("Rumah layak huni", "https://klinik.example.go.id/artikel/rumah-layak/"),
        ("Mengurus PBG rumah tinggal", "https://klinik.example.go.id/prosedur/pbg/"),
        ("Modul uji", "https://klinik.example.go.id/modul/m-01-uji/"),
    ]


def test_sitemap_uses_site_url(site):
    """The sitemap lists absolute URLs under the configured address."""
    urls = re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text())
    assert "https://klinik.example.go.id/faq/syarat-kpr/" in urls
    assert all(u.startswith("https://klinik.example.go.id/") for u in urls)


def nav_links(html: str) -> int:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S)
    return len(re.findall(r"<a ", nav.group(0) if nav else html))


def test_navigation_does_not_grow_with_the_number_of_faq(kecil, tmp_path):
    """Adding 40 FAQ leaves every FAQ page's size and navigation unchanged (the nav lists areas, not questions)."""
    before = build(Project(kecil), site_dir=tmp_path / "a")
    for i in range(40):
        write(kecil, {f"content/faq/pembiayaan/tambahan-{i:02d}.md": (
            f"---\npertanyaan: Pertanyaan tambahan nomor {i:02d}?\ntopik: pembiayaan\nsubtopik: kredit-rumah\n"
            "ditinjau: 2026-11-01\npeninjau: {peran: TA, nama: Tim Uji}\nstatus: terbit\n---\nJawaban.\n")})
    after = build(Project(kecil), site_dir=tmp_path / "b")
    page = "faq/apa-itu-kpr-flpp/index.html"
    old, new = (before / page).read_text(), (after / page).read_text()
    assert nav_links(old) == nav_links(new)
    assert abs(len(old) - len(new)) < 200


def test_split_build_equals_single_process_build(kecil, tmp_path):
    """Pages rendered by two processes are byte-identical to a one-process build.

    Pagefind's own bundle is not byte-stable between runs (its file names and order vary with its
    threads), so for pagefind/ the two builds must index the same pages instead.
    """
    one = build(Project(kecil), site_dir=tmp_path / "one", jobs=1)
    two = build(Project(kecil), site_dir=tmp_path / "two", jobs=2)
    entries = [json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"] for site in (one, two)]
    assert entries[0]["id"]["page_count"] == entries[1]["id"]["page_count"] == 6
    comparison = filecmp.dircmp(one, two, ignore=["pagefind"])
    mismatches = []

    def walk(c):
        mismatches.extend(c.left_only + c.right_only + c.diff_files)
        for sub in c.subdirs.values():
            walk(sub)

    walk(comparison)
    assert mismatches == []


def test_build_cli_reports_success(kecil):
    """`klinik build` exits 0 and names the site folder."""
    proc = subprocess.run([Path(sys.executable).parent / "klinik", "build"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"Situs dibangun di {kecil / 'site'}"
