"""The page-view beacon over real HTTP: a site path is counted per day, anything else is refused with an empty
answer, no cookie is set, other sites may not count, the address is rate-limited and never logged."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from generator.intake.store.pageviews import page_views
from generator.intake.web import pageview
from generator.intake.web.app import create_app
from generator.util.dates import today
from tests.intake_server import LiveServer, intake_project, settings_for

PAGES = ("index.html", "faq/index.html", "faq/apa-itu-pbg/index.html", "modul/pedoman-rumah.pdf",
         "desain-rumah/t36/rab-bali.csv", "desain-rumah/t36/rab-bali.xlsx", "404.html")
TEXT = {"Content-Type": "text/plain;charset=UTF-8"}


@pytest.fixture
def served(tmp_path):
    project = intake_project(tmp_path)
    site = tmp_path / "situs"
    for rel in PAGES:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(b"<!doctype html><title>x</title>")
    (tmp_path / "rahasia.txt").write_text("di luar situs")
    settings = settings_for(project, site_dir=site, public_url="https://klinik.example.go.id/")
    app = create_app(settings)
    with LiveServer(app) as server:
        yield server, app.state.intake.store


def beacon(server, body: str | bytes, headers: dict | None = None):
    data = body.encode("utf-8") if isinstance(body, str) else body
    return server.request(pageview.PATH, data=data, headers=TEXT if headers is None else headers, method="POST")


def counts(store) -> dict[str, int]:
    return page_views(store, today(), today())


def test_site_paths_are_counted_per_day_without_their_query_or_fragment(served):
    server, store = served
    for body in ("/", "/faq/apa-itu-pbg/", "/faq/apa-itu-pbg/?utm_source=wa&nama=siti#jawaban",
                 "/faq/apa-itu-pbg/index.html", "/modul/pedoman-rumah.pdf", "/desain-rumah/t36/rab-bali.csv",
                 "/desain-rumah/t36/rab-bali.xlsx", "/faq"):
        status, headers, text = beacon(server, body)
        assert (status, text) == (204, ""), body
        assert headers.get("Set-Cookie") is None and headers.get("Cache-Control") == "no-store"
    assert counts(store) == {"/faq/apa-itu-pbg/": 3, "/": 1, "/desain-rumah/t36/rab-bali.csv": 1,
                             "/desain-rumah/t36/rab-bali.xlsx": 1, "/faq": 1, "/modul/pedoman-rumah.pdf": 1}
    assert page_views(store, date(2000, 1, 1), date(2000, 1, 2)) == {}


@pytest.mark.parametrize("body", [
    "", "faq/", "https://klinik.example.go.id/", "//evil.example/", "/tidak-ada/", "/faq/apa-itu-pbg/x/",
    "/../rahasia.txt", "/%2e%2e/rahasia.txt", "/faq/%2e%2e/%2e%2e/rahasia.txt", "/faq/\x07/", "/faq/ /",
    "/faq/apa itu", "/faq/é/", "/%ff/", "/" + "a" * 300, "/faq//", "/faq/./",
])
def test_anything_but_a_path_of_the_site_is_refused_with_an_empty_400(served, body):
    server, store = served
    status, headers, text = beacon(server, body)
    assert (status, text) == (400, "") and headers.get("Set-Cookie") is None
    assert counts(store) == {}


def test_wrong_type_size_or_origin_is_refused_without_a_body(served):
    server, store = served
    assert beacon(server, "/", {"Content-Type": "application/json"})[:3:2] == (415, "")
    assert beacon(server, "/", {})[:3:2] == (415, "")
    assert beacon(server, "/" * 2000)[:3:2] == (413, "")
    assert beacon(server, b"/\xff\xfe")[:3:2] == (400, "")
    assert beacon(server, "/", {**TEXT, "Origin": "https://lain.example"})[:3:2] == (403, "")
    assert beacon(server, "/", {**TEXT, "Origin": "null"})[:3:2] == (403, "")
    assert counts(store) == {}


def test_only_the_site_s_own_origins_may_count(served):
    server, store = served
    status, headers, _ = beacon(server, "/", {**TEXT, "Origin": "https://klinik.example.go.id"})
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "https://klinik.example.go.id"
    status, headers, _ = beacon(server, "/", {**TEXT, "Origin": server.base})  # a page this server served
    assert status == 204 and headers["Access-Control-Allow-Origin"] == server.base
    status, headers, _ = server.request(pageview.PATH, method="OPTIONS", headers={
        "Origin": "https://klinik.example.go.id", "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["Access-Control-Allow-Methods"] == "POST"
    status, headers, _ = server.request(pageview.PATH, method="OPTIONS", headers={"Origin": "https://lain.example"})
    assert status == 403 and headers.get("Access-Control-Allow-Origin") is None
    assert counts(store) == {"/": 2}


def test_an_address_is_rate_limited_and_never_logged(served, monkeypatch, caplog):
    server, store = served
    monkeypatch.setattr(pageview, "PAGEVIEW_LIMIT", 3)
    caplog.set_level(logging.DEBUG)
    answers = [beacon(server, "/faq/")[0] for _ in range(5)]
    assert answers == [204, 204, 204, 429, 429]
    status, headers, text = beacon(server, "/")
    assert (status, text) == (429, "") and int(headers["Retry-After"]) > 0
    assert counts(store) == {"/faq/": 3}  # a refused beacon counts nothing
    ours = [r for r in caplog.records if r.name.startswith("klinik")]  # uvicorn's own access log is off in `klinik intake serve`
    assert ours and all("127.0.0.1" not in f"{r.getMessage()} {r.__dict__}" for r in ours)
