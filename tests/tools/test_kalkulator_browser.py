"""Calculators, control card and procedures on the real built site in headless Chromium: the page's JavaScript meets
the shared vectors, the forms work on a phone, pages print one stage per sheet, and axe finds no serious barriers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations
from tests.conftest import ROOT, VECTORS, VIEWPORTS

KPR = "/kalkulator/simulasi-kpr/"
MAMPU = "/kalkulator/kemampuan-mengangsur/"
CARD = "/kartu-kendali/"
PROCEDURE = "/prosedur/pbg/"
STAGES = len(yaml.safe_load((ROOT / "site_config" / "kartu-kendali.yml").read_text(encoding="utf-8"))["tahap"])
FUNCTIONS = {"kpr": ("simulasiKpr", KPR), "mampu": ("kemampuanMengangsur", MAMPU)}


@pytest.mark.parametrize("name", FUNCTIONS)
def test_page_javascript_meets_the_shared_vectors(site, contexts, name):
    """The calculator code shipped in the page, with the table embedded at build time, gives every vector's exact result."""
    base, _ = site
    function, path = FUNCTIONS[name]
    cases = json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + path)
        actual = page.evaluate(
            "([fn, cases]) => cases.map(c => window.klinikKalkulator[fn](c.masukan, window.klinikKalkulator.tabel()))",
            [function, cases],
        )
    finally:
        page.close()
    mismatches = [f"{c['nama']}: {got} != {c['hasil']}" for c, got in zip(cases, actual, strict=False) if got != c["hasil"]]
    assert not mismatches, "\n".join(mismatches)


@pytest.fixture
def phone(contexts) -> Iterator[Page]:
    """A page on the phone viewport; console errors, failed requests or uncaught exceptions fail the test."""
    problems = Problems()
    page = problems.watch(contexts["ponsel"].new_page())
    yield page
    page.close()
    assert not problems.items, "galat di peramban:\n" + "\n".join(problems.items)


def test_kpr_form_on_a_phone(site, phone: Page):
    """A citizen types a price the Indonesian way, sees the instalment, then a clear error for a bad entry."""
    base, _ = site
    page = phone
    page.goto(base + KPR)
    page.get_by_label("Harga rumah (Rp)").fill("166.000.000")
    page.get_by_label("Wilayah batas harga rumah subsidi (tidak wajib)").select_option("jawa-sumatera")
    page.get_by_role("button", name="Hitung angsuran").click()
    result = page.locator("#kpr-hasil")
    expect(result.locator(".klinik-hasil__utama")).to_have_text("Rp 1.084.571")
    expect(result).to_contain_text("Rp 164.340.000")
    expect(result).to_contain_text("tidak melebihi batas harga rumah subsidi di Jawa dan Sumatera (Rp 166.000.000)")
    assert_fits(page)

    field = page.get_by_label("Jangka waktu (tahun)")
    field.fill("2,5")
    page.get_by_role("button", name="Hitung angsuran").click()
    message = "Jangka waktu harus bilangan bulat 1 sampai 35 tahun."
    expect(page.locator("#kpr-tenor-galat")).to_have_text(message)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(result).to_be_empty()


def test_mampu_form_on_a_phone(site, phone: Page):
    """A married couple sees their affordable instalment and FLPP eligibility; a single person with spouse income gets an error."""
    base, _ = site
    page = phone
    page.goto(base + MAMPU)
    page.get_by_label("Penghasilan Anda per bulan (Rp)").fill("4.000.000")
    page.get_by_label("Kawin", exact=True).check()
    page.get_by_label("Penghasilan suami/istri per bulan (Rp, bila kawin)").fill("3.000.000")
    page.get_by_label("Zona tempat tinggal").select_option("1")
    page.get_by_role("button", name="Hitung kemampuan").click()
    result = page.locator("#mampu-hasil")
    expect(result.locator(".klinik-hasil__utama")).to_have_text("Rp 2.333.333")
    expect(result).to_contain_text("Rp 357.130.316")
    expect(result).to_contain_text("Penghasilan memenuhi batas penghasilan KPR FLPP di Zona 1 (paling banyak Rp 10.000.000 per bulan).")
    assert_fits(page)

    page.get_by_label("Belum kawin").check()
    page.get_by_role("button", name="Hitung kemampuan").click()
    expect(page.locator("#mampu-pasangan-galat")).to_have_text("Penghasilan pasangan hanya diisi bila status kawin.")
    expect(page.get_by_role("alert")).to_be_visible()


