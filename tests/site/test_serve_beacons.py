"""`klinik serve` of a site built with `intake: /` answers both beacons (page views, failed searches) with an empty
204 and counts nothing, so a static preview shows no failed request; any other POST is refused."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.error
import urllib.request

import pytest

from generator.site import serve


@pytest.fixture
def static_site(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    handler = functools.partial(serve._SiteHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def post(url: str, body: bytes) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain;charset=UTF-8"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


@pytest.mark.parametrize(("path", "body"), [
    ("/api/tayangan", b"/faq/"), ("/api/pencarian-gagal", b'{"jenis":"kosong","q":"izin usaha tambak"}'),
])
def test_both_beacons_get_an_empty_204(static_site, path, body):
    assert post(static_site + path, body) == (204, b"")


def test_any_other_post_is_refused(static_site):
    assert post(static_site + "/api/lain", b"x")[0] == 501
