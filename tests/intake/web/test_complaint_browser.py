"""The complaint form and the requester type in headless Chromium on the built site served by the intake app, with
and without JavaScript: sending a pengaduan to the receipt with SP4N-LAPOR!, the Pemda page's link choosing Pemda
and showing the office field, and axe on the complaint form, its error page, the status page and the Pemda page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from generator.config.project import Project
from generator.intake.store.schema import identities, layanan
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import axe_blocking, describe_violations
from tests.conftest import VIEWPORTS
from tests.intake_server import LiveServer, intake_project, settings_for

STATUS = re.compile(r"^http://127\.0\.0\.1:\d+/api/pengaduan/[A-Za-z0-9_-]{20,}\?pesan=terkirim$")


@pytest.fixture(scope="module")
def app_site(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("aduan-browser"))
    build(Project(project), jobs=1)
    settings = settings_for(project, pow=True, pow_difficulty=5000, min_fill_seconds=1, rate_limit_no_pow=20)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.fixture(scope="module", params=["dengan-js", "tanpa-js"])
def phone(request, browser):
    # axe is injected as an inline script, which the site's CSP refuses (tests/intake/web/test_csp_browser.py runs under it)
    context = browser.new_context(locale="id-ID", bypass_csp=True, java_script_enabled=request.param == "dengan-js", **VIEWPORTS["ponsel"])
    context.set_default_timeout(15_000)
    context.scripts = request.param == "dengan-js"
    yield context
    context.close()


def _check_axe(page) -> None:
    if page.context.scripts:
        blocking = axe_blocking(page)
        assert not blocking, describe_violations(blocking)


def test_a_citizen_sends_a_pengaduan_and_keeps_the_status_page(app_site, phone):
    page = phone.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(app_site.base + "/pengaduan-layanan/")
    expect(page.get_by_role("link", name=re.compile("SP4N-LAPOR"))).to_have_attribute("href", "https://www.lapor.go.id")
    form = page.locator("#klinik-pengaduan")
    expect(form.locator("altcha-widget")).to_have_count(1 if phone.scripts else 0)  # the proof of work only with JavaScript
    form.get_by_label("Pengaduan layanan").check()
    form.get_by_label("Nama").fill("Nyoman Suarta")
    form.get_by_label("Nomor telepon/WhatsApp").fill("0813-3700-1122")
    form.get_by_label("Provinsi tempat Anda dilayani").select_option("Bali")
    form.get_by_label("Isi saran, masukan, atau pengaduan").fill("Terlalu pendek")
    page.wait_for_timeout(1000)  # the minimum fill time
    form.get_by_role("button", name="Kirim pesan").click()
    expect(page.locator("#galat-ringkasan")).to_be_visible()
    expect(page.locator("#galat-isi")).to_have_text("Isi terlalu pendek: minimal 20 karakter (sekarang 14).")
    expect(page.locator("#isian-isi")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#isian-nama")).to_have_value("Nyoman Suarta")  # the input is kept
    _check_axe(page)
    page.locator("#isian-isi").fill("Sudah lima hari kerja pertanyaan saya belum dijawab.")
    page.locator("#isian-setuju").check()
    page.get_by_role("button", name="Kirim pesan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pesan terkirim")
    assert STATUS.match(page.url), page.url
    expect(page.locator(".klinik-tiket")).to_have_text(re.compile(r"^ADU-\d{4}-\d{6}$"))
    expect(page.get_by_text("Kepala Balai Uji II")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("SP4N-LAPOR"))).to_be_visible()
    _check_axe(page)
    assert problems == []


def test_the_pemda_link_chooses_pemda_and_asks_for_the_office(app_site, phone):
    page = phone.new_page()
    page.goto(app_site.base + "/layanan-pemda/")
    _check_axe(page)
    page.get_by_role("link", name="formulir konsultasi Pemda").click()
    expect(page.locator("#isian-jenis_pemohon-pemda")).to_be_checked()
    office = page.locator("#isian-instansi")
    expect(office).to_be_visible()
    if phone.scripts:  # the office field shows only when it is asked
        page.get_by_label("Perorangan").check()
        expect(office).to_be_hidden()
        page.get_by_label("Pemerintah daerah (Pemda)").check()
        expect(office).to_be_visible()
    form = page.locator("#klinik-ajukan")
    form.locator("#isian-provinsi").select_option("Bali")
    form.locator("#isian-kabupaten_kota").select_option("Kota Denpasar")
    form.locator("#isian-nama").fill("Kadek Sari")
    form.locator("#isian-telepon").fill("0812 3456 7890")
    form.locator("#isian-bidang").select_option("pembiayaan")
    form.locator("#isian-pertanyaan").fill("Bagaimana Pemda menyusun RKPD untuk peningkatan kualitas rumah tidak layak huni?")
    form.locator("#isian-setuju").check()
    page.wait_for_timeout(1000)
    form.get_by_role("button", name="Kirim pertanyaan").click()
    summary = page.locator("#galat-ringkasan")
    expect(summary).to_contain_text("Tulis nama instansi Pemda (2-150 karakter)")  # from the page's own check, or the server's
    expect(page.locator("#isian-instansi")).to_have_attribute("aria-invalid", "true")
    page.locator("#isian-instansi").fill(f"Dinas Perkim Kota Denpasar ({'js' if phone.scripts else 'tanpa js'})")
    if not phone.scripts:
        page.locator("#isian-setuju").check()
    page.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pertanyaan terkirim")
    store = app_site.server.config.app.state.intake.store
    with store.engine.connect() as conn:
        row = conn.execute(select(layanan.c.jenis_pemohon, identities.c.instansi).join(identities, identities.c.ticket == layanan.c.ticket)
                           .order_by(layanan.c.ticket.desc())).first()
    assert tuple(row) == ("pemda", f"Dinas Perkim Kota Denpasar ({'js' if phone.scripts else 'tanpa js'})")


def test_the_complaint_form_solves_altcha_under_the_sites_csp(app_site, browser):
    """Without bypass_csp: the widget's workers and sheet are allowed, the solution goes along, nothing is refused."""
    context = browser.new_context(locale="id-ID", **VIEWPORTS["ponsel"])
    try:
        page = context.new_page()
        problems = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(app_site.base + "/pengaduan-layanan/")
        form = page.locator("#klinik-pengaduan")
        expect(form.locator("input[name=altcha]")).not_to_have_value("", timeout=30_000)  # solved in blob workers
        form.get_by_label("Saran", exact=True).check()
        form.get_by_label("Nama").fill("Gede Wirata")
        form.get_by_label("Nomor telepon/WhatsApp").fill("0813 3700 2233")
        form.get_by_label("Provinsi tempat Anda dilayani").select_option("DKI Jakarta")
        form.get_by_label("Isi saran, masukan, atau pengaduan").fill("Mohon jam layanan konsultasi diperpanjang sampai sore.")
        form.locator("#isian-setuju").check()
        form.get_by_role("button", name="Kirim pesan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Pesan terkirim")
        expect(page.get_by_text("Kepala Balai Uji I", exact=True)).to_be_visible()
        assert problems == []
    finally:
        context.close()
