"""The built site in a real headless Chromium: a visitor's walk works on phone and desktop, and axe finds no serious barriers."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations
from tests.conftest import ROOT, VIEWPORTS

AREA = "pembiayaan"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


SITE = _yaml(ROOT / "site_config" / "site.yml")
AREA_NAME = next(b["nama"] for b in _yaml(ROOT / "site_config" / "taxonomy.yml")["bidang"] if b["slug"] == AREA)


def _walk_question() -> frontmatter.Post:
    """The first published question of AREA that cites a legal basis, so every part of a FAQ page shows."""
    for path in sorted((ROOT / "content" / "faq").rglob("*.md")):
        post = frontmatter.load(path)
        if post.get("topik") == AREA and post.get("status") == "terbit" and post.get("dasar_hukum"):
            post["slug"] = path.stem
            return post
    raise AssertionError(f"tidak ada FAQ terbit di bidang {AREA} yang punya dasar_hukum; uji ini butuh satu")


QUESTION = _walk_question()


def _faq_jsonld(page: Page) -> dict:
    scripts = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(scripts) == 1, f"{page.url}: harus ada tepat satu JSON-LD, ada {len(scripts)}"
    return json.loads(scripts[0])


def _content(page: Page):
    return page.locator("article.md-content__inner")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_visitor_walks_home_area_question(site, contexts, viewport):
    """A citizen finds an answer by clicking: home -> area card -> question -> 'Ajukan pertanyaan', with no errors on the way."""
    base, _ = site
    problems = Problems()
    page = problems.watch(contexts[viewport].new_page())
    try:
        page.goto(f"{base}/")
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.locator("h1")).to_have_text(SITE["nama"])
        assert_fits(page)

        _content(page).get_by_role("link", name=AREA_NAME, exact=True).click()
        page.wait_for_url(f"{base}/bidang/{AREA}/")
        expect(page.locator("h1")).to_have_text(AREA_NAME)
        assert_fits(page)

        _content(page).get_by_role("link", name=QUESTION["pertanyaan"], exact=True).click()
        page.wait_for_url(f"{base}/faq/{QUESTION['slug']}/")
        h1 = page.locator("h1")
        expect(h1).to_have_text(QUESTION["pertanyaan"])
        review = page.locator(".klinik-tinjau")
        expect(review).to_contain_text("Terakhir ditinjau:")
        expect(review).to_contain_text(QUESTION["peninjau"]["nama"])
        expect(page.get_by_role("heading", name="Dasar hukum", level=2)).to_be_visible()
        data = _faq_jsonld(page)
        assert data["@type"] == "FAQPage"
        assert data["mainEntity"][0]["@type"] == "Question"
        assert data["mainEntity"][0]["name"] == h1.inner_text().strip()
        assert data["mainEntity"][0]["acceptedAnswer"]["text"].strip()
        assert_fits(page)

        _content(page).get_by_role("link", name="Ajukan pertanyaan", exact=True).last.click()
        page.wait_for_url(f"{base}/ajukan/")
        expect(page.locator("html")).to_have_attribute("lang", "id")
        page.wait_for_load_state("load")
    finally:
        page.close()
    assert not problems.items, f"{viewport}: galat di peramban:\n" + "\n".join(problems.items)


def _axe_pages(site_dir: Path) -> dict[str, str]:
    """Path of one page of every kind a visitor meets, including the 404 page at a missing address."""

    def first(section: str) -> str:
        pages = sorted(p.parent.name for p in (site_dir / section).glob("*/index.html"))
        assert pages, f"situs tidak punya halaman {section}"
        return f"/{section}/{pages[0]}/"

    return {
        "beranda": "/",
        "bidang": f"/bidang/{AREA}/",
        "faq": f"/faq/{QUESTION['slug']}/",
        "ajukan": "/ajukan/",
        "balai": "/balai/",
        "ikm": "/ikm/",
        "modul": first("modul"),
        "prosedur": first("prosedur"),
        "infografis-daftar": "/infografis/",
        "infografis": first("infografis"),
        "404": "/halaman-yang-tidak-ada/",
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_serious_violations(site, contexts, viewport):
    """Every kind of page is usable with a screen reader and readable (axe-core: no serious or critical violations)."""
    base, site_dir = site
    failures = []
    page = contexts[viewport].new_page()
    try:
        for name, path in _axe_pages(site_dir).items():
            response = page.goto(base + path)
            assert response is not None
            assert response.status == (404 if name == "404" else 200), f"{path}: HTTP {response.status}"
            if page.locator("html").get_attribute("lang") != "id":
                failures.append(f"{name} {path}: <html lang> bukan 'id'")
            blocking = axe_blocking(page)
            if blocking:
                failures.append(f"{name} {path}:\n{describe_violations(blocking)}")
    finally:
        page.close()
    assert not failures, f"{viewport}: pelanggaran aksesibilitas serius/kritis:\n" + "\n".join(failures)
