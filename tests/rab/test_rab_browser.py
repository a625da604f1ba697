"""RAB pages in headless Chromium: shared vectors in klinik-rab.js, filters, province selector, estimator, axe, no-JS."""

from __future__ import annotations

import json

import pytest

from tests.browser_support import Problems, axe_blocking, describe_violations
from tests.conftest import VECTORS

CATALOGUE = "/desain-rumah/"
DESIGN = "/desain-rumah/t36-konvensional/"


def test_shared_vectors_in_the_built_page(site, contexts):
    """window.klinikRab.hitung on the real catalogue gives exactly the hand-computed results."""
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + CATALOGUE)
        for vector in json.loads((VECTORS / "rab.json").read_text(encoding="utf-8"))["vektor"]:
            hasil = page.evaluate("m => window.klinikRab.hitung(m)", vector["masukan"])
            assert {k: hasil[k] for k in vector["hasil"]} == vector["hasil"], vector["nama"]
        assert page.evaluate("() => window.klinikRab.rupiah(1084571)") == "Rp 1.084.571"
    finally:
        page.close()


def test_browser_and_build_agree_for_every_design_in_every_province(site, contexts):
    """klinik-rab.js on the estimator's own data gives each card's server-side total, priced and IKK-estimated provinces alike."""
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + CATALOGUE)
        script = """() => {
          const data = JSON.parse(document.getElementById("klinik-rab-data").textContent), out = {};
          for (const [kode, d] of Object.entries(data.desain)) {
            const analisa = {};
            d.items.forEach(i => { analisa[i.kode_analisa] = data.analisa[i.kode_analisa]; });
            out[kode] = {};
            for (const [slug, p] of Object.entries(data.provinsi)) {
              out[kode][slug] = window.klinikRab.hitung({items: d.items, analisa, harga_dasar: p.harga_dasar,
                biaya_umum: p.biaya_umum, tipe: d.tipe, harga_sendiri: {}}).total;
            }
          }
          return out;
        }"""
        browser_totals = page.evaluate(script)
        cards = page.locator(".klinik-desain-kartu")
        built = {c.get_attribute("data-kode"): json.loads(c.get_attribute("data-biaya")) for c in cards.all()}
        assert browser_totals == built
        assert all(len(totals) == 38 for totals in built.values())
    finally:
        page.close()


def test_filters_and_estimator_on_the_catalogue(site, contexts):
    base, _ = site
    problems = Problems()
    page = problems.watch(contexts["ponsel"].new_page())
    try:
        page.goto(base + CATALOGUE)
        cards = page.locator(".klinik-desain-kartu")
        visible = page.locator(".klinik-desain-kartu:visible")
        total = cards.count()
        assert total >= 4 and visible.count() == total
        page.select_option("#saring-struktur", "risha")
        assert [c.get_attribute("data-kode") for c in visible.all()] == ["t36-risha"]
        page.select_option("#saring-struktur", "")
        page.select_option("#saring-kamar", "2")
        assert all(int(c.get_attribute("data-kamar")) >= 2 for c in visible.all()) and visible.count() < total
        page.select_option("#saring-kamar", "")
        page.select_option("#saring-provinsi", "jawa-barat")
        page.fill("#saring-anggaran", "1000")
        assert visible.count() == 0
        assert page.locator("#saring-jumlah").inner_text() == "Tidak ada desain yang cocok; longgarkan saringan."
        page.fill("#saring-anggaran", "")
        # estimator: the default total equals the server-side RAB; a user price changes it by volume x difference
        page.select_option("#kalk-desain", "t36-konvensional")
        page.select_option("#kalk-provinsi", "jawa-barat")
        expected = json.loads(cards.filter(has_text="Tipe 36 Konvensional").get_attribute("data-biaya"))["jawa-barat"]
        assert page.locator("#kalk-total").inner_text() == page.evaluate("n => window.klinikRab.rupiah(n)", expected)
        field = page.locator('#kalk-harga input[data-kode="PS.03"]')  # air dan listrik kerja, 1 ls
        default = int(field.get_attribute("placeholder").replace(".", ""))  # shown as 1.100.000
        field.fill(str(default + 500000))
        assert page.locator("#kalk-total").inner_text() == page.evaluate("n => window.klinikRab.rupiah(n)", expected + 500000)
        assert problems.items == []
    finally:
        page.close()


def test_province_selector_and_downloads_on_a_design_page(site, contexts):
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + DESIGN)
        sections = page.locator(".klinik-rab-provinsi:visible")
        assert sections.count() == 1
        page.select_option("#klinik-rab-provinsi", "nusa-tenggara-timur")
        assert sections.count() == 1 and sections.get_attribute("id") == "rab-nusa-tenggara-timur"
        assert sections.locator("caption").inner_text().endswith("provinsi Nusa Tenggara Timur")
        page.select_option("#klinik-rab-provinsi", "papua-pegunungan")
        assert sections.count() == 1 and sections.get_attribute("id") == "rab-papua-pegunungan"
        assert "Perkiraan, bukan harga survei di provinsi ini" in sections.inner_text()
        assert sections.locator('a[href="rab-t36-konvensional-papua-pegunungan.xlsx"]').count() == 1
        for link in sections.locator("a[download]").all():
            response = page.request.get(page.url + link.get_attribute("href"))
            assert response.status == 200 and len(response.body()) > 500
    finally:
        page.close()


def test_without_javascript_everything_is_listed(site, browser):  # noqa: F811
    base, _ = site
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + CATALOGUE)
        assert page.locator(".klinik-desain-kartu:visible").count() >= 4
        assert page.locator("#klinik-desain-saring").is_hidden()
        page.goto(base + DESIGN)
        assert page.locator(".klinik-rab-provinsi:visible").count() >= 3
    finally:
        context.close()


@pytest.mark.parametrize("path", [CATALOGUE, DESIGN])
def test_axe_on_rab_pages(site, contexts, path):
    base, _ = site
    page = contexts["ponsel"].new_page()
    try:
        page.goto(base + path)
        blocking = axe_blocking(page)
        assert not blocking, describe_violations(blocking)
    finally:
        page.close()
