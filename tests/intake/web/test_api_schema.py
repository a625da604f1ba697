"""The OpenAPI schema of POST /api/pertanyaan is exact enough to build a request the server stores: required
fields, choices from the loaded data, the honeypot, patterns that Python, Chromium's RegExp (u flag) and the
server all read the same, and every body drawn from the schema stored."""

from __future__ import annotations

import json
import re

import jsonschema_rs
import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings

from generator.intake.identity import clean
from generator.intake.web.app import create_app
from generator.intake.web.forms import validate
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

REQUIRED = {"nama", "telepon", "provinsi", "kabupaten_kota", "bidang", "pertanyaan", "setuju"}


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("skema"))
    with LiveServer(create_app(settings_for(project))) as server:
        server.project = project
        yield server


def spec_of(server: LiveServer) -> dict:
    return json.loads(server.request("/api/openapi.json")[2])


def body_schema(spec: dict, content_type: str = "application/json") -> dict:
    return spec["paths"]["/api/pertanyaan"]["post"]["requestBody"]["content"][content_type]["schema"]


def test_schema_names_the_required_fields_and_the_loaded_choices(live):
    spec = spec_of(live)
    schema = body_schema(spec)
    assert schema == body_schema(spec, "application/x-www-form-urlencoded")
    assert set(schema["required"]) == REQUIRED and schema["additionalProperties"] is False
    config = live.project / "site_config"
    taxonomy = yaml.safe_load((config / "taxonomy.yml").read_text(encoding="utf-8"))
    wilayah = yaml.safe_load((config / "wilayah.yml").read_text(encoding="utf-8"))
    fields = schema["properties"]
    assert fields["bidang"]["enum"] == [b["slug"] for b in taxonomy["bidang"]]
    assert fields["provinsi"]["enum"] == [p["nama"] for p in wilayah["provinsi"]]
    branches = {b["properties"]["provinsi"]["const"]: b["properties"]["kabupaten_kota"]["enum"] for b in schema["anyOf"]}
    assert branches == {p["nama"]: [k["nama"] for k in p["kabupaten_kota"]] for p in wilayah["provinsi"]}
    assert fields["setuju"]["enum"] == ["ya", "on", "true", "1"]
    assert fields["situs_web"]["maxLength"] == 0
    assert (fields["nama"]["minLength"], fields["nama"]["maxLength"]) == (2, 100)
    assert (fields["pertanyaan"]["minLength"], fields["pertanyaan"]["maxLength"]) == (20, 4000)
    assert fields["email"]["maxLength"] == 254
    responses = spec["paths"]["/api/pertanyaan"]["post"]["responses"]
    assert set(responses["201"]["content"]["application/json"]["schema"]["required"]) == {"tiket", "tenggat", "tautan_status", "html"}
    assert responses["422"]["content"]["application/json"]["schema"]["required"] == ["galat"]


@pytest.mark.parametrize("overrides, required", [
    ({}, set()),
    ({"min_fill_seconds": 3}, {"token_formulir"}),
    ({"pow": True, "rate_limit_no_pow": 5}, set()),  # without JavaScript a post may come without ALTCHA
    ({"pow": True, "rate_limit_no_pow": 0, "min_fill_seconds": 3}, {"token_formulir", "altcha"}),
])
def test_proofs_are_required_only_when_the_settings_require_them(tmp_path, overrides, required):
    app = create_app(settings_for(intake_project(tmp_path), **overrides))
    schema = body_schema(app.openapi())
    assert set(schema["required"]) == REQUIRED | required
    token = schema["properties"]["token_formulir"]
    if "min_fill_seconds" in overrides:
        from generator.intake.web.spam import issue_form_token

        assert re.fullmatch(token["pattern"], issue_form_token(app.state.intake.key))
    else:
        assert "pattern" not in token