def test_mampu_at_360px_reads_juta_and_compares_with_the_price_cap(site, phone_360: Page):
    """Issue 14: "4 juta" is read; the Rp 204 jt the income affords is shown against the Zona 1 caps; the zone's full
    name is readable below its select; the region select offers only the zone's regions; huge incomes are 'too large'."""
    base, _ = site
    page = phone_360
    page.goto(base + MAMPU)
    zona = page.get_by_label("Zona tempat tinggal")
    box = zona.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    expect(page.locator("#mampu-zona-petunjuk")).to_have_text("Zona 1: Jawa (kecuali Jabodetabek), Sumatera, Nusa Tenggara Timur, Nusa Tenggara Barat")
    wilayah = page.get_by_label("Wilayah batas harga rumah subsidi (tidak wajib)")
    offered = wilayah.locator("option:not([disabled])").evaluate_all("os => os.map(o => o.value)")
    assert offered == ["", "jawa-sumatera", "sulawesi-babel-kepri", "maluku-bali-nusra-jabodetabek"]
    page.get_by_label("Penghasilan Anda per bulan (Rp)").fill("4 juta")
    page.get_by_role("button", name="Hitung kemampuan").click()
    result = page.locator("#mampu-hasil")
    expect(result).to_contain_text("Rp 204.074.444")
    warning = result.locator(".klinik-hasil__peringatan").first
    expect(warning).to_contain_text("Rumah subsidi di Zona 1 paling mahal Rp 166.000.000 sampai Rp 185.000.000 menurut wilayah")
    assert_fits(page)

    wilayah.select_option("jawa-sumatera")
    expect(page.locator("#mampu-wilayah-petunjuk")).to_contain_text("paling mahal Rp 166.000.000")
    page.get_by_role("button", name="Hitung kemampuan").click()
    expect(warning).to_contain_text("Rumah subsidi di wilayah Jawa dan Sumatera paling mahal Rp 166.000.000,")
    zona.select_option("4")
    expect(wilayah).to_have_value("")
    offered = wilayah.locator("option:not([disabled])").evaluate_all("os => os.map(o => o.value)")
    assert offered == ["", "maluku-bali-nusra-jabodetabek"]

    field = page.get_by_label("Penghasilan Anda per bulan (Rp)")
    field.fill("999999999999999")
    page.get_by_role("button", name="Hitung kemampuan").click()
    expect(page.locator("#mampu-penghasilan-galat")).to_have_text("Penghasilan per bulan terlalu besar, paling banyak Rp 1.000.000.000.")
    field.fill("abc")
    page.get_by_role("button", name="Hitung kemampuan").click()
    expect(page.locator("#mampu-penghasilan-galat")).to_have_text("Isi penghasilan per bulan dengan angka rupiah, mis. 4.500.000 atau 4,5 juta.")
    expect(field).to_have_attribute("aria-invalid", "true")


def test_kpr_at_360px_reads_jt_and_refuses_a_full_down_payment(site, phone_360: Page):
    """"Rp 150 jt" is read; 100% down is refused with a reason instead of "Rp 0 for 20 years"; the region select fits."""
    base, _ = site
    page = phone_360
    page.goto(base + KPR)
    select = page.get_by_label("Wilayah batas harga rumah subsidi (tidak wajib)")
    box = select.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    select.select_option("maluku-bali-nusra-jabodetabek")
    expect(page.locator("#kpr-zona-petunjuk")).to_contain_text("Kabupaten Mahakam Ulu: paling mahal Rp 185.000.000")
    page.get_by_label("Harga rumah (Rp)").fill("Rp 150 jt")
    page.get_by_role("button", name="Hitung angsuran").click()
    expect(page.locator("#kpr-hasil .klinik-hasil__utama")).to_have_text("Rp 980.034")
    page.get_by_label("Uang muka (% dari harga)").fill("100")
    page.get_by_role("button", name="Hitung angsuran").click()
    message = "Uang muka sebesar harga rumah berarti rumah dibayar tunai, tanpa KPR; isi uang muka kurang dari 100 persen."
    expect(page.locator("#kpr-dp-galat")).to_have_text(message)
    expect(page.locator("#kpr-hasil")).to_be_empty()
    assert_fits(page)


