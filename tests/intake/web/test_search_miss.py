"""The failed-search report over real HTTP: counted per day, kind and redacted text; personal data never reaches the
table; anything else is refused with an empty answer; no cookie; other sites may not report; rate-limited per address."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from generator.intake.store.schema import pencarian_gagal
from generator.intake.store.search_misses import misses
from generator.intake.web import search_miss
from generator.intake.web.app import create_app
from generator.util.dates import today
from tests.intake_server import LiveServer, intake_project, settings_for

TEXT = {"Content-Type": "text/plain;charset=UTF-8"}


@pytest.fixture
def served(tmp_path):
    settings = settings_for(intake_project(tmp_path), public_url="https://klinik.example.go.id/")
    app = create_app(settings)
    with LiveServer(app) as server:
        yield server, app.state.intake.store


def report(server, body, headers: dict | None = None):
    data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
    return server.request(search_miss.PATH, data=data, headers=TEXT if headers is None else headers, method="POST")


def test_failed_searches_are_counted_per_kind_with_an_empty_204_and_no_cookie(served):
    server, store = served
    for body in ({"jenis": "kosong", "q": "izin usaha tambak"}, {"jenis": "kosong", "q": "Izin  Usaha Tambak"},
                 {"jenis": "tanpa-klik", "q": "kpr subsidi"}):
        status, headers, text = report(server, body)
        assert (status, text) == (204, ""), body
        assert headers.get("Set-Cookie") is None and headers.get("Cache-Control") == "no-store"
    assert misses(store, today()) == [("izin usaha tambak", "kosong", 2), ("kpr subsidi", "tanpa-klik", 1)]


def test_a_phone_number_email_or_nik_in_the_query_never_reaches_the_table(served):
    server, store = served
    for q in ("kpr 0812-3456-7890", "balasan ke siti.aminah@gmail.com", "cek nik 3201234567890001",
              "+62 813 1111 2222"):
        assert report(server, {"jenis": "kosong", "q": q})[0] == 204
    with store.reading() as conn:
        stored = list(conn.execute(select(pencarian_gagal.c.query)).scalars())
    assert sorted(stored) == ["balasan ke [disamarkan]", "cek nik [disamarkan]", "kpr [disamarkan]"]
    for secret in ("0812", "7890", "siti", "aminah", "gmail", "3201234567890001", "813", "2222"):
        assert all(secret not in q for q in stored)


@pytest.mark.parametrize("body", [
    "", "izin usaha", "[]", "null", '"kosong"', {"jenis": "kosong"}, {"q": "pbg"}, {"jenis": "lain", "q": "pbg"},
    {"jenis": "kosong", "q": "   "}, {"jenis": "kosong", "q": 12}, {"jenis": "kosong", "q": "pbg", "url": "/faq/"},
    {"jenis": ["kosong"], "q": "pbg"}, {"jenis": "kosong", "q": "a" * 301}, "[" * 600, b'{"jenis":"kosong","q":"\xff"}',
])
def test_anything_but_a_report_is_refused_with_an_empty_400(served, body):
    server, store = served
    status, headers, text = report(server, body)
    assert (status, text) == (400, "") and headers.get("Set-Cookie") is None
    assert misses(store, today()) == []


def test_wrong_type_size_or_origin_is_refused_without_a_body(served):
    server, store = served
    good = {"jenis": "kosong", "q": "pbg rumah"}
    assert report(server, good, {"Content-Type": "application/json"})[:3:2] == (415, "")
    assert report(server, good, {})[:3:2] == (415, "")
    assert report(server, {"jenis": "kosong", "q": "pbg " * 300})[:3:2] == (413, "")
    assert report(server, good, {**TEXT, "Origin": "https://lain.example"})[:3:2] == (403, "")
    assert report(server, good, {**TEXT, "Origin": "null"})[:3:2] == (403, "")
    status, headers, _ = report(server, good, {**TEXT, "Origin": "https://klinik.example.go.id"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "https://klinik.example.go.id"
    status, headers, _ = server.request(search_miss.PATH, method="OPTIONS", headers={
        "Origin": "https://klinik.example.go.id", "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Methods"] == "POST"
    assert server.request(search_miss.PATH, method="OPTIONS", headers={"Origin": "https://lain.example"})[0] == 403
    assert misses(store, today()) == [("pbg rumah", "kosong", 1)]


def test_what_says_nothing_is_answered_204_and_not_counted(served):
    server, store = served
    for q in ("a", "0812 3456 7890", "x" * 150):
        assert report(server, {"jenis": "kosong", "q": q})[:3:2] == (204, "")
    assert misses(store, today()) == []


def test_an_address_is_rate_limited_and_neither_it_nor_the_query_is_logged(served, monkeypatch, caplog):
    server, store = served
    monkeypatch.setattr(search_miss, "MISS_LIMIT", 3)
    caplog.set_level(logging.DEBUG)
    answers = [report(server, {"jenis": "kosong", "q": f"rumah tipe {n}"})[0] for n in range(5)]
    assert answers == [204, 204, 204, 429, 429]
    status, headers, text = report(server, {"jenis": "tanpa-klik", "q": "rumah tipe 9"})
    assert (status, text) == (429, "") and int(headers["Retry-After"]) > 0
    assert [count for _, _, count in misses(store, today())] == [1, 1, 1]  # a refused report counts nothing
    ours = [r for r in caplog.records if r.name.startswith("klinik")]
    assert ours and all("127.0.0.1" not in f"{r.getMessage()} {r.__dict__}" and "rumah tipe" not in f"{r.getMessage()} {r.__dict__}"
                        for r in ours)
