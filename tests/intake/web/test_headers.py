"""Protection headers on every answer of the intake server (API, health, metrics, site, 404, 4xx, the HTTP layer's
own 400), no third-party API docs page, and a built site whose pages need no inline script."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from generator.intake.web.app import create_app
from generator.intake.web.headers import (
    altcha_style,
    content_security_policy,
    embed_origins,
    js_string,
    search_origins,
    source_hash,
)
from generator.intake.web.server import uvicorn_options
from tests.conftest import ROOT
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

ALTCHA = ROOT / "generator" / "theme" / "assets" / "javascripts" / "vendor" / "altcha.js"
DIRECTIVES = ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'")


class GuardedServer(LiveServer):
    """LiveServer with the options `klinik intake serve` gives uvicorn (protocol with deadlines, limits)."""

    def __init__(self, app, settings):
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False, **uvicorn_options(settings))
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("kepala"))
    site = project / "site"
    (site / "faq").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Beranda</title><p>Beranda</p>", encoding="utf-8")
    (site / "faq" / "index.html").write_text("<!doctype html><title>FAQ</title><p>FAQ</p>", encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Tidak ditemukan</title><h1>Tidak ditemukan</h1>", encoding="utf-8")
    settings = settings_for(project)
    with GuardedServer(create_app(settings), settings) as server:
        yield server


def assert_protected(headers, where: str, referrer: str = "strict-origin-when-cross-origin") -> None:
    csp = headers.get("Content-Security-Policy", "")
    for directive in DIRECTIVES:
        assert directive in csp, f"{where}: {directive} tidak ada di {csp!r}"
    script_src = re.search(r"(?:^|; )script-src ([^;]*)", csp)
    assert script_src and script_src.group(1).split()[0] == "'self'", f"{where}: {csp!r}"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "*" not in csp, f"{where}: {csp!r}"
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("Referrer-Policy") == referrer, where
    assert "camera=()" in headers.get("Permissions-Policy", "") and "geolocation=()" in headers["Permissions-Policy"], where
    assert headers.get_all("Referrer-Policy") == [referrer], f"{where}: satu Referrer-Policy saja"


@pytest.mark.parametrize("path, status", [
    ("/", 200), ("/faq/", 200), ("/healthz", 200), ("/metrics", 200), ("/api/altcha", 200), ("/api/formulir", 200),
    ("/api/openapi.json", 200), ("/ajukan/", 200), ("/tidak-ada/", 404), ("/api/tidak-ada", 404),
])
def test_every_answer_carries_the_protection_headers(live, path, status):
    got, headers, _ = live.request(path)
    assert got == status
    assert_protected(headers, path)


def test_posts_and_their_errors_carry_them_too(live):
    for payload, content_type, status in [(b"{}", "application/json", 422), (b"x", "text/plain", 415),
                                          (b"x" * 40_000, "application/json", 413), (json.dumps(VALID).encode(), "application/json", 201)]:
        got, headers, _ = live.request("/api/pertanyaan", data=payload, method="POST",
                                       headers={"Content-Type": content_type, "Accept": "application/json"})
        assert got == status
        assert_protected(headers, f"POST {status}")


def test_status_pages_send_no_referrer(live):
    _, _, body = live.post_json(VALID)
    path = json.loads(body)["tautan_status"].removeprefix(live.base)
    for where in (path, "/api/status/tidak-dikenal"):
        _, headers, _ = live.request(where)
        assert_protected(headers, where, referrer="no-referrer")


def test_the_http_layers_own_400_carries_them(live):
    port = int(live.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n")
        reply = b""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not reply.endswith(b"Permintaan HTTP tidak valid."):
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    head = reply.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 400 ")
    for name in (b"content-security-policy: default-src 'none'", b"x-content-type-options: nosniff", b"x-frame-options: deny"):
        assert b"\r\n" + name in head


def test_no_api_docs_page_but_the_schema_stays(live):
    assert live.request("/api/docs")[0] == 404
    status, _, body = live.request("/api/openapi.json")
    assert status == 200 and "/api/pertanyaan" in json.loads(body)["paths"]


def test_built_pages_need_no_inline_script(real_site):
    """Every <script> of every built page is a file of the site or an inert data block; no event-handler attributes."""
    offenders = []
    for page in sorted(real_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for attrs in re.findall(r"<script\b([^>]*+)>", text):
            if "src=" not in attrs and not re.search(r'type="application/(?:ld\+)?json"', attrs):
                offenders.append(f"{page.relative_to(real_site)}: <script{attrs}>")
            src = re.search(r'src="([^"]*+)"', attrs)
            if src and re.match(r"(?:[a-z]++:)?//", src.group(1)):
                offenders.append(f"{page.relative_to(real_site)}: skrip pihak ketiga {src.group(1)}")
        offenders += [f"{page.relative_to(real_site)}: {m}" for m in re.findall(r"<[^>]*?\son[a-z]++=", text)[:1]]
    assert not offenders, "\n".join(offenders[:20])


def test_policy_of_the_real_site_allows_exactly_the_widget_sheet_and_table_alignment(real_site):
    sheet = altcha_style(ALTCHA.read_text(encoding="utf-8"))
    assert sheet and sheet.startswith("@keyframes") and ".altcha{" in sheet and "'" not in sheet
    csp = content_security_policy(real_site)
    style_src = re.search(r"style-src ([^;]*)", csp).group(1).split()
    expected = [source_hash(sheet), *(source_hash(f"text-align: {side};") for side in ("left", "center", "right"))]
    assert style_src == ["'self'", "'unsafe-hashes'", *expected]
    assert "connect-src 'self';" in csp  # the site was built for Pagefind: nothing else to ask


def test_an_algolia_build_may_ask_algolia_only(tmp_path: Path):
    def site_with(config: dict) -> Path:
        site = tmp_path / str(len(list(tmp_path.iterdir())))
        site.mkdir()
        (site / "index.html").write_text(f'<script id="klinik-search-config" type="application/json">{json.dumps(config)}</script>',
                                         encoding="utf-8")
        return site

    assert search_origins(site_with({"engine": "algolia", "appId": "LATENCY", "searchKey": "k", "index": "i"})) == [
        "https://LATENCY-dsn.algolia.net"]
    assert search_origins(site_with({"engine": "algolia", "appId": "A", "host": "http://127.0.0.1:9000"})) == ["http://127.0.0.1:9000"]
    assert search_origins(site_with({"engine": "algolia", "appId": "x; script-src *"})) == []
    assert search_origins(site_with({"engine": "pagefind"})) == []
    assert search_origins(tmp_path / "tidak-ada") == []


def test_frames_come_only_from_the_video_hosts_the_built_pages_embed(tmp_path: Path, real_site):
    page = tmp_path / "video" / "cara-x"
    page.mkdir(parents=True)
    (page / "index.html").write_text('<figure data-sematan="https://www.youtube-nocookie.com/embed/abc" data-judul="x">'
                                     '<figure data-sematan="https://evil.example/x"; frame-src *">', encoding="utf-8")
    assert embed_origins(tmp_path) == ["https://evil.example", "https://www.youtube-nocookie.com"]
    assert "frame-src 'self' https://evil.example https://www.youtube-nocookie.com;" in content_security_policy(tmp_path)
    assert embed_origins(tmp_path / "tidak-ada") == []
    assert "frame-src 'self';" in content_security_policy(real_site)  # today's videos are all self-hosted


def test_javascript_string_literals_are_read_exactly():
    assert js_string(r"""'a\'b\\c\x41\u0042\u{1F600}\n'""", 0) == "a'b\\cAB\U0001F600\n"
    assert js_string('"tanpa akhir', 0) is None
    assert js_string("`dengan ${isi}`", 0) is None
    assert altcha_style("var x=1;") is None
