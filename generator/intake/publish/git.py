"""The `git` backend: one review branch per ticket in a local repository, created atomically."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path, PurePosixPath

from generator.intake.model import Answer, PublicSubmission, PublishError, PublishRetry
from generator.intake.privacy.redact import find_personal_data
from generator.intake.publish.gitrepo import GitFailed, Repo, bot_env, commit_file
from generator.intake.publish.submission_file import SUBMISSIONS_DIR, parse, path_for, render
from generator.util.errors import GeneratorError
from generator.util.fields import TICKET_PATTERN

log = logging.getLogger(__name__)
BRANCH_PREFIX = "pertanyaan/"
_TICKET = re.compile(TICKET_PATTERN)
_SUBMISSION_PATH = re.compile(rf"^{SUBMISSIONS_DIR}/\d{{4}}/\d{{2}}/(KPKP-\d{{4}}-\d{{6}})\.md$")


def branch_for(ticket: str) -> str:
    """The review branch of a ticket: its name is the ticket, so a ticket can never get two."""
    return f"{BRANCH_PREFIX}{ticket}"


def commit_message(item: PublicSubmission) -> str:
    """Ticket and area only: no personal data ever enters a commit message."""
    return f"Pertanyaan {item.ticket} ({item.area})"


def publishable_text(item: PublicSubmission) -> str:
    """The file text, after the last guard: redaction must have removed every piece of personal data."""
    kinds = find_personal_data(item.question)
    if kinds:
        raise PublishError(f"{item.ticket}: pertanyaan masih memuat data pribadi ({', '.join(kinds)}); tidak diterbitkan")
    try:
        return render(item)
    except ValueError as exc:
        raise PublishError(f"{item.ticket}: {exc}") from None


def is_ticket(text: str) -> bool:
    """Whether text is a ticket number (KPKP-2026-000123); webhook input is checked with it."""
    return bool(_TICKET.fullmatch(text))


def month_candidates(ticket: str, base: str) -> list[str]:
    """Every place a ticket's file can be on `base`: the year is in the ticket, the month is not."""
    year = ticket.split("-")[1]
    return [f"{base}:{SUBMISSIONS_DIR}/{year}/{month:02d}/{ticket}.md" for month in range(1, 13)]


class GitPublisher:
    """Publish to a local repository with plumbing (hash-object, commit-tree, update-ref)."""

    def __init__(self, repo_path: Path, base_branch: str = "main"):
        self.repo = Repo(Path(repo_path))
        self.base_branch = base_branch

    def _base_commit(self) -> str:
        base = self.repo.resolve(f"refs/heads/{self.base_branch}")
        if base is not None:
            return base
        try:
            self.repo.run("rev-parse", "--git-dir")
        except GitFailed as exc:
            raise PublishError(f"{self.repo.path}: bukan repositori git yang bisa dipakai ({exc})") from None
        raise PublishError(f"cabang dasar {self.base_branch!r} tidak ada di {self.repo.path}")

    def _commit(self, item: PublicSubmission, text: str, base: str, path: str) -> str:
        when = item.received.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")
        return commit_file(self.repo, base, path, text, commit_message(item), bot_env(when))

    def publish(self, item: PublicSubmission) -> str:
        """Create branch pertanyaan/TICKET adding the submission file; return the branch name."""
        text = publishable_text(item)
        branch = branch_for(item.ticket)
        ref = f"refs/heads/{branch}"
        path = str(path_for(item.ticket, item.received))
        try:
            if self.repo.resolve(ref):
                return branch
            base = self._base_commit()
            if self.repo.read_blobs([f"{base}:{path}"])[f"{base}:{path}"] is not None:
                return branch  # already merged (and its branch deleted): never re-add an unanswered copy
            commit = self._commit(item, text, base, path)
            self.repo.run("update-ref", "-m", commit_message(item), ref, commit, "0" * len(base))
        except GitFailed as exc:
            if self.repo.resolve(ref):  # another worker created it first: same ticket, same branch
                return branch
            if exc.returncode == 127:
                raise PublishError(f"{self.repo.path}: {exc}") from None
            raise PublishRetry(f"{item.ticket}: {exc}") from None
        except OSError as exc:
            raise PublishRetry(f"{item.ticket}: {type(exc).__name__}") from None
        return branch

    def _submission_paths(self) -> dict[str, str]:
        out = self.repo.run("ls-tree", "-r", "--name-only", "-z", f"refs/heads/{self.base_branch}", "--", f"{SUBMISSIONS_DIR}/")
        return {m[1]: path for path in out.split("\0") if (m := _SUBMISSION_PATH.match(path))}

    def _answer_times(self, paths: list[str]) -> dict[str, dt.datetime]:
        """Per file, the time of the first commit on the base branch whose version has an answer."""
        wanted = set(paths)
        if not wanted:
            return {}
        out = self.repo.run("log", "--reverse", "--format=%x01%H %cI", "--name-only", f"refs/heads/{self.base_branch}", "--", f"{SUBMISSIONS_DIR}/")
        history: dict[str, list[tuple[str, str]]] = {}
        for entry in out.split("\x01")[1:]:
            header, *files = entry.strip("\n").split("\n")
            sha, when = header.split(" ", 1)
            for path in files:
                if path in wanted:
                    history.setdefault(path, []).append((sha, when))
        blobs = self.repo.read_blobs([f"{sha}:{path}" for path, commits in history.items() for sha, _ in commits])
        times = {}
        for path, commits in history.items():
            when = next((w for sha, w in commits if (text := blobs.get(f"{sha}:{path}")) and _answer_of(text, path)), None)
            if when:
                times[path] = dt.datetime.fromisoformat(when)
        return times

    def _answers_for(self, paths: dict[str, str]) -> list[Answer]:
        base = f"refs/heads/{self.base_branch}"
        blobs = self.repo.read_blobs([f"{base}:{path}" for path in paths.values()])
        answered = {ticket: answer for ticket, path in paths.items() if (text := blobs.get(f"{base}:{path}")) and (answer := _answer_of(text, path))}
        times = self._answer_times([paths[ticket] for ticket in answered])
        return [
            Answer(ticket=ticket, answer_markdown=answer, answered_at=times[paths[ticket]])
            for ticket, answer in sorted(answered.items()) if paths[ticket] in times
        ]

    def answers(self) -> list[Answer]:
        """Answers on the base branch: submissions whose `## Jawaban` section is not empty."""
        try:
            self._base_commit()
            return self._answers_for(self._submission_paths())
        except GitFailed as exc:
            raise PublishRetry(f"membaca jawaban: {exc}") from None

    def fetch_answer(self, ticket: str) -> Answer | None:
        """The answer for one ticket on the base branch, or None."""
        if not is_ticket(ticket):
            return None
        try:
            base = self._base_commit()
            specs = month_candidates(ticket, base)
            blobs = self.repo.read_blobs(specs)
            path = next((spec.split(":", 1)[1] for spec in specs if blobs[spec] is not None), None)
            found = self._answers_for({ticket: path}) if path else []
            return found[0] if found else None
        except GitFailed as exc:
            raise PublishRetry(f"membaca jawaban {ticket}: {exc}") from None


def _answer_of(text: str, path: str) -> str:
    """The answer in a submission file, or "" when empty or unreadable (a broken file is logged)."""
    try:
        return parse(text, Path(PurePosixPath(path))).answer_markdown
    except GeneratorError as exc:
        log.warning("berkas pertanyaan tidak terbaca: %s", str(exc).splitlines()[0])
        return ""
