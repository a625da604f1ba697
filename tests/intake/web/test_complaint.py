"""Saran and pengaduan about the clinic over real HTTP on 127.0.0.1: the built form page with its token, the receipt
and status page with SP4N-LAPOR!, every 4xx in Indonesian, the spam guard and rate limit, nothing in git or the logs."""

from __future__ import annotations

import io
import json
import logging
import re
import time
import urllib.parse

import pytest
from sqlalchemy import select

from generator.config.project import Project
from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.store.complaints import Complaints
from generator.intake.store.schema import outbox, pengaduan, pengaduan_identitas
from generator.intake.web.app import create_app
from generator.intake.web.observe import JsonFormatter
from generator.intake.web.spam import issue_form_token
from generator.site.build import build
from tests.intake_repo import git
from tests.intake_server import VALID, LiveServer, intake_project, reviewed_project, settings_for

COMPLAINT = {"jenis": "pengaduan", "nama": "Ketut Arsana", "telepon": "0813 3700 1122", "email": "", "provinsi": "Bali",
             "tiket_terkait": "kpkp-2026-000001", "setuju": "ya",
             "isi": "Pertanyaan saya belum dijawab walau sudah lewat tiga hari kerja."}
LAPOR = "https://www.lapor.go.id"


def post(server: LiveServer, payload: dict, as_json: bool = True, **headers):
    if as_json:
        return server.request("/api/pengaduan", data=json.dumps(payload).encode(),
                              headers={"Content-Type": "application/json", "Accept": "application/json", **headers})
    return server.request("/api/pengaduan", data=urllib.parse.urlencode(payload).encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded", **headers})


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("pengaduan"))
    build(Project(project), jobs=1)
    with LiveServer(create_app(settings_for(project))) as server:
        yield server


def test_the_built_page_carries_a_fresh_token_and_the_national_channel(live):
    status, headers, page = live.request("/pengaduan-layanan/")
    assert status == 200 and headers["Cache-Control"] == "no-store"
    token = re.search(r'name="token_formulir" value="([^"]+)"', page)[1]
    assert re.fullmatch(r"\d+\.[0-9a-f]{16}\.[0-9a-f]{64}", token)
    assert "__KLINIK_TOKEN" not in page and 'action="/api/pengaduan"' in page and LAPOR in page
    assert re.search(r'name="token_formulir" value="([^"]+)"', live.request("/pengaduan-layanan/")[2])[1] != token


