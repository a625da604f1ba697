"""/staf/dasbor in headless Chromium at 360 px and on a desktop: reached from the menu, the charts drawn and inside the
screen, axe finds no serious or critical barrier, no sideways scrolling; the Ditjen's Balai picker works."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.model import KANAL, NewService
from generator.intake.store.pageviews import record_view
from generator.intake.store.register import Register
from generator.intake.store.schema import survei
from generator.intake.web.app import create_app
from generator.site.build import build
from generator.util.dates import today
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.intake.web.staff_client import add_staff, sign_in_page
from tests.intake_server import ITEM, LiveServer, intake_project, settings_for

VIEWPORTS = {
    "360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
TEAM = (("kepala", "kepala-balai", "uji-ii"), ("pusat", "ditjen", None))
SHOTS = os.environ.get("KLINIK_SCREENSHOTS")
"""A folder to keep the screenshots in for a look (unset: the test's own temporary folder)."""


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("dasbor"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    store = app.state.intake.store
    add_staff(store, TEAM)
    register, day, now = Register(store), today(), datetime.now(timezone.utc)
    for week in range(12):
        for index, kanal in enumerate(KANAL):
            for _ in range((week * 3 + index * 5) % 7):
                people = {"jumlah_orang": 20} if kanal == "acara" else {"nama": "Warga Uji"}
                register.record(NewService(jenis="informasi" if kanal == "acara" else "konsultasi", kanal=kanal, balai="uji-ii",
                                           area="pembiayaan", provinsi="Bali", kabupaten_kota=None,
                                           tanggal=day - timedelta(weeks=week), **people), now)
        for _ in range((week * 7) % 11 + 1):
            record_view(store, day - timedelta(weeks=week), "/")
    for months_ago in range(0, 150, 30):
        received = now - timedelta(days=months_ago + 5)
        for answered in (True, True, False):
            ticket = store.add(replace(ITEM, balai="uji-ii"), received, (received + timedelta(days=3)).date()).ticket
            if answered:
                store.record_answer(ticket, "Dijawab.", received + timedelta(days=1))
    with store.transaction() as conn:
        conn.execute(survei.insert(), [{"balai": "uji-ii", "kanal": "daring", "jenis_layanan": "konsultasi", "bulan": f"{day:%Y-%m}",
                                        "unsur": "permenpanrb-2017", "nilai": "4,3,3,4,3,3,4,3,3"}] * 3)
    with LiveServer(app) as server:
        yield server


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_dashboard_is_reached_from_the_menu_fits_and_passes_axe(desk, browser, viewport, tmp_path):
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS[viewport])  # axe is an inline script
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        sign_in_page(page, desk.base, "kepala")
        page.get_by_role("link", name="Dasbor").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor Balai Uji II")
        charts = page.get_by_role("img")
        expect(page.locator("svg.klinik-grafik")).to_have_count(4)
        expect(charts.filter(has_text="Layanan per minggu")).to_have_count(1)
        width = page.viewport_size["width"]
        for box in (page.locator("svg.klinik-grafik").nth(i).bounding_box() for i in range(4)):
            assert box and 0 <= box["x"] and box["x"] + box["width"] <= width and box["height"] > 100
        folder = Path(SHOTS) if SHOTS else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"dasbor-{viewport}.png"), full_page=True)
        violations = axe_blocking(page)
        assert_fits(page)
    finally:
        context.close()
    assert not violations, describe_violations(violations)
    assert errors == []


def test_the_ditjen_picks_a_balai_from_the_list(desk, browser):
    context = browser.new_context(locale="id-ID", **VIEWPORTS["360"])
    page = context.new_page()
    try:
        sign_in_page(page, desk.base, "pusat")
        page.goto(desk.base + "/staf/dasbor")
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor semua Balai")
        page.get_by_label("Balai", exact=True).select_option("uji-ii")
        page.get_by_role("button", name="Tampilkan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor Balai Uji II")
        assert page.url.endswith("/staf/dasbor?balai=uji-ii")
    finally:
        context.close()
