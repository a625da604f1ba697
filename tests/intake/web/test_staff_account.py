"""Two-step verification over real HTTP: turned on at /staf/akun with a current code, asked after the password with
no session before it, each code once, wrong codes locking like passwords, reset by the Kepala Balai (audited)."""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import PASSWORD, Browser, member, password_step, step_start, turn_on
from tests.intake_server import LiveServer, intake_project, settings_for


@pytest.fixture
def desk(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    with LiveServer(app) as server:
        yield server


def test_on_then_the_code_after_the_password_once_then_off(desk):
    ani = member(desk, "ani")
    now = step_start()
    totp = turn_on(ani, now)
    ani.post("/staf/keluar", {"csrf": ani.csrf("/staf/")})

    fresh = Browser(desk.base)
    csrf = password_step(fresh, "ani")
    assert fresh.post("/staf/masuk/kode", {"kode": totp.at(now)}).status_code == 403  # no CSRF token
    replay = fresh.post("/staf/masuk/kode", {"csrf": csrf, "kode": totp.at(now - 30)})  # the code that turned it on
    assert replay.status_code == 401 and "sudah dipakai" in replay.text
    signed = fresh.post("/staf/masuk/kode", {"csrf": csrf, "kode": totp.at(now)})
    assert signed.headers["location"] == "/staf/" and "klinik_staf" in fresh.cookies and "klinik_staf_kode" not in fresh.cookies
    assert fresh.get("/staf/").status_code == 200

    other = Browser(desk.base)  # the same code, seen over a shoulder, on another machine
    csrf = password_step(other, "ani")
    assert other.post("/staf/masuk/kode", {"csrf": csrf, "kode": totp.at(now)}).status_code == 401

    account = fresh.get("/staf/akun")
    csrf = re.search(r'name="csrf" value="([^"]+)"', account.text)[1]
    refused = fresh.post("/staf/akun/matikan", {"csrf": csrf, "sandi": "salah-salah-salah", "kode": totp.at(now + 30)})
    assert refused.status_code == 422 and "tetap aktif" in refused.text
    off = fresh.post("/staf/akun/matikan", {"csrf": csrf, "sandi": PASSWORD, "kode": totp.at(now + 30)})
    assert off.headers["location"] == "/staf/akun?ok=mati"
    assert Browser(desk.base).sign_in("ani", PASSWORD).headers["location"] == "/staf/"  # the password alone again


def test_wrong_codes_lock_the_account_and_the_kepala_balai_resets_a_lost_phone(desk):
    head = member(desk, "kepala", "kepala-balai")
    budi = member(desk, "budi")
    now = step_start()
    totp = turn_on(budi, now)

    team = head.get("/staf/tim")
    assert "verifikasi dua langkah aktif" in team.text
    budi_id = re.search(r'action="/staf/tim/dua-langkah" class="klinik-form">\n<input [^>]+><input type="hidden" name="staf" '
                        r'value="(\d+)">', team.text)[1]
    assert budi.post("/staf/tim/dua-langkah", {"csrf": budi.csrf("/staf/"), "staf": budi_id}).status_code == 403  # not a TA's
    reset = head.post("/staf/tim/dua-langkah", {"csrf": head.csrf("/staf/tim"), "staf": budi_id})
    assert reset.headers["location"] == "/staf/tim" and "Atur ulang verifikasi" not in head.get("/staf/tim").text
    assert "atur-ulang-dua-langkah" in head.get("/staf/audit").text and "aktifkan-dua-langkah" in head.get("/staf/audit").text
    assert Browser(desk.base).sign_in("budi", PASSWORD).headers["location"] == "/staf/"

    totp = turn_on(budi, now + 30)  # on again with a new secret
    thief = Browser(desk.base)  # knows the password, not the phone
    csrf = password_step(thief, "budi")
    wrong = "000000" if totp.now() != "000000" else "111111"
    for _ in range(4):
        assert thief.post("/staf/masuk/kode", {"csrf": csrf, "kode": wrong}).status_code == 401
    locked = thief.post("/staf/masuk/kode", {"csrf": csrf, "kode": wrong})
    assert locked.status_code == 429 and "dikunci 15 menit" in html.unescape(locked.text)
    assert "klinik_staf" not in thief.cookies and "klinik_staf_kode" not in thief.cookies
    assert thief.sign_in("budi", PASSWORD).status_code == 429  # the right password waits too


def test_the_server_operator_resets_a_kepala_balais_lost_phone(desk):
    head = member(desk, "kepala", "kepala-balai")
    turn_on(head, step_start())
    assert Browser(desk.base).sign_in("kepala", PASSWORD).headers["location"] == "/staf/masuk/kode"
    done = CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "kepala", "--oleh", "pak-admin"])
    assert (done.exit_code, done.output) == (
        0, "Verifikasi dua langkah akun kepala dimatikan (tercatat di log audit); aktifkan lagi di /staf/akun.\n")
    signed = Browser(desk.base)
    assert signed.sign_in("kepala", PASSWORD).headers["location"] == "/staf/"
    audit = html.unescape(signed.get("/staf/audit").text)  # the Kepala Balai sees who reset their account, and when
    assert re.search(r"<td>Operator server \(cli:pak-admin\)</td><td>atur-ulang-dua-langkah</td><td>-</td><td>Nama kepala</td>", audit)
    again = CliRunner().invoke(main, ["staf", "atur-ulang-dua-langkah", "--pengguna", "kepala"])
    assert (again.exit_code, again.output) == (2, "Galat: akun 'kepala' tidak ada atau verifikasi dua langkahnya tidak aktif\n")


def test_the_code_step_without_a_password_step_goes_back_to_sign_in(desk):
    browser = Browser(desk.base)
    assert browser.get("/staf/masuk/kode").headers["location"] == "/staf/masuk"
    browser.cookies["klinik_staf_kode"] = "tidak-ada"
    expired = browser.post("/staf/masuk/kode", {"csrf": "x", "kode": "123456"})
    assert expired.status_code == 403 and "Masuk lagi" in expired.text
