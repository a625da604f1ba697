"""The survey over HTTP: the link on the status page and in the answer mail, the receipt of a walk-in, every refusal's 4xx."""

from __future__ import annotations

import json
import re
import urllib.parse
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from generator.intake.notify import Notifier
from generator.intake.store.schema import survei, survei_undangan
from generator.intake.store.survey import survey_responses
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import add_staff, signed_in
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ALL_GOOD = {f"U{i}": "4" for i in range(1, 10)}
SURVEY_LINK = re.compile(r'href="(?:https?://[^"/]+)?/survei/([a-z2-7]{12})"')


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("survei"))
    settings = settings_for(project)
    app = create_app(settings)
    add_staff(app.state.intake.store)
    with LiveServer(app) as server:
        yield server, app.state.intake, settings


def answered_case(server, intake, **values) -> tuple[str, str]:
    """A web question answered by a TA: (ticket, the status page's path)."""
    receipt = json.loads(server.post_json({**VALID, **values})[2])
    intake.store.record_answer(receipt["tiket"], "Bisa, dengan surat keterangan penghasilan.", datetime.now(timezone.utc))
    return receipt["tiket"], urllib.parse.urlsplit(receipt["tautan_status"]).path


def post(server, token: str, fields: dict):
    return server.request(f"/survei/{token}", data=urllib.parse.urlencode(fields).encode(), headers=FORM)


def survey_token_of(server, status_path: str) -> str:
    return SURVEY_LINK.search(server.request(status_path)[2])[1]


def test_the_status_page_links_the_survey_only_once_the_case_is_answered(served):
    server, intake, _ = served
    receipt = json.loads(server.post_json(VALID)[2])
    path = urllib.parse.urlsplit(receipt["tautan_status"]).path
    assert "Nilai layanan ini" not in server.request(path)[2]
    intake.store.record_answer(receipt["tiket"], "Bisa.", datetime.now(timezone.utc))
    page = server.request(path)[2]
    assert "Nilai layanan ini" in page
    assert SURVEY_LINK.search(page)[1] == survey_token_of(server, path)  # the same link on every visit


def test_the_form_asks_each_element_with_its_four_labels_and_refuses_a_missing_one_keeping_the_rest(served):
    server, intake, _ = served
    _, path = answered_case(server, intake)
    token = survey_token_of(server, path)
    status, headers, page = server.request(f"/survei/{token}")
    unsur = intake.ikm.set_for_day(datetime.now(timezone.utc).date()).unsur
    assert status == 200 and headers["Cache-Control"] == "no-store" and headers["Referrer-Policy"] == "no-referrer"
    assert page.count("<fieldset") == len(unsur) == 9 and f"<legend>1. {unsur[0].pertanyaan}</legend>" in page
    assert all(label in page for label in unsur[3].pilihan)
    partial = {**ALL_GOOD, "U2": "1"}
    del partial["U5"]
    status, _, page = post(server, token, partial)
    assert status == 422 and "1 pertanyaan belum dijawab" in page and 'id="galat-U5"' in page
    assert 'name="U2" value="1" checked' in page and 'name="U1" value="4" checked' in page  # the chosen answers stay
    assert post(server, token, {**ALL_GOOD, "U3": "5"})[0] == 422
    assert post(server, token, {**ALL_GOOD, "komentar": "x" * 1001})[0] == 422
    assert post(server, token, {**ALL_GOOD, "situs_web": "http://spam.example"})[0] == 422  # the honeypot
    assert server.request(f"/survei/{token}", data=b"{}", headers={"Content-Type": "application/json"})[0] == 415
    assert post(server, token, {**ALL_GOOD, "komentar": "y" * 9000})[0] == 413
    assert server.request(f"/survei/{token}")[0] == 200  # nothing refused used the link up


def test_an_answer_is_counted_without_the_ticket_and_the_link_then_refuses(served):
    server, intake, _ = served
    ticket, path = answered_case(server, intake)
    token = survey_token_of(server, path)
    before = len(survey_responses(intake.store, "uji-ii", [f"{datetime.now(timezone.utc):%Y-%m}"]))
    status, headers, _ = server.request(f"/survei/{token.upper()}", data=urllib.parse.urlencode(
        {**ALL_GOOD, "U9": "2", "komentar": "Jelas. WA saya 0813 2222 3333 kalau perlu."}).encode(), headers=FORM, method="POST")
    assert status == 200 and "Terima kasih" in server.request("/survei/terima-kasih")[2]  # urllib followed the 303
    responses = survey_responses(intake.store, "uji-ii", [f"{datetime.now(timezone.utc):%Y-%m}"])
    assert len(responses) == before + 1 and (responses[-1].kanal, responses[-1].nilai[-1]) == ("daring", 2)
    assert "2222" not in (responses[-1].komentar or "") and "[disamarkan]" in responses[-1].komentar
    with intake.store.engine.connect() as conn:
        assert all(ticket not in str(v) for row in conn.execute(select(survei)) for v in row)
    again = post(server, token, ALL_GOOD)
    assert again[0] == 410 and "sudah dipakai" in again[2]
    assert server.request(f"/survei/{token}")[0] == 410
    assert "Nilai layanan ini" not in server.request(path)[2]  # the status page stops offering it
    assert server.request("/survei/aaaaaaaaaaaa")[0] == 404 and server.request("/survei/pendek")[0] == 404


