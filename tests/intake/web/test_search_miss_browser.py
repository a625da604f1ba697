"""Failed-search reports in headless Chromium on a built site served by the intake app: a search with no result is
reported once as "kosong"; a search whose result is clicked is not reported; one left without a click is reported as
"tanpa-klik"; Do Not Track or Global Privacy Control sends nothing; a site built without an intake server searches
with no script, request or console error of reporting."""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest

from generator.intake.store.search_misses import misses
from generator.util.dates import today
from tests.browser_support import Problems
from tests.intake_server import DNT, GPC, served_project

NOTHING = "zqxv wkkjq"
"""Words no page of the small project has, nor anything they could be corrected to."""
DESKTOP = {"locale": "id-ID", "viewport": {"width": 1280, "height": 800}}
SETTLED = 2600
"""klinik-search-gagal.js judges a query after it stayed 2 s on screen; a little more for a loaded machine."""


@pytest.fixture(scope="module")
def reporting(tmp_path_factory):
    live, store = served_project(tmp_path_factory.mktemp("pencarian-gagal"), "/")
    with live as server:
        yield server, store


@pytest.fixture(scope="module")
def silent(tmp_path_factory):
    live, _ = served_project(tmp_path_factory.mktemp("tanpa-intake"), None)
    with live as server:
        yield server


def reports(page) -> list:
    sent: list = []
    page.on("request", lambda r: "/api/pencarian-gagal" in r.url and sent.append(r))
    return sent


def wait_for(store, expected) -> list:
    deadline = time.monotonic() + 10
    while (seen := misses(store, today())) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return seen


def search_page(page, base: str, query: str) -> None:
    page.goto(f"{base}/cari/?q={quote(query)}")
    page.wait_for_selector("[data-klinik-halaman][data-klinik-selesai]")


def test_a_search_with_no_result_is_reported_once_as_kosong(reporting, browser):
    server, store = reporting
    context = browser.new_context(**DESKTOP)
    context.add_cookies([{"name": "lain", "value": "x", "url": server.base + "/"}])
    problems = Problems(leaves=True)
    page = problems.watch(context.new_page())
    sent = reports(page)
    before = misses(store, today())
    search_page(page, server.base, "  ZQXV   wkkjq ")
    assert page.locator(".klinik-cari--halaman .klinik-cari__kosong").count() == 1
    page.wait_for_timeout(SETTLED)
    assert wait_for(store, [(NOTHING, "kosong", 1), *before]) == [(NOTHING, "kosong", 1), *before]
    box = page.locator(".klinik-cari--halaman .klinik-cari__input")
    box.fill("")  # cleared, then the same query again: still once per page view
    box.fill(NOTHING)
    page.wait_for_timeout(SETTLED)
    page.goto(server.base + "/")
    page.wait_for_timeout(300)
    assert [json.loads(r.post_data) for r in sent] == [{"jenis": "kosong", "q": NOTHING}]
    headers = sent[0].all_headers()
    assert "cookie" not in headers and headers["content-type"].startswith("text/plain")
    assert misses(store, today()) == [(NOTHING, "kosong", 1), *before]
    assert problems.items == []
    context.close()


def test_a_clicked_result_is_not_reported_and_one_left_unclicked_is_tanpa_klik(reporting, browser):
    server, store = reporting
    context = browser.new_context(**DESKTOP)
    problems = Problems(leaves=True)
    page = problems.watch(context.new_page())
    sent = reports(page)
    header = page.locator(".klinik-cari--header .klinik-cari__input")
    page.goto(server.base + "/")
    header.fill("syarat kpr")
    page.wait_for_selector('.klinik-cari--header [role="option"] a')
    page.wait_for_timeout(SETTLED)
    page.locator('.klinik-cari--header [role="option"] a').first.click()
    page.wait_for_load_state("load")
    assert "/faq/" in page.url
    page.wait_for_timeout(300)
    assert sent == []
    before = {(q, k): n for q, k, n in misses(store, today())}
    search_page(page, server.base, "Syarat KPR")  # results shown, the reader leaves without choosing one
    assert page.locator('.klinik-cari--halaman [role="option"]').count() >= 1
    page.wait_for_timeout(SETTLED)
    assert sent == []  # results with no click yet: judged only when the reader leaves
    page.goto(server.base + "/faq/")
    expected = {**before, ("syarat kpr", "tanpa-klik"): before.get(("syarat kpr", "tanpa-klik"), 0) + 1}
    deadline = time.monotonic() + 10
    while {(q, k): n for q, k, n in misses(store, today())} != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert {(q, k): n for q, k, n in misses(store, today())} == expected
    assert problems.items == []  # (Playwright does not show a keepalive request sent as the page unloads: the count is the proof)
    context.close()


