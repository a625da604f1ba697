"""Two-step verification and the duty schedule in headless Chromium: axe finds no serious barriers on /staf/akun, the
code step and /staf/piket, no sideways scrolling on a phone, and the inline QR code breaks no rule of the real CSP."""

from __future__ import annotations

import time

import pyotp
import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations
from tests.conftest import VIEWPORTS
from tests.intake_server import LiveServer, intake_project, settings_for

PASSWORD = "kata-sandi-yang-panjang"
USERS = {"ponsel": "ata.ponsel", "desktop": "ata.desktop", "csp": "ata.csp"}


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("akun"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    accounts = Accounts(app.state.intake.store)
    for username in (*USERS.values(), "ta.piket"):
        role = "ta" if username == "ta.piket" else "ata"
        accounts.set_password(accounts.add(username, username.title(), role, "uji-ii", now_utc()), PASSWORD, now_utc())
    with LiveServer(app) as server:
        yield server


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/staf/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def fresh_step() -> float:
    if time.time() % 30 > 25:
        time.sleep(30.5 - time.time() % 30)
    return time.time()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_turning_on_two_steps_signing_in_with_a_code_and_the_duty_schedule_pass_axe(desk, browser, viewport):
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS[viewport])  # axe is an inline script
    page = context.new_page()
    failures: dict[str, list] = {}
    try:
        sign_in(page, desk.base, USERS[viewport])
        page.get_by_role("link", name="Akun saya").click()
        expect(page.locator("svg.segno")).to_be_visible()
        failures["akun"] = axe_blocking(page)
        assert_fits(page)
        totp = pyotp.TOTP(page.locator('input[name="rahasia"]').get_attribute("value"))
        now = fresh_step()
        page.get_by_label("Kode dari aplikasi").fill(totp.at(now - 30))
        page.get_by_role("button", name="Aktifkan verifikasi dua langkah").click()
        expect(page.get_by_role("status")).to_contain_text("Verifikasi dua langkah aktif.")
        expect(page.locator("main code")).to_have_count(10)  # the recovery codes, shown this once
        failures["kode-pemulihan"] = axe_blocking(page)
        assert_fits(page)
        page.get_by_role("button", name="Keluar").click()

        sign_in(page, desk.base, USERS[viewport])
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kode verifikasi")
        failures["kode"] = axe_blocking(page)
        assert_fits(page)
        page.get_by_label("Kode dari aplikasi").fill(totp.at(now))
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Antrean layanan")

        page.get_by_role("link", name="Jadwal piket").click()
        first = page.locator("form").filter(has=page.get_by_role("button", name="Simpan usulan")).first
        first.get_by_label("Ta.Piket").check()
        first.get_by_role("button", name="Simpan usulan").click()
        expect(page.locator("main")).to_contain_text("Usulan menunggu persetujuan: Ta.Piket")
        failures["piket"] = axe_blocking(page)
        assert_fits(page)
    finally:
        context.close()
    found = {name: v for name, v in failures.items() if v}
    assert not found, "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in found.items())


def test_the_inline_qr_code_needs_nothing_the_csp_refuses(desk, browser):
    context = browser.new_context(locale="id-ID", **VIEWPORTS["ponsel"])
    page = context.new_page()
    problems = Problems()
    problems.watch(page)
    try:
        sign_in(page, desk.base, USERS["csp"])
        page.wait_for_load_state("networkidle")  # leaving a page early would abort its scripts, which is no CSP finding
        page.goto(desk.base + "/staf/akun", wait_until="networkidle")
        qr = page.locator("svg.segno")
        expect(qr).to_be_visible()
        assert qr.bounding_box()["width"] >= 100
        page.goto(desk.base + "/staf/piket", wait_until="networkidle")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Jadwal piket")
    finally:
        context.close()
    assert problems.items == []
