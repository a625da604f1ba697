"""The report's back-office pages in headless Chromium at 360 px: the Kepala Balai types a target, a TA writes the
month's notes with JavaScript off; axe finds no serious barriers and nothing scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.intake.web.staff_client import sign_in_page
from tests.intake_server import LiveServer, intake_project, settings_for
from tests.report_register import fill

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("laporan-browser"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    fill(app.state.intake.store)
    with LiveServer(app) as server:
        yield server


def test_targets_and_notes_on_a_phone(desk, browser, tmp_path):
    failures: dict[str, list] = {}
    head = browser.new_context(locale="id-ID", java_script_enabled=False, **PHONE)
    page = head.new_page()
    try:
        sign_in_page(page, desk.base, "kepala")
        page.get_by_role("link", name="Target layanan").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Target layanan")
        page.goto(desk.base + "/staf/target?tahun=2026")
        assert_fits(page)
        page.get_by_role("spinbutton", name="Konsultasi Desember").fill("9")
        page.get_by_role("button", name="Simpan target 2026").click()
        expect(page.get_by_role("spinbutton", name="Konsultasi Desember")).to_have_value("9")
    finally:
        head.close()
    context = browser.new_context(locale="id-ID", bypass_csp=True, **PHONE)  # axe is an inline script: let it in
    page = context.new_page()
    try:
        sign_in_page(page, desk.base, "kepala")
        page.goto(desk.base + "/staf/target?tahun=2026")
        failures["target"] = axe_blocking(page)
        page.goto(desk.base + "/staf/laporan?bulan=2026-11")
        expect(page.locator("main")).to_contain_text("Jaringan internet di kantor Balai terputus dua hari.")
        failures["laporan kepala"] = axe_blocking(page)
        assert_fits(page)
    finally:
        context.close()
    context = browser.new_context(locale="id-ID", bypass_csp=True, **PHONE)
    page = context.new_page()
    try:
        sign_in_page(page, desk.base, "ta.satu")
        page.get_by_role("link", name="Laporan bulanan").click()
        page.goto(desk.base + "/staf/laporan?bulan=2026-11")
        page.get_by_label("Kendala bulan ini").fill("Hujan deras, dua kunjungan lapangan ditunda.")
        page.get_by_role("button", name="Simpan kendala dan tindak lanjut").click()
        expect(page.get_by_role("status")).to_have_text("Kendala dan tindak lanjut tersimpan.")
        expect(page.get_by_label("Kendala bulan ini")).to_have_value("Hujan deras, dua kunjungan lapangan ditunda.")
        failures["laporan TA"] = axe_blocking(page)
        assert_fits(page)
        page.screenshot(path=str(tmp_path / "staf-laporan-360.png"), full_page=True)
    finally:
        context.close()
    found = {name: v for name, v in failures.items() if v}
    assert not found, "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in found.items())
