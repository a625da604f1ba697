"""Plumbing for bench/hostile.py: raw HTTP on loopback, the klinik CLI in bounded subprocesses, fresh projects."""

from __future__ import annotations

import http.client
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from intake_load import KLINIK, ROOT, Server, marker

FIXTURE = ROOT / "tests" / "fixtures" / "kecil"
VALID = {"nama": "Siti Aminah", "telepon": "0812 3456 7890", "email": "", "provinsi": "Bali",
         "kabupaten_kota": "Kota Denpasar", "bidang": "pembiayaan", "setuju": "ya",
         "pertanyaan": "Bagaimana cara mengajukan KPR FLPP untuk rumah pertama saya?"}
WEBHOOK_SECRET, SECRET_KEY = "rahasia-webhook-bench", "kunci-bench-hostile"
TA = {"GIT_AUTHOR_NAME": "TA", "GIT_AUTHOR_EMAIL": "ta@example.invalid", "GIT_COMMITTER_NAME": "TA",
      "GIT_COMMITTER_EMAIL": "ta@example.invalid"}
NOTES: list[str] = []  # what each counter counted, printed to stderr with --verbose
SITE_INDEX = '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title></head><body><p>ok</p></body></html>'


def note(section: str, what: object) -> None:
    NOTES.append(f"{section}: {what}")


def call(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
         timeout: float = 10.0) -> tuple[int | None, dict[str, str], bytes]:
    """One request; header values may be bytes (sent as they are). Status None = no answer in time."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except (OSError, http.client.HTTPException):
        return None, {}, b""
    finally:
        conn.close()


def post(port: int, fields: dict, timeout: float = 10.0, **headers) -> tuple[int | None, dict]:
    """POST /api/pertanyaan as JSON (ensure_ascii: a lone surrogate goes out as the escape \\udc00)."""
    status, _, body = call(port, "POST", "/api/pertanyaan", json.dumps(fields).encode(),
                           {"Content-Type": "application/json", "Accept": "application/json", **headers}, timeout)
    try:
        return status, json.loads(body) if body else {}
    except ValueError:
        return status, {}


def raw_status(port: int, data: bytes, timeout: float = 2.0) -> int | None:
    """Send raw bytes, return the status of the first response line (None: none in time)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(data)
            line = sock.makefile("rb").readline(200)
        return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        return None


def question(n: int, text: str = "Bagaimana cara mengajukan KPR subsidi untuk rumah pertama saya?") -> dict:
    """A valid post whose question carries a letters-only marker (digits could look like personal data)."""
    return {**VALID, "pertanyaan": f"{text} {marker(n)}"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env={**os.environ, **TA}).stdout


def klinik(*args: str, timeout: float = 120, env: dict | None = None, limit_memory: bool = False) -> tuple[int | None, str, int]:
    """Run the CLI in its own process group: exit code (None on timeout), the first 64 KB of stdout+stderr, their size."""
    def limits() -> None:
        if limit_memory:  # a checker that reads /dev/zero or expands an alias bomb must not take the machine
            resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([str(KLINIK), *args], stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, start_new_session=True, preexec_fn=limits)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
        out.seek(0)
        size = os.fstat(out.fileno()).st_size
        text = out.read(65536).decode("utf-8", "replace")
    return code, text, size


def copy_fixture(dest: Path) -> Path:
    """tests/fixtures/kecil with the repository's mkdocs.yml (the theme ships with the package)."""
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("site", "build", "var"))
    shutil.copyfile(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


class LoggedServer(Server):
    """intake_load's Server (same stop and kill), with the spam settings asked for and its log in the work folder."""

    def __init__(self, project: Path, env: dict, log: Path, port: int | None = None):
        super().__init__(project, env, port=port)
        self.env.update({k: v for k, v in env.items() if k in ("KLINIK_POW", "KLINIK_MIN_FILL_SECONDS")})  # it turns them off
        self.log = log

    def start(self) -> LoggedServer:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([str(KLINIK), "intake", "serve", "--proyek", str(self.project), "--port", str(self.port)],
                                         env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.proc.poll() is None:
            if call(self.port, "GET", "/healthz", timeout=1)[0] == 200:
                return self
            time.sleep(0.05)
        self.kill()
        raise SystemExit(f"server did not start (log: {self.log})")


def service(project: Path, env: dict, log: Path, port: int | None = None) -> LoggedServer:
    return LoggedServer(project, env, log, port).start()


def queue_depth(port: int, timeout: float = 5.0) -> float | None:
    status, _, body = call(port, "GET", "/metrics", timeout=timeout)
    if status != 200:
        return None
    for line in body.decode().splitlines():
        if line.startswith("klinik_outbox_queue_depth "):
            return float(line.split()[1])
    return None


def wait_drained(port: int, seconds: float) -> float | None:
    deadline = time.monotonic() + seconds
    while (depth := queue_depth(port)) != 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    return depth


def wait_for(check, seconds: float):
    deadline = time.monotonic() + seconds
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return result
