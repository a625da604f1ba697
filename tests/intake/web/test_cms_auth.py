"""The editor's GitHub login over real HTTP against a local GitHub stand-in: redirect, state (signed, single-use,
bound to the popup), code exchange, the message page Decap reads, and every way it can fail, in Indonesian."""

from __future__ import annotations

import json
import logging
import re
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from generator.intake.settings import load_settings
from generator.intake.web.app import create_app
from generator.intake.web.cms_auth import COOKIE, STATE_SECONDS, issue_state, state_nonce
from generator.util.errors import GeneratorError
from tests.fake_github_oauth import CLIENT_ID, CLIENT_SECRET, FakeGitHubOAuth
from tests.intake_server import LiveServer, intake_project, settings_for

DATA = re.compile(r'<script id="klinik-cms-masuk" type="application/json">(.*?)</script>', re.S)


@pytest.fixture
def github():
    fake = FakeGitHubOAuth()
    yield fake
    fake.stop()


@pytest.fixture
def server(tmp_path, github):
    settings = settings_for(intake_project(tmp_path), github_oauth_client_id=CLIENT_ID, github_oauth_client_secret=CLIENT_SECRET,
                            github_oauth_url=github.url)
    with LiveServer(create_app(settings)) as live:
        yield live


def page_data(response: httpx.Response) -> dict:
    """The JSON the popup's script reads: target origin, provider, and the one message for the editor."""
    found = DATA.search(response.text)
    assert found, response.text
    return json.loads(found.group(1))


def decap_message(response: httpx.Response, outcome: str) -> dict:
    """Parse the message the way Decap's authorizeCallback does (prefix, then JSON)."""
    message = page_data(response)["message"]
    prefix = f"authorization:github:{outcome}:"
    assert message.startswith(prefix), message
    return json.loads(message[len(prefix):])


def login(client: httpx.Client, base: str, path: str = "/api/cms/auth?provider=github&site_id=klinik&scope=repo") -> httpx.Response:
    """Popup steps: our redirect, GitHub's redirect back, the callback page."""
    start = client.get(base + path)
    assert start.status_code == 302, start.text
    back = client.get(start.headers["location"])
    assert back.status_code == 302
    return client.get(back.headers["location"])


