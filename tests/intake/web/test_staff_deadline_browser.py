"""/staf/tenggat in headless Chromium on a phone and a desktop: reached from the menu, axe finds no serious barriers,
no sideways scrolling at 360 px."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from generator.site.build import build
from generator.util.dates import today
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.conftest import VIEWPORTS
from tests.intake_server import ITEM, RECEIVED, LiveServer, intake_project, settings_for

PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("tenggat"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    store = app.state.intake.store
    accounts = Accounts(store)
    accounts.set_password(accounts.add("kepala", "Kepala Uji", "kepala-balai", "uji-ii", now_utc()), PASSWORD, now_utc())
    store.add(replace(ITEM, balai="uji-ii"), RECEIVED, today())
    store.add(replace(ITEM, balai="uji-ii"), RECEIVED, today() - timedelta(days=8))
    with LiveServer(app) as server:
        yield server


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_deadline_page_is_reached_from_the_menu_and_passes_axe(desk, browser, viewport):
    context = browser.new_context(locale="id-ID", bypass_csp=True, **VIEWPORTS[viewport])  # axe is an inline script
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(desk.base + "/staf/masuk")
        page.get_by_label("Nama pengguna").fill("kepala")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.get_by_role("link", name="Tenggat").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tenggat jawaban Balai Uji II")
        expect(page.locator("table tbody tr")).to_have_count(2)
        expect(page.locator("main")).to_contain_text("jatuh tempo hari ini")
        violations = axe_blocking(page)
        assert_fits(page)
    finally:
        context.close()
    assert not violations, describe_violations(violations)
    assert errors == []
