"""The form's field checks meet the shared vectors (tests/vectors/ajukan.json): the server's forms.validate here,
the copy in klinik-ajukan.js in tests/intake/web/test_form_browser.py, so both name the same fields the same way."""

from __future__ import annotations

import json
import re

import pytest

from generator.config import load_site_config
from generator.intake.identity import clean
from generator.intake.web.forms import MESSAGES, client_rules, validate
from tests.conftest import FIXTURES, VECTORS

CASES = json.loads((VECTORS / "ajukan.json").read_text(encoding="utf-8"))["vektor"]


@pytest.fixture(scope="module")
def config():
    return load_site_config(FIXTURES / "kecil" / "site_config", [])


@pytest.mark.parametrize("case", CASES, ids=[c["kasus"] for c in CASES])
def test_the_server_gives_each_vector_its_errors(config, case):
    areas = {b.slug: b.nama for b in config.taxonomy.bidang}
    item, errors = validate({k: clean(v) for k, v in case["isian"].items()}, config.wilayah, areas)
    assert errors == case["galat"]
    assert (item is None) == bool(case["galat"])


def test_the_vectors_cover_every_message():
    """Each message the form can give appears in some vector, so the browser's copy is checked for all of them."""
    given = {message for case in CASES for message in case["galat"].values()}
    for key, text in MESSAGES.items():
        shape = re.compile(".+".join(re.escape(part) for part in re.split(r"\{[a-z]+\}", text)))
        assert any(shape.fullmatch(message) for message in given), key


def test_the_page_gets_the_messages_and_limits_the_server_uses():
    rules = client_rules()
    assert rules["pesan"] == MESSAGES
    assert rules["pertanyaan"] == {"min": 20, "maks": 4000} and rules["nama"] == {"min": 2, "maks": 100}
    assert rules["setuju"] == ["ya", "on", "true", "1"]