def test_an_expired_link_explains_itself(served):
    server, intake, _ = served
    _, path = answered_case(server, intake)
    token = survey_token_of(server, path)
    with intake.store.transaction() as conn:
        conn.execute(update(survei_undangan).values(expires=datetime.now(timezone.utc) - timedelta(minutes=1)))
    status, _, page = server.request(f"/survei/{token}")
    assert status == 410 and "kedaluwarsa" in page
    assert post(server, token, ALL_GOOD)[0] == 410


def test_the_answer_mail_carries_the_same_survey_link(served):
    server, intake, settings = served
    ticket, path = answered_case(server, intake, email="warga@contoh.id")
    Notifier(settings, intake.store)(ticket)
    mail = (settings.outbox_email_dir / f"{ticket}.eml").read_text(encoding="utf-8")
    token = re.search(r"/survei/([a-z2-7]{12})", mail)[1]
    assert "Nilai layanan ini" in mail and token == survey_token_of(server, path)


def test_a_walk_in_gets_a_printable_receipt_with_a_qr_code_only_for_its_own_balai(served):
    server, intake, _ = served
    ata = signed_in(server, "ata")
    form = {"csrf": ata.csrf("/staf/catat"), "kanal": "kantor", "jenis_layanan": "konsultasi", "bidang": "pembiayaan",
            "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar", "nama": "Ketut Sudana", "telepon": "0812 9999 1111",
            "jenis_pemohon": "perorangan", "uraian": "Menanyakan syarat KPR FLPP", "jumlah_orang": ""}
    done = ata.post("/staf/catat", form)
    ticket = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", done.text)[1]
    assert f'href="/staf/layanan/{ticket}/tanda-terima"' in done.text
    receipt = ata.get(f"/staf/layanan/{ticket}/tanda-terima")
    token = re.search(r'class="klinik-tanda-survei__tautan"><a href="http://127\.0\.0\.1:\d+/survei/([a-z2-7]{12})"', receipt.text)[1]
    assert receipt.status_code == 200 and "<svg" in receipt.text and "Kode QR survei kepuasan" in receipt.text
    assert ata.get(f"/staf/layanan/{ticket}/tanda-terima").text.count(token) == 2  # shown again, the same link
    assert signed_in(server, "ta.lain").get(f"/staf/layanan/{ticket}/tanda-terima").status_code == 403
    assert ata.get("/staf/layanan/KPKP-2026-999999/tanda-terima").status_code == 404
    assert post(server, token, ALL_GOOD)[0] == 200
    assert ata.get(f"/staf/layanan/{ticket}/tanda-terima").status_code == 410  # one survey per case
    event = ata.post("/staf/catat", {**form, "csrf": ata.csrf("/staf/catat"), "kanal": "acara", "kabupaten_kota": "", "nama": "",
                                     "telepon": "", "jenis_pemohon": "lembaga", "jumlah_orang": "40"})
    acara = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", event.text)[1]
    assert "tanda-terima" not in event.text and ata.get(f"/staf/layanan/{acara}/tanda-terima").status_code == 409
    field = ata.post("/staf/catat", {**form, "csrf": ata.csrf("/staf/catat"), "kanal": "lapangan"})
    visit = re.search(r"Tercatat: (KPKP-\d{4}-\d{6})", field.text)[1]
    assert f'href="/staf/layanan/{visit}/tanda-terima"' in field.text
    assert ata.get(f"/staf/layanan/{visit}/tanda-terima").status_code == 200


def test_survey_posts_are_rate_limited(tmp_path):
    project = intake_project(tmp_path)
    app = create_app(settings_for(project, rate_limit=2))
    with LiveServer(app) as server:
        _, path = answered_case(server, app.state.intake)
        token = survey_token_of(server, path)
        codes = [post(server, token, {"U1": "4"})[0] for _ in range(3)]
        assert codes == [422, 422, 429]
        assert "Terlalu banyak kiriman" in post(server, token, ALL_GOOD)[2]


def test_neither_the_token_nor_the_comment_reaches_the_log(served, caplog):
    server, intake, _ = served
    _, path = answered_case(server, intake)
    token = survey_token_of(server, path)
    with caplog.at_level("DEBUG"):
        post(server, token, {"U1": "4", "komentar": "Rahasia kecil saya"})
        post(server, token, {**ALL_GOOD, "komentar": "Rahasia kecil saya"})
    # the server's own log (uvicorn's access log, which prints addresses, is disabled by observe.setup_logging)
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if r.name.startswith("klinik"))
    assert "/survei/{token}" in logged  # the access log names the route, never the address with its token
    assert token not in logged and "Rahasia kecil" not in logged
