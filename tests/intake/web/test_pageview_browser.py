"""The page-view beacon in headless Chromium on a built site served by the intake app: a page and a module PDF
download are counted with no cookie sent; Do Not Track or Global Privacy Control sends nothing; a site built
without an intake server loads the same pages with no script, request or console error of counting."""

from __future__ import annotations

import json
import time

import pytest

from generator.intake.store.pageviews import page_views
from generator.util.dates import today
from tests.browser_support import Problems
from tests.intake_server import DNT, GPC, VALID, served_project


@pytest.fixture(scope="module")
def counting(tmp_path_factory):
    live, store = served_project(tmp_path_factory.mktemp("tayangan"), "/")
    with live as server:
        yield server, store


@pytest.fixture(scope="module")
def silent(tmp_path_factory):
    live, _ = served_project(tmp_path_factory.mktemp("tanpa-intake"), None)
    with live as server:
        yield server


def counts(store) -> dict[str, int]:
    return page_views(store, today(), today())


def wait_for(store, expected: dict[str, int]) -> dict[str, int]:
    deadline = time.monotonic() + 10
    while (seen := counts(store)) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return seen


def beacons(page) -> list:
    sent: list = []
    page.on("request", lambda r: "/api/tayangan" in r.url and sent.append(r))
    return sent


def test_opening_a_page_and_downloading_a_module_counts_their_paths_without_a_cookie(counting, browser):
    server, store = counting
    context = browser.new_context(locale="id-ID")
    context.add_cookies([{"name": "lain", "value": "x", "url": server.base + "/"}])
    problems = Problems()
    page = problems.watch(context.new_page())
    sent = beacons(page)
    before = counts(store)
    page.goto(server.base + "/modul/m-01-uji/")
    assert wait_for(store, {**before, "/modul/m-01-uji/": before.get("/modul/m-01-uji/", 0) + 1}).get("/modul/m-01-uji/")
    link = page.locator("a[href$='.pdf']").first
    pdf = link.evaluate("a => new URL(a.getAttribute('href'), location.href).pathname")
    expected = {**counts(store), pdf: counts(store).get(pdf, 0) + 1}
    link.click()  # the count leaves with keepalive even though the click leaves the page
    assert wait_for(store, expected) == expected
    assert [r.post_data for r in sent][0] == "/modul/m-01-uji/"
    for request in sent:
        headers = request.all_headers()
        assert "cookie" not in headers and headers["content-type"].startswith("text/plain")
    assert problems.items == []
    context.close()


@pytest.mark.parametrize("privacy", [DNT, GPC], ids=["do-not-track", "global-privacy-control"])
def test_do_not_track_or_global_privacy_control_sends_nothing(counting, browser, privacy):
    server, store = counting
    context = browser.new_context(locale="id-ID")
    context.add_init_script(privacy)
    page = Problems().watch(context.new_page())
    sent = beacons(page)
    before = counts(store)
    page.goto(server.base + "/faq/")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert sent == [] and counts(store) == before
    context.close()


def test_a_build_without_an_intake_server_loads_with_no_counting_and_no_errors(silent, browser):
    context = browser.new_context(locale="id-ID")
    problems = Problems()
    page = problems.watch(context.new_page())
    sent = beacons(page)
    for path in ("/", "/faq/", "/modul/m-01-uji/"):
        page.goto(silent.base + path)
        page.wait_for_load_state("load")
        assert page.locator("script[src*='klinik-tayangan']").count() == 0
    page.wait_for_timeout(300)
    assert sent == [] and problems.items == []
    context.close()


def test_the_privacy_page_says_what_is_counted_and_the_404_page_counts_nothing(counting, silent, browser):
    server, store = counting
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    sent = beacons(page)
    page.goto(server.base + "/")
    page.locator(".md-copyright").get_by_role("link", name="Privasi").click()
    section = page.locator("article")
    for words in ("alamat halaman", "tidak ada cookie", "alamat IP tidak disimpan", "Do Not Track", "Global Privacy Control"):
        assert words in section.inner_text()
    page.goto(server.base + "/tidak-ada/")
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    page.wait_for_timeout(300)
    assert [r.post_data for r in sent] == ["/", "/privasi/"]
    page.goto(silent.base + "/privasi/")
    assert "tidak menghitung tayangan halaman" in page.locator("article").inner_text()
    context.close()


def test_pages_the_intake_draws_are_never_counted_so_a_status_link_never_leaves_the_page(counting, browser):
    """A status page's path is its secret token; staff and survey pages are not the public site either."""
    server, store = counting
    status, _, body = server.post_json(VALID)
    assert status == 201
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    sent = beacons(page)
    before = counts(store)
    for path in (json.loads(body)["tautan_status"], server.base + "/api/status/pulihkan", server.base + "/staf/masuk"):
        page.goto(path)
        page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert sent == [] and counts(store) == before
    context.close()
