"""Load the intake, kill it mid-load, and make its git host fail: does any acknowledged question get lost?

Three runs against `klinik intake serve` on loopback (SQLite store, spam checks that need a browser off):
1. load: 3,000 questions from 8 keep-alive clients posting back to back, with the outbox worker publishing
   to a local git repository alongside -> accepted per second, p50 and p99 latency;
2. crash: the same load, the server killed with SIGKILL after a second, restarted; every question that got a
   201 must be in the store and on exactly one review branch (lost, duplicates);
3. failing host: the `github` publisher against a local fake GitHub that refuses connections, answers 500 and
   403 (rate limit) for a while, then recovers -> published, lost, duplicated pull requests.
Prints one JSON line. Targets (2 cores, SQLite): accepted_per_s >= 300, p99_ms <= 100, lost 0,
duplicates 0; failing host: published = all, lost 0, duplicated 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KLINIK = Path(sys.executable).with_name("klinik")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def marker(n: int) -> str:
    """A per-question word of letters only (digits could look like personal data to the redactor)."""
    out = ""
    for _ in range(5):
        n, rest = divmod(n, 26)
        out += LETTERS[rest]
    return "kode" + out


def question_body(n: int, token: str) -> bytes:
    """One valid question as JSON; identity is planted so the privacy of the result can be checked too."""
    return json.dumps({
        "nama": "Warga Uji Beban", "telepon": "0812 3456 7890", "email": "",
        "provinsi": "Jawa Barat", "kabupaten_kota": "Kabupaten Bogor", "bidang": "pembiayaan",
        "pertanyaan": f"Bagaimana cara mengajukan KPR subsidi untuk rumah pertama saya? {marker(n)}",
        "setuju": "ya", "token_formulir": token,
    }).encode()


def make_project(work: Path) -> tuple[Path, Path]:
    """A project folder (site_config only) and an empty review repository with one commit on main."""
    project = work / "proyek"
    shutil.copytree(ROOT / "site_config", project / "site_config")
    (project / "site").mkdir()
    repo = work / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    (repo / "README.md").write_text("review repository\n")
    subprocess.run(git + ["add", "README.md"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "awal"], check=True)
    return project, repo


class Server:
    """`klinik intake serve` in its own process, so it can be killed with SIGKILL."""

    def __init__(self, project: Path, env: dict[str, str], port: int | None = None):
        self.project, self.port = project, port or free_port()
        self.env = {**os.environ, **env, "KLINIK_PROJECT_DIR": str(project), "KLINIK_PORT": str(self.port),
                    "KLINIK_POW": "false", "KLINIK_MIN_FILL_SECONDS": "0", "KLINIK_RATE_LIMIT": "100000000"}
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        self.proc = subprocess.Popen([str(KLINIK), "intake", "serve", "--proyek", str(self.project), "--port", str(self.port)],
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.05)
        raise SystemExit("server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def token(self) -> str:
        return json.loads(urllib.request.urlopen(self.base + "/api/formulir").read())["token_formulir"]


async def _client(port: int, jobs: asyncio.Queue, token: str, results: list) -> None:
    """One keep-alive HTTP/1.1 connection posting questions until the queue is empty or the server is gone."""
    reader = writer = None
    while True:
        try:
            n = jobs.get_nowait()
        except asyncio.QueueEmpty:
            break
        body = question_body(n, token)
        head = (f"POST /api/pertanyaan HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(head + body)
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            payload = await reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, IndexError, ValueError):
            results.append((n, None, None, time.perf_counter() - started))
            writer = None
            continue
        ticket = json.loads(payload).get("tiket") if status == 201 else None
        results.append((n, status, ticket, time.perf_counter() - started))
    if writer is not None:
        writer.close()


def post_many(port: int, token: str, numbers: range, concurrency: int) -> tuple[list, float]:
    """Post every numbered question; return (n, status, ticket, seconds) per request and the wall time."""
    async def run() -> list:
        jobs: asyncio.Queue = asyncio.Queue()
        for n in numbers:
            jobs.put_nowait(n)
        results: list = []
        await asyncio.gather(*(_client(port, jobs, token, results) for _ in range(concurrency)))
        return results
    started = time.perf_counter()
    results = asyncio.run(run())
    return results, time.perf_counter() - started


def review_branches(repo: Path) -> dict[str, str]:
    """Ticket -> the question file on its review branch (git publisher: branch pertanyaan/TICKET)."""
    def git(*args: str, stdin: str | None = None) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, text=True, check=True).stdout

    tickets = [ref.removeprefix("pertanyaan/") for ref in git("for-each-ref", "--format=%(refname:short)", "refs/heads/pertanyaan/").split()]
    blobs = [line.split(" ", 1) for line in git("rev-list", "--objects", "--all", "--", "submissions").splitlines()
             if line.endswith(".md") and " submissions/" in line]
    texts: dict[str, str] = {}
    if blobs:
        batch = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input="".join(f"{sha}\n" for sha, _ in blobs).encode(),
                               capture_output=True, check=True).stdout
        at = 0
        for _, path in blobs:  # "<sha> blob <size>\n<content>\n" per object, in input order
            header_end = batch.index(b"\n", at)
            size = int(batch[at:header_end].split()[2])
            texts[Path(path).stem] = batch[header_end + 1:header_end + 1 + size].decode()
            at = header_end + 1 + size + 1
    return {ticket: texts.get(ticket, "") for ticket in tickets}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def load_run(work: Path, submissions: int, concurrency: int) -> dict:
    """Accepted per second and latency with the outbox worker publishing alongside, as in production."""
    project, repo = make_project(work / "beban")
    server = Server(project, {"KLINIK_REPO_PATH": str(repo)}).start()
    try:
        results, seconds = post_many(server.port, server.token(), range(submissions), concurrency)
    finally:
        server.stop()
    accepted = [r for r in results if r[1] == 201]
    latencies = [r[3] * 1000 for r in results]
    return {"submissions": submissions, "accepted": len(accepted), "accepted_per_s": round(len(accepted) / seconds),
            "p50_ms": round(statistics.median(latencies), 1), "p99_ms": round(percentile(latencies, 0.99), 1)}


def wait_published(repo: Path, tickets: set[str], timeout: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        branches = review_branches(repo)
        if tickets <= branches.keys() or time.monotonic() > deadline:
            return branches
        time.sleep(1)


def crash_run(work: Path, submissions: int, concurrency: int, kill_after: float) -> dict:
    """SIGKILL mid-load, restart: every acknowledged question is stored and on exactly one review branch."""
    project, repo = make_project(work / "crash")
    database = work / "crash" / "intake.db"
    # A question claimed by the killed worker is tried again once its lease ends (default 60 s).
    env = {"KLINIK_REPO_PATH": str(repo), "KLINIK_DATABASE_URL": f"sqlite:///{database}", "KLINIK_OUTBOX_LEASE_SECONDS": "5"}
    server = Server(project, env).start()
    token = server.token()
    outcome: dict = {}
    loader = threading.Thread(
        target=lambda: outcome.update(zip(("results", "seconds"), post_many(server.port, token, range(submissions), concurrency), strict=False))
    )
    loader.start()
    time.sleep(kill_after)
    server.kill()
    loader.join()
    restarted = Server(project, env, port=server.port).start()
    try:
        acknowledged = {r[2]: r[0] for r in outcome["results"] if r[1] == 201}
        branches = wait_published(repo, set(acknowledged), timeout=120)
    finally:
        restarted.stop()
    import sqlite3
    stored = {row[0] for row in sqlite3.connect(database).execute("select ticket from submissions")}
    lost = [t for t in acknowledged if t not in stored or t not in branches]
    found = [sum(marker(n) in text for text in branches.values()) for n in acknowledged.values()]
    return {"acknowledged": len(acknowledged), "refused_while_down": sum(1 for r in outcome["results"] if r[1] is None),
            "lost": len(lost), "duplicates": sum(max(0, k - 1) for k in found)}


def failing_host_run(work: Path, submissions: int, down_seconds: float) -> dict:
    """The `github` publisher while the host refuses connections, then fails with 500 and rate limits."""
    sys.path.insert(0, str(ROOT))
    from tests.fake_github import REPO, TOKEN, FakeGitHub  # the local stand-in the tests use

    project, _ = make_project(work / "gagal")
    github = FakeGitHub()
    github.stop()  # connection refused until it comes back
    env = {"KLINIK_PUBLISHER": "github", "KLINIK_GITHUB_REPO": REPO, "KLINIK_GITHUB_TOKEN": TOKEN,
           "KLINIK_GITHUB_API_URL": github.url, "KLINIK_GITHUB_MIN_INTERVAL_SECONDS": "0",
           "KLINIK_OUTBOX_INTERVAL_SECONDS": "0.2", "KLINIK_RETRY_BASE_SECONDS": "0.5", "KLINIK_RETRY_MAX_SECONDS": "5"}
    server = Server(project, env).start()
    try:
        results, _ = post_many(server.port, server.token(), range(submissions), 8)
        acknowledged = {r[2] for r in results if r[1] == 201}
        time.sleep(down_seconds)
        # Back, but failing: server errors on every kind of call, then a primary and a secondary rate limit.
        github.state.failures.extend([("POST", "500"), ("PUT", "500"), ("GET", "500"), ("POST", "403-reset"), ("", "429-retry")])
        github.start()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            tickets = [pull["head"]["ref"].removeprefix("pertanyaan/") for pull in list(github.state.pulls)]
            if acknowledged <= set(tickets):
                break
            time.sleep(0.5)
    finally:
        server.stop()
        github.stop()
    published = set(tickets) & acknowledged
    return {"submissions": len(acknowledged), "published": len(published), "lost": len(acknowledged - published),
            "duplicated": len(tickets) - len(set(tickets))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8, help="keep-alive clients, each posting one question after another")
    parser.add_argument("--crash-submissions", type=int, default=3000)
    parser.add_argument("--kill-after", type=float, default=2.0, help="seconds into the crash run")
    parser.add_argument("--host-submissions", type=int, default=50)
    parser.add_argument("--host-down", type=float, default=5.0, help="seconds the git host refuses connections")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="klinik-intake-load-"))
    try:
        load = load_run(work, args.submissions, args.concurrency)
        crash = crash_run(work, args.crash_submissions, args.concurrency, args.kill_after)
        host = failing_host_run(work, args.host_submissions, args.host_down)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({
        **load, "crash_acknowledged": crash["acknowledged"], "lost": crash["lost"], "duplicates": crash["duplicates"],
        "failing_host": {"submissions": host["submissions"], "published": host["published"], "lost": host["lost"],
                         "duplicated": host["duplicated"]},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
