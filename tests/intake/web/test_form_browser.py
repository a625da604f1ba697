"""The form in headless Chromium on the built site served by the intake app: JavaScript on, inline
errors checked in the page before any request and from the server's answer, narrowed kabupaten/kota, ALTCHA
solved in the browser, the address the status page after sending; axe on the form page."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import pytest
from PIL import Image
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.store.photos import photos_of
from generator.intake.web.app import create_app
from generator.intake.web.uploads import REATTACH
from generator.site.build import build
from tests.browser_support import axe_blocking, describe_violations
from tests.conftest import VECTORS, VIEWPORTS
from tests.intake_server import LiveServer, intake_project, settings_for

STATUS_ADDRESS = re.compile(r"^http://127\.0\.0\.1:\d+/api/status/[A-Za-z0-9_-]{20,}\?pertanyaan=terkirim$")
MISSING = {
    "nama": "Nama wajib diisi (2-100 karakter).",
    "telepon": "Nomor telepon/WhatsApp wajib diisi.",
    "provinsi": "Pilih provinsi dari daftar.",
    "bidang": "Pilih salah satu bidang.",
    "pertanyaan": "Pertanyaan terlalu pendek: minimal 20 karakter (sekarang 0).",
    "setuju": "Centang persetujuan pemberitahuan privasi agar pertanyaan dapat diproses.",
}


@pytest.fixture(scope="module")
def app_site(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("browser"))
    build(Project(project), jobs=1)
    settings = settings_for(project, pow=True, pow_difficulty=5000, min_fill_seconds=1, rate_limit_no_pow=3)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.fixture(scope="module")
def phone(browser):
    # axe is injected as an inline script, which the site's CSP refuses (tests/intake/web/test_csp_browser.py runs under it)
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS["ponsel"])
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture(scope="module")
def browser_no_js(phone):
    context = phone.browser.new_context(locale="id-ID", java_script_enabled=False, **VIEWPORTS["ponsel"])
    context.set_default_timeout(15_000)
    yield context
    context.close()


def test_citizen_sends_a_question_and_sees_the_receipt(app_site, phone):
    page = phone.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"gagal: {r.url}"))
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    expect(form.locator("altcha-widget")).to_have_count(1)
    form.get_by_label("Provinsi").select_option("Daerah Istimewa Yogyakarta")
    city = form.get_by_label("Kabupaten/kota")
    assert city.locator("option").all_text_contents() == [
        "Pilih kabupaten/kota", "Kabupaten Kulon Progo", "Kabupaten Bantul", "Kabupaten Gunungkidul", "Kabupaten Sleman", "Kota Yogyakarta"]
    city.select_option("Kabupaten Sleman")
    form.get_by_label("Nama").fill("Sri Wahyuni")
    form.get_by_label("Nomor telepon/WhatsApp").fill("0812-2233-4455")
    form.get_by_label("Bidang pertanyaan").select_option("pembiayaan")
    form.locator("#isian-pertanyaan").fill("Terlalu pendek")
    page.wait_for_timeout(1000)  # the minimum fill time
    form.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("#galat-pertanyaan")).to_have_text("Pertanyaan terlalu pendek: minimal 20 karakter (sekarang 14).")
    expect(page.locator("#galat-setuju")).to_be_visible()
    expect(form.locator("#isian-pertanyaan")).to_have_attribute("aria-invalid", "true")
    form.locator("#isian-pertanyaan").fill("Bagaimana syarat KPR subsidi untuk pekerja lepas di Sleman?")
    form.locator("#isian-setuju").check()
    form.get_by_role("button", name="Kirim pertanyaan").click()
    receipt = page.locator("#tanda-terima")
    expect(receipt).to_be_visible()
    expect(page).to_have_url(STATUS_ADDRESS)  # what "Simpan halaman ini" saves is the status page
    expect(page.locator("h1")).to_have_text("Pertanyaan terkirim")
    assert "Sri" not in page.url and "0812" not in page.url and "Sleman" not in page.url
    expect(receipt.locator(".klinik-tiket")).to_have_text(re.compile(r"^KPKP-\d{4}-\d{6}$"))
    expect(receipt.locator(".klinik-tenggat")).to_have_text(re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$"))
    assert app_site.server.config.app.state.intake.seen.count("altcha"), "the question was sent with a solved ALTCHA"
    status_link = receipt.locator(".klinik-tautan-status")
    status_link.click()
    expect(page.locator("h1")).to_have_text("Status pertanyaan")
    expect(page.locator(".klinik-status__nilai")).to_have_text("Menunggu jawaban Tenaga Ahli")
    assert problems == []


def test_without_javascript_the_plain_form_post_works(app_site, browser_no_js):
    page = browser_no_js.new_page()
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    assert form.locator("altcha-widget").count() == 0
    form.locator("#isian-provinsi").select_option("Bali")
    form.locator("#isian-kabupaten_kota").select_option("Kabupaten Gianyar")
    form.locator("#isian-nama").fill("Made Wirawan")
    form.locator("#isian-telepon").fill("+62 361 123456")
    form.locator("#isian-bidang").select_option("pembiayaan")
    form.locator("#isian-pertanyaan").fill("Apakah tanah adat bisa dijadikan agunan KPR?")
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("#galat-setuju")).to_have_text("Centang persetujuan pemberitahuan privasi agar pertanyaan dapat diproses.")
    expect(page.locator("#isian-pertanyaan")).to_have_value("Apakah tanah adat bisa dijadikan agunan KPR?")
    page.locator("#isian-setuju").check()
    page.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("h1")).to_have_text("Pertanyaan terkirim")
    expect(page.locator(".klinik-tiket")).to_have_text(re.compile(r"^KPKP-\d{4}-\d{6}$"))
    expect(page).to_have_url(STATUS_ADDRESS)
    ticket = page.locator(".klinik-tiket").text_content()
    page.reload()  # the saved address: the same receipt, nothing sent twice
    expect(page.locator(".klinik-tiket")).to_have_text(ticket)


def test_the_empty_form_names_every_missing_field_before_any_request(app_site, phone):
    page = phone.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    posts = []
    page.on("request", lambda r: r.method == "POST" and posts.append(r.url))
    page.goto(app_site.base + "/ajukan/")
    page.locator("#klinik-ajukan").get_by_role("button", name="Kirim pertanyaan").click()
    for field, message in MISSING.items():
        expect(page.locator(f"#galat-{field}")).to_have_text(message)
        expect(page.locator(f"#isian-{field}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#galat-formulir")).to_be_hidden()  # no "dikirim terlalu cepat" in place of the fields
    summary = page.locator("#galat-ringkasan")
    expect(summary).to_be_focused()
    assert summary.locator("a").all_text_contents() == list(MISSING.values())
    assert summary.locator("a").first.get_attribute("href") == "#isian-nama"
    page.locator("#isian-nama").fill("Sri Wahyuni")
    page.locator("#klinik-ajukan").get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("#galat-nama")).to_be_hidden()
    expect(page.locator("#isian-nama")).not_to_have_attribute("aria-invalid", "true")
    assert summary.locator("a").count() == len(MISSING) - 1
    assert posts == [] and problems == []


def test_the_servers_field_errors_land_next_to_the_fields(app_site, phone):
    """What only the server can judge (a photo's content, the fill time) comes back beside its field."""
    page = phone.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    _fill(form)
    form.locator("#isian-setuju").check()
    form.locator("#isian-foto").set_input_files([{"name": "retak.jpg", "mimeType": "image/jpeg", "buffer": b"bukan foto"}])
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("#galat-foto")).to_contain_text("foto")
    expect(page.locator("#isian-foto")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#galat-ringkasan")).to_be_visible()
    assert "/ajukan/" in page.url and problems == []


def test_the_check_in_the_page_meets_the_shared_vectors(app_site, phone):
    """klinik-ajukan.js names the same fields with the same words as forms.validate (tests/intake/web/test_forms.py)."""
    cases = json.loads((VECTORS / "ajukan.json").read_text(encoding="utf-8"))["vektor"]
    page = phone.new_page()
    page.goto(app_site.base + "/ajukan/")
    got = page.evaluate("cases => cases.map(c => window.klinikAjukanPeriksa(c.isian))", cases)
    assert {c["kasus"]: g for c, g in zip(cases, got, strict=True)} == {c["kasus"]: c["galat"] for c in cases}


def test_a_link_in_the_answer_opens_the_faq_it_names(app_site, phone):
    server = app_site.server.config.app.state.intake
    page = phone.new_page()
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    _fill(form)
    form.locator("#isian-setuju").check()
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()
    ticket = page.locator("#tanda-terima .klinik-tiket").text_content()
    answer = "Lihat [syarat KPR](../../../content/faq/pembiayaan/syarat-kpr.md#dokumen) dan [catatan lama](../../../content/faq/lama.md)."
    server.store.record_answer(ticket, answer, datetime.now(timezone.utc))
    page.locator("#tanda-terima .klinik-tautan-status").click()
    answer_box = page.locator(".klinik-status__jawaban")
    expect(answer_box).to_contain_text("Lihat syarat KPR dan catatan lama.")
    assert answer_box.locator("a").count() == 1
    answer_box.get_by_role("link", name="syarat KPR").click()
    expect(page.locator("article h1")).to_have_text("Apa syarat mengajukan KPR subsidi?")
    assert page.url.endswith("/faq/syarat-kpr/#dokumen")


def test_form_page_has_no_serious_axe_violations(app_site, phone):
    page = phone.new_page()
    page.goto(app_site.base + "/ajukan/")
    expect(page.locator("altcha-widget")).to_have_count(1)
    blocking = axe_blocking(page)
    assert not blocking, describe_violations(blocking)
    page.goto(app_site.base + "/api/status/tidak-ada")
    assert page.locator("h1").text_content() == "Tautan status tidak dikenal"


def _photo(seed: int) -> dict:
    out = io.BytesIO()
    Image.effect_noise((1200, 900), 40 + seed).convert("RGB").save(out, "JPEG")
    return {"name": f"retak-{seed}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def _fill(form) -> None:
    form.locator("#isian-provinsi").select_option("Bali")
    form.locator("#isian-kabupaten_kota").select_option("Kabupaten Gianyar")
    form.locator("#isian-nama").fill("Made Wirawan")
    form.locator("#isian-telepon").fill("+62 361 123456")
    form.locator("#isian-bidang").select_option("pembiayaan")
    form.locator("#isian-pertanyaan").fill("Dinding rumah saya retak memanjang, apakah berbahaya?")


def test_photos_go_along_with_javascript_on_and_off(app_site, phone, browser_no_js):
    store = app_site.server.config.app.state.intake.store
    page = phone.new_page()
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    _fill(form)
    form.get_by_label("Foto kondisi bangunan").set_input_files([_photo(1), _photo(2)])
    form.locator("#isian-setuju").check()
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()
    ticket = page.locator("#tanda-terima .klinik-tiket")
    expect(ticket).to_have_text(re.compile(r"^KPKP-\d{4}-\d{6}$"))  # sent by fetch as multipart, then the status page
    assert len(photos_of(store, ticket.text_content())) == 2
    page = browser_no_js.new_page()
    page.goto(app_site.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    _fill(form)
    form.locator("#isian-foto").set_input_files([_photo(3)])
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()  # no consent: the form comes back, the photo must be chosen again
    expect(page.locator("#galat-foto")).to_have_text(REATTACH)
    page.locator("#isian-foto").set_input_files([_photo(4)])
    page.locator("#isian-setuju").check()
    page.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("h1")).to_have_text("Pertanyaan terkirim")
    assert len(photos_of(store, page.locator(".klinik-tiket").text_content())) == 1
