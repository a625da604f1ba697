"""The back office in headless Chromium on a phone and a desktop: sign in, the queue, a case; axe finds no serious
barriers; no sideways scrolling at 360 px; the whole flow works with JavaScript off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.conftest import VIEWPORTS
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("staf"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    accounts = Accounts(app.state.intake.store)
    for username, role, balai in (("kepala", "kepala-balai", "uji-ii"), ("ta.uji", "ta", "uji-ii"), ("ata.uji", "ata", "uji-ii")):
        accounts.set_password(accounts.add(username, username.title(), role, balai, now_utc()), PASSWORD, now_utc())
    with LiveServer(app) as server:
        assert server.post_json(VALID)[0] == 201
        yield server


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/staf/")
    expect(page).to_have_url(base + "/staf/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Antrean layanan")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_ta_signs_in_opens_the_case_and_every_page_passes_axe(desk, browser, viewport):
    # axe is injected as an inline script, which the server's CSP refuses: this context lets it in
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS[viewport])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(desk.base + "/staf/masuk")
        failures = {"masuk": axe_blocking(page)}
        sign_in(page, desk.base, "ta.uji")
        failures["antrean"] = axe_blocking(page)
        assert_fits(page)
        page.locator("table a").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kasus KPKP-")
        expect(page.locator("main")).to_contain_text(VALID["nama"])
        failures["kasus"] = axe_blocking(page)
        assert_fits(page)
        page.get_by_role("button", name="Keluar").click()
        expect(page).to_have_url(desk.base + "/staf/masuk")
    finally:
        context.close()
    found = {name: v for name, v in failures.items() if v}
    assert not found, "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in found.items())
    assert errors == []


def test_the_kepala_balai_pages_work_without_javascript(desk, browser):
    context = browser.new_context(locale="id-ID", java_script_enabled=False, **VIEWPORTS["ponsel"])
    page = context.new_page()
    try:
        sign_in(page, desk.base, "kepala")
        page.get_by_role("link", name="Tim Balai").click()
        page.get_by_label("Nama lengkap").fill("Asisten Baru")
        page.get_by_label("Nama pengguna").fill("ata.baru")
        page.get_by_label("Peran").select_option("ata")
        page.get_by_role("button", name="Buat akun dan tautan aktivasi").click()
        expect(page.locator("code")).to_contain_text("/staf/aktivasi/")
        assert_fits(page)
        page.get_by_role("link", name="Log akses").click()
        expect(page.locator("main")).to_contain_text("tambah-staf")
    finally:
        context.close()


def test_an_ata_records_a_walk_in_on_a_phone(desk, browser):
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS["ponsel"])
    page = context.new_page()
    try:
        sign_in(page, desk.base, "ata.uji")
        page.get_by_role("link", name="Catat layanan").click()
        failures = axe_blocking(page)
        page.get_by_label("Kanal").select_option("kantor")
        page.get_by_label("Jenis layanan").select_option("konsultasi")
        page.get_by_label("Bidang").select_option("pembiayaan")
        page.get_by_label("Provinsi").select_option("Bali")
        page.get_by_label("Kabupaten/kota (kosongkan untuk acara)").fill("Kota Denpasar")
        page.get_by_label("Nama penerima layanan (kosongkan untuk acara)").fill("Ketut Sudana")
        page.get_by_label("Telepon/WhatsApp (boleh kosong)").fill("0812 9999 1111")
        page.get_by_label("Uraian: apa yang ditanyakan atau dilayani").fill("Menanyakan syarat KPR FLPP")
        page.get_by_role("button", name="Catat").click()
        expect(page.get_by_role("status")).to_contain_text("Tercatat: KPKP-")
        failures += axe_blocking(page)
        assert_fits(page)
    finally:
        context.close()
    assert not failures, describe_violations(failures)