# Canonical values (as the server keeps them) with the server's verdict written out by hand.
CASES = [
    *[("nama", v, True) for v in ("Siti Aminah", "Si", "李明", "Moh. Yusuf Al-Faruq", "O'Neil", "Ñoño", "Siti\u00a0Aminah", "x" * 100, "I Gusti Ngurah Rai 2")],
    *[("nama", v, False) for v in ("S", "12", "--", "x" * 101, "1 2 3")],
    *[("telepon", v, True) for v in ("0812 3456 7890", "+62 812 3456 7890", "6281234567890", "(0361) 123456", "021-555-0123",
                                     "0812.3456.789", "081234567", "0812345678901", "+62(812)34567890")],
    *[("telepon", v, False) for v in ("08123", "0012345678", "+0812345678", "62 0812 3456 789", "08123456789012", "0812345678a",
                                      "08123456", "+6 3 812345678")],
    *[("email", v, True) for v in ("", "siti@contoh.id", "a.b+c@sub.contoh.co.id", "x" * 64 + "@contoh.id", "o_k-1@a-b.c-d.info")],
    *[("email", v, False) for v in ("siti@contoh", "siti@@contoh.id", "si ti@contoh.id", "siti@-contoh.id", "siti@contoh.i",
                                    "x" * 65 + "@contoh.id", "siti@contoh.id.", "<siti>@contoh.id", "siti@contoh-.id")],
    *[("pertanyaan", v, True) for v in ("x" * 20, "x" * 4000, "Baris satu\nbaris dua yang cukup panjang", "Ada\ttab di dalam pertanyaan ini",
                                        "Rumah 🏠 subsidi untuk keluarga muda?")],
    *[("pertanyaan", v, False) for v in ("x" * 19, "x" * 4001, "Terlalu\ufffd rusak untuk disimpan ya")],
    *[("setuju", v, True) for v in ("ya", "on", "true", "1")],
    *[("setuju", v, False) for v in ("tidak", "", "0")],
    ("situs_web", "", True), ("situs_web", "http://spam.example", False),
    ("bidang", "pembiayaan", True), ("bidang", "PEMBIAYAAN", False),
]


def test_the_schema_and_the_server_agree_on_canonical_values(live):
    """The whole body checked by a JSON Schema 2020-12 validator against what the server actually answers."""
    validator = jsonschema_rs.validator_for(body_schema(spec_of(live)))
    for field, value, accepted in CASES:
        body = {**VALID, field: value}
        status = live.post_json(body)[0]
        assert (status == 201, validator.is_valid(body)) == (accepted, accepted), (field, value, status)
    for provinsi, kota, accepted in [("Bali", "Kota Denpasar", True), ("Bali", "Kabupaten Sleman", False), ("Atlantis", "Kota Denpasar", False)]:
        body = {**VALID, "provinsi": provinsi, "kabupaten_kota": kota}
        assert (live.post_json(body)[0] == 201, validator.is_valid(body)) == (accepted, accepted), (provinsi, kota)


def test_the_schema_promises_less_than_the_server_takes_never_more(live):
    """Where the schema is stricter (it describes the tidy form), the server still stores the post."""
    validator = jsonschema_rs.validator_for(body_schema(spec_of(live)))
    for field, value in [("nama", " Siti Aminah "), ("nama", "राम"), ("setuju", "YA"), ("email", "sítí@contoh.id"), ("telepon", "0812\u00a03456\u00a07890")]:
        body = {**VALID, field: value}
        assert not validator.is_valid(body) and live.post_json(body)[0] == 201, (field, value)


def test_patterns_read_the_same_in_chromium(live, browser):
    """ECMA-262 with the u flag (what JSON Schema 2020-12 names) gives every canonical case the same verdict."""
    fields = body_schema(spec_of(live))["properties"]
    page = browser.new_page()
    for name in ("nama", "telepon", "email", "pertanyaan"):
        pattern, values = fields[name]["pattern"], [v for f, v, _ in CASES if f == name]
        in_chromium = page.evaluate("([p, vs]) => vs.map(v => new RegExp(p, 'u').test(v))", [pattern, values])
        assert in_chromium == [bool(re.search(pattern, v)) for v in values], name
    page.close()


def test_every_body_drawn_from_the_schema_passes_the_server_checks(live):
    intake = live.server.config.app.state.intake
    operation = schemathesis.openapi.from_dict(spec_of(live))["/api/pertanyaan"]["POST"]
    drawn: list[dict] = []

    @settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(operation.as_strategy())
    def stored(case):
        data = {k: clean(v) for k, v in case.body.items()}
        item, errors = validate(data, intake.wilayah, intake.areas)
        assert item is not None and not data.get("situs_web"), (errors, case.body)
        drawn.append(case.body)

    stored()
    assert len(drawn) >= 40 and len({d["pertanyaan"] for d in drawn}) >= 15  # many different bodies, each storable
