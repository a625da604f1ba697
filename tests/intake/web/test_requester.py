"""The requester type on the question form over real HTTP: perorangan preselected, /ajukan/?pemohon=pemda chosen by
the server for browsers without JavaScript, a Pemda's office name required and kept with the identity, the type in the
register and on the staff desk, the OpenAPI schema describing it; a follow-up keeps the case's type."""

from __future__ import annotations

import json
import re
import urllib.parse

import jsonschema_rs
import pytest
from sqlalchemy import select

from generator.config.project import Project
from generator.intake.store.register import case
from generator.intake.store.schema import identities, layanan
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.intake.web.staff_client import add_staff, signed_in
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

PEMDA = {**VALID, "jenis_pemohon": "pemda", "instansi": "Dinas Perkim Kota Denpasar", "nama": "Putu Ayu",
         "pertanyaan": "Bagaimana menyusun RP3KP kota kami dan data rumah tidak layak huni apa yang dibutuhkan?"}
RADIO = re.compile(r'<input type="radio" name="jenis_pemohon" [^>]*>')


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("pemohon"))
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    with LiveServer(app) as server:
        add_staff(app.state.intake.store, (("kepala", "kepala-balai", "uji-ii"),))
        yield server


def checked(page: str) -> list[str]:
    return [re.search(r'value="([a-z]+)"', tag)[1] for tag in RADIO.findall(page) if " checked" in tag]


def test_the_form_preselects_perorangan_and_the_pemda_link_chooses_pemda_without_javascript(live):
    assert checked(live.request("/ajukan/")[2]) == ["perorangan"]
    assert checked(live.request("/ajukan/?pemohon=pemda")[2]) == ["pemda"]
    assert checked(live.request("/ajukan/?pemohon=lembaga")[2]) == ["lembaga"]
    assert checked(live.request("/ajukan/?pemohon=%3Cscript%3E")[2]) == ["perorangan"]
    page = live.request("/layanan-pemda/")[2]
    assert 'href="/ajukan/?pemohon=pemda"' in page and "RP3KP" in page and "RP2KPKP" in page and "RKPD" in page
    assert "Kelembagaan daerah" in page and "Kemitraan" in page


def test_a_pemda_question_is_stored_with_its_type_and_office_and_shown_to_staff(live):
    status, _, body = live.post_json(PEMDA)
    assert status == 201, body
    ticket = json.loads(body)["tiket"]
    store = live.server.config.app.state.intake.store
    with store.engine.connect() as conn:
        assert conn.execute(select(layanan.c.jenis_pemohon).where(layanan.c.ticket == ticket)).scalar_one() == "pemda"
        assert conn.execute(select(identities.c.instansi).where(identities.c.ticket == ticket)).scalar_one() == PEMDA["instansi"]
    chief = signed_in(live, "kepala")
    page = chief.get(f"/staf/kasus/{ticket}").text
    assert "Pemerintah daerah (Pemda)" in page and "Dinas Perkim Kota Denpasar" in page
    queue = chief.get("/staf/").text
    row = re.search(rf'<tr><td><a href="/staf/kasus/{ticket}">.*?</tr>', queue)[0]
    assert "Pemerintah daerah (Pemda)" in row and "Dinas Perkim" not in queue  # the type in the queue, the office only in the case


def test_an_office_name_is_required_for_pemda_and_organisations_and_dropped_for_a_person(live):
    status, _, body = live.post_json({**PEMDA, "instansi": ""})
    assert (status, json.loads(body)) == (422, {"galat": {"instansi": "Tulis nama instansi Pemda (2-150 karakter), mis. Dinas Perumahan Kabupaten Sleman."}})
    status, _, body = live.post_json({**PEMDA, "jenis_pemohon": "swasta"})
    assert json.loads(body) == {"galat": {"jenis_pemohon": "Pilih siapa yang bertanya: perorangan, Pemda, atau lembaga/organisasi."}}
    status, _, page = live.post_form({**PEMDA, "jenis_pemohon": "lembaga", "instansi": ""})
    assert status == 422 and 'href="#isian-instansi"' in page and checked(page) == ["lembaga"]
    ticket = json.loads(live.post_json({**VALID, "jenis_pemohon": "perorangan", "instansi": "Tidak dipakai"})[2])["tiket"]
    row = case(live.server.config.app.state.intake.store, ticket)
    assert row["jenis_pemohon"] == "perorangan" and row["identitas"]["instansi"] is None


def test_a_follow_up_keeps_the_cases_requester_type(live):
    first = json.loads(live.post_json(PEMDA)[2])
    path = first["tautan_status"].removeprefix(live.base)
    form = live.request(path)[2]
    token = re.search(r'name="token_formulir" value="([^"]+)"', form)[1]
    status, _, _ = live.request(f"{path}/lanjutan", data=urllib.parse.urlencode(
        {"pertanyaan": "Apakah Balai dapat mendampingi rapat penyusunan RP3KP?", "token_formulir": token}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST")
    assert status == 200
    store = live.server.config.app.state.intake.store
    with store.engine.connect() as conn:
        kinds = conn.execute(select(layanan.c.jenis_pemohon).order_by(layanan.c.ticket.desc()).limit(2)).scalars().all()
    assert kinds == ["pemda", "pemda"]


def test_the_openapi_schema_describes_the_choice_and_the_office_rule(live):
    spec = json.loads(live.request("/api/openapi.json")[2])
    schema = spec["paths"]["/api/pertanyaan"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["jenis_pemohon"]["enum"] == ["perorangan", "pemda", "lembaga"]
    validator = jsonschema_rs.validator_for(schema)
    assert validator.is_valid(PEMDA) and validator.is_valid(VALID)
    without = {k: v for k, v in PEMDA.items() if k != "instansi"}
    assert not validator.is_valid(without)
    assert validator.is_valid({**without, "jenis_pemohon": "perorangan"})
