"""The built site in a real headless Chromium: a visitor's walk works on phone and desktop, and axe finds no serious barriers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.conftest import AXE, ROOT, VIEWPORTS

AREA = "pembiayaan"
BLOCKING = {"serious", "critical"}


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


@dataclass
class Problems:
    """Console errors, uncaught exceptions and failed requests seen by one page."""

    items: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on("console", lambda m: m.type == "error" and self.items.append(f"console: {m.text} ({m.location.get('url')})"))
        page.on("pageerror", lambda e: self.items.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.items.append(f"requestfailed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.items.append(f"HTTP {r.status}: {r.url}"))
        return page


def _faq_jsonld(page: Page) -> dict:
    scripts = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(scripts) == 1, f"{page.url}: harus ada tepat satu JSON-LD, ada {len(scripts)}"
    return json.loads(scripts[0])


def _content(page: Page):
    return page.locator("article.md-content__inner")


def _assert_fits(page: Page) -> None:
    """No sideways scrolling on a phone (WCAG 1.4.10 reflow); wide tables scroll inside their own box."""
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url}: halaman {scroll}px lebih lebar dari layar {width}px"


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
        _assert_fits(page)

        _content(page).get_by_role("link", name=AREA_NAME, exact=True).click()
        page.wait_for_url(f"{base}/bidang/{AREA}/")
        expect(page.locator("h1")).to_have_text(AREA_NAME)
        _assert_fits(page)

        _content(page).get_by_role("link", name=QUESTION["pertanyaan"], exact=True).click()
        page.wait_for_url(f"{base}/faq/{QUESTION['slug']}/")
        h1 = page.locator("h1")
        expect(h1).to_have_text(QUESTION["pertanyaan"])
        review = page.locator(".klinik-tinjau")
        expect(review).to_contain_text("Ditinjau")
        expect(review).to_contain_text(QUESTION["peninjau"]["nama"])
        expect(page.get_by_role("heading", name="Dasar hukum", level=2)).to_be_visible()
        data = _faq_jsonld(page)
        assert data["@type"] == "FAQPage"
        assert data["mainEntity"][0]["@type"] == "Question"
        assert data["mainEntity"][0]["name"] == h1.inner_text().strip()
        assert data["mainEntity"][0]["acceptedAnswer"]["text"].strip()
        _assert_fits(page)

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
        "modul": first("modul"),
        "prosedur": first("prosedur"),
        "infografis-daftar": "/infografis/",
        "infografis": first("infografis"),
        "404": "/halaman-yang-tidak-ada/",
    }


def _describe(violations: list[dict]) -> str:
    """One line per rule: id, impact, the first three target selectors, and axe's reason for the first one."""
    lines = []
    for v in violations:
        nodes = v["nodes"]
        targets = [" ".join(map(str, n["target"])) for n in nodes[:3]]
        more = f" (+{len(nodes) - 3} lagi)" if len(nodes) > 3 else ""
        checks = [c["message"] for n in nodes[:1] for kind in ("any", "all", "none") for c in n[kind]]
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']}: {', '.join(targets)}{more}")
        if checks:
            lines.append(f"    -> {checks[0]}")
    return "\n".join(lines)


def axe_blocking(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; return its serious and critical violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


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
                failures.append(f"{name} {path}:\n{_describe(blocking)}")
    finally:
        page.close()
    assert not failures, f"{viewport}: pelanggaran aksesibilitas serius/kritis:\n" + "\n".join(failures)
