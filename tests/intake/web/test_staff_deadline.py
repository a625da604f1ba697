"""/staf/tenggat over real HTTP: a Balai sees only its own questions due today or late, the Ditjen sees every Balai
grouped; /metrics counts open, due and late questions per Balai; the team form takes a work email and phone."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import update

from generator.cli.main import main
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.store.schema import layanan
from generator.intake.web.app import create_app
from generator.util.dates import today
from tests.intake.web.staff_client import PASSWORD, Browser, signed_in
from tests.intake_server import ITEM, RECEIVED, LiveServer, intake_project, settings_for


@pytest.fixture
def watch(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    intake = app.state.intake
    accounts = Accounts(intake.store)
    for username, role, balai in (("kepala", "kepala-balai", "uji-ii"), ("ta.dua", "ta", "uji-ii"), ("ta.satu", "ta", "uji-i"),
                                  ("pusat", "ditjen", None)):
        accounts.set_password(accounts.add(username, username.replace(".", " ").title(), role, balai, now_utc()), PASSWORD, now_utc())
    ta = next(m.id for m in accounts.of_balai("uji-ii") if m.username == "ta.dua")
    day = today()
    store = intake.store
    tickets = {
        "dua_hari_ini": store.add(replace(ITEM, balai="uji-ii"), RECEIVED, day).ticket,
        "dua_terlambat": store.add(replace(ITEM, balai="uji-ii", area="perencanaan-rumah"), RECEIVED, day - timedelta(days=7)).ticket,
        "dua_nanti": store.add(replace(ITEM, balai="uji-ii"), RECEIVED, day + timedelta(days=3)).ticket,
        "satu_terlambat": store.add(replace(ITEM, balai="uji-i", provinsi="DKI Jakarta"), RECEIVED, day - timedelta(days=1)).ticket,
        "dua_dijawab": store.add(replace(ITEM, balai="uji-ii"), RECEIVED, day - timedelta(days=2)).ticket,
    }
    store.record_answer(tickets["dua_dijawab"], "Sudah dijawab.", now_utc())
    with store.transaction() as conn:
        conn.execute(update(layanan).where(layanan.c.ticket == tickets["dua_terlambat"]).values(ta_id=ta))
    with LiveServer(app) as server:
        yield server, tickets, intake


def test_a_balai_sees_its_own_due_and_late_questions_only(watch):
    server, t, intake = watch
    head = signed_in(server, "kepala")
    page = head.get("/staf/tenggat")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert 'href="/staf/tenggat"' in html and "Tenggat jawaban Balai Uji II" in html
    assert f'href="/staf/kasus/{t["dua_hari_ini"]}"' in html and t["dua_terlambat"] in html
    assert t["dua_nanti"] not in html and t["dua_dijawab"] not in html and t["satu_terlambat"] not in html
    assert html.index(t["dua_terlambat"]) < html.index(t["dua_hari_ini"])  # the most overdue first
    late = intake.calendar.working_days_between(today() - timedelta(days=7), today())
    row = re.search(rf"{t['dua_terlambat']}</a></td>(.*?)</tr>", html)[1]
    assert "Ta Dua" in row and "Perencanaan" in row and (f"{late} hari kerja" in row if late else "lewat tenggat" in row)
    assert "belum ada TA" in re.search(rf"{t['dua_hari_ini']}</a></td>(.*?)</tr>", html)[1]
    assert "1 jatuh tempo hari ini, 1 terlambat." in html
    assert ITEM.nama not in html and ITEM.telepon not in html and ITEM.question not in html
    other = signed_in(server, "ta.satu").get("/staf/tenggat").text
    assert t["satu_terlambat"] in other and t["dua_hari_ini"] not in other and t["dua_terlambat"] not in other


def test_the_ditjen_sees_every_balai_grouped(watch):
    server, t, _ = watch
    html = signed_in(server, "pusat").get("/staf/tenggat").text
    assert "Tenggat jawaban seluruh Balai" in html
    assert "<h2>Balai Uji I</h2>" in html and "<h2>Balai Uji II</h2>" in html
    first, second = html.split("<h2>Balai Uji II</h2>")
    assert t["satu_terlambat"] in first and t["dua_hari_ini"] in second and t["dua_terlambat"] in second
    assert ITEM.nama not in html


def test_signed_out_visitors_are_sent_to_sign_in(watch):
    server, _, _ = watch
    assert Browser(server.base).get("/staf/tenggat").status_code == 303


def test_metrics_count_open_due_and_late_questions_per_balai(watch):
    server, _, _ = watch
    text = server.request("/metrics")[2]
    assert 'klinik_layanan_terbuka{balai="uji-ii"} 3.0' in text
    assert 'klinik_layanan_jatuh_tempo_hari_ini{balai="uji-ii"} 1.0' in text
    assert 'klinik_layanan_terlambat{balai="uji-ii"} 1.0' in text
    assert 'klinik_layanan_terlambat{balai="uji-i"} 1.0' in text and 'klinik_layanan_jatuh_tempo_hari_ini{balai="uji-i"} 0.0' in text


def test_the_team_form_and_the_cli_take_a_work_email_and_phone(watch):
    server, _, intake = watch
    head = signed_in(server, "kepala")
    form = {"csrf": head.csrf("/staf/tim"), "nama": "Dewi Ahli", "pengguna": "dewi", "peran": "ta", "email": "dewi@pu.go.id",
            "telepon": "0812-5555-6666"}
    assert head.post("/staf/tim", form).status_code == 200
    dewi = next(m for m in Accounts(intake.store).of_balai("uji-ii") if m.username == "dewi")
    assert (dewi.email, dewi.telepon) == ("dewi@pu.go.id", "081255556666")
    refused = head.post("/staf/tim", {**form, "csrf": head.csrf("/staf/tim"), "pengguna": "dewi2", "email": "bukan-email"})
    assert refused.status_code == 422 and "Email tidak sah" in refused.text
    made = CliRunner().invoke(main, ["staf", "tambah", "--nama", "Budi Ahli", "--pengguna", "budi", "--peran", "ta", "--balai", "uji-ii",
                                     "--email", "budi@pu.go.id", "--telepon", "+62 813 1234 5678"])
    assert made.exit_code == 0, made.output
    budi = next(m for m in Accounts(intake.store).of_balai("uji-ii") if m.username == "budi")
    assert (budi.email, budi.telepon) == ("budi@pu.go.id", "081312345678")
    bad = CliRunner().invoke(main, ["staf", "tambah", "--nama", "Cici", "--pengguna", "cici", "--peran", "ta", "--balai", "uji-ii",
                                    "--telepon", "12"])
    assert bad.exit_code == 2 and "Nomor telepon tidak sah" in bad.output