def test_a_plain_form_post_goes_to_the_private_status_page_with_the_receipt(live):
    status, headers, _ = live.request("/api/pengaduan", data=urllib.parse.urlencode(COMPLAINT).encode(),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST")
    # urllib follows the 303 itself: the answer is the status page
    assert status == 200 and headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
    _, _, page = post(live, COMPLAINT, as_json=False)
    assert "Pesan terkirim" in page and "Tanda terima" in page and re.search(r"ADU-\d{4}-\d{6}", page)
    assert "Kepala Balai Uji II" in page and LAPOR in page and COMPLAINT["isi"] in page
    assert "Ketut Arsana" not in page and "0813" not in page  # the status page never shows who sent it


def test_json_post_gives_ticket_and_link_and_the_status_follows_the_reply(live):
    status, _, body = post(live, COMPLAINT)
    assert status == 201, body
    got = json.loads(body)
    assert re.fullmatch(r"ADU-\d{4}-\d{6}", got["tiket"]) and got["kepada"] == "Kepala Balai Uji II"
    path = got["tautan_status"].removeprefix(live.base)
    state = json.loads(live.request(path, headers={"Accept": "application/json"})[2])
    assert (state["tiket"], state["jenis"], state["status"], state["tanggapan"]) == (got["tiket"], "pengaduan", "diterima", None)
    intake = live.server.config.app.state.intake
    row = Complaints(intake.store).get(got["tiket"])
    assert (row["balai"], row["tiket_terkait"], row["identitas"]["telepon"]) == ("uji-ii", "KPKP-2026-000001", "081337001122")
    with intake.store.engine.connect() as conn:
        assert conn.execute(select(outbox.c.ticket).where(outbox.c.ticket == got["tiket"])).first() is None  # never published
    assert live.request("/api/pengaduan/tidak-ada", headers={"Accept": "application/json"})[0] == 404
    assert "Tautan status tidak dikenal" in live.request("/api/pengaduan/tidak-ada")[2]


@pytest.mark.parametrize("field, value, message", [
    ("jenis", "keluhan", "Pilih jenisnya: saran, masukan, atau pengaduan layanan."),
    ("nama", "", "Nama wajib diisi (2-100 karakter)."),
    ("telepon", "12", "Nomor telepon/WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890."),
    ("email", "bukan-email", "Alamat email tidak valid. Contoh: nama@contoh.id (boleh dikosongkan)."),
    ("provinsi", "Atlantis", "Pilih provinsi tempat Anda dilayani; pesan diteruskan ke Kepala Balai P3KP provinsi itu."),
    ("tiket_terkait", "123", "Nomor tiket tidak dikenali. Contoh: KPKP-2026-000123 (boleh dikosongkan)."),
    ("isi", "Terlambat.", "Isi terlalu pendek: minimal 20 karakter (sekarang 10)."),
    ("isi", "a" * 4001, "Isi terlalu panjang: maksimal 4.000 karakter (sekarang 4.001)."),
    ("isi", "Jawaban belum datang \ufffd sudah lama.", "Isi berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi."),
    ("setuju", "", "Centang persetujuan pemberitahuan privasi agar pesan dapat diproses."),
])
def test_every_field_gets_its_own_indonesian_422(live, field, value, message):
    status, _, body = post(live, {**COMPLAINT, field: value})
    assert (status, json.loads(body)) == (422, {"galat": {field: message}})


def test_the_plain_form_comes_back_with_the_input_kept_and_the_errors_linked(live):
    status, _, page = post(live, {**COMPLAINT, "isi": "Pendek"}, as_json=False)
    assert status == 422 and "Pesan belum terkirim." in page and 'href="#isian-isi"' in page
    assert 'value="Ketut Arsana"' in page and 'aria-invalid="true"' in page and LAPOR in page


@pytest.mark.parametrize("data, content_type, status, message", [
    (b"nama=Ketut", "text/plain", 415, "Jenis konten tidak didukung: kirim application/x-www-form-urlencoded atau application/json."),
    (b"{bukan json", "application/json", 422, "Badan permintaan bukan JSON yang valid."),
    (b"[1]", "application/json", 422, "Badan permintaan harus berupa objek JSON."),
    (b"x" * 40_000, "application/json", 413, "Kiriman terlalu besar (maksimal 32 KB)."),
])
def test_bad_requests_get_their_own_4xx(live, data, content_type, status, message):
    got, _, body = live.request("/api/pengaduan", data=data, headers={"Content-Type": content_type})
    assert (got, json.loads(body)) == (status, {"galat": {"formulir": message}})


def test_rate_limit_honeypot_fill_time_and_replayed_token(tmp_path):
    settings = settings_for(intake_project(tmp_path), rate_limit=4, rate_window_seconds=600, min_fill_seconds=30)
    with LiveServer(create_app(settings)) as server:
        intake = server.server.config.app.state.intake
        aged = issue_form_token(intake.key, now=int(time.time()) - 60)
        too_fast = post(server, {**COMPLAINT, "token_formulir": issue_form_token(intake.key)})
        assert json.loads(too_fast[2]) == {"galat": {"formulir": "Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi."}}
        trap = post(server, {**COMPLAINT, "token_formulir": aged, "situs_web": "http://spam.example"})
        assert (trap[0], json.loads(trap[2])) == (422, {"galat": {"formulir": "Kiriman ditolak karena terdeteksi sebagai spam."}})
        assert post(server, {**COMPLAINT, "token_formulir": aged})[0] == 201
        again = post(server, {**COMPLAINT, "token_formulir": aged})
        assert again[0] == 422 and json.loads(again[2])["galat"]["formulir"].startswith("Formulir ini sudah dipakai")
        status, headers, body = post(server, {**COMPLAINT, "token_formulir": issue_form_token(intake.key, now=int(aged.split(".")[0]))})
        assert status == 429 and 590 <= int(headers["Retry-After"]) <= 600
        assert json.loads(body) == {"galat": {"formulir": "Terlalu banyak kiriman dari jaringan Anda. Coba lagi dalam 10 menit."}}
        assert post(server, COMPLAINT, as_json=False)[0] == 429  # questions and complaints share the network's limit
        assert server.post_json(VALID)[0] == 429


def test_a_complaint_is_never_a_review_branch_while_a_question_is(tmp_path):
    project = reviewed_project(tmp_path)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    with LiveServer(app) as server:
        sent = json.loads(post(server, COMPLAINT)[2])
        asked = json.loads(server.post_json(VALID)[2])
        assert outbox_for(settings, app.state.intake.store, GitPublisher(project)).drain() == 1
    branches = git(project, "branch", "--list", "--format=%(refname:short)").split()
    assert branches == ["main", f"pertanyaan/{asked['tiket']}"]
    everything = git(project, "log", "--all", "-p")
    assert sent["tiket"] not in everything and "Ketut" not in everything and "lewat tiga hari kerja" not in everything


def test_the_log_names_the_ticket_never_the_person(tmp_path):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("klinik")
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        with LiveServer(create_app(settings_for(intake_project(tmp_path)))) as server:
            sent = json.loads(post(server, COMPLAINT)[2])
            post(server, {**COMPLAINT, "isi": "x"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    text = stream.getvalue()
    assert sent["tiket"] in text
    for secret in ("Ketut", "Arsana", "0813", "081337001122", "lewat tiga hari"):
        assert secret not in text


def test_the_store_keeps_the_identity_apart_from_the_complaint(live):
    sent = json.loads(post(live, {**COMPLAINT, "email": "ketut@contoh.id"})[2])
    store = live.server.config.app.state.intake.store
    with store.engine.connect() as conn:
        who = conn.execute(select(pengaduan_identitas).where(pengaduan_identitas.c.ticket == sent["tiket"])).mappings().one()
        row = conn.execute(select(pengaduan).where(pengaduan.c.ticket == sent["tiket"])).mappings().one()
    assert (who["nama"], who["telepon"], who["email"]) == ("Ketut Arsana", "081337001122", "ketut@contoh.id")
    assert "Ketut" not in json.dumps({k: str(v) for k, v in row.items()})
