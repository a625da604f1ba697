"""The desk's daily work over HTTP: questions go to the TA who covers the area, an ATA forwards with a note and
records a walk-in; every change is in the case's history and the Balai's recap."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.intake.web.app import create_app
from generator.util.dates import today
from tests.intake.web.staff_client import Browser, add_staff, signed_in
from tests.intake_server import VALID, LiveServer, intake_project, settings_for


@pytest.fixture
def desk(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    ids = add_staff(app.state.intake.store)
    with LiveServer(app) as server:
        yield server, ids


def set_areas(head: Browser, staff_id: int, areas: list[str]) -> None:
    body = [("csrf", head.csrf("/staf/tim")), ("staf", str(staff_id)), *(("bidang", a) for a in areas)]
    assert head.post("/staf/tim/keahlian", body).status_code == 303


def test_a_question_goes_to_the_ta_of_its_area_and_waits_when_none_covers_it(desk):
    server, ids = desk
    head = signed_in(server, "kepala")
    set_areas(head, ids["ta.dua"], ["pembiayaan"])
    assert server.post_json(VALID)[0] == 201  # pembiayaan, Bali: Balai uji-ii
    assert server.post_json({**VALID, "bidang": "perencanaan-rumah", "pertanyaan": "Bagaimana mengurus PBG rumah tinggal saya?"})[0] == 201
    queue = head.get("/staf/").text
    assert queue.count("Ta Dua") == 1 and "menunggu TA" in queue
    mine = signed_in(server, "ta.dua").get("/staf/?saya=1").text
    assert re.search(r"KPKP-\d{4}-000001", mine)
    assert not re.search(r"KPKP-\d{4}-000002", mine)
    set_areas(head, ids["ta.satu"], ["perencanaan-rumah"])  # the waiting question finds its TA at once
    second = re.search(r"KPKP-\d{4}-000002", queue)[0]
    case = head.get(f"/staf/kasus/{second}").text
    assert "Ta Satu" in case and "ditugaskan ke Ta Satu (otomatis, bidang perencanaan-rumah)" in case


def test_an_ata_forwards_a_case_with_a_note_and_the_history_keeps_it(desk):
    server, ids = desk
    set_areas(signed_in(server, "kepala"), ids["ta.satu"], ["pembiayaan"])
    assert server.post_json(VALID)[0] == 201
    ata = signed_in(server, "ata")
    ticket = re.search(r"KPKP-\d{4}-\d{6}", ata.get("/staf/").text)[0]
    moved = ata.post(f"/staf/kasus/{ticket}/alihkan", {"csrf": ata.csrf(f"/staf/kasus/{ticket}"), "ta": str(ids["ta.dua"]),
                                                       "catatan": "Bu Dua lebih paham FLPP"})
    assert moved.status_code == 303
    page = ata.get(f"/staf/kasus/{ticket}").text
    assert "dialihkan ke Ta Dua: Bu Dua lebih paham FLPP" in page and "Ata" in page
    stranger = signed_in(server, "ta.lain")
    refused = stranger.post(f"/staf/kasus/{ticket}/alihkan", {"csrf": stranger.csrf("/staf/"), "ta": str(ids["ta.lain"])})
    assert refused.status_code == 403
    wrong_ta = ata.post(f"/staf/kasus/{ticket}/alihkan", {"csrf": ata.csrf("/staf/"), "ta": str(ids["ta.lain"])})
    assert wrong_ta.status_code == 303 and "galat=" in wrong_ta.headers["location"]
    assert "Pilih TA dari Balai ini." in ata.get(wrong_ta.headers["location"]).text
    log = signed_in(server, "kepala").get("/staf/audit").text
    assert "alihkan" in log


def test_an_ata_records_a_walk_in_and_the_recap_counts_it(desk):
    server, _ = desk
    ata = signed_in(server, "ata")
    form = {"csrf": ata.csrf("/staf/catat"), "kanal": "kantor", "jenis_layanan": "konsultasi", "bidang": "pembiayaan",
            "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar", "nama": "Ketut Sudana", "telepon": "0812 9999 1111",
            "jenis_pemohon": "perorangan", "uraian": "Menanyakan syarat KPR FLPP", "jumlah_orang": ""}
    done = ata.post("/staf/catat", form)
    assert done.status_code == 201 and "Tercatat: KPKP-" in done.text
    ticket = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", done.text)[1]
    assert "Ketut Sudana" in ata.get(f"/staf/kasus/{ticket}").text
    assert ata.get(f"/staf/kasus/{ticket}").status_code == 200
    assert signed_in(server, "ta.lain").get(f"/staf/kasus/{ticket}").status_code == 403
    recap = json.loads(CliRunner().invoke(main, ["layanan", "rekap", "--balai", "uji-ii", "--bulan", f"{today():%Y-%m}", "--json"]).output)
    assert recap["per_kanal"]["kantor"] == 1 and ticket.split("-")[1] == f"{today():%Y}"
    event = ata.post("/staf/catat", {**form, "csrf": ata.csrf("/staf/catat"), "kanal": "acara", "kabupaten_kota": ""})
    assert event.status_code == 422 and "layanan di acara tidak mencatat identitas" in event.text
    assert ata.post("/staf/catat", {**form, "csrf": "palsu"}).status_code == 403


def test_a_pendampingan_names_its_form_and_the_consultation_it_follows(desk):
    server, _ = desk
    ata = signed_in(server, "ata")
    walk_in = {"csrf": ata.csrf("/staf/catat"), "kanal": "kantor", "jenis_layanan": "konsultasi", "bidang": "perencanaan-rumah",
               "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar", "nama": "Ketut Sudana", "telepon": "0812 9999 1111",
               "jenis_pemohon": "perorangan", "uraian": "Dinding retak setelah gempa", "jumlah_orang": ""}
    consultation = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", ata.post("/staf/catat", walk_in).text)[1]
    assert f"/staf/catat?menindaklanjuti={consultation}" in ata.get(f"/staf/kasus/{consultation}").text
    prefilled = ata.get(f"/staf/catat?menindaklanjuti={consultation}").text
    assert f'value="{consultation}"' in prefilled and '<option value="pendampingan" selected>' in prefilled
    follow = {**walk_in, "csrf": ata.csrf("/staf/catat"), "kanal": "lapangan", "jenis_layanan": "pendampingan",
              "menindaklanjuti": consultation, "uraian": "Memeriksa retak dan menyusun RAB perbaikan"}
    missing = ata.post("/staf/catat", follow)
    assert missing.status_code == 422 and "Pilih bentuk pendampingan" in missing.text
    wrong = ata.post("/staf/catat", {**follow, "csrf": ata.csrf("/staf/catat"), "bentuk_pendampingan": "rab", "menindaklanjuti": "KPKP-2026-999999"})
    assert wrong.status_code == 422 and "bukan konsultasi Balai ini" in wrong.text
    done = ata.post("/staf/catat", {**follow, "csrf": ata.csrf("/staf/catat"), "bentuk_pendampingan": "rab"})
    assert done.status_code == 201
    ticket = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", done.text)[1]
    page = ata.get(f"/staf/kasus/{ticket}").text
    assert "Pendampingan penyusunan rencana anggaran biaya" in page and f'href="/staf/kasus/{consultation}"' in page
    assert f'href="/staf/kasus/{ticket}"' in ata.get(f"/staf/kasus/{consultation}").text
