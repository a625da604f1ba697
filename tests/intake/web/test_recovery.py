"""A lost status link: ticket + phone bring a new link to that phone (WhatsApp) or the case's email, never to the
screen; a wrong pair gets the same answer, the old link stops working, guessing is rate-limited."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from generator.intake.web.app import create_app
from tests.fake_whatsapp import FakeWhatsApp
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

PHONE = VALID["telepon"]


@pytest.fixture
def fake():
    server = FakeWhatsApp()
    yield server
    server.stop()


def serve(tmp_path, **settings):
    project = intake_project(tmp_path)
    values = settings_for(project, **settings)
    return LiveServer(create_app(values)), values


def ask(server, ticket: str, phone: str) -> httpx.Response:
    page = httpx.get(server.base + "/api/status/pulihkan").text
    token = re.search(r'name="token_formulir" value="([^"]+)"', page)[1]
    return httpx.post(server.base + "/api/status/pulihkan", data={"token_formulir": token, "tiket": ticket, "telepon": phone, "situs_web": ""})


def test_the_new_link_goes_to_whatsapp_and_email_and_the_old_one_dies(tmp_path, fake):
    live, settings = serve(tmp_path, **fake.settings())
    with live as server:
        receipt = json.loads(server.post_json({**VALID, "email": "siti@contoh.id"})[2])
        old = receipt["tautan_status"].removeprefix(server.base)
        reply = ask(server, receipt["tiket"], "+62 " + PHONE.lstrip("0"))  # any spelling of the same number
        assert reply.status_code == 200 and "Permintaan diterima" in reply.text and "/api/status/" not in reply.text.split("Minta tautan")[-1]
        sent = fake.state.messages[-1]
        ticket, link = fake.texts(sent)
        assert ticket == receipt["tiket"] and link.startswith(server.base + "/api/status/")
        assert server.request(old)[0] == 404  # the lost link may be in someone else's hands
        assert "Status pertanyaan" in server.request(link.removeprefix(server.base))[2]
    mail = (settings.outbox_email_dir / f"{receipt['tiket']}-tautan.eml").read_text()
    assert "siti@contoh.id" in mail and "Tautan lama tidak berlaku lagi" in mail


def test_a_wrong_pair_gets_the_same_answer_and_changes_nothing(tmp_path, fake):
    live, _ = serve(tmp_path, **fake.settings())
    with live as server:
        receipt = json.loads(server.post_json(VALID)[2])
        right = ask(server, receipt["tiket"], PHONE)
        fake.state.messages.clear()
        wrong_phone = ask(server, receipt["tiket"], "0811 1111 1111")
        wrong_ticket = ask(server, "KPKP-2026-999999", PHONE)
        strip = lambda r: re.sub(r'name="token_formulir" value="[^"]+"', "", r.text)  # noqa: E731
        assert wrong_phone.status_code == wrong_ticket.status_code == right.status_code == 200
        assert strip(wrong_phone) == strip(wrong_ticket) == strip(right)
        assert fake.state.messages == []


def test_without_whatsapp_or_email_the_old_link_is_kept(tmp_path):
    live, _ = serve(tmp_path)
    with live as server:
        receipt = json.loads(server.post_json(VALID)[2])  # no email given, WhatsApp not configured
        assert ask(server, receipt["tiket"], PHONE).status_code == 200
        assert server.request(receipt["tautan_status"].removeprefix(server.base))[0] == 200


def test_bad_input_is_named_and_guessing_is_limited(tmp_path):
    live, _ = serve(tmp_path)
    with live as server:
        bad = ask(server, "123", "abc")
        assert bad.status_code == 422 and "KPKP-TAHUN-NOMOR" in bad.text and 'value="123"' in bad.text
        bad_phone = ask(server, "KPKP-2026-000001", "abc")
        assert bad_phone.status_code == 422 and "telepon/WhatsApp tidak valid" in bad_phone.text
        codes = [ask(server, "KPKP-2026-000001", f"0812 0000 {n:04d}").status_code for n in range(6)]
        assert codes[:5] == [200] * 5 and codes[5] == 429
