"""Redaction in a child process: a freezing redactor is killed at its limit, the server keeps answering /healthz,
and the question is dead-lettered (with a reason, without personal data) instead of being retried forever."""

from __future__ import annotations

import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime, timezone

import pytest

from generator.intake.model import NewSubmission
from generator.intake.outbox import Outbox
from generator.intake.privacy.redact_limit import LimitedRedactor, RedactionTimeout, _frame
from generator.intake.store.db import Store, open_engine
from generator.intake.web.app import create_app
from tests.intake_repo import init_repo
from tests.intake_server import VALID, FakePublisher, LiveServer, intake_project, outbox_row, settings_for
from tests.redact_probes import FREEZER, HONEST, redact_as_before_issue_9


def submission(question: str) -> NewSubmission:
    return NewSubmission(nama="Dewi Lestari", telepon="081298765432", email=None, provinsi="Bali",
                         kabupaten_kota="Kabupaten Badung", area="pbg", question=question)


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))


def test_a_redactor_past_its_limit_is_killed_and_the_next_text_gets_a_new_child():
    runner = LimitedRedactor(redact_as_before_issue_9, seconds=1)
    try:
        assert runner(HONEST) == "Nomor saya [disamarkan], berapa lama mengurus PBG?"
        first = runner.pid
        started = time.monotonic()
        with pytest.raises(RedactionTimeout, match=r"^penyamaran data pribadi melewati batas 1 detik; "):
            runner(FREEZER)
        assert time.monotonic() - started < 5
        assert runner.pid is None
        assert runner(HONEST) == "Nomor saya [disamarkan], berapa lama mengurus PBG?"
        second = runner.pid
        assert second not in (None, first)
        os.kill(second, signal.SIGKILL)  # killed from outside between two questions: the next one still works
        assert runner(HONEST) == "Nomor saya [disamarkan], berapa lama mengurus PBG?"
        assert runner.pid not in (None, first, second)
    finally:
        runner.close()


