"""The review queue as git holds it: submission files in the working tree and on unmerged pertanyaan/* branches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.config.project import Project
from generator.intake.publish.git import BRANCH_PREFIX, month_candidates
from generator.intake.publish.gitrepo import GitFailed, Repo
from generator.intake.publish.submission_file import SUBMISSIONS_DIR, SubmissionFile, parse
from generator.util.errors import ContentErrors, Problem, problem
from generator.util.safe_read import MARKDOWN_LIMIT, Refused, read_text

ON_TIME, DUE_TODAY, LATE, ANSWERED = "tepat waktu", "jatuh tempo hari ini", "terlambat", "sudah dijawab"


@dataclass(frozen=True)
class Found:
    """A submission and where it was read: a file in the working tree, or a review branch."""

    submission: SubmissionFile
    text: str
    source: str  # path relative to the project, or the branch ref
    in_tree: bool


def sla_state(submission: SubmissionFile, today: dt.date) -> str:
    """Answered, or where today stands against the deadline in the file (no holiday logic needed)."""
    if submission.answer_markdown:
        return ANSWERED
    if today < submission.deadline:
        return ON_TIME
    return DUE_TODAY if today == submission.deadline else LATE


def _from_tree(project: Project, problems: list[Problem]) -> dict[str, Found]:
    found = {}
    for path in sorted((project.root / SUBMISSIONS_DIR).glob("*/*/*.md")):
        try:  # never a link, a pipe or a huge file: `klinik check` reads these too
            text = read_text(path, MARKDOWN_LIMIT)
        except Refused as exc:
            problems.append(problem(path, exc.line, "berkas", str(exc)))
            continue
        try:
            submission = parse(text, path)
        except ContentErrors as exc:
            problems.extend(exc.problems)
            continue
        found[submission.ticket] = Found(submission, text, path.relative_to(project.root).as_posix(), True)
    return found


def _from_branches(project: Project, problems: list[Problem]) -> dict[str, Found]:
    """Submissions on pertanyaan/* branches (local or remote-tracking) that are not merged yet."""
    repo = Repo(project.root)
    try:
        refs = repo.branches(BRANCH_PREFIX)
    except GitFailed:
        return {}  # not a git checkout: only the working tree counts
    specs = {ref: month_candidates(ref.rsplit("/", 1)[1], ref) for ref in refs if ref.rsplit("/", 1)[1].startswith("KPKP-")}
    blobs = repo.read_blobs([spec for group in specs.values() for spec in group])
    found: dict[str, Found] = {}
    for ref, group in specs.items():
        spec = next((s for s in group if blobs.get(s) is not None), None)
        if spec is None:
            continue
        try:
            submission = parse(blobs[spec], Path(spec.split(":", 1)[1]))
        except ContentErrors as exc:
            problems.extend(exc.problems)
            continue
        found.setdefault(submission.ticket, Found(submission, blobs[spec], ref, False))
    return found


def submission_problems(project: Project) -> list[Problem]:
    """Mistakes in the submission files of the working tree (part of `klinik check`)."""
    problems: list[Problem] = []
    _from_tree(project, problems)
    return problems


def gather_submissions(project: Project) -> tuple[dict[str, Found], list[Problem]]:
    """Every submission by ticket; the working tree wins over a branch for the same ticket."""
    problems: list[Problem] = []
    found = _from_branches(project, problems)
    found.update(_from_tree(project, problems))
    return found, problems


def open_submissions(project: Project) -> tuple[list[Found], list[Problem]]:
    """Submissions not yet published as FAQ, by deadline then ticket."""
    found, problems = gather_submissions(project)
    rows = [f for f in found.values() if f.submission.status != "diterbitkan"]
    return sorted(rows, key=lambda f: (f.submission.deadline, f.submission.ticket)), problems
