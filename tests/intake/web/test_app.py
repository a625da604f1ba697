"""The intake app over real HTTP on 127.0.0.1: form and JSON posts, every 4xx, spam defences, status page."""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from datetime import datetime, timezone

import altcha
import pytest
from sqlalchemy import select

from generator.intake.store.schema import identities
from generator.intake.web.app import create_app
from generator.util.dates import JAKARTA, tanggal
from tests.intake_server import VALID, LiveServer, intake_project, settings_for


def serve(tmp_path, **overrides) -> LiveServer:
    return LiveServer(create_app(settings_for(intake_project(tmp_path), **overrides)))


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("app")) as server:
        yield server


def expected_deadline(server: LiveServer) -> str:
    calendar = server.server.config.app.state.intake.calendar
    return tanggal(calendar.deadline(datetime.now(timezone.utc).astimezone(JAKARTA)))


def test_plain_form_post_shows_the_receipt(live):
    status, headers, body = live.post_form(VALID)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    ticket = re.search(r'class="klinik-tiket">(KPKP-\d{4}-\d{6})<', body).group(1)
    assert f'<strong class="klinik-tenggat">{expected_deadline(live)}</strong>' in body
    link = re.search(r'class="klinik-tautan-status" href="([^"]+)"', body).group(1)
    assert link.startswith(live.base + "/api/status/")
    assert "Selanjutnya" in body and '<base href="/ajukan/">' in body
    status, _, page = live.request(link.removeprefix(live.base))
    assert status == 200
    assert ticket in page and "Pembiayaan" in page and "Menunggu jawaban Tenaga Ahli" in page and expected_deadline(live) in page


def test_json_post_then_status_shows_the_answer(live):
    status, _, body = live.post_json({**VALID, "email": "siti@contoh.id"})
    assert status == 201
    reply = json.loads(body)
    assert re.fullmatch(r"KPKP-\d{4}-\d{6}", reply["tiket"]) and 'id="tanda-terima"' in reply["html"]
    path = reply["tautan_status"].removeprefix(live.base)
    store = live.server.config.app.state.intake.store
    store.record_answer(reply["tiket"], "Bisa, **asal** penghasilan <b>sesuai</b> batas FLPP.", datetime.now(timezone.utc))
    _, _, page = live.request(path)
    assert "Sudah dijawab" in page and "<strong>asal</strong>" in page and "&lt;b&gt;sesuai" in page
    _, _, as_json = live.request(path, headers={"Accept": "application/json"})
    assert json.loads(as_json)["status"] == "dijawab"
    assert live.request("/api/status/bukan-token")[0] == 404


def test_every_field_gets_an_indonesian_message(live):
    status, _, body = live.post_json({})
    assert status == 422
    assert json.loads(body)["galat"] == {
        "nama": "Nama wajib diisi (2-100 karakter).",
        "telepon": "Nomor telepon/WhatsApp wajib diisi.",
        "provinsi": "Pilih provinsi dari daftar.",
        "bidang": "Pilih salah satu bidang.",
        "pertanyaan": "Pertanyaan terlalu pendek: minimal 20 karakter (sekarang 0).",
        "setuju": "Centang persetujuan pemberitahuan privasi agar pertanyaan dapat diproses.",
    }
    wrong = {**VALID, "telepon": "12345", "email": "siti@", "kabupaten_kota": "Kabupaten Sleman", "pertanyaan": "x" * 4001}
    assert json.loads(live.post_json(wrong)[2])["galat"] == {
        "telepon": "Nomor telepon/WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.",
        "email": "Alamat email tidak valid. Contoh: nama@contoh.id (boleh dikosongkan).",
        "kabupaten_kota": "Pilih kabupaten/kota di provinsi Bali.",
        "pertanyaan": "Pertanyaan terlalu panjang: maksimal 4.000 karakter (sekarang 4.001).",
    }


@pytest.mark.parametrize("phone", ["+62 812-3456-7890", "6281234567890", "(021) 3456789", "0812.3456.7890"])
def test_indonesian_numbers_are_accepted(live, phone):
    assert live.post_json({**VALID, "telepon": phone})[0] == 201


def test_form_errors_keep_the_input(live):
    status, _, body = live.post_form({**VALID, "telepon": "abc", "nama": "Siti <Aminah>"})
    assert status == 422
    assert 'value="Siti &lt;Aminah&gt;"' in body and VALID["pertanyaan"] in body
    assert '<p class="klinik-form__galat" id="galat-telepon" tabindex="-1">Nomor telepon/WhatsApp tidak valid.' in body
    assert 'id="isian-telepon" name="telepon" aria-describedby="petunjuk-telepon galat-telepon" aria-invalid="true"' in body
    assert '<option value="Kota Denpasar" data-provinsi="Bali" selected>' in body