def test_auth_redirects_to_github_with_client_id_scope_callback_and_state(server, github):
    with httpx.Client() as client:
        reply = client.get(server.base + "/api/cms/auth?provider=github&site_id=klinik&scope=repo")
    assert reply.status_code == 302
    location = urlsplit(reply.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == github.url + "/login/oauth/authorize"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query["client_id"] == CLIENT_ID and query["scope"] == "repo"
    assert query["redirect_uri"] == server.base + "/api/cms/callback"
    assert re.fullmatch(r"[\w-]{32}\.\d+\.[\w-]{43}", query["state"])
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={query['state'].split('.')[0]};")
    assert "HttpOnly" in cookie and "Path=/api/cms/" in cookie and "SameSite=lax" in cookie
    assert reply.headers["cache-control"] == "no-store"


def test_scope_is_the_servers_not_the_requests(tmp_path, github):
    settings = settings_for(intake_project(tmp_path), github_oauth_client_id=CLIENT_ID, github_oauth_client_secret=CLIENT_SECRET,
                            github_oauth_url=github.url, github_oauth_scope="public_repo")
    with LiveServer(create_app(settings)) as live, httpx.Client() as client:
        reply = client.get(live.base + "/api/cms/auth?provider=github&scope=repo%20admin:org")
    assert parse_qs(urlsplit(reply.headers["location"]).query)["scope"] == ["public_repo"]


def test_callback_exchanges_the_code_and_posts_the_token_to_the_site_origin_only(server, github):
    with httpx.Client() as client:
        page = login(client, server.base)
    assert page.status_code == 200
    assert decap_message(page, "success") == {"token": github.state.tokens[0], "provider": "github"}
    data = page_data(page)
    assert data["origin"] == server.base and data["provider"] == "github"
    exchange = github.state.exchange_requests[0]
    assert exchange["client_id"] == CLIENT_ID and exchange["client_secret"] == CLIENT_SECRET
    assert exchange["redirect_uri"] == server.base + "/api/cms/callback" and exchange["accept"] == "application/json"
    assert "Berhasil masuk" in page.text and '<html lang="id">' in page.text
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cross-origin-opener-policy"] == "unsafe-none"
    assert "'unsafe-inline'" not in page.headers["content-security-policy"]  # the script is a file: /api/cms/masuk.js
    assert '<script src="/api/cms/masuk.js" defer></script>' in page.text


def test_popup_script_is_served_as_javascript(server):
    reply = httpx.get(server.base + "/api/cms/masuk.js")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/javascript")
    assert 'window.opener.postMessage(data.message, data.origin)' in reply.text
    assert '"*"' not in reply.text and "'*'" not in reply.text


def test_configured_site_origin_is_the_only_target(tmp_path, github):
    settings = settings_for(intake_project(tmp_path), github_oauth_client_id=CLIENT_ID, github_oauth_client_secret=CLIENT_SECRET,
                            github_oauth_url=github.url, cms_origin="https://klinik.pkp.go.id")
    with LiveServer(create_app(settings)) as live, httpx.Client() as client:
        assert page_data(login(client, live.base))["origin"] == "https://klinik.pkp.go.id"


def test_reused_state_is_refused_in_indonesian(server, github):
    """The callback drops the popup's cookie; a replay that even brings the cookie back finds the state spent."""
    with httpx.Client() as client:
        start = client.get(server.base + "/api/cms/auth")
        nonce = client.cookies[COOKIE]
        back = client.get(start.headers["location"]).headers["location"]
        assert client.get(back).status_code == 200
        assert COOKIE not in client.cookies
        plain = client.get(back)
        client.cookies.set(COOKIE, nonce, path="/api/cms/")
        again = client.get(back)
    assert plain.status_code == 400 and "Permintaan masuk tidak dikenali" in plain.text
    assert again.status_code == 400
    assert "Tautan masuk ini sudah dipakai" in again.text
    assert decap_message(again, "error")["message"].startswith("Tautan masuk ini sudah dipakai")
    assert len(github.state.exchange_requests) == 1  # the second use never reached GitHub


@pytest.mark.parametrize("tamper", ["signature", "missing", "no-cookie", "other-cookie", "hostile"])
def test_bad_state_is_refused_in_indonesian(server, github, tamper):
    with httpx.Client() as client:
        start = client.get(server.base + "/api/cms/auth")
        back = urlsplit(client.get(start.headers["location"]).headers["location"])
        query = {k: v[0] for k, v in parse_qs(back.query).items()}
        if tamper == "signature":
            query["state"] = query["state"][:-2] + ("AA" if not query["state"].endswith("AA") else "BB")
        elif tamper == "missing":
            del query["state"]
        elif tamper == "hostile":  # bytes that are not UTF-8, a huge issue time, non-ASCII signature
            query["state"] = "%FF%FE." + "9" * 40 + ".%C3%A9"
        elif tamper == "no-cookie":
            client.cookies.clear()
        else:
            client.cookies.set(COOKIE, "bukan-milik-popup-ini", path="/api/cms/")
        reply = client.get(server.base + "/api/cms/callback?" + "&".join(f"{k}={v}" for k, v in query.items()))
    assert reply.status_code == 400
    assert "Permintaan masuk tidak dikenali atau sudah kedaluwarsa" in reply.text
    assert github.state.exchange_requests == []


def test_state_expires_and_is_signed():
    key = b"kunci-uji"
    state, nonce = issue_state(key, now=1_000_000)
    assert state_nonce(key, state, now=1_000_000 + STATE_SECONDS) == nonce
    assert state_nonce(key, state, now=1_000_000 + STATE_SECONDS + 1) is None
    assert state_nonce(key, state, now=1_000_000 - 5) is None  # from the future
    assert state_nonce(b"kunci-lain", state, now=1_000_000) is None
    assert state_nonce(key, "a.b.c") is None and state_nonce(key, "") is None and state_nonce(key, "x" * 300) is None
    assert state_nonce(key, issue_state(key)[0], now=time.time()) is not None


def test_person_who_cancels_on_github_gets_an_error_message(server, github):
    github.state.deny = True
    with httpx.Client() as client:
        page = login(client, server.base)
    assert page.status_code == 403
    assert decap_message(page, "error") == {"message": "Masuk dibatalkan di GitHub; editor tidak mendapat akses. Tutup jendela ini untuk kembali."}
    assert github.state.exchange_requests == []


def test_code_github_refuses_is_an_error_message(server, github):
    with httpx.Client() as client:
        start = client.get(server.base + "/api/cms/auth")
        back = urlsplit(client.get(start.headers["location"]).headers["location"])
        query = {k: v[0] for k, v in parse_qs(back.query).items()} | {"code": "kode-palsu"}
        page = client.get(server.base + "/api/cms/callback", params=query)
    assert page.status_code == 502
    assert decap_message(page, "error")["message"] == "GitHub tidak memberi token (bad_verification_code). Tutup jendela ini dan coba masuk lagi."


def test_github_error_page_and_github_down_are_error_messages(server, github):
    github.state.exchange_failure = "500"
    with httpx.Client() as client:
        page = login(client, server.base)
    assert page.status_code == 502 and "jawaban 500 bukan JSON" in decap_message(page, "error")["message"]
    with httpx.Client() as client:
        start = client.get(server.base + "/api/cms/auth")
        back = client.get(start.headers["location"]).headers["location"]
        github.stop()
        page = client.get(back)
    assert page.status_code == 502 and "tidak terjangkau" in decap_message(page, "error")["message"]


def test_not_configured_is_a_clear_503(tmp_path):
    with LiveServer(create_app(settings_for(intake_project(tmp_path)))) as live:
        for path in ("/api/cms/auth?provider=github", "/api/cms/callback?code=x&state=y"):
            reply = httpx.get(live.base + path)
            assert reply.status_code == 503
            assert "Masuk ke editor lewat GitHub belum diaktifkan" in reply.text
            assert "KLINIK_GITHUB_OAUTH_CLIENT_ID" in reply.text


def test_other_provider_is_refused(server):
    reply = httpx.get(server.base + "/api/cms/auth?provider=gitlab")
    assert reply.status_code == 400 and "tidak didukung" in reply.text


def test_neither_code_nor_token_is_logged(server, github, caplog):
    caplog.set_level(logging.DEBUG)
    with httpx.Client() as client:
        page = login(client, server.base)
        client.get(server.base + "/api/cms/callback", params={"code": "kode-rahasia-x", "state": "rusak"})
    token = decap_message(page, "success")["token"]
    code = next(iter(github.state.codes))
    # what the server writes: klinik.* (uvicorn's access log, which prints query strings, is off in `klinik intake serve`)
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if r.name.startswith("klinik"))
    assert "masuk editor berhasil" in logged
    for secret in (token, code, "kode-rahasia-x", CLIENT_SECRET):
        assert secret not in logged


