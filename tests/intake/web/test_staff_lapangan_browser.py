"""A field visit in headless Chromium at 360 px: assigned with JavaScript off, reported with two photos from a phone;
axe finds no serious barriers on the new pages and nothing scrolls sideways."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from generator.config.project import Project
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.intake.web.staff_client import add_staff, sign_in_page
from tests.intake_server import LiveServer, intake_project, settings_for

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def photo(seed: int) -> dict:
    out = io.BytesIO()
    Image.effect_noise((1600, 1200), 40 + seed).convert("RGB").save(out, "JPEG")
    return {"name": f"IMG_{seed}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("lapangan"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    add_staff(app.state.intake.store, (("kepala", "kepala-balai", "uji-ii"), ("ta.uji", "ta", "uji-ii")))
    with LiveServer(app) as server:
        yield server


def test_a_visit_is_assigned_without_javascript_and_reported_with_photos_on_a_phone(desk, browser):
    head = browser.new_context(locale="id-ID", java_script_enabled=False, **PHONE)
    page = head.new_page()
    try:
        sign_in_page(page, desk.base, "kepala")
        page.get_by_role("link", name="Kunjungan lapangan").click()
        assert_fits(page)
        page.get_by_label("TA yang berkunjung").select_option(label="Ta Uji")
        page.get_by_label("Tanggal kunjungan").fill("2026-12-05")
        page.get_by_label("Jenis layanan").select_option("pendampingan")
        page.get_by_label("Bidang").select_option("pembiayaan")
        page.get_by_label("Provinsi").select_option("Bali")
        page.get_by_label("Kabupaten/kota").fill("Kota Denpasar")
        page.get_by_label("Kecamatan").fill("Denpasar Selatan")
        page.get_by_label("Desa/kelurahan").fill("Sanur Kaja")
        page.get_by_label("Alamat lokasi (jalan, RT/RW, patokan)").fill("Jl. Mawarjingga 7")
        page.get_by_role("button", name="Tugaskan").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kunjungan lapangan KPKP-")
        expect(page.locator("main")).to_contain_text("Jl. Mawarjingga 7")
    finally:
        head.close()
    context = browser.new_context(locale="id-ID", bypass_csp=True, **PHONE)  # axe is an inline script: let it in
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        sign_in_page(page, desk.base, "ta.uji")
        page.get_by_role("link", name="Kunjungan lapangan").click()
        failures = {"daftar": axe_blocking(page)}
        assert_fits(page)
        page.locator("table a").first.click()
        page.get_by_label("Foto lokasi").set_input_files([photo(1), photo(2)])
        page.get_by_label("Hasil kunjungan: kondisi yang dilihat dan saran yang diberikan").fill("Retak rambut; plester ulang.")
        page.get_by_role("button", name="Simpan dan tandai selesai").click()
        expect(page.locator("main")).to_contain_text("selesai, ")
        expect(page.locator(".klinik-staf__foto img")).to_have_count(2)
        failures["kunjungan"] = axe_blocking(page)
        assert_fits(page)
        visit = page.url
    finally:
        context.close()
    strict = browser.new_context(locale="id-ID", **PHONE)  # the server's own CSP this time: same-origin images load
    page = strict.new_page()
    try:
        sign_in_page(page, desk.base, "kepala")
        page.goto(visit)
        loaded = "[...document.querySelectorAll('.klinik-staf__foto img')].every(i => i.complete && i.naturalWidth > 0)"
        for _ in range(100):  # polled from Python: wait_for_function's own polling evals a string, which this CSP refuses
            if page.evaluate(loaded):
                break
            page.wait_for_timeout(50)
        assert page.evaluate(loaded)
        assert page.locator(".klinik-staf__foto img").count() == 2
    finally:
        strict.close()
    found = {name: v for name, v in failures.items() if v}
    assert not found, "\n".join(f"{name}:\n{describe_violations(v)}" for name, v in found.items())
    assert errors == []
