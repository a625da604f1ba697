"""The home page: links to the calculators, the control card and the designs, and a search box in the page itself that
works on a 360 px phone without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations

TOOLS = {"kalkulator/simulasi-kpr/": "Simulasi KPR", "kalkulator/kemampuan-mengangsur/": "Kemampuan mengangsur",
         "kartu-kendali/": "Kartu kendali konstruksi mandiri (siap cetak)", "desain-rumah/": "Desain rumah dan RAB"}


def test_home_links_every_tool_and_the_designs(real_site: Path):
    html = (real_site / "index.html").read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    for href, title in TOOLS.items():
        assert re.search(rf'<a href="{re.escape(href)}">{re.escape(title)}</a>', article), (href, title)
        assert (real_site / href / "index.html").is_file()
    assert re.search(r'<form class="klinik-cari[^"]*" role="search" aria-label="Cari jawaban" action="cari/" method="get">', article)


def test_the_home_search_box_works_on_a_phone_without_javascript(site, browser):
    """360 px, scripts off: the box is in view under the title, and sending it opens /cari/?q=... (which searches once
    scripts run); with scripts on, the search page shows the query's results."""
    base, _ = site
    context = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 740}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}/")
        box = page.get_by_role("searchbox", name="Cari jawaban: tulis pertanyaan atau kata kunci")
        expect(box).to_be_visible()
        assert box.bounding_box()["y"] + box.bounding_box()["height"] < 740, "kotak cari harus terlihat tanpa menggulir"
        assert_fits(page)
        box.fill("syarat kpr subsidi")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/cari/\?q=syarat\+kpr\+subsidi$"))
    finally:
        context.close()
    problems = Problems()
    context = browser.new_context(locale="id-ID", viewport={"width": 360, "height": 740})
    try:
        page = problems.watch(context.new_page())
        page.goto(f"{base}/")
        page.locator("#klinik-cari-beranda").fill("syarat kpr subsidi")
        page.locator("#klinik-cari-beranda").press("Enter")
        expect(page.locator("#klinik-cari-halaman")).to_have_value("syarat kpr subsidi")
        # the search page loads the index on arrival; on two busy cores that can take longer than the default 5 s
        expect(page.locator("#klinik-cari-halaman-hasil [role=option]").first).to_be_visible(timeout=15_000)
        page.goto(f"{base}/")
        blocking = axe_blocking(page)
        assert blocking == [], describe_violations(blocking)
        assert problems.items == []
    finally:
        context.close()
