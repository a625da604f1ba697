"""A real server error is logged with its exception type and frames, never its message or locals (SQLAlchemy's
message quotes the statement's parameters: a citizen's data); the citizen gets an Indonesian 500 with headers."""

from __future__ import annotations

import io
import json
import logging
import re
import sys

import pytest
from sqlalchemy import text

from generator.intake.web.app import create_app
from generator.intake.web.observe import JsonFormatter
from tests.intake_server import LiveServer, intake_project, settings_for

PLANTED = {"nama": "Zulkarnaen Tanamdata", "telepon": "081377788899"}
FRAME = re.compile(r"[^:\s]++:\d++:[\w<>.]++")


@pytest.fixture
def json_log():
    """The app's and uvicorn's log lines as `klinik intake serve` writes them, captured in memory."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("klinik", "uvicorn.error")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
        lg.propagate = False
    yield stream
    for lg, (level, propagate) in zip(loggers, saved, strict=False):
        lg.removeHandler(handler)
        lg.setLevel(level)
        lg.propagate = propagate


@pytest.fixture
def failing(tmp_path):
    """The app with one extra route whose database statement fails the way a broken store would."""
    app = create_app(settings_for(intake_project(tmp_path)))
    engine = app.state.intake.store.engine

    @app.get("/uji/galat")
    def store_breaks():
        secret_local = PLANTED["nama"]  # noqa: F841 - a local the log must never show
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO tidak_ada (nama, telepon) VALUES (:nama, :telepon)"), PLANTED)

    app.router.routes.insert(0, app.router.routes.pop())  # before the static site mounted at /
    with LiveServer(app) as server:
        yield server


def lines_of(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]


def test_server_error_logs_type_and_frames_without_the_message(failing, json_log):
    status, headers, body = failing.request("/uji/galat", headers={"Accept": "application/json"})
    assert status == 500
    assert json.loads(body)["galat"]["server"].startswith("Terjadi kesalahan pada server.")
    assert headers["X-Content-Type-Options"] == "nosniff" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    status, _, page = failing.request("/uji/galat", headers={"Accept": "text/html"})
    assert status == 500 and "<h1>Terjadi kesalahan</h1>" in page
    text_logged = json_log.getvalue()
    access = [line for line in lines_of(json_log) if line.get("route") == "/uji/galat"]
    assert len(access) == 2 and all(line["status"] == 500 and line["level"] == "error" for line in access)
    first = access[0]
    assert first["exception"] == "sqlalchemy.exc.OperationalError" and first["cause"] == "sqlite3.OperationalError"
    assert all(FRAME.fullmatch(frame) for frame in first["frames"]), first["frames"]
    assert any(re.fullmatch(r"tests/intake/web/test_logging\.py:\d+:store_breaks", f) for f in first["frames"]), first["frames"]
    assert any(f.startswith("sqlalchemy/engine/") for f in first["frames"]), first["frames"]
    uvicorn_lines = [line for line in lines_of(json_log) if line["logger"] == "uvicorn.error" and line["level"] == "error"]
    assert uvicorn_lines and all(line.get("exception") == "sqlalchemy.exc.OperationalError" for line in uvicorn_lines)
    for secret in [*PLANTED.values(), "Zulkarnaen", "0813777", "INSERT", "tidak_ada", "no such table", "secret_local"]:
        assert secret not in text_logged, secret


def test_any_logged_exception_shows_its_type_and_frames_only():
    def explode(nik):
        raise ValueError(f"NIK tidak valid: {nik}")

    try:
        explode("3171234567890123")
    except ValueError:
        record = logging.LogRecord("klinik.uji", logging.ERROR, __file__, 1, "gagal", None, sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "gagal" and entry["exception"] == "ValueError" and "cause" not in entry
    assert [f.rsplit(":", 2)[2] for f in entry["frames"]] == ["test_any_logged_exception_shows_its_type_and_frames_only", "explode"]
    assert "3171234567890123" not in json.dumps(entry)