def test_editor_page_may_keep_its_login_popup_and_run_decap(server):
    """/admin/ relaxes the opener policy (same-origin-allow-popups): under same-origin, the popup's trip through
    github.com would cut it off from the editor and the token could never arrive (test_cms_auth_browser). Its policy
    lets Decap compile its schema and inject its styles (test_cms_browser loads it under these headers); every other
    page keeps the strict one."""
    admin, home = httpx.get(server.base + "/admin/").headers, httpx.get(server.base + "/").headers
    assert admin["cross-origin-opener-policy"] == "same-origin-allow-popups"
    assert home["cross-origin-opener-policy"] == "same-origin"
    assert "'unsafe-eval'" in admin["content-security-policy"] and "connect-src 'self' https://api.github.com" in admin["content-security-policy"]
    assert "'unsafe-eval'" not in home["content-security-policy"] and "'unsafe-inline'" not in home["content-security-policy"]
    assert "frame-ancestors 'none'" in admin["content-security-policy"]


def test_a_site_origin_that_is_not_an_origin_is_refused_at_start():
    with pytest.raises(GeneratorError) as raised:
        load_settings(cms_origin="klinik.pkp.go.id/admin/")
    assert str(raised.value) == "Pengaturan tidak valid: KLINIK_CMS_ORIGIN: format tidak sesuai (nilai: 'klinik.pkp.go.id/admin/')"
    with pytest.raises(GeneratorError) as hidden:
        load_settings(github_oauth_client_secret=123)
    assert "KLINIK_GITHUB_OAUTH_CLIENT_SECRET" in str(hidden.value) and "123" not in str(hidden.value)
