"""The "done when" path in headless Chromium: a TA answers on a phone, the citizen reads it on the status page and
asks a follow-up with JavaScript off, and asks for a lost link; axe finds no serious barriers on these pages."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.roster import Roster
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.conftest import VIEWPORTS
from tests.intake_server import VALID, LiveServer, reviewed_project, settings_for

PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    project = reviewed_project(tmp_path_factory.mktemp("jawab"))
    build(Project(project), jobs=1)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    store = app.state.intake.store
    accounts = Accounts(store)
    accounts.set_password(accounts.add("ta.uji", "Ta Uji", "ta", "uji-ii", now_utc()), PASSWORD, now_utc())
    Roster(store).set_areas(accounts.of_balai("uji-ii")[0].id, ["pembiayaan"])
    with LiveServer(app) as server:
        receipt = json.loads(server.post_json(VALID)[2])
        outbox = outbox_for(settings, store, GitPublisher(project))
        assert outbox.drain() == 1 and outbox.assign() == 1
        yield server, receipt


def test_the_ta_answers_on_a_phone_and_the_citizen_reads_it_and_follows_up_without_javascript(case, browser):
    server, receipt = case
    failures = {}
    staff = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS["ponsel"])
    page = staff.new_page()
    try:
        page.goto(server.base + "/staf/masuk")
        page.get_by_label("Nama pengguna").fill("ta.uji")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.goto(server.base + f"/staf/kasus/{receipt['tiket']}")
        page.get_by_role("link", name="Tulis jawaban").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Jawab {receipt['tiket']}")
        failures["jawab"] = axe_blocking(page)
        assert_fits(page)
        page.get_by_label("Jawaban").fill("Bisa. Siapkan **surat keterangan penghasilan** dari kelurahan.")
        page.get_by_role("button", name="Simpan dan tandai final").click()
        expect(page.get_by_role("status")).to_contain_text("Jawaban final sudah digabungkan")
        failures["jawab-final"] = axe_blocking(page)
    finally:
        staff.close()

    citizen = browser.new_context(locale="id-ID", java_script_enabled=False, **VIEWPORTS["ponsel"])
    page = citizen.new_page()
    try:
        page.goto(receipt["tautan_status"])
        expect(page.locator(".klinik-status__jawaban")).to_contain_text("surat keterangan penghasilan")
        page.get_by_label("Pertanyaan lanjutan").fill("Kalau saya belum punya NPWP, apakah tetap bisa mengajukan?")
        page.get_by_role("button", name="Kirim pertanyaan lanjutan").click()
        expect(page.get_by_role("status")).to_contain_text("Pertanyaan lanjutan terkirim")
        expect(page.get_by_role("heading", name="Pertanyaan lanjutan 1")).to_be_visible()
        assert_fits(page)
        page.goto(server.base + "/api/status/pulihkan")
        page.get_by_label("Nomor tiket").fill(receipt["tiket"])
        page.get_by_label("Nomor telepon/WhatsApp").fill(VALID["telepon"])
        page.get_by_role("button", name="Kirim tautan baru").click()
        expect(page.get_by_role("status")).to_contain_text("Permintaan diterima")
        assert_fits(page)
    finally:
        citizen.close()

    audit = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS["desktop"])
    page = audit.new_page()
    try:
        page.goto(receipt["tautan_status"])
        failures["status"] = axe_blocking(page)
        page.goto(server.base + "/api/status/pulihkan")
        failures["pulihkan"] = axe_blocking(page)
    finally:
        audit.close()
    found = {name: v for name, v in failures.items() if v}
    assert not found, "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in found.items())
