"""`klinik intake serve` as a process on loopback under slow and stalled clients: stalled headers (slowloris) are
cut off while honest requests go on, a stalled body gets 408, the concurrency limit answers 503, oversized
headers 431, idle keep-alive connections close, and a client that leaves is logged as 499, not as a 500."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.intake_server import KLINIK, free_port, intake_project

ATTACKERS = 250
HEADER_TIMEOUT = 2
BODY_TIMEOUT = 2
BASE_ENV = {"KLINIK_WORKER": "false", "KLINIK_POW": "false", "KLINIK_MIN_FILL_SECONDS": "0", "KLINIK_RATE_LIMIT": "100000",
            "KLINIK_SECRET_KEY": "uji", "KLINIK_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT),
            "KLINIK_BODY_TIMEOUT_SECONDS": str(BODY_TIMEOUT), "KLINIK_KEEP_ALIVE_SECONDS": "1"}


@contextmanager
def running(root: Path, **env):
    """The real command with a one-page site; yields (port, stderr log path)."""
    project = intake_project(root)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<!doctype html><title>Beranda</title><p>Klinik PKP</p>", encoding="utf-8")
    port = free_port()
    log_path = root / "stderr.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([str(KLINIK), "intake", "serve"], stderr=log, stdout=subprocess.DEVNULL,
                                env={**os.environ, **BASE_ENV, **env, "KLINIK_PROJECT_DIR": str(project), "KLINIK_PORT": str(port)})
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except OSError:
                    assert time.monotonic() < deadline and proc.poll() is None, log_path.read_text()
                    time.sleep(0.1)
            yield port, log_path
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("batas")) as served:
        yield served


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def honest(port: int, path: str = "/healthz"):
    """One complete request on a fresh connection: (status, headers, body)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def read_reply(sock: socket.socket, limit_s: float) -> tuple[bytes, bool]:
    """Everything the server sends until it closes the connection or limit_s passes: (bytes, closed)."""
    data, deadline = b"", time.monotonic() + limit_s
    while time.monotonic() < deadline:
        ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def test_stalled_headers_are_cut_off_while_honest_requests_succeed(server):
    port, _ = server
    attackers, opened = [], time.monotonic()
    for i in range(ATTACKERS):  # nothing at all, half a request line, or all but the blank line ending the headers
        sock = connect(port)
        sock.sendall([b"", b"GET / HT", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lambat: 1\r\n"][i % 3])
        attackers.append(sock)
    trickler = connect(port)
    trickler.sendall(b"GET / HTTP/1.1\r\n")
    status, _, body = honest(port)  # during the attack
    assert status == 200 and json.loads(body) == {"status": "ok"}
    assert honest(port, "/")[0] == 200
    open_socks, closed_at = {s.fileno(): s for s in [*attackers, trickler]}, []
    deadline = opened + HEADER_TIMEOUT + 15
    next_byte = time.monotonic()
    while open_socks and time.monotonic() < deadline:
        if trickler.fileno() in open_socks and time.monotonic() >= next_byte:  # one header byte every 0.3 s
            try:
                trickler.send(b"X")
            except OSError:
                pass
            next_byte = time.monotonic() + 0.3
        ready, _, _ = select.select(list(open_socks.values()), [], [], 0.3)
        for sock in ready:
            try:
                chunk = sock.recv(4096)
            except OSError:
                chunk = b""
            assert chunk == b"", f"jawaban untuk permintaan yang belum lengkap: {chunk[:80]!r}"
            closed_at.append(time.monotonic() - opened)
            del open_socks[sock.fileno()]
    for sock in [*attackers, trickler]:
        sock.close()
    assert not open_socks, f"{len(open_socks)} dari {ATTACKERS + 1} koneksi lambat masih terbuka"
    assert min(closed_at) >= HEADER_TIMEOUT - 0.5  # cut off by the deadline, not refused at once
    assert honest(port)[0] == 200


def test_stalled_body_gets_408_and_the_connection_closes(server):
    port, _ = server
    sock = connect(port)
    sock.sendall(b"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Accept: application/json\r\nContent-Length: 400\r\n\r\n{\"nama\": \"Siti")
    reply, closed = read_reply(sock, BODY_TIMEOUT + 15)
    sock.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 "), reply[:200]
    assert closed and b"\r\nx-content-type-options: nosniff" in head.lower()
    assert json.loads(body)["galat"]["formulir"].startswith("Kiriman terlalu lambat diterima")


def test_a_large_body_arriving_steadily_may_take_longer_than_the_body_timeout(server):
    """Photos over a slow phone link: each received byte buys time (MIN_BODY_RATE), so a steady upload is read."""
    port, _ = server
    boundary = "batasuji"
    part = os.urandom(160 * 1024)
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"retak.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n").encode() + part + f"\r\n--{boundary}--\r\n".encode()
    sock = connect(port)
    sock.sendall(f"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                 f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n".encode())
    started, step = time.monotonic(), 10 * 1024
    for offset in range(0, len(body), step):  # about 40 KB/s for 4 s: twice the body timeout, far above the minimum rate
        sock.sendall(body[offset:offset + step])
        time.sleep(0.25)
    reply, _ = read_reply(sock, 15)
    sock.close()
    assert time.monotonic() - started > BODY_TIMEOUT + 1
    assert reply.startswith(b"HTTP/1.1 422 "), reply[:300]  # read to the end and judged: not a photo, not too slow


def test_a_body_trickled_after_the_answer_cannot_hold_the_connection(server):
    """A route that answers without reading the body: the rest of the body must still come in time."""
    port, _ = server
    sock = connect(port)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\nx")
    started, closed = time.monotonic(), False
    while not closed and time.monotonic() < started + BODY_TIMEOUT + 20:
        ready, _, _ = select.select([sock], [], [], 0.3)
        if ready:
            closed = sock.recv(65536) == b""
        else:
            try:
                sock.send(b"x")  # keeps the keep-alive timer from ever starting
            except OSError:
                closed = True
    sock.close()
    assert closed, "koneksi dengan badan yang menetes tetap terbuka"


def test_oversized_headers_get_431(server):
    port, _ = server
    sock = connect(port)
    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        for _ in range(40):  # 40 x 4 KiB of headers, never ended
            sock.sendall(b"X-Isi: " + b"a" * 4089 + b"\r\n")
    except OSError:
        pass  # closed while sending: the answer is already waiting
    reply, closed = read_reply(sock, 10)
    sock.close()
    assert reply.startswith(b"HTTP/1.1 431 ") and closed, reply[:200]
    assert "Header permintaan terlalu besar." in reply.decode()


def test_idle_keep_alive_connection_is_closed(server):
    port, _ = server
    sock = connect(port)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    started = time.monotonic()
    reply, closed = read_reply(sock, 4)  # KLINIK_KEEP_ALIVE_SECONDS=1; uvicorn's own default would be 5 s
    sock.close()
    assert reply.startswith(b"HTTP/1.1 200 ") and closed, (reply[:100], time.monotonic() - started)


def test_client_that_leaves_mid_body_is_logged_as_499_not_500(server):
    port, log_path = server
    before = len(log_path.read_bytes())
    sock = connect(port)
    sock.sendall(b"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 400\r\n\r\n{\"nama\": \"Warga Pergi")
    time.sleep(0.3)
    sock.close()
    deadline, lines = time.monotonic() + 10, []
    while time.monotonic() < deadline:
        text = log_path.read_bytes()[before:].decode("utf-8")
        lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        if any(line.get("status") == 499 for line in lines):
            break
        time.sleep(0.1)
    left = [line for line in lines if line.get("route") == "/api/pertanyaan"]
    assert [(line["status"], line["level"]) for line in left] == [(499, "info")], left
    assert not [line for line in lines if line["level"] == "error"], lines
    assert "Warga Pergi" not in log_path.read_text(encoding="utf-8")


def test_beyond_the_concurrency_limit_the_answer_is_503(tmp_path):
    with running(tmp_path, KLINIK_MAX_CONCURRENCY="20", KLINIK_HEADER_TIMEOUT_SECONDS="3") as (port, _):
        idle = [connect(port) for _ in range(20)]
        status, headers, body = honest(port)
        assert status == 503, (status, body)
        assert headers.get("Retry-After") and headers.get("X-Content-Type-Options") == "nosniff"
        assert body.decode("utf-8") == "Server sedang sibuk. Coba lagi dalam beberapa detik."
        for sock in idle:
            assert read_reply(sock, 15)[1], "koneksi menganggur tidak ditutup"
            sock.close()
        assert honest(port)[0] == 200
