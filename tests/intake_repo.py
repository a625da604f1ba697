"""Real git repositories for the intake tests: a main branch, and a TA who answers and merges."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from generator.intake.model import PublicSubmission

TA_ENV = {"GIT_AUTHOR_NAME": "TA", "GIT_AUTHOR_EMAIL": "ta@klinik.pkp.go.id", "GIT_COMMITTER_NAME": "TA", "GIT_COMMITTER_EMAIL": "ta@klinik.pkp.go.id"}


def git(repo: Path, *args: str, when: str = "2026-11-24T09:00:00+07:00") -> str:
    env = {**os.environ, **TA_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def init_repo(path: Path) -> Path:
    """A repository whose main branch holds a README (or the files already in `path`)."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    if not any(p.name != ".git" for p in path.iterdir()):
        (path / "README.md").write_text("repo\n", encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "awal", when="2026-11-20T09:00:00+07:00")
    return path


def submission(number: int = 123, question: str = "Apakah pekerja lepas bisa KPR subsidi?", area: str = "pembiayaan",
               received: dt.datetime | None = None, deadline: dt.date = dt.date(2026, 11, 26),
               provinsi: str = "Jawa Barat") -> PublicSubmission:
    return PublicSubmission(
        ticket=f"KPKP-2026-{number:06d}", area=area, provinsi=provinsi,
        received=received or dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        deadline=deadline, question=question,
    )


def answer_and_merge(repo: Path, ticket: str, answer: str, *, when: str = "2026-11-24T09:00:00+07:00",
                     merged: str = "2026-11-24T15:00:00+07:00") -> None:
    """What a TA does: check out the review branch, write the answer, merge it into main."""
    git(repo, "checkout", "-q", f"pertanyaan/{ticket}")
    path = next((repo / "submissions").glob(f"*/*/{ticket}.md"))
    text = path.read_text(encoding="utf-8").replace("status: menunggu-jawaban", "status: dijawab")
    path.write_text(text + "\n" + answer + "\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", f"Jawab {ticket}", when=when)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", f"Gabung {ticket}", f"pertanyaan/{ticket}", when=merged)
