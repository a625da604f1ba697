"""Two-step recovery codes over real HTTP on SQLite and PostgreSQL: ten shown once when TOTP is turned on, stored as
argon2id hashes, each accepted once instead of a TOTP code (audited), counted on /staf/akun, renewed (old ones die)."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from generator.intake.store.schema import staf_pemulihan
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import PASSWORD, Browser, member, password_step, step_start, turn_on
from tests.intake_server import LiveServer, intake_project, settings_for


@pytest.fixture
def desk(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("KLINIK_DATABASE_URL", store_url)  # the CLI (`klinik staf tambah`) and the server share the store
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    assert app.state.intake.store.engine.dialect.name == store_url.split(":")[0]
    with LiveServer(app) as server:
        yield server


def remaining(browser: Browser) -> int:
    return int(re.search(r"Sisa kode pemulihan yang belum dipakai: <strong>(\d+) dari 10</strong>", browser.get("/staf/akun").text)[1])


def test_a_recovery_code_signs_in_once_instead_of_the_phone_and_is_audited(desk):
    head = member(desk, "kepala", "kepala-balai")
    ani = member(desk, "ani")
    turn_on(ani, step_start())
    codes = ani.recovery_codes
    with desk.server.config.app.state.intake.store.engine.connect() as conn:
        stored = conn.execute(select(staf_pemulihan.c.kode_hash)).scalars().all()
    assert len(stored) == 10 and all(h.startswith("$argon2id$") for h in stored)
    assert not any(c.replace("-", "") in h or c in h for c in codes for h in stored)  # hashes only

    phone_lost = Browser(desk.base)
    csrf = password_step(phone_lost, "ani")
    signed = phone_lost.post("/staf/masuk/kode", {"csrf": csrf, "kode": f" {codes[3].upper().replace('-', ' ')} "})  # typed loosely
    assert signed.headers["location"] == "/staf/" and "klinik_staf" in phone_lost.cookies
    assert remaining(phone_lost) == 9

    again = Browser(desk.base)
    csrf = password_step(again, "ani")
    reused = again.post("/staf/masuk/kode", {"csrf": csrf, "kode": codes[3]})
    assert reused.status_code == 401 and "kode pemulihan Anda yang belum dipakai" in reused.text
    assert again.post("/staf/masuk/kode", {"csrf": csrf, "kode": codes[4]}).headers["location"] == "/staf/"
    assert remaining(again) == 8
    audit = html.unescape(head.get("/staf/audit").text)
    assert audit.count("<td>Nama ani (Tenaga Ahli (TA))</td><td>pakai-kode-pemulihan</td>") == 2


def test_renewing_kills_the_old_codes_and_needs_the_password_and_a_code(desk):
    ani = member(desk, "ani")
    now = step_start()
    totp = turn_on(ani, now)
    old = ani.recovery_codes
    csrf = ani.csrf("/staf/akun")
    refused = ani.post("/staf/akun/kode-pemulihan", {"csrf": csrf, "sandi": "bukan-kata-sandinya", "kode": totp.at(now)})
    assert refused.status_code == 422 and "kode pemulihan lama tetap berlaku" in refused.text and remaining(ani) == 10
    renewed = ani.post("/staf/akun/kode-pemulihan", {"csrf": csrf, "sandi": PASSWORD, "kode": totp.at(now)})
    assert renewed.status_code == 200 and "kode lama tidak berlaku lagi" in renewed.text
    assert renewed.headers["cache-control"] == "no-store"  # shown once: no cache keeps a copy
    new = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", renewed.text)
    assert len(new) == 10 and not set(new) & set(old) and remaining(ani) == 10

    browser = Browser(desk.base)
    csrf = password_step(browser, "ani")
    assert browser.post("/staf/masuk/kode", {"csrf": csrf, "kode": old[0]}).status_code == 401
    assert browser.post("/staf/masuk/kode", {"csrf": csrf, "kode": new[0]}).headers["location"] == "/staf/"
    assert "buat-kode-pemulihan" in member(desk, "kepala", "kepala-balai").get("/staf/audit").text


def test_wrong_recovery_codes_lock_the_account_like_wrong_passwords(desk):
    budi = member(desk, "budi")
    turn_on(budi, step_start())
    thief = Browser(desk.base)
    csrf = password_step(thief, "budi")
    for _ in range(4):
        assert thief.post("/staf/masuk/kode", {"csrf": csrf, "kode": "abcde-fghjk"}).status_code == 401
    locked = thief.post("/staf/masuk/kode", {"csrf": csrf, "kode": "abcde-fghjk"})
    assert locked.status_code == 429 and "dikunci 15 menit" in html.unescape(locked.text)
    assert "klinik_staf" not in thief.cookies
    late = Browser(desk.base)  # the right code while locked opens nothing either
    assert late.sign_in("budi", PASSWORD).status_code == 429
