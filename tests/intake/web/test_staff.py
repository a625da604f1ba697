"""The back office over real HTTP: accounts from the CLI and the Kepala Balai, sign-in with CSRF and lockout,
a Balai sees only its cases, every identity view is in the audit log."""

from __future__ import annotations

import re

import httpx
import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import Browser
from tests.intake_server import VALID, LiveServer, intake_project, settings_for


def activate(server_base: str, link: str, password: str = "kata-sandi-yang-panjang") -> None:
    browser = Browser(server_base)
    path = link[link.index("/staf/"):]
    answer = browser.post(path, {"csrf": browser.csrf(path), "sandi": password, "ulang": password})
    assert answer.status_code == 303 and answer.headers["location"] == "/staf/masuk?aktif=1", answer.text


def only_ticket(intake) -> str:
    with intake.store.engine.connect() as conn:
        return conn.exec_driver_sql("select ticket from layanan").scalar_one()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    with LiveServer(app) as server:
        yield server, app.state.intake, project


def test_kepala_balai_builds_a_team_and_a_ta_opens_a_case_of_his_balai_only(desk):
    server, intake, project = desk
    made = CliRunner().invoke(main, ["staf", "tambah", "--nama", "Kepala Uji", "--pengguna", "kepala", "--peran", "kepala-balai",
                                     "--balai", "uji-ii"])
    assert made.exit_code == 0, made.output
    activate(server.base, made.output.splitlines()[-1])
    head = Browser(server.base)
    assert head.sign_in("kepala", "kata-sandi-yang-panjang").headers["location"] == "/staf/"
    assert "HttpOnly" in head.http.get("/staf/masuk").headers.get("set-cookie", "HttpOnly")
    added = head.post("/staf/tim", {"csrf": head.csrf("/staf/tim"), "nama": "Tenaga Ahli Uji", "pengguna": "ta.uji", "peran": "ta"})
    assert added.status_code == 200 and "Akun Tenaga Ahli Uji dibuat" in added.text
    activate(server.base, re.search(r"<code>([^<]+)</code>", added.text)[1])

    status, _, _ = server.post_json(VALID)  # from Bali: Balai uji-ii
    assert status == 201
    ticket = only_ticket(intake)
    ta = Browser(server.base)
    assert ta.sign_in("ta.uji", "kata-sandi-yang-panjang").status_code == 303
    queue = ta.get("/staf/")
    assert ticket in queue.text and VALID["nama"] not in queue.text  # the list never shows who asked
    page = ta.get(f"/staf/kasus/{ticket}")
    assert page.status_code == 200 and VALID["nama"] in page.text and VALID["pertanyaan"] in page.text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"

    other = CliRunner().invoke(main, ["staf", "tambah", "--nama", "TA Lain", "--pengguna", "ta.lain", "--peran", "ta", "--balai", "uji-i"])
    activate(server.base, other.output.splitlines()[-1])
    stranger = Browser(server.base)
    stranger.sign_in("ta.lain", "kata-sandi-yang-panjang")
    refused = stranger.get(f"/staf/kasus/{ticket}")
    assert refused.status_code == 403 and VALID["nama"] not in refused.text and VALID["telepon"] not in refused.text
    assert ticket not in stranger.get("/staf/").text

    log = head.get("/staf/audit")
    assert log.status_code == 200 and "Tenaga Ahli Uji" in log.text and "lihat-identitas" in log.text and ticket in log.text
    assert ta.get("/staf/audit").status_code == 403  # the log is the Kepala Balai's to read


def test_ditjen_monitors_every_balai_without_seeing_people(desk):
    server, intake, _ = desk
    assert server.post_json(VALID)[0] == 201
    made = CliRunner().invoke(main, ["staf", "tambah", "--nama", "Pemantau", "--pengguna", "ditjen", "--peran", "ditjen"])
    activate(server.base, made.output.splitlines()[-1])
    ditjen = Browser(server.base)
    ditjen.sign_in("ditjen", "kata-sandi-yang-panjang")
    ticket = only_ticket(intake)
    page = ditjen.get(f"/staf/kasus/{ticket}")
    assert page.status_code == 200 and VALID["nama"] not in page.text and "hanya ditampilkan kepada petugas Balai" in page.text


def test_wrong_passwords_lock_the_account_and_forms_need_their_csrf_token(desk):
    server, intake, _ = desk
    token = Accounts(intake.store).add("budi", "Budi", "ta", "uji-i", now_utc())
    activate(server.base, f"{server.base}/staf/aktivasi/{token}")
    browser = Browser(server.base)
    assert browser.post("/staf/masuk", {"csrf": "palsu", "pengguna": "budi", "sandi": "kata-sandi-yang-panjang"}).status_code == 403
    for _ in range(4):
        assert browser.sign_in("budi", "salah-salah-salah").status_code == 401
    locked = browser.sign_in("budi", "salah-salah-salah")
    assert locked.status_code == 429 and "dikunci 15 menit" in locked.text
    assert browser.sign_in("budi", "kata-sandi-yang-panjang").status_code == 429  # even the right password waits
    assert browser.sign_in("tidak-ada", "apa-saja-apa-saja").status_code == 401
    again = Browser(server.base).get(f"/staf/aktivasi/{token}")
    assert again.status_code == 404  # a set-up link works once


def test_pages_need_a_session_and_signing_out_ends_it(desk):
    server, intake, _ = desk
    assert Browser(server.base).get("/staf/").headers["location"] == "/staf/masuk"
    token = Accounts(intake.store).add("sari", "Sari", "ata", "uji-i", now_utc())
    activate(server.base, f"{server.base}/staf/aktivasi/{token}")
    browser = Browser(server.base)
    browser.sign_in("sari", "kata-sandi-yang-panjang")
    cookie = browser.cookies["klinik_staf"]
    assert browser.get("/staf/").status_code == 200
    assert browser.post("/staf/keluar", {"csrf": browser.csrf("/staf/")}).status_code == 303
    replay = httpx.get(server.base + "/staf/", headers={"Cookie": f"klinik_staf={cookie}"}, follow_redirects=False)
    assert replay.status_code == 303  # the old cookie is worthless once signed out


def test_cli_refuses_bad_accounts_with_one_line(desk):
    _, _, _ = desk
    wrong = CliRunner().invoke(main, ["staf", "tambah", "--nama", "X Y", "--pengguna", "xy", "--peran", "ta", "--balai", "tidak-ada"])
    assert wrong.exit_code == 2 and wrong.output.startswith("Galat: Balai 'tidak-ada' tidak ada")
    no_balai = CliRunner().invoke(main, ["staf", "tambah", "--nama", "X Y", "--pengguna", "xyz", "--peran", "ta"])
    assert (no_balai.exit_code, no_balai.output) == (2, "Galat: Peran Balai wajib punya Balai; Ditjen tidak terikat satu Balai.\n")
