"""The Decap config is the schemas: every field of every content kind has an editor widget, in the model's order, with the
schema's rules (required, patterns, hints, taxonomy selects, relations, bare dates), plus the data files and the backends."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, Field

from generator.config import read_site_config
from generator.config.project import Project
from generator.content.desain import Desain
from generator.content.loader import CONTENT_BODY_REQUIRED, CONTENT_SCHEMAS, load_content
from generator.content.schemas import Faq
from generator.site.cms_config import AUTH_ENDPOINT, DATA_FILES, LOCAL_API, config_yaml, decap_config
from generator.site.cms_fields import Choices, model_fields
from generator.util.errors import GeneratorError
from generator.util.fields import TICKET_PATTERN, Strict
from tests.conftest import ROOT, write

WIDGETS = {"string", "text", "select", "boolean", "number", "datetime", "object", "list", "relation", "file", "image",
           "markdown", "kamus"}
"""Decap's own widgets, plus `kamus` that klinik-cms.js registers."""


@pytest.fixture(scope="module")
def config():
    return read_site_config(ROOT)


@pytest.fixture(scope="module")
def decap(config) -> dict:
    return decap_config(config, environ={})


def _collection(decap: dict, name: str) -> dict:
    return next(c for c in decap["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def _nested_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds, alone or as list items, wherever it sits in the annotation."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def _compare(model: type[BaseModel], fields: list[dict], where: str, optional: bool = False) -> list[str]:
    """Every schema field, nested ones too, against the Decap fields: same names in the same order, a known widget,
    required as pydantic says (never inside an optional object: Decap would refuse an entry without it), the
    description as the hint."""
    problems = []
    names = [f["name"] for f in fields]
    if names != list(model.model_fields):
        problems.append(f"{where}: urutan/nama kolom {names} != {list(model.model_fields)}")
    for name, info in model.model_fields.items():
        if name not in names:
            continue
        field = _field(fields, name)
        if field.get("widget") not in WIDGETS:
            problems.append(f"{where}.{name}: widget {field.get('widget')!r} tidak dikenal")
        required = info.is_required() and not optional
        if field["required"] is not required:
            problems.append(f"{where}.{name}: required {field['required']} != {required}")
        if info.description and field.get("hint") != info.description:
            problems.append(f"{where}.{name}: hint bukan deskripsi skema")
        inner = _nested_model(info.annotation)
        if inner is not None:
            absent_object = field.get("widget") == "object" and not info.is_required()
            problems += _compare(inner, field.get("fields", []), f"{where}.{name}", optional or absent_object)
    return problems


def test_every_content_kind_is_a_collection_and_every_field_has_a_widget(decap):
    """Driven by the schema registry: a new kind or a new field shows up here until the editor can edit it."""
    folders = {c["name"]: c for c in decap["collections"] if "folder" in c}
    assert set(folders) == set(CONTENT_SCHEMAS)
    problems = []
    for section, model in CONTENT_SCHEMAS.items():
        collection = folders[section]
        assert collection["folder"] == f"content/{section}"
        body = collection["fields"][-1]
        assert (body["name"], body["widget"], body["required"]) == ("body", "markdown", section in CONTENT_BODY_REQUIRED)
        assert body["modes"] == ["raw", "rich_text"]  # raw first: a save keeps the body as typed
        problems += _compare(model, collection["fields"][:-1], section)
    assert problems == []


def test_the_data_files_a_ta_edits_are_file_collections_of_their_models(decap):
    files = {f["name"]: f for f in _collection(decap, "data")["files"]}
    assert list(files) == [name for name, *_ in DATA_FILES]
    problems = []
    for name, _, file, model in DATA_FILES:
        assert files[name]["file"] == f"site_config/{file}"
        problems += _compare(model, files[name]["fields"], file)
    assert problems == []
    kamus = _field(files["pencarian"]["fields"], "normalisasi")
    assert kamus["widget"] == "kamus" and kamus["key_pattern"][0] == r"^(?=[\s\S]{0,30}$)[a-z0-9]+$"


def test_a_field_type_without_a_widget_stops_the_generator():
    class Baru(Strict):
        angka: set[int] = Field(description="Himpunan angka.")

    with pytest.raises(GeneratorError, match=r"kolom 'angka' \(tipe set\[int\]\) belum punya widget editor"):
        model_fields(Baru, Choices())


def test_faq_fields_follow_the_taxonomy_relations_and_dates(decap, config):
    faq = _collection(decap, "faq")
    fields = faq["fields"]
    assert [o["value"] for o in _field(fields, "topik")["options"]] == [b.slug for b in config.taxonomy.bidang]
    subareas = list(dict.fromkeys(s.slug for b in config.taxonomy.bidang for s in b.subtopik))
    assert [o["value"] for o in _field(fields, "subtopik")["options"]] == subareas
    terkait = _field(fields, "terkait")
    assert {k: terkait[k] for k in ("widget", "collection", "multiple", "value_field")} == {
        "widget": "relation", "collection": "faq", "multiple": True, "value_field": "{{filename}}"}
    assert {k: v for k, v in _field(fields, "ditinjau").items() if k not in ("label", "name", "hint", "required")} == {
        "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    peninjau = _field(fields, "peninjau")
    assert peninjau["widget"] == "object"
    assert [o["value"] for o in _field(peninjau["fields"], "peran")["options"]] == ["TA", "ATA", "Ditjen"]
    assert _field(fields, "tiket")["pattern"] == [TICKET_PATTERN, "Tulis nomor tiket seperti KPKP-2026-000123."]
    assert [f["widget"] for f in fields if f["name"] in ("tag", "alias", "dasar_hukum")] == ["list"] * 3
    assert faq["path"] == "{{topik}}/{{slug}}" and faq["identifier_field"] == "pertanyaan"  # as `klinik new faq` writes


def test_a_designs_bill_of_quantities_is_an_editable_list(decap):
    fields = _collection(decap, "desain-rumah")["fields"]
    boq = _field(fields, "boq")
    assert (boq["widget"], boq["min"], [f["name"] for f in boq["fields"]]) == ("list", 1, list(Desain.model_fields["boq"].annotation.__args__[0].model_fields))
    assert _field(boq["fields"], "volume")["value_type"] == "float"
    assert _field(fields, "zona_gempa")["multiple"] is True
    assert _collection(decap, "desain-rumah")["slug"] == "{{kode}}"


def _rule_failures(fields: list[dict], data: dict, where: str) -> list[str]:
    """Values of a content file that a Decap pattern would refuse (each list item and nested value too)."""
    out = []
    for field in fields:
        value = data.get(field["name"])
        if value is None:
            continue
        items = value if field["widget"] == "list" and isinstance(value, list) else [value]
        for item in items:
            if "fields" in field and isinstance(item, dict):
                out += _rule_failures(field["fields"], item, f"{where}.{field['name']}")
            rule = field.get("pattern") or field.get("field", {}).get("pattern")
            if rule and isinstance(item, str) and not re.search(rule[0], item):
                out.append(f"{where}.{field['name']}: {item!r} ditolak {rule}")
    return out


def test_the_editor_rules_accept_every_existing_content_file(decap):
    """Decap's patterns are the schemas' (lengths folded in): no valid file of content/ would be refused when opened."""
    result = load_content(Project(ROOT).content_dir)
    assert result.documents
    failures = []
    for doc in result.documents:
        data = yaml.safe_load(doc.front_text)
        failures += _rule_failures(_collection(decap, doc.section)["fields"], data, doc.src_uri)
    assert failures == []


def test_reviewed_publishing_and_the_two_backends(config, decap):
    assert decap["publish_mode"] == "editorial_workflow" and decap["locale"] == "id"
    # no repository configured (as after a fresh clone): decap-server on this machine only, never Decap's English error
    assert decap["backend"] == {"name": "proxy", "proxy_url": LOCAL_API, "branch": "main"} and "local_backend" not in decap
    with_repo = decap_config(config, environ={"KLINIK_GITHUB_REPO": "kementerian-pkp/klinik"})
    assert with_repo["backend"] == {"name": "github", "branch": "main", "base_url": "https://klinik.pkp.go.id",
                                    "auth_endpoint": AUTH_ENDPOINT, "squash_merges": True, "repo": "kementerian-pkp/klinik"}
    assert with_repo["local_backend"] is True


def test_repository_and_branch_come_from_the_environment_then_site_yml(kecil: Path):
    site = (kecil / "site_config" / "site.yml").read_text(encoding="utf-8")
    write(kecil, {"site_config/site.yml": site + "intake: https://tanya.example.go.id/\nrepositori: kementerian/klinik\ncabang: utama\n"})
    config = read_site_config(kecil)
    backend = decap_config(config, environ={})["backend"]
    assert (backend["repo"], backend["branch"], backend["base_url"]) == ("kementerian/klinik", "utama", "https://tanya.example.go.id")
    backend = decap_config(config, environ={"KLINIK_GITHUB_REPO": "ditjen/klinik-pkp", "KLINIK_BASE_BRANCH": "terbit"})["backend"]
    assert (backend["repo"], backend["branch"]) == ("ditjen/klinik-pkp", "terbit")
    write(kecil, {"site_config/site.yml": site})
    backend = decap_config(read_site_config(kecil), environ={"GITHUB_REPOSITORY": "ditjen/dari-actions"})["backend"]
    assert (backend["repo"], backend["base_url"]) == ("ditjen/dari-actions", "https://klinik.example.go.id")
    assert decap_config(config, local_backend="http://127.0.0.1:9999/api/v1", environ={})["local_backend"] == {"url": "http://127.0.0.1:9999/api/v1"}


def test_the_written_yaml_reads_back_as_the_config_without_aliases(decap):
    text = config_yaml(decap)
    assert text.startswith("# Dibuat oleh `klinik cms`")
    assert yaml.safe_load(text) == decap
    assert not re.search(r"[&*]id\d", text)


def test_faq_fields_are_the_faq_schema():
    """The one field list every FAQ save writes in this order (cms-roundtrip relies on it)."""
    fields = model_fields(Faq, Choices())
    assert [f["name"] for f in fields] == list(Faq.model_fields)
