"""What the editor tests share: a throwaway git repository of a project and Decap's own `decap-server` in git mode on it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
GIT_ENV = {"GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.invalid", "GIT_COMMITTER_NAME": "Uji",
           "GIT_COMMITTER_EMAIL": "uji@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
"""A fixed, made-up identity and no user or system git configuration: the test commits the same way on every machine."""


def git(repo: Path, *args: str) -> str:
    """Run git in repo and return its output (the test's own identity, nothing from the machine's config)."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout


def throwaway_clone(project: Path, dest: Path) -> Path:
    """Commit a project folder as `main` of a new repository, clone it to dest and return the clone (decap-server's repo).
    What the repository's .gitignore keeps out of git (the built site/, build/) stays out here too."""
    origin = dest.parent / f"{dest.name}-asal"
    shutil.copytree(project, origin, ignore=shutil.ignore_patterns("site", "build", "node_modules", ".venv"))
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Proyek uji")
    subprocess.run(["git", "clone", "-q", str(origin), str(dest)], check=True, env={**os.environ, **GIT_ENV})
    for key, value in (("user.name", "Uji"), ("user.email", "uji@example.invalid")):
        git(dest, "config", key, value)  # decap-server commits through plain `git commit`
    return dest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def decap_server(repo: Path, log: Path) -> Iterator[str]:
    """decap-server in git mode on repo, on a free loopback port; yields its API address (for `local_backend`)."""
    if not DECAP_SERVER.is_file():
        raise AssertionError(f"{DECAP_SERVER.relative_to(ROOT)} tidak ada: jalankan `make setup` (npm ci)")
    port = _free_port()
    env = {**os.environ, **GIT_ENV, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([shutil.which("node") or "node", str(DECAP_SERVER)], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"decap-server tidak menyala:\n{log.read_text(encoding='utf-8')}")
                time.sleep(0.1)
            start = git(repo, "symbolic-ref", "--short", "HEAD")
            yield f"http://127.0.0.1:{port}/api/v1"
            # decap-server checks a review branch out for each read and write, one request after another: stop it only
            # once it has stayed where it began for a second (the requests still queued when the browser closed are done)
            deadline, settled = time.monotonic() + 15, time.monotonic()
            while time.monotonic() < deadline and time.monotonic() - settled < 1.0:
                if git(repo, "symbolic-ref", "--short", "HEAD") != start:
                    settled = time.monotonic()
                time.sleep(0.05)
        finally:
            server.terminate()
            server.wait(timeout=10)
