"""The survey in headless Chromium at 360 px with JavaScript off: from the status page to the thanks page, counted once,
without the ticket; the ATA's receipt with its QR code; axe finds no serious barriers."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from generator.config.project import Project
from generator.intake.store.schema import survei
from generator.intake.store.survey import survey_responses
from generator.intake.web.app import create_app
from generator.site.build import build
from generator.util.dates import today
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.intake.web.staff_client import add_staff, sign_in_page
from tests.intake_server import VALID, LiveServer, intake_project, now, settings_for

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("survei-peramban"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    add_staff(app.state.intake.store)
    with LiveServer(app) as server:
        receipt = json.loads(server.post_json(VALID)[2])
        app.state.intake.store.record_answer(receipt["tiket"], "Bisa, siapkan **surat keterangan penghasilan**.", now())
        yield server, app.state.intake, receipt


def test_a_citizen_rates_the_answered_case_on_a_phone_without_javascript(served, browser):
    server, intake, receipt = served
    month = f"{today():%Y-%m}"
    unsur = intake.ikm.set_for_day(today()).unsur
    failures = {}
    citizen = browser.new_context(locale="id-ID", java_script_enabled=False, **PHONE)
    audit = browser.new_context(locale="id-ID", bypass_csp=True, **PHONE)  # axe needs JavaScript; the citizen has none
    check = audit.new_page()
    try:
        page = citizen.new_page()
        page.goto(receipt["tautan_status"])
        page.get_by_role("link", name="Nilai layanan ini").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Nilai layanan Klinik PKP")
        survey_url = page.url
        assert_fits(page)
        check.goto(survey_url)
        failures["survei"] = axe_blocking(check)
        stale = citizen.new_page()  # the same link open in a second tab, submitted after the first
        stale.goto(survey_url)
        for u, score in zip(unsur, [4, 3, 4, 4, 3, 4, 4, 4, 2], strict=True):
            page.get_by_role("group", name=u.pertanyaan).get_by_label(u.pilihan[score - 1], exact=True).check()
        page.get_by_label("Saran atau komentar").fill("Jawaban jelas. Kalau perlu hubungi 0813 2222 3333.")
        page.get_by_role("button", name="Kirim penilaian").click()
        expect(page.get_by_role("status")).to_contain_text("Penilaian Anda sudah kami terima")
        assert_fits(page)
        check.goto(page.url)
        failures["terima-kasih"] = axe_blocking(check)
        for u in unsur:
            stale.get_by_role("group", name=u.pertanyaan).get_by_label(u.pilihan[0], exact=True).check()
        stale.get_by_role("button", name="Kirim penilaian").click()
        expect(stale.get_by_text("Tautan penilaian ini sudah dipakai")).to_be_visible()
        check.goto(survey_url)
        failures["terpakai"] = axe_blocking(check)
    finally:
        citizen.close()
        audit.close()
    responses = survey_responses(intake.store, "uji-ii", [month])
    assert [(r.kanal, r.nilai) for r in responses] == [("daring", (4, 3, 4, 4, 3, 4, 4, 4, 2))]
    assert "2222" not in responses[0].komentar
    with intake.store.engine.connect() as conn:
        assert all(receipt["tiket"] not in str(value) for row in conn.execute(select(survei)) for value in row)
    assert not any(failures.values()), "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in failures.items() if v)


def test_the_ata_shows_a_receipt_with_a_qr_code_that_prints_without_the_menus(served, browser):
    server, _, _ = served
    staff = browser.new_context(locale="id-ID", bypass_csp=True, **PHONE)
    try:
        page = staff.new_page()
        sign_in_page(page, server.base, "ata")
        page.goto(server.base + "/staf/catat")
        page.get_by_label("Bidang").select_option("pembiayaan")
        page.get_by_label("Provinsi").select_option("Bali")
        page.get_by_label("Kabupaten/kota (kosongkan untuk acara)").fill("Kota Denpasar")
        page.get_by_label("Nama penerima layanan (kosongkan untuk acara)").fill("Ketut Sudana")
        page.get_by_label("Uraian: apa yang ditanyakan atau dilayani").fill("Menanyakan syarat KPR FLPP")
        page.get_by_role("button", name="Catat", exact=True).click()
        page.get_by_role("link", name="Tanda terima dan survei").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tanda terima layanan KPKP-")
        link = page.locator(".klinik-tanda-survei__tautan a")
        assert "/survei/" in link.inner_text() and page.locator(".klinik-tanda-survei__qr svg").count() == 1
        assert_fits(page)
        blocking = axe_blocking(page)
        assert not blocking, describe_violations(blocking)
        page.emulate_media(media="print")
        expect(page.locator(".klinik-staf__nav")).to_be_hidden()
        expect(page.locator(".klinik-tanda-survei__qr svg")).to_be_visible()
    finally:
        staff.close()