@pytest.mark.parametrize("data, content_type, status, message", [
    (b"x" * 40_000, "application/json", 413, "Kiriman terlalu besar (maksimal 32 KB)."),
    (b"nama=Siti", "text/plain", 415, "Jenis konten tidak didukung: kirim application/x-www-form-urlencoded, "
                                      "multipart/form-data (dengan foto) atau application/json."),
    (b"{not json", "application/json", 422, "Badan permintaan bukan JSON yang valid."),
    (b"[1, 2]", "application/json", 422, "Badan permintaan harus berupa objek JSON."),
    (b"\xff\xfe", "application/json", 422, "Badan permintaan bukan JSON yang valid."),
])
def test_bad_requests_get_their_own_4xx(live, data, content_type, status, message):
    got, _, body = live.request("/api/pertanyaan", data=data, headers={"Content-Type": content_type})
    assert (got, json.loads(body)) == (status, {"galat": {"formulir": message}})


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    with serve(tmp_path, rate_limit=2, rate_window_seconds=600) as server:
        assert [server.post_json(VALID)[0] for _ in range(2)] == [201, 201]
        status, headers, body = server.post_json(VALID)
        assert status == 429 and 590 <= int(headers["Retry-After"]) <= 600
        assert json.loads(body) == {"galat": {"formulir": "Terlalu banyak kiriman dari jaringan Anda. Coba lagi dalam 10 menit."}}
        status, headers, page = server.post_form(VALID)
        assert status == 429 and headers["Retry-After"] and "Terlalu banyak kiriman" in page


def test_honeypot_and_too_fast_are_refused(tmp_path):
    with serve(tmp_path, min_fill_seconds=30) as server:
        _, _, page = server.request("/ajukan/")
        token = re.search(r'name="token_formulir" value="([^"]+)"', page).group(1)
        assert re.fullmatch(r"\d+\.[0-9a-f]{16}\.[0-9a-f]{64}", token)
        too_fast = server.post_json({**VALID, "token_formulir": token})
        assert json.loads(too_fast[2]) == {"galat": {"formulir": "Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi."}}
        forged = server.post_json({**VALID, "token_formulir": "1.abc"})
        assert json.loads(forged[2])["galat"]["formulir"].startswith("Formulir tidak dikenali.")
        old = token.split(".")[0]
        intake = server.server.config.app.state.intake
        from generator.intake.web.spam import issue_form_token
        aged = issue_form_token(intake.key, now=int(old) - 60)
        assert server.post_json({**VALID, "token_formulir": aged})[0] == 201
        trap = server.post_json({**VALID, "token_formulir": aged, "situs_web": "http://spam.example"})
        assert trap[0] == 422 and json.loads(trap[2]) == {"galat": {"formulir": "Kiriman ditolak karena terdeteksi sebagai spam."}}


