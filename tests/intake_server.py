"""Helpers for the intake tests: a project copy, settings, a recording publisher and a live uvicorn server."""

from __future__ import annotations

import json
import shutil
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import uvicorn

from generator.intake.model import Answer, NewSubmission, PublicSubmission
from generator.intake.settings import load_settings
from tests.conftest import copy_project

VALID = {
    "nama": "Siti Aminah", "telepon": "0812 3456 7890", "email": "", "provinsi": "Bali",
    "kabupaten_kota": "Kota Denpasar", "bidang": "pembiayaan", "setuju": "ya",
    "pertanyaan": "Bagaimana cara mengajukan KPR FLPP untuk rumah pertama saya?",
}


def intake_project(tmp_path: Path) -> Path:
    return copy_project("kecil", tmp_path / "proyek")


def reviewed_project(tmp_path: Path) -> Path:
    """A project that is its own git repository (review branches land beside main), without submissions/."""
    from .intake_repo import git

    project = intake_project(tmp_path)
    shutil.rmtree(project / "submissions", ignore_errors=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "awal")
    return project


def outbox_row(store, ticket: str) -> dict:
    """The outbox row of one ticket, as the worker left it."""
    from generator.intake.store.schema import outbox

    with store.engine.connect() as conn:
        return dict(conn.execute(outbox.select().where(outbox.c.ticket == ticket)).mappings().one())


def settings_for(project: Path, **overrides):
    """Fast, deterministic settings for tests (no waiting, no worker unless asked)."""
    values = dict(project_dir=project, secret_key="kunci-uji", min_fill_seconds=0, pow=False, worker=False,
                  rate_limit=1000, outbox_interval_seconds=0.05, retry_base_seconds=0.01, retry_max_seconds=0.05)
    values.update(overrides)
    return load_settings(**values)


@dataclass
class FakePublisher:
    """Implements the Publisher protocol: records what was published; fails as told."""

    fail_with: list[Exception] = field(default_factory=list)
    published: list[PublicSubmission] = field(default_factory=list)
    answered: list[Answer] = field(default_factory=list)
    calls: int = 0

    def publish(self, item: PublicSubmission) -> str:
        self.calls += 1
        if self.fail_with:
            raise self.fail_with.pop(0)
        if all(p.ticket != item.ticket for p in self.published):
            self.published.append(item)
        return f"pertanyaan/{item.ticket}"

    def answers(self) -> list[Answer]:
        return list(self.answered)

    def fetch_answer(self, ticket: str) -> Answer | None:
        return next((a for a in self.answered if a.ticket == ticket), None)


def mark_redacted(text: str) -> str:
    """The redactor the tests inject, so the outbox's call to it is visible."""
    return "[disamarkan] " + text


class LiveServer:
    """uvicorn on 127.0.0.1 in a thread: real sockets, real HTTP."""

    def __init__(self, app):
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None, access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server tidak mulai"
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def request(self, path: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
        """(status, headers, body text) of one request, errors included."""
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status, response.headers, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode("utf-8")

    def post_json(self, payload: dict, **headers):
        return self.request("/api/pertanyaan", data=json.dumps(payload).encode(),
                            headers={"Content-Type": "application/json", "Accept": "application/json", **headers})

    def post_form(self, payload: dict, **headers):
        return self.request("/api/pertanyaan", data=urllib.parse.urlencode(payload).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded", **headers})


def now() -> datetime:
    return datetime.now(timezone.utc)


# One valid question as the store receives it, and when it arrived.
ITEM = NewSubmission(nama="Rahmat Hidayat", telepon="081234567890", email="rahmat@contoh.id", provinsi="Bali",
                     kabupaten_kota="Kota Denpasar", area="pembiayaan", question="Apakah saya bisa KPR bila gaji 4 juta?")
RECEIVED = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)

KLINIK = Path(sys.executable).parent / "klinik"
"""The installed `klinik` command, for tests that start the real server process."""


def free_port() -> int:
    """A port nothing listens on right now, for a server process a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


DNT = "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});"
GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"
"""Init scripts of a browser asking not to be tracked (Do Not Track, Global Privacy Control)."""


def served_project(root, intake: str | None):
    """The small project built (with `intake:` in site.yml when given) behind the intake app: (LiveServer, store)."""
    from generator.config.project import Project
    from generator.intake.web.app import create_app
    from generator.site.build import build

    project = intake_project(root)
    if intake is not None:
        site_yml = project / "site_config" / "site.yml"
        site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"intake: {intake}\n", encoding="utf-8")
    build(Project(project), jobs=1)
    app = create_app(settings_for(project))
    return LiveServer(app), app.state.intake.store
