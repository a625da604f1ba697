"""The Standar Pelayanan, Maklumat and review-schedule pages of the real built site in headless Chromium: axe finds no
serious barrier on a phone or a desktop, the footer and the ask form reach them, and they print without the site's chrome."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.config import read_site_config
from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations
from tests.conftest import ROOT, VIEWPORTS

STANDAR = read_site_config(ROOT).standar
PAGES = ["/standar-pelayanan/", *(f"/standar-pelayanan/{item.slug}/" for item in STANDAR.layanan), "/maklumat-pelayanan/", "/perlu-ditinjau/"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_serious_violations_and_nothing_scrolls_sideways(site, contexts, viewport):
    base, _ = site
    failures = []
    problems = Problems()
    page = problems.watch(contexts[viewport].new_page())
    try:
        for path in PAGES:
            response = page.goto(base + path)
            assert response is not None and response.status == 200, path
            blocking = axe_blocking(page)
            if blocking:
                failures.append(f"{path}:\n{describe_violations(blocking)}")
            assert_fits(page)
    finally:
        page.close()
    assert not failures, f"{viewport}: pelanggaran aksesibilitas serius/kritis:\n" + "\n".join(failures)
    assert not problems.items, "\n".join(problems.items)


def test_the_consultation_standard_shows_the_intakes_deadline_and_every_component(site, contexts):
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + "/standar-pelayanan/konsultasi/")
        table = page.locator(".klinik-standar table")
        expect(table.locator('th[scope="row"]')).to_have_count(14)
        row = table.locator("tr", has=page.locator('th[scope="row"]', has_text="Jangka waktu pelayanan"))
        expect(row).to_contain_text(f"paling lambat {read_site_config(ROOT).ketentuan.jangka_waktu} sejak pertanyaan diterima")
        expect(row.locator("td").last).to_contain_text("SE 01/SE/Dt/2025 Lampiran I Bab II huruf C angka 2 huruf c")
    finally:
        page.close()


def test_footer_home_and_ask_form_link_the_standard(site, contexts):
    base, _ = site
    page = contexts["ponsel"].new_page()
    try:
        page.goto(base + "/ajukan/")
        page.locator("article").get_by_role("link", name="standar pelayanan").click()
        expect(page).to_have_url(base + "/standar-pelayanan/konsultasi/")
        page.locator(".md-copyright").get_by_role("link", name="Maklumat pelayanan").click()
        expect(page).to_have_url(base + "/maklumat-pelayanan/")
        page.goto(base + "/")
        page.locator("article").get_by_role("link", name="Standar Pelayanan").click()
        expect(page).to_have_url(base + "/standar-pelayanan/")
    finally:
        page.close()


@pytest.mark.parametrize("path", ["/standar-pelayanan/konsultasi/", "/maklumat-pelayanan/"])
def test_pages_print_without_the_sites_chrome(site, contexts, path):
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + path)
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-footer", ".md-sidebar--primary", ".klinik-layar-saja"):
            for element in page.locator(chrome).all():
                expect(element).to_be_hidden()
        expect(page.locator("article h1")).to_be_visible()
        if "maklumat" in path:
            expect(page.locator(".klinik-maklumat__tanda")).to_contain_text("Kepala Balai P3KP,")
        else:
            expect(page.locator(".klinik-standar table")).to_be_visible()
        assert len(page.pdf(format="A4")) > 1000  # Chromium lays the page out for paper without error
    finally:
        page.emulate_media(media="screen")
        page.close()
