"""Two `klinik intake serve` processes on one PostgreSQL behave as one: a form token or an ALTCHA solution spent on
one is refused by the other, posts to both count towards one rate limit, and a staff session made on one works on
the other (what a load balancer in front of two servers needs)."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import time
import urllib.request

import altcha
import pytest
from sqlalchemy import select

from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import rate_hits
from generator.intake.web.spam import ALTCHA_FAILED, REPLAYED, issue_form_token
from tests.intake.web.staff_client import Browser
from tests.intake_server import KLINIK, VALID, free_port, intake_project

SECRET = "kunci-bersama-dua-server"  # every server behind one load balancer shares KLINIK_SECRET_KEY
LIMIT = 4


class Served:
    """One `klinik intake serve` process on the shared database."""

    def __init__(self, project, pg_url: str, log):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "KLINIK_PROJECT_DIR": str(project), "KLINIK_PORT": str(self.port), "KLINIK_DATABASE_URL": pg_url,
               "KLINIK_SECRET_KEY": SECRET, "KLINIK_WORKER": "false", "KLINIK_POW": "true", "KLINIK_POW_DIFFICULTY": "1000",
               "KLINIK_MIN_FILL_SECONDS": "1", "KLINIK_RATE_LIMIT": str(LIMIT), "KLINIK_RATE_WINDOW_SECONDS": "600"}
        self.proc = subprocess.Popen([str(KLINIK), "intake", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=log)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)
                return
            except OSError:
                assert time.monotonic() < deadline and self.proc.poll() is None, "server tidak mulai"
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def request(self, path: str, data: bytes | None = None):
        """(status, headers, JSON body) of one request."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"} if data is not None else {}
        try:
            with urllib.request.urlopen(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=30) as reply:
                return reply.status, reply.headers, json.loads(reply.read())
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, json.loads(exc.read())

    def solve(self) -> str:
        """An ALTCHA payload for a challenge this server issued (solved as the browser widget does)."""
        challenge = self.request("/api/altcha")[2]
        solution = altcha.solve_challenge_v1(challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxnumber"])
        payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")} | {"number": solution.number}
        return base64.b64encode(json.dumps(payload).encode()).decode()

    def post(self, token: str, payload: str):
        return self.request("/api/pertanyaan", json.dumps({**VALID, "token_formulir": token, "altcha": payload}).encode())


def form_token() -> str:
    """A form token served a minute ago (past the minimum fill time), signed with the shared key."""
    return issue_form_token(SECRET.encode(), now=time.time() - 60)


@pytest.fixture(scope="module")
def servers(tmp_path_factory, pg_url):
    root = tmp_path_factory.mktemp("dua")
    project = intake_project(root)
    (project / "site").mkdir(exist_ok=True)
    (project / "site" / "index.html").write_text("<!doctype html><title>Beranda</title><p>Beranda</p>", encoding="utf-8")
    log = (root / "stderr.log").open("w")
    first = Served(project, pg_url, log)  # started together, as after a deploy: both create the tables
    second = Served(project, pg_url, log)
    try:
        first.wait_ready()
        second.wait_ready()
        yield first, second
    finally:
        first.stop()
        second.stop()
        log.close()


def test_spent_proofs_and_the_rate_limit_are_shared(servers, pg_url):
    first, second = servers
    token, solved = form_token(), first.solve()
    assert first.post(token, solved)[0] == 201  # hit 1 of this address
    replayed_form = second.post(token, second.solve())
    assert replayed_form[0::2] == (422, {"galat": {"formulir": REPLAYED["form"]}})  # hit 2: refused posts count too
    replayed_pow = second.post(form_token(), solved)
    assert replayed_pow[0::2] == (422, {"galat": {"formulir": ALTCHA_FAILED}})  # hit 3
    assert first.post(form_token(), first.solve())[0] == 201  # hit 4: two on each server, four in all
    for server in (second, first):  # a limit per process would still let both through
        status, headers, body = server.post(form_token(), server.solve())
        assert status == 429 and 590 <= int(headers["Retry-After"]) <= 600
        assert body["galat"]["formulir"].startswith("Terlalu banyak kiriman dari jaringan Anda.")
    with open_engine(pg_url).connect() as conn:
        keys = list(conn.execute(select(rate_hits.c.key)).scalars())
    assert len(keys) == LIMIT and all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)  # an HMAC, never 127.0.0.1
    assert len(set(keys)) == 1  # one address, one key on both servers


def test_a_staff_session_made_on_one_server_works_on_the_other(servers, pg_url):
    first, second = servers
    accounts = Accounts(Store(open_engine(pg_url)))
    accounts.set_password(accounts.add("sari", "Sari Petugas", "ta", "uji-i", now_utc()), "kata-sandi-yang-panjang", now_utc())
    browser = Browser(first.base)
    assert browser.sign_in("sari", "kata-sandi-yang-panjang").status_code == 303
    browser.http.base_url = second.base  # the load balancer sends the next request to the other server
    queue = browser.get("/staf/")
    assert queue.status_code == 200 and "Antrean layanan" in queue.text
    browser.http.base_url = first.base
    assert browser.get("/staf/").status_code == 200