def test_without_javascript_the_page_explains_and_shows_examples(site, browser):
    """No JavaScript: the form stays hidden, the page says why, and the worked example computed at build time is there."""
    base, _ = site
    context = browser.new_context(java_script_enabled=False, **VIEWPORTS["ponsel"])
    try:
        page = context.new_page()
        page.goto(base + KPR)
        expect(page.locator("form[data-kalkulator]")).to_be_hidden()
        notice = page.locator("noscript p")  # Playwright's text search skips <noscript>; the element itself shows
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Kalkulator memerlukan JavaScript.")
        row = page.locator("table tr", has_text="Jawa dan Sumatera").first
        expect(row).to_contain_text("Rp 1.084.571")
        page.goto(base + MAMPU)
        expect(page.get_by_role("heading", name=re.compile("^Contoh perhitungan"))).to_be_visible()
        expect(page.locator("table").first).to_contain_text("Rp 2.333.333")
    finally:
        context.close()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_control_card_prints_one_stage_per_sheet(site, browser):
    """Printed, the card puts each stage on its own sheet without the site's header, and the checklist prints apart."""
    base, _ = site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + CARD)
        page.emulate_media(media="print")
        breaks = page.eval_on_selector_all(".klinik-kartu__tahap", "els => els.map(e => getComputedStyle(e).breakBefore)")
        assert breaks == ["auto"] + ["page"] * (STAGES - 1)
        expect(page.locator(".md-header")).to_be_hidden()
        assert page.locator(".klinik-kartu__daftar input[type=checkbox]").count() >= 3 * STAGES
        assert _pdf_pages(page.pdf(format="A4")) >= STAGES
        page.goto(base + PROCEDURE)
        page.emulate_media(media="print")
        assert page.eval_on_selector(".klinik-cetak-dokumen", "e => getComputedStyle(e).breakBefore") == "page"
    finally:
        context.close()


def test_procedure_page_shows_its_structure(site, contexts):
    """The PBG page shows total duration, the SIMBG link, each step's office and levy, and the document checklist."""
    base, _ = site
    page = contexts["ponsel"].new_page()
    try:
        page.goto(base + PROCEDURE)
        expect(page.get_by_role("link", name="SIMBG", exact=True)).to_have_attribute("href", "https://simbg.pu.go.id/")
        expect(page.locator("article")).to_contain_text("Lama seluruh proses:")
        expect(page.locator(".klinik-langkah-info").first).to_contain_text("Instansi:")
        expect(page.locator("article")).to_contain_text("Retribusi/pajak daerah:")
        checklist = page.locator(".klinik-daftar-dokumen")
        expect(checklist.get_by_label("KTP pemohon (dan surat kuasa bila diwakilkan)")).not_to_be_checked()
        assert_fits(page)
    finally:
        page.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_on_tools_and_procedure(site, contexts, viewport):
    """Both calculators (with an error shown), the control card and a procedure page: no serious or critical violations."""
    base, _ = site
    failures = []
    page = contexts[viewport].new_page()
    try:
        for path in (KPR, MAMPU, CARD, PROCEDURE):
            page.goto(base + path)
            form = page.locator("form[data-kalkulator]")
            if form.count():
                form.get_by_role("button").click()
                expect(page.get_by_role("alert")).to_be_visible()
            blocking = axe_blocking(page)
            if blocking:
                failures.append(f"{path}:\n{describe_violations(blocking)}")
    finally:
        page.close()
    assert not failures, f"{viewport}: pelanggaran aksesibilitas serius/kritis:\n" + "\n".join(failures)
