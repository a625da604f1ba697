"""Follow-ups from the private status page: up to three per case, each its own ticket with a fresh deadline,
published redacted like the first question, kept with the same TA, and erased with the case."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timezone

import httpx
import pytest
from PIL import Image
from sqlalchemy import select

from generator.intake.outbox import outbox_for
from generator.intake.publish.git import GitPublisher
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.roster import Roster
from generator.intake.store.forget import erase_person
from generator.intake.store.photos import photo_bytes, photos_of
from generator.intake.store.register import case as register_case
from generator.intake.store.schema import identities, layanan
from generator.intake.web.app import create_app
from tests.intake_repo import git
from tests.intake_server import VALID, LiveServer, reviewed_project, settings_for

FOLLOW_UP = "Terima kasih. Kalau penghasilan saya tidak tetap, dokumen apa lagi yang perlu disiapkan? WA saya 0813 2222 3333."


@pytest.fixture
def case(tmp_path):
    project = reviewed_project(tmp_path)
    settings = settings_for(project, repo_path=project)
    app = create_app(settings)
    store = app.state.intake.store
    accounts = Accounts(store)
    accounts.add("ta.satu", "Ta Satu", "ta", "uji-ii", now_utc())
    Roster(store).set_areas(accounts.of_balai("uji-ii")[0].id, ["pembiayaan"])
    with LiveServer(app) as server:
        status, _, body = server.post_json({**VALID, "email": "siti@contoh.id"})
        assert status == 201, body
        receipt = json.loads(body)
        outbox = outbox_for(settings, store, GitPublisher(project))
        assert outbox.drain() == 1 and outbox.assign() == 1
        yield server, project, settings, store, outbox, receipt["tiket"], receipt["tautan_status"].removeprefix(server.base)


def ask(server, status_path: str, text: str, token: str | None = None):
    """Post a follow-up as the page's form does; (status, headers, body), redirects not followed."""
    if token is None:
        token = re.search(r'name="token_formulir" value="([^"]+)"', server.request(status_path)[2])[1]
    reply = httpx.post(server.base + f"{status_path}/lanjutan", data={"token_formulir": token, "pertanyaan": text, "situs_web": ""})
    return reply.status_code, reply.headers, reply.text


def test_a_follow_up_is_its_own_ticket_with_the_same_ta_published_redacted(case):
    server, project, _, store, outbox, ticket, status_path = case
    status, headers, _ = ask(server, status_path, FOLLOW_UP)
    assert status == 303 and headers["location"].endswith("?lanjutan=terkirim")
    page = server.request(status_path + "?lanjutan=terkirim")[2]
    assert "Pertanyaan lanjutan terkirim" in page and "Pertanyaan lanjutan 1" in page and "sisa 2" in page
    later = re.search(r"Pertanyaan lanjutan 1 \((KPKP-\d{4}-\d{6})\)", page)[1]
    assert later != ticket
    with store.engine.connect() as conn:
        ta = dict(conn.execute(select(layanan.c.ticket, layanan.c.ta_id).where(layanan.c.ticket.in_([ticket, later]))).all())
        people = conn.execute(select(identities.c.ticket, identities.c.email).where(identities.c.ticket.in_([ticket, later]))).all()
    assert ta[later] == ta[ticket] is not None  # the same TA keeps the case
    assert sorted(p.email for p in people) == ["siti@contoh.id", "siti@contoh.id"]  # the answer mail reaches the same asker
    assert register_case(store, later)["lanjutan_dari"] == ticket and register_case(store, ticket)["lanjutan"] == [later]
    assert outbox.drain() == 1
    path = git(project, "diff", "--name-only", "main", f"pertanyaan/{later}").strip()
    published = git(project, "show", f"pertanyaan/{later}:{path}")
    assert f"lanjutan_dari: {ticket}" in published and "0813" not in published and "dokumen apa lagi" in published


def test_three_follow_ups_then_the_form_is_gone_and_a_fourth_is_refused(case):
    server, _, _, _, _, _, status_path = case
    token = re.search(r'name="token_formulir" value="([^"]+)"', server.request(status_path)[2])[1]  # kept for the crafted fourth
    for n in range(3):
        assert ask(server, status_path, f"Pertanyaan lanjutan nomor {n + 1} tentang syarat KPR subsidi.")[0] == 303
    page = server.request(status_path)[2]
    assert "Pertanyaan lanjutan 3" in page and "Ajukan pertanyaan lanjutan" not in page and "sudah mendapat 3" in page
    status, _, body = ask(server, status_path, "Pertanyaan keempat yang panjang sekali tentang KPR.", token=token)
    assert status == 409 and "paling banyak 3 pertanyaan lanjutan" in body and "Pertanyaan lanjutan 4" not in body


def test_bad_follow_ups_get_a_precise_error_and_keep_the_text(case):
    server, _, _, _, _, _, status_path = case
    status, _, body = ask(server, status_path, "pendek")
    assert status == 422 and "terlalu pendek" in body and ">pendek</textarea>" in body
    status, _, body = server.request(f"{status_path}/lanjutan", data=b'{"pertanyaan": "x"}', headers={"Content-Type": "application/json"})
    assert status == 415
    assert server.request("/api/status/tidak-ada/lanjutan", data=b"pertanyaan=x", headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 404


def test_erasing_the_case_erases_its_follow_ups(case):
    server, _, settings, store, _, ticket, status_path = case
    assert ask(server, status_path, FOLLOW_UP)[0] == 303
    assert erase_person(settings, store, ticket, datetime.now(timezone.utc))
    with store.engine.connect() as conn:
        assert conn.execute(select(identities)).all() == []
    assert server.request(status_path)[0] == 404


def test_a_follow_up_may_carry_photos_kept_privately_without_their_location(case):
    server, project, _, store, outbox, ticket, status_path = case
    token = re.search(r'name="token_formulir" value="([^"]+)"', server.request(status_path)[2])[1]
    image = Image.new("RGB", (640, 480), (180, 150, 120))
    exif = Image.Exif()
    exif[0x8825] = {2: (6, 10, 0), 4: (106, 49, 0)}  # GPS IFD: latitude, longitude
    raw = io.BytesIO()
    image.save(raw, "JPEG", exif=exif)
    reply = httpx.post(server.base + f"{status_path}/lanjutan", data={"token_formulir": token, "pertanyaan": FOLLOW_UP, "situs_web": ""},
                       files=[("foto", ("retak.jpg", raw.getvalue(), "image/jpeg"))])
    assert reply.status_code == 303
    later = register_case(store, ticket)["lanjutan"][0]
    stored = photos_of(store, later)
    assert len(stored) == 1
    with store.engine.connect() as conn:
        mime, data = photo_bytes(conn, later, stored[0]["urutan"])
    assert mime == "image/jpeg" and not Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    assert outbox.drain() == 1
    assert "retak" not in git(project, "log", "--all", "-p")  # a photo never reaches the repository
    too_many = httpx.post(server.base + f"{status_path}/lanjutan",
                          data={"token_formulir": re.search(r'name="token_formulir" value="([^"]+)"', server.request(status_path)[2])[1],
                                "pertanyaan": FOLLOW_UP, "situs_web": ""},
                          files=[("foto", (f"{n}.jpg", raw.getvalue(), "image/jpeg")) for n in range(4)])
    assert too_many.status_code == 422 and "Paling banyak 3 foto" in too_many.text
