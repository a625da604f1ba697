"""After a question is sent the address is its private status page (a ticket's token, no identity), the status
page is the receipt until the answer comes, the anti-spam fill time never hides field errors, and the status
JSON gives times in WIB with their +07:00 offset, as the submission file on the review branch does."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx
import pytest

from generator.intake.outbox import outbox_for
from generator.intake.publish.submission_file import render
from generator.intake.web.app import create_app
from generator.util.dates import JAKARTA, tanggal
from tests.intake_server import VALID, FakePublisher, LiveServer, intake_project, settings_for

SENT = "pertanyaan=terkirim"
WIB_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    settings = settings_for(intake_project(tmp_path_factory.mktemp("tanda-terima")))
    with LiveServer(create_app(settings)) as server:
        server.settings = settings
        yield server


def test_a_plain_form_post_moves_the_browser_to_the_status_page(live):
    reply = httpx.post(live.base + "/api/pertanyaan", data={**VALID, "email": "siti@contoh.id"})
    assert reply.status_code == 303 and reply.headers["cache-control"] == "no-store"
    location = reply.headers["location"]
    path, query = urlsplit(location).path, urlsplit(location).query
    assert re.fullmatch(r"/api/status/[A-Za-z0-9_-]{20,}", path) and query == SENT
    for private in ("Siti", "Aminah", "0812", "3456", "contoh.id", "Denpasar"):
        assert private not in location
    page = httpx.get(live.base + location)
    assert page.status_code == 200 and page.headers["referrer-policy"] == "no-referrer"
    body = page.text
    assert "<h1>Pertanyaan terkirim</h1>" in body and 'id="tanda-terima"' in body
    assert "Alamat halaman ini adalah tautan status pribadi Anda: <strong>simpan halaman ini</strong>" in body
    assert f'class="klinik-tautan-status" href="{live.base}{path}"' in body
    ticket = re.search(r'class="klinik-tiket">(KPKP-\d{4}-\d{6})<', body).group(1)
    calendar = live.server.config.app.state.intake.calendar
    assert tanggal(calendar.deadline(datetime.now(timezone.utc).astimezone(JAKARTA))) in body
    assert "pemberitahuan ke email Anda" in body and VALID["pertanyaan"] in body
    plain = httpx.get(live.base + path).text  # the same address without the flag: the status page itself
    assert "<h1>Status pertanyaan</h1>" in plain and ticket in plain and "Menunggu jawaban Tenaga Ahli" in plain


def test_the_receipt_gives_way_to_the_status_once_answered(live):
    location = httpx.post(live.base + "/api/pertanyaan", data=VALID).headers["location"]
    body = httpx.get(live.base + location).text
    ticket = re.search(r'class="klinik-tiket">(KPKP-\d{4}-\d{6})<', body).group(1)
    assert "pemberitahuan ke email Anda" not in body  # no email given
    live.server.config.app.state.intake.store.record_answer(ticket, "Bisa, dengan slip gaji.", datetime.now(timezone.utc))
    later = httpx.get(live.base + location).text  # a bookmark of the receipt address, opened later
    assert "<h1>Status pertanyaan</h1>" in later and "Bisa, dengan slip gaji." in later and "Pertanyaan terkirim" not in later


def test_the_json_receipt_is_true_wherever_a_client_shows_it(live):
    reply = json.loads(live.post_json(VALID)[2])
    assert "Simpan halaman ini" not in reply["html"] and "Simpan tautan status di bawah" in reply["html"]


def test_the_fill_time_check_never_hides_the_field_errors(tmp_path):
    with LiveServer(create_app(settings_for(intake_project(tmp_path), min_fill_seconds=30))) as server:
        token = re.search(r'name="token_formulir" value="([^"]+)"', server.request("/ajukan/")[2]).group(1)
        status, _, body = server.post_json({"token_formulir": token})
        errors = json.loads(body)["galat"]
        assert status == 422 and set(errors) == {"nama", "telepon", "provinsi", "bidang", "pertanyaan", "setuju", "formulir"}
        assert errors["formulir"] == "Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi."
        status, _, page = server.post_form({**VALID, "nama": "", "token_formulir": token})
        assert status == 422 and 'id="galat-nama" tabindex="-1">Nama wajib diisi' in page and "terlalu cepat" in page
        trap = json.loads(server.post_json({"token_formulir": token, "situs_web": "http://spam.example"})[2])
        assert trap == {"galat": {"formulir": "Kiriman ditolak karena terdeteksi sebagai spam."}}  # a bot learns nothing


def test_status_json_gives_wib_times_like_the_submission_file(live):
    reply = json.loads(live.post_json(VALID)[2])
    path = urlsplit(reply["tautan_status"]).path
    as_json = json.loads(live.request(path, headers={"Accept": "application/json"})[2])
    assert WIB_STAMP.fullmatch(as_json["diterima"]), as_json["diterima"]
    publisher = FakePublisher()
    outbox = outbox_for(live.settings, live.server.config.app.state.intake.store, publisher)
    outbox.drain()
    item = next(p for p in publisher.published if p.ticket == reply["tiket"])
    assert f"\nditerima: {as_json['diterima']}\n" in render(item)
    assert as_json["tenggat"] == reply["tenggat"]


def test_the_openapi_schema_documents_the_status_reply(live):
    spec = json.loads(live.request("/api/openapi.json")[2])
    stored = spec["paths"]["/api/pertanyaan"]["post"]["responses"]
    assert "303" in stored and "200" not in stored
    reply = spec["paths"]["/api/status/{token}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    received = reply["properties"]["diterima"]
    assert received["format"] == "date-time" and "+07:00" in received["description"]
    assert WIB_STAMP.fullmatch("2026-11-23T10:00:00+07:00") and re.fullmatch(received["pattern"], "2026-11-23T10:00:00+07:00")
    assert not re.fullmatch(received["pattern"], "2026-11-23T03:00:00")
