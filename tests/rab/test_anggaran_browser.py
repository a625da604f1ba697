"""The design catalogue reads a budget and the estimator's own prices as the calculators read amounts, and says so
next to the field when it cannot (issue 14), on a 360 px phone."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.browser_support import assert_fits

CATALOGUE = "/desain-rumah/"


def _costs(page: Page, province: str) -> list[int]:
    return [json.loads(c.get_attribute("data-biaya"))[province] for c in page.locator(".klinik-desain-kartu").all()]


def test_budget_is_read_the_indonesian_way_and_bad_entries_are_named(site, phone_360: Page):
    """"120.000.000" filters by Rp 120 jt (a number field made it 120.000000 and hid every design); "150 juta" works;
    "abc" and "-1000" get a message by the field, aria-invalid, and the status says the budget is not used."""
    base, _ = site
    page = phone_360
    page.goto(base + CATALOGUE)
    field = page.get_by_label("Anggaran paling banyak (Rp)")
    expect(field).to_have_attribute("type", "text")
    page.select_option("#saring-provinsi", "jawa-barat")
    costs = _costs(page, "jawa-barat")
    visible = page.locator(".klinik-desain-kartu:visible")
    for typed, budget in (("120.000.000", 120_000_000), ("150 juta", 150_000_000), ("Rp 1,5 M", 1_500_000_000)):
        field.fill(typed)
        field.dispatch_event("change")
        assert visible.count() == sum(c <= budget for c in costs), typed
        expect(page.locator("#saring-anggaran-galat")).to_be_empty()
    for typed, message in (
        ("abc", "Isi anggaran dengan angka rupiah, mis. 150.000.000 atau 150 juta."),
        ("-1000", "Anggaran tidak boleh negatif."),
    ):
        field.fill(typed)
        field.dispatch_event("change")
        expect(page.locator("#saring-anggaran-galat")).to_have_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
        assert "saring-anggaran-galat" in field.get_attribute("aria-describedby")
        expect(page.locator("#saring-jumlah")).to_have_text(f"Menampilkan semua {len(costs)} desain. Anggaran belum terbaca, jadi belum dipakai menyaring.")
    field.fill("150.000.000")
    expect(page.locator("#saring-anggaran-galat")).to_be_empty()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert_fits(page)


def test_own_prices_that_cannot_be_read_are_named_not_ignored(site, phone_360: Page):
    """The estimator reads "Rp 750 rb"; "abc" and "-1000" get a message by the field and the total says it kept the
    indicative price for them."""
    base, _ = site
    page = phone_360
    page.goto(base + CATALOGUE)
    page.select_option("#kalk-desain", "t36-konvensional")
    page.select_option("#kalk-provinsi", "jawa-barat")
    field = page.locator('#kalk-harga input[data-kode="PS.03"]')  # air dan listrik kerja, 1 ls
    shown = field.get_attribute("placeholder")
    assert re.fullmatch(r"[1-9][0-9]{0,2}(\.[0-9]{3})+", shown), f"harga indikatif {shown!r} tanpa pemisah ribuan"
    default, total = int(shown.replace(".", "")), page.locator("#kalk-total").inner_text()
    field.fill(f"Rp {default + 250_000:,}".replace(",", "."))
    field.dispatch_event("change")
    expected = int("".join(ch for ch in total if ch.isdigit())) + 250_000
    assert page.locator("#kalk-total").inner_text() == f"Rp {expected:,}".replace(",", ".")
    message = page.locator("#" + field.get_attribute("aria-describedby"))
    for typed, text in (("abc", "Isi harga Anda dengan angka rupiah, mis. 250.000 atau 250 ribu."), ("-1000", "Harga Anda tidak boleh negatif.")):
        field.fill(typed)
        field.dispatch_event("change")
        expect(message).to_have_text(text)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#kalk-total")).to_have_text(total)
        expect(page.locator(".klinik-rab-total")).to_contain_text("1 harga Anda belum terbaca; kolom itu memakai harga indikatif")
    field.fill("")
    expect(message).to_be_empty()
    expect(page.locator(".klinik-rab-total")).not_to_contain_text("belum terbaca")
    assert_fits(page)
