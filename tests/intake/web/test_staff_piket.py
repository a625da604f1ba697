"""The duty schedule over real HTTP: the team sees it, an ATA proposes, only the Kepala Balai approves (audited), and a
new question goes to the TA on approved duty today."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from generator.intake.web.app import create_app
from generator.util.dates import today
from tests.intake.web.staff_client import member
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture
def desk(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    with LiveServer(app) as server:
        yield server, app.state.intake


def ta_ids(page: str) -> dict[str, str]:
    return {name: value for value, name in re.findall(r'name="ta" value="(\d+)"[^>]*> ([^<]+)</label>', page)}


def test_ata_proposes_kepala_balai_approves_and_the_ta_on_duty_gets_the_question(desk):
    server, intake = desk
    head, citra = member(server, "kepala", "kepala-balai", "Kepala"), member(server, "citra", "ata", "Citra")
    ani, budi = member(server, "ani", "ta", "Ani"), member(server, "budi", "ta", "Budi")
    team = head.get("/staf/tim").text
    for name in ("Ani", "Budi"):
        staff_id = re.search(rf'name="staf" value="(\d+)">\n<fieldset><legend>{name}</legend>', team)[1]
        head.post("/staf/tim/keahlian", [("csrf", head.csrf("/staf/tim")), ("staf", staff_id), ("bidang", "pembiayaan")])

    day = today().isoformat()
    seen = ani.get("/staf/piket")
    assert seen.status_code == 200 and "Jadwal piket Balai Uji II" in seen.text and "Simpan usulan" not in seen.text
    assert ani.post("/staf/piket", {"csrf": ani.csrf("/staf/"), "tanggal": day, "ta": "1"}).status_code == 403

    page = citra.get("/staf/piket").text
    ids = ta_ids(page)
    assert set(ids) == {"Ani", "Budi"} and "Setujui jadwal" not in page  # an ATA proposes, never approves
    csrf = citra.csrf("/staf/piket")
    far = (today() + timedelta(days=14)).isoformat()
    assert citra.post("/staf/piket", {"csrf": csrf, "tanggal": far, "ta": ids["Budi"]}).status_code == 422
    assert citra.post("/staf/piket", {"csrf": csrf, "tanggal": day, "ta": "999999"}).status_code == 422
    assert citra.post("/staf/piket", {"csrf": csrf, "tanggal": day, "ta": ids["Budi"], "aksi": "setujui"}).status_code == 403
    proposed = citra.post("/staf/piket", {"csrf": csrf, "tanggal": day, "ta": ids["Budi"], "aksi": "usulkan"})
    assert proposed.headers["location"] == f"/staf/piket#hari-{day}"
    shown = html.unescape(head.get("/staf/piket").text)
    assert "Usulan menunggu persetujuan: Budi (diusulkan Citra" in shown and "Piket disetujui: belum ada" in shown

    approved = head.post("/staf/piket", {"csrf": head.csrf("/staf/piket"), "tanggal": day, "ta": ids["Budi"], "aksi": "setujui"})
    assert approved.status_code == 303
    shown = html.unescape(budi.get("/staf/piket").text)
    assert "Piket disetujui: Budi (disetujui Kepala" in shown

    assert server.post_json(VALID)[0] == 201  # without the schedule Ani (first, same load) would get it

    mine = budi.get("/staf/?saya=1").text
    ticket = re.search(r"KPKP-\d{4}-\d{6}", mine)[0]
    assert ticket not in ani.get("/staf/?saya=1").text
    assert "(otomatis, bidang pembiayaan, piket)" in html.unescape(budi.get(f"/staf/kasus/{ticket}").text)
    log = head.get("/staf/audit").text
    assert "usulkan-piket" in log and "setujui-piket" in log
