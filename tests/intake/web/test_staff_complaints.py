"""/staf/pengaduan over real HTTP: the Kepala Balai of the citizen's Balai reads the complaint and its (audited)
identity and replies, which the citizen reads by token; another Balai and the TA are refused; the Ditjen sees every
Balai's complaints without identity, the text redacted (the privacy probes of tests/redact_probes.py)."""

from __future__ import annotations

import html
import json
import re
import time

import pytest
from sqlalchemy import select

from generator.intake.privacy.redact import find_personal_data
from generator.intake.store.schema import audit_log
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import add_staff, signed_in
from tests.intake_server import LiveServer, intake_project, settings_for
from tests.redact_probes import FREEZER, HONEST

TEAM = (("kepala", "kepala-balai", "uji-ii"), ("ta.satu", "ta", "uji-ii"), ("ata", "ata", "uji-ii"),
        ("kepala.lain", "kepala-balai", "uji-i"), ("pusat", "ditjen", None))
COMPLAINT = {"jenis": "pengaduan", "nama": "Ketut Arsana", "telepon": "0813 3700 1122", "email": "ketut@contoh.id", "provinsi": "Bali",
             "setuju": "ya", "isi": "Petugas di kantor Balai tidak menjawab. " + HONEST}


@pytest.fixture
def desk(store_url, tmp_path):
    app = create_app(settings_for(intake_project(tmp_path), database_url=store_url))
    with LiveServer(app) as server:
        ids = add_staff(app.state.intake.store, TEAM)
        yield server, app.state.intake, ids


def send(server, payload: dict = COMPLAINT) -> dict:
    status, _, body = server.request("/api/pengaduan", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    assert status == 201, body
    return json.loads(body)


def audit_rows(intake) -> list[tuple]:
    with intake.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(audit_log.c.staf_id, audit_log.c.aksi, audit_log.c.ticket)
                                               .where(audit_log.c.ticket.is_not(None)).order_by(audit_log.c.id))]


def test_the_kepala_balai_reads_replies_and_the_citizen_follows_it(desk):
    server, intake, ids = desk
    sent = send(server)
    ticket, status_path = sent["tiket"], sent["tautan_status"].removeprefix(server.base)
    chief = signed_in(server, "kepala")
    listing = chief.get("/staf/pengaduan")
    assert listing.status_code == 200 and ticket in listing.text and "Ketut" not in listing.text
    assert 'href="/staf/pengaduan"' in chief.get("/staf/").text  # in the desk's menu
    page = chief.get(f"/staf/pengaduan/{ticket}")
    assert page.status_code == 200 and "Ketut Arsana" in page.text and "081337001122" in page.text
    assert "0812 3456 7890" in page.text  # the Kepala Balai reads the message as written
    assert audit_rows(intake) == [(ids["kepala"], "lihat-identitas", ticket)]
    csrf = chief.csrf(f"/staf/pengaduan/{ticket}")
    reply = chief.post(f"/staf/pengaduan/{ticket}", {"csrf": csrf, "status": "selesai",
                                                       "tanggapan": "Mohon maaf. TA kami sudah menjawab pertanyaan Anda."})
    assert reply.status_code == 303 and reply.headers["location"] == f"/staf/pengaduan/{ticket}"
    assert audit_rows(intake)[-1] == (ids["kepala"], "tanggapi-pengaduan", ticket)
    citizen = server.request(status_path)[2]
    assert "Selesai ditanggapi" in citizen and "TA kami sudah menjawab pertanyaan Anda." in citizen
    state = json.loads(server.request(status_path, headers={"Accept": "application/json"})[2])
    assert (state["status"], state["tanggapan"]) == ("selesai", "Mohon maaf. TA kami sudah menjawab pertanyaan Anda.")
    bad = chief.post(f"/staf/pengaduan/{ticket}", {"csrf": csrf, "status": "dibuang", "tanggapan": ""})
    assert bad.status_code == 422 and "Pilih status dari daftar." in bad.text
    stale = chief.post(f"/staf/pengaduan/{ticket}", {"csrf": "salah", "status": "selesai", "tanggapan": ""})
    assert stale.status_code == 403


def test_another_balai_and_the_ta_are_refused(desk):
    server, intake, _ = desk
    ticket = send(server)["tiket"]
    other = signed_in(server, "kepala.lain")
    assert ticket not in other.get("/staf/pengaduan").text
    refused = other.get(f"/staf/pengaduan/{ticket}")
    assert refused.status_code == 403 and "Ketut" not in refused.text
    csrf = other.csrf("/staf/pengaduan")
    assert other.post(f"/staf/pengaduan/{ticket}", {"csrf": csrf, "status": "selesai", "tanggapan": "Bukan urusan kami"}).status_code == 403
    for username in ("ta.satu", "ata"):
        member = signed_in(server, username)
        assert member.get("/staf/pengaduan").status_code == 403
        assert member.get(f"/staf/pengaduan/{ticket}").status_code == 403
        assert 'href="/staf/pengaduan"' not in member.get("/staf/").text
    assert audit_rows(intake) == []  # nobody saw the identity
    assert signed_in(server, "kepala").get("/staf/pengaduan/ADU-2026-999999").status_code == 404


def test_the_ditjen_sees_every_balai_without_identity_and_the_text_redacted(desk):
    server, intake, ids = desk
    ticket = send(server)["tiket"]
    jakarta = send(server, {**COMPLAINT, "provinsi": "DKI Jakarta", "jenis": "saran"})["tiket"]
    pusat = signed_in(server, "pusat")
    listing = pusat.get("/staf/pengaduan").text
    assert ticket in listing and jakarta in listing and "Balai Uji I" in listing and "Balai Uji II" in listing
    page = pusat.get(f"/staf/pengaduan/{ticket}")
    assert page.status_code == 200 and "Ketut" not in page.text and "081337001122" not in page.text
    assert "0812 3456 7890" not in page.text and "[disamarkan]" in page.text
    assert "Simpan tanggapan" not in page.text
    csrf = pusat.csrf("/staf/pengaduan")
    assert pusat.post(f"/staf/pengaduan/{ticket}", {"csrf": csrf, "status": "selesai", "tanggapan": "x"}).status_code == 403
    assert audit_rows(intake) == []


def test_a_pathological_text_does_not_hold_the_desk(desk):
    """FREEZER froze the redactor before issue 9; today's patterns are linear, so the Ditjen's view of it is quick."""
    server, _, _ = desk
    ticket = send(server, {**COMPLAINT, "isi": FREEZER})["tiket"]
    pusat = signed_in(server, "pusat")
    started = time.monotonic()
    page = pusat.get(f"/staf/pengaduan/{ticket}")
    assert page.status_code == 200 and time.monotonic() - started < 5
    shown = html.unescape(re.search(r'<blockquote class="klinik-status__pertanyaan">(.*?)</blockquote>', page.text, re.S)[1])
    assert not find_personal_data(shown)  # what the guard before publishing would still find: nothing
