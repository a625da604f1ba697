"""`klinik serve` (what `make run` starts) and `klinik preview` answer over real HTTP on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.config.project import Project
from generator.site.build import build

KLINIK = Path(sys.executable).parent / "klinik"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_until(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, body = get(url)
            if status == 200 and needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} tidak menampilkan {needle!r} dalam {timeout} detik")


@pytest.fixture
def running(request):
    """Start a command in the background and stop it at teardown."""
    procs = []

    def start(*args: str, cwd: Path) -> subprocess.Popen:
        proc = subprocess.Popen([str(KLINIK), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_answers_pages_and_the_indonesian_404(kecil, running):
    """The built site is served; an unknown address gets status 404 with the site's own page."""
    build(Project(kecil))
    port = free_port()
    running("serve", "--port", str(port), cwd=kecil)
    home = wait_until(f"http://127.0.0.1:{port}/", "Klinik Uji")
    assert '<html lang="id"' in home
    status, body = get(f"http://127.0.0.1:{port}/tidak-ada/")
    assert status == 404 and "Halaman tidak ditemukan" in body


def test_serve_without_a_build_says_what_to_do(kecil):
    """Serving before building is a one-line error, not a traceback."""
    proc = subprocess.run([str(KLINIK), "serve", "--port", str(free_port())], cwd=kecil, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1
    assert "jalankan `klinik build` dulu" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_preview_rebuilds_an_edited_faq(kecil, running):
    """Saving a FAQ during `klinik preview` serves the new answer without a restart."""
    port = free_port()
    running("preview", "--alamat", f"127.0.0.1:{port}", cwd=kecil)
    url = f"http://127.0.0.1:{port}/faq/syarat-kpr/"
    wait_until(url, "Siapkan KTP")
    path = kecil / "content/faq/pembiayaan/syarat-kpr.md"
    path.write_text(path.read_text().replace("Siapkan KTP", "Bawa KTP asli"), encoding="utf-8")
    wait_until(url, "Bawa KTP asli", timeout=30)