def solve(server: LiveServer) -> str:
    challenge = json.loads(server.request("/api/altcha")[2])
    solution = altcha.solve_challenge_v1(challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"])
    payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")} | {"number": solution.number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def test_proof_of_work(tmp_path):
    with serve(tmp_path, pow=True, pow_difficulty=2000, rate_limit_no_pow=1) as server:
        payload = solve(server)
        assert server.post_json({**VALID, "altcha": payload})[0] == 201
        replay = server.post_json({**VALID, "altcha": payload})
        failed = "Pemeriksaan anti-spam (ALTCHA) gagal. Muat ulang halaman lalu kirim lagi."
        assert (replay[0], json.loads(replay[2])) == (422, {"galat": {"formulir": failed}})
        assert json.loads(server.post_json({**VALID, "altcha": "bm9wZQ=="})[2]) == {"galat": {"formulir": failed}}
        assert server.post_form(VALID)[0] == 200  # without JavaScript: allowed, once per window here
        status, headers, _ = server.post_form(VALID)
        assert status == 429 and int(headers["Retry-After"]) > 0
        assert server.post_json({**VALID, "altcha": solve(server)})[0] == 201  # solvers are not held back


def test_health_metrics_and_static_site(live):
    assert live.request("/healthz")[:3:2] == (200, '{"status":"ok"}')
    live.post_json({**VALID, "nama": "Metrik Rahasia", "pertanyaan": "Pertanyaan rahasia untuk metrik 12345"})
    _, headers, metrics = live.request("/metrics")
    assert headers["Content-Type"].startswith("text/plain")
    for name in ("klinik_outbox_queue_depth", "klinik_outbox_dead_letters", "klinik_oldest_unanswered_age_seconds",
                 "klinik_publish_failures_total", 'klinik_submissions_total{hasil="diterima"}'):
        assert name in metrics
    assert "Rahasia" not in metrics and "rahasia" not in metrics
    spec = json.loads(live.request("/api/openapi.json")[2])
    assert {"/api/pertanyaan", "/api/status/{token}", "/api/altcha", "/api/formulir"} <= set(spec["paths"])


@pytest.mark.parametrize("peer, forwarded, ip", [
    ("203.0.113.9", "198.51.100.1", "203.0.113.9"),                    # untrusted peer: header ignored
    ("10.0.0.1", "198.51.100.1", "198.51.100.1"),                      # our proxy: its client
    ("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),   # spoofed left part ignored
    ("10.0.0.1", "bukan-ip", "10.0.0.1"),
])
def test_client_ip_behind_trusted_proxies(peer, forwarded, ip):
    from generator.intake.web.spam import client_ip

    assert client_ip(peer, forwarded, ["10.0.0.1", "10.0.0.2"]) == ip


def invalid(label: str) -> str:
    return f"{label} berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi."


@pytest.mark.parametrize("field, value, label", [
    ("nama", "Siti \udc00Aminah", "Nama"),
    ("pertanyaan", VALID["pertanyaan"] + " \ud800", "Pertanyaan"),
    ("kabupaten_kota", "Kota Denpasar\udc00", "Kabupaten/kota"),
    ("email", "siti\udfff@contoh.id", "Alamat email"),
    ("telepon", "0812 3456 7890\udc00", "Nomor telepon/WhatsApp"),
    ("provinsi", "Bali\udc00", "Provinsi"),
    ("bidang", "pembiayaan\udc00", "Bidang"),
    ("setuju", "ya\udc00", "Persetujuan"),
    ("nama", "Siti \ufffe Aminah", "Nama"),                      # a Unicode noncharacter
    ("pertanyaan", VALID["pertanyaan"] + " \U0010ffff", "Pertanyaan"),
])
def test_unstorable_text_gets_the_fields_own_422(live, field, value, label):
    status, _, body = live.post_json({**VALID, field: value})  # json.dumps writes the lone surrogate as \udc00
    assert (status, json.loads(body)) == (422, {"galat": {field: invalid(label)}})


@pytest.mark.parametrize("body, field, label", [
    (b"nama=Siti%ED%B0%80Aminah", "nama", "Nama"),               # a surrogate's UTF-8 form: decoded as U+FFFD
    (b"pertanyaan=Bagaimana+cara+mengajukan+KPR+\xff\xfe+pertama%3F", "pertanyaan", "Pertanyaan"),  # not UTF-8
    (b"kabupaten_kota=Kota+Denpasar%C0", "kabupaten_kota", "Kabupaten/kota"),
])
def test_form_posts_with_undecodable_text_get_the_fields_own_422(live, body, field, label):
    rest = urllib.parse.urlencode({k: v for k, v in VALID.items() if k != field}).encode()
    status, _, reply = live.request("/api/pertanyaan", data=body + b"&" + rest, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    assert (status, json.loads(reply)) == (422, {"galat": {field: invalid(label)}})
    status, _, page = live.request("/api/pertanyaan", data=body + b"&" + rest,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 422 and invalid(label) in page


def stored_identity(live, reply: str) -> tuple[str, str | None]:
    store = live.server.config.app.state.intake.store
    with store.engine.connect() as conn:
        row = conn.execute(select(identities.c.telepon, identities.c.email)
                           .where(identities.c.ticket == json.loads(reply)["tiket"])).one()
    return row.telepon, row.email


@pytest.mark.parametrize("phone", ["０８１２ ３４５６ ７８９０", "\u202a+62 812-3456-7890\u202c", "0812\u20133456\u20137890",
                                   "0812\u00a03456\u00a07890"])
def test_phone_is_stored_as_ascii_digits(live, phone):
    status, _, body = live.post_json({**VALID, "telepon": phone, "email": "ｓｉｔｉ＠ｃｏｎｔｏｈ．ｉｄ"})
    assert status == 201
    assert stored_identity(live, body) == ("081234567890", "siti@contoh.id")


@pytest.mark.parametrize("phone", ["٠٨١٢٣٤٥٦٧٨٩٠", "۰۸۱۲۳۴۵۶۷۸۹۰", "०८१२३४५६७८९०", "0812 3456 ٧٨٩٠"])
def test_phone_digits_of_other_scripts_are_refused(live, phone):
    status, _, body = live.post_json({**VALID, "telepon": phone})
    assert (status, json.loads(body)) == (422, {"galat": {
        "telepon": "Nomor telepon/WhatsApp hanya boleh berisi angka 0-9. Contoh: 0812 3456 7890."}})



@pytest.mark.parametrize("body", [b"[" * 20_000, b'{"a":' * 4_000 + b"1" + b"}" * 4_000], ids=["daftar", "objek"])
def test_deeply_nested_json_gets_a_422_not_a_500(live, body):
    status, _, reply = live.request("/api/pertanyaan", data=body,
                                    headers={"Content-Type": "application/json", "Accept": "application/json"})
    assert status == 422
    assert json.loads(reply)["galat"]["formulir"] in ("Badan permintaan JSON bersarang terlalu dalam.",
                                                      "Badan permintaan bukan JSON yang valid.")


def test_without_a_built_site_unknown_paths_are_404_not_500(tmp_path):
    with serve(tmp_path, site_dir=tmp_path / "belum-dibangun") as server:
        for method in ("GET", "TRACE", "DELETE"):
            status, _, body = server.request("/tidak-ada/halaman.html", method=method)
            assert status == 404 and "situs belum dibangun" in body
        assert server.request("/healthz")[0] == 200