def test_the_child_ends_itself_at_the_limit_when_no_parent_is_left_to_kill_it():
    """The kernel's CPU limit is the backstop: a child whose server died cannot spin on for days."""
    child = subprocess.Popen([sys.executable, "-m", "generator.intake.privacy.redact_limit"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
    try:
        child.stdin.write(_frame(pickle.dumps((redact_as_before_issue_9, 1))) + _frame(json.dumps(FREEZER).encode()))
        child.stdin.flush()
        assert child.wait(timeout=30) == -signal.SIGXCPU
    finally:
        child.kill()
        child.wait()


def test_a_question_past_the_redaction_limit_is_dead_lettered_not_retried(store):
    now = datetime.now(timezone.utc)
    hostile = store.add(submission(FREEZER), now, date(2026, 11, 26)).ticket
    honest = store.add(submission(HONEST), now, date(2026, 11, 26)).ticket
    publisher, runner = FakePublisher(), LimitedRedactor(redact_as_before_issue_9, seconds=1)
    box = Outbox(store, publisher, redact=runner, retry_base=0.01, retry_max=0.01)
    try:
        assert box.drain() == 2
        time.sleep(0.05)
        assert box.drain() == 0  # the dead row is never due again
    finally:
        runner.close()
    row = outbox_row(store, hostile)
    assert row["dead"] and row["published_at"] is None and row["attempts"] == 1
    assert row["last_error"].startswith("penyamaran data pribadi melewati batas 1 detik; pertanyaan tidak diterbitkan")
    assert not re.search(r"\d{3}|Dewi|Nomor", row["last_error"])
    assert [(item.ticket, item.question) for item in publisher.published] == [
        (honest, "Nomor saya [disamarkan], berapa lama mengurus PBG?")]


def test_a_question_longer_than_the_cap_is_dead_lettered_by_the_default_outbox(store):
    ticket = store.add(submission("Apakah " + "rumah " * 5000), datetime.now(timezone.utc), date(2026, 11, 26)).ticket
    publisher = FakePublisher()
    box = Outbox(store, publisher)  # the default redactor: redact() in a child process
    try:
        assert box.publish_one() == ticket and box.publish_one() is None
    finally:
        box.redact.close()
    row = outbox_row(store, ticket)
    assert row["dead"] and publisher.calls == 0
    assert row["last_error"] == "teks 30.007 karakter, melebihi batas penyamaran 20.000 karakter; pertanyaan tidak diterbitkan otomatis"


def _rep(unit: str, head: str = "", tail: str = "", size: int = 4000) -> str:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


# The form's largest questions (4,000 characters) built to make the old detectors backtrack.
WORST_FORM_QUESTIONS = [
    _rep("1", "0", "a"), _rep(" 1", "0", "a"), _rep(".1", "0", "a"), _rep("(1)", "0", "a"), _rep("0 ", "", "a"),
    _rep("a", "jalan "), _rep(" ", "jalan a", "x"), _rep("a ", "jalan "), _rep(" ", "rt", "x"), _rep(" ", "rt/rw", "x"),
    _rep(" ", "rt 1", "x"), _rep("A ", "perumahan ", ","), _rep("a@"), _rep(" dot a", "x at a"), _rep("\u00a01", "0", "a"),
]


def _post_and_watch(server: LiveServer, store: Store, questions: list[str]) -> tuple[float, list[dict]]:
    """Post the questions, then ask /healthz every 20 ms until the worker has published or dead-lettered them all:
    the slowest /healthz answer in seconds, and the outbox rows."""
    tickets = []
    for question in questions:
        status, _, body = server.post_json({**VALID, "pertanyaan": question})
        assert status == 201, body
        tickets.append(json.loads(body)["tiket"])
    slowest, deadline = 0.0, time.monotonic() + 120
    while True:
        started = time.monotonic()
        with urllib.request.urlopen(server.base + "/healthz", timeout=60) as response:
            assert response.status == 200
        slowest = max(slowest, time.monotonic() - started)
        rows = [outbox_row(store, ticket) for ticket in tickets]
        if all(row["published_at"] is not None or row["dead"] for row in rows):
            return slowest, rows
        assert time.monotonic() < deadline, "pekerja tidak selesai"
        time.sleep(0.02)


def test_healthz_answers_while_the_worst_questions_are_redacted(tmp_path):
    """The real worker, redactor and git publisher: first the issue's question (17 s of frozen server before),
    then the form's largest hostile questions; /healthz never waits a second, every question is published."""
    project, repo = intake_project(tmp_path), init_repo(tmp_path / "repo")
    app = create_app(settings_for(project, repo_path=repo, worker=True))
    store = app.state.intake.store
    with LiveServer(app) as server:
        slowest, rows = _post_and_watch(server, store, ["0" + "1" * 25 + "a, mohon dibantu ya."])
        assert slowest < 1, f"/healthz menunggu {slowest:.2f} s"
        more, rows = _post_and_watch(server, store, WORST_FORM_QUESTIONS)
        assert more < 1, f"/healthz menunggu {more:.2f} s"
    assert all(row["published_at"] is not None and not row["dead"] for row in rows)
    branches = subprocess.run(["git", "-C", str(repo), "branch", "--list", "pertanyaan/*"], capture_output=True, text=True).stdout
    assert len(branches.split()) == 1 + len(WORST_FORM_QUESTIONS)


def test_healthz_answers_while_a_freezing_redactor_runs_into_its_limit(tmp_path):
    """A redactor that really freezes (the old phone pattern) runs in the child: the server keeps answering, the
    question is dead-lettered after 2 s, and the next question gets a fresh child and reaches git masked."""
    project, repo = intake_project(tmp_path), init_repo(tmp_path / "repo")
    app = create_app(settings_for(project, repo_path=repo, worker=True), redact=LimitedRedactor(redact_as_before_issue_9, seconds=2))
    with LiveServer(app) as server:
        slowest, (frozen, honest) = _post_and_watch(server, app.state.intake.store, [FREEZER, HONEST])
    assert slowest < 1, f"/healthz menunggu {slowest:.2f} s"
    assert frozen["dead"] and frozen["last_error"].startswith("penyamaran data pribadi melewati batas 2 detik")
    assert honest["published_at"] is not None and not honest["dead"]
    history = subprocess.run(["git", "-C", str(repo), "log", "--all", "-p"], capture_output=True, text=True).stdout
    assert "Nomor saya [disamarkan], berapa lama mengurus PBG?" in history and "1111111111" not in history