def test_a_result_chosen_with_enter_is_not_reported_and_a_box_erased_letter_by_letter_is(reporting, browser):
    server, store = reporting
    context = browser.new_context(**DESKTOP)
    problems = Problems(leaves=True)
    page = problems.watch(context.new_page())
    sent = reports(page)
    page.goto(server.base + "/")
    header = page.locator(".klinik-cari--header .klinik-cari__input")
    header.fill("apa itu kpr")
    page.wait_for_selector('.klinik-cari--header [role="option"] a')
    page.wait_for_timeout(SETTLED)
    header.press("ArrowDown")
    header.press("Enter")
    page.wait_for_url("**/faq/**")
    page.wait_for_load_state("load")
    search_page(page, server.base, "kpr flpp")
    box = page.locator(".klinik-cari--halaman .klinik-cari__input")
    page.wait_for_timeout(SETTLED)
    box.focus()
    box.press("End")
    for _ in range(len("kpr flpp")):
        box.press("Backspace")
        page.wait_for_timeout(60)
    page.wait_for_timeout(500)
    assert [json.loads(r.post_data) for r in sent] == [{"jenis": "tanpa-klik", "q": "kpr flpp"}]
    assert ("apa itu kpr", "tanpa-klik") not in {(q, k) for q, k, _ in misses(store, today())}
    assert problems.items == []
    context.close()


@pytest.mark.parametrize("privacy", [DNT, GPC], ids=["do-not-track", "global-privacy-control"])
def test_do_not_track_or_global_privacy_control_sends_nothing(reporting, browser, privacy):
    server, store = reporting
    context = browser.new_context(**DESKTOP)
    context.add_init_script(privacy)
    problems = Problems(leaves=True)
    page = problems.watch(context.new_page())
    sent = reports(page)
    before = misses(store, today())
    search_page(page, server.base, "qqzx vvkw")
    assert page.locator(".klinik-cari--halaman .klinik-cari__kosong").count() == 1
    page.wait_for_timeout(SETTLED)
    page.goto(server.base + "/")
    page.wait_for_timeout(300)
    assert sent == [] and misses(store, today()) == before and problems.items == []
    context.close()


def test_a_build_without_an_intake_server_searches_with_no_reporting_and_no_errors(silent, browser):
    context = browser.new_context(**DESKTOP)
    problems = Problems(leaves=True)
    page = problems.watch(context.new_page())
    sent = reports(page)
    search_page(page, silent.base, "syarat kpr")
    assert page.locator('.klinik-cari--halaman [role="option"]').count() >= 1
    assert page.locator("script[src*='klinik-search-gagal'], script[src*='klinik-beacon']").count() == 0
    search_page(page, silent.base, NOTHING)
    assert page.locator(".klinik-cari--halaman .klinik-cari__kosong").count() == 1
    page.wait_for_timeout(SETTLED)
    page.goto(silent.base + "/")
    page.wait_for_timeout(300)
    assert sent == [] and problems.items == []
    context.close()


def test_the_privacy_page_says_what_a_failed_search_sends(reporting, silent, browser):
    server, _ = reporting
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(server.base + "/privasi/")
    text = page.locator("article").inner_text()
    for words in ("pencarian yang gagal", "teks pencarian", "disamarkan", "tanpa hasil", "tanpa klik",
                  "tidak ada cookie", "alamat IP tidak disimpan", "Do Not Track", "Global Privacy Control"):
        assert words in text, words
    page.goto(silent.base + "/privasi/")
    assert "tidak melaporkan pencarian" in page.locator("article").inner_text()
    context.close()
