"""`klinik intake serve` as a process: the site with gzip and its 404 page, JSON logs without personal
data, and a schemathesis run against /api/openapi.json that stores valid posts and gets no server error."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.intake_server import KLINIK, VALID, free_port, intake_project

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
PLANTED = {"nama": "Zulkarnaen Tanamdata", "telepon": "081377788899", "email": "tanam.data@contoh.id",
           "pertanyaan": "RAHASIA-PERTANYAAN: bagaimana cara renovasi rumah warisan di Denpasar?"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real command with a tiny hand-made site, stderr captured to a file."""
    root = tmp_path_factory.mktemp("serve")
    project = intake_project(root)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Beranda</title>" + "<p>Klinik PKP beranda.</p>" * 60, encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Tidak ditemukan</title><h1>Halaman tidak ditemukan</h1>", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "KLINIK_PROJECT_DIR": str(project), "KLINIK_PORT": str(port), "KLINIK_WORKER": "false",
           "KLINIK_POW": "false", "KLINIK_MIN_FILL_SECONDS": "0", "KLINIK_RATE_LIMIT": "100000", "KLINIK_SECRET_KEY": "uji"}
    log = (root / "stderr.log").open("w")
    proc = subprocess.Popen([str(KLINIK), "intake", "serve"], env=env, stderr=log, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, (root / "stderr.log").read_text()
            time.sleep(0.1)
    yield base, root / "stderr.log", project
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    log.close()


def fetch(url: str, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_site_is_served_with_gzip_and_its_own_404(served):
    base, _, _ = served
    status, headers, body = fetch(base + "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Klinik PKP beranda." in gzip.decompress(body).decode()
    status, _, body = fetch(base + "/tidak-ada/")
    assert status == 404 and b"Halaman tidak ditemukan" in body


def test_logs_are_json_without_personal_data(served):
    base, log_path, _ = served
    post = urllib.request.Request(base + "/api/pertanyaan", data=json.dumps({**VALID, **PLANTED}).encode(),
                                  headers={"Content-Type": "application/json"})
    reply = json.loads(urllib.request.urlopen(post, timeout=10).read())
    bad = urllib.request.Request(base + "/api/pertanyaan", data=json.dumps({**PLANTED, "telepon": "x" + PLANTED["telepon"]}).encode(),
                                 headers={"Content-Type": "application/json"})
    assert fetch_request(bad) == 422
    status_path = reply["tautan_status"].removeprefix(base)
    assert fetch(base + status_path)[0] == 200
    fetch(base + "/ajukan/?nama=Zulkarnaen+Tanamdata&telepon=081377788899")
    time.sleep(0.3)
    text = log_path.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert any(line.get("ticket") == reply["tiket"] and line["message"] == "pertanyaan diterima" for line in lines)
    assert any(line.get("route") == "/api/status/{token}" for line in lines)
    token = status_path.rsplit("/", 1)[1]
    for secret in [*PLANTED.values(), "Zulkarnaen", "0813777", "tanam.data", token]:
        assert secret not in text


def fetch_request(request) -> int:
    try:
        return urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as exc:
        return exc.code


def stored_rows(project: Path) -> int:
    with sqlite3.connect(project / "var" / "klinik.db") as db:
        return db.execute("SELECT count(*) FROM submissions").fetchone()[0]


def test_schemathesis_stores_valid_posts_without_server_errors(served, tmp_path):
    """Bodies drawn from the published schema must be stored (positive_data_acceptance: schema-valid data gets
    a 2xx) and no request of any kind may get a 5xx; the store is counted afterwards."""
    base, _, project = served
    before = stored_rows(project)
    result = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{base}/api/openapi.json", "--max-examples", "30", "--seed", "4", "--workers", "1",
         "--checks", "not_a_server_error,positive_data_acceptance,response_schema_conformance,content_type_conformance",
         "--phases", "examples,coverage,fuzzing", "--request-timeout", "20"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Tested: 6" in result.stdout, result.stdout[-3000:]  # the four of questions, the two of complaints
    generated, passed = map(int, re.search(r"(\d+) generated, (\d+) passed", result.stdout).groups())
    assert generated == passed >= 200
    assert stored_rows(project) - before >= 100, result.stdout[-3000:]
