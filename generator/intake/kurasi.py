"""TA side of the intake: list open questions with their deadline state, turn answers into FAQ."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .deadline import load_calendar
from ..errors import ContentErrors, GeneratorError, Problem, problem, summary
from ..markup import markup_in, neutralise
from ..pipeline import Project
from ..safe_read import MARKDOWN_LIMIT, Refused, read_text
from .gitrepo import GitFailed, Repo
from .publish_git import BRANCH_PREFIX, month_candidates
from .redact import find_personal_data
from .submission_file import SUBMISSIONS_DIR, SubmissionFile, parse, path_for, with_status

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


def daftar(project: Project, today: dt.date) -> str:
    """The table `klinik kurasi daftar` prints."""
    rows, problems = open_submissions(project)
    if problems:
        raise ContentErrors(problems)
    if not rows:
        return "Tidak ada pertanyaan terbuka."
    calendar = load_calendar(project.root / "site_config")  # age counts working days, as the deadline does
    table = [("tiket", "bidang", "diterima", "umur", "tenggat", "keadaan")]
    for f in rows:
        s = f.submission
        age = calendar.working_days_between(s.received.date(), today)
        table.append((s.ticket, s.area, s.received.date().isoformat(), f"{age} hari kerja", s.deadline.isoformat(), sla_state(s, today)))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in table]
    counts = {state: sum(sla_state(f.submission, today) == state for f in rows) for state in (LATE, DUE_TODAY, ON_TIME, ANSWERED)}
    lines.append(f"{len(rows)} pertanyaan terbuka: " + ", ".join(f"{n} {state}" for state, n in counts.items() if n) + ".")
    return "\n".join(lines)


def faq_question(submission: SubmissionFile, override: str | None) -> str:
    """The FAQ question: the TA's wording, or the (already redacted) question on one line, its markup made inert."""
    text = " ".join((override or submission.question).split())
    if not override:
        text = neutralise(text)  # '<script>' stays readable as '< script>'; the site escapes it as well
    found = markup_in(text)
    if found:
        if override:
            raise GeneratorError(f"--pertanyaan memuat markup HTML atau tautan skrip ({found!r}); tulis sebagai teks biasa")
        raise GeneratorError(f"pertanyaan {submission.ticket} memuat markup HTML atau tautan skrip ({found!r}); tulis ulang sebagai teks biasa dengan --pertanyaan")
    if len(text) > 300:
        raise GeneratorError(f"pertanyaan {submission.ticket} {len(text)} karakter; FAQ paling panjang 300: ringkas dengan --pertanyaan \"...\"")
    if find_personal_data(text):
        raise GeneratorError(f"pertanyaan {submission.ticket} masih memuat data pribadi ({', '.join(find_personal_data(text))}); tulis ulang dengan --pertanyaan")
    return text


def terbitkan(project: Project, ticket: str, slug: str, *, subtopik: str | None = None, pertanyaan: str | None = None, today: dt.date | None = None) -> list[str]:
    """Write content/faq/<area>/<slug>.md from an answered submission and mark it diterbitkan."""
    from ..commands import check, describe_counts, new_faq  # commands imports the whole build stack; load it only here

    found, _ = gather_submissions(project)
    if ticket not in found:
        raise GeneratorError(f"tiket {ticket} tidak ditemukan di {SUBMISSIONS_DIR}/ maupun cabang {BRANCH_PREFIX}{ticket}")
    item = found[ticket]
    if not item.submission.answer_markdown:
        raise GeneratorError(f"tiket {ticket} belum dijawab: isi bagian '## Jawaban' di {item.source} dulu")
    if item.submission.status == "diterbitkan":
        raise GeneratorError(f"tiket {ticket} sudah diterbitkan")
    question = faq_question(item.submission, pertanyaan)
    state, problems = check(project)
    if state is not None:
        taken = [d.src_uri for d in state.content.documents if getattr(d.entry, "tiket", None) == ticket]
        if taken:
            raise GeneratorError(f"tiket {ticket} sudah menjadi FAQ content/{taken[0]}")
    faq = new_faq(
        project, topik=item.submission.area, subtopik=subtopik, pertanyaan=question,
        jawaban=item.submission.answer_markdown, slug=slug, tiket=ticket, today=today,
    )
    target = project.root / (item.source if item.in_tree else str(path_for(ticket, item.submission.received)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(with_status(item.text, "diterbitkan"), encoding="utf-8")
    state, problems = check(project)
    if problems:  # e.g. a link in the answer that does not resolve: undo both writes
        faq.unlink()
        if item.in_tree:
            target.write_text(item.text, encoding="utf-8")
        else:
            target.unlink()
        raise GeneratorError(f"tiket {ticket} tidak diterbitkan; perbaiki jawabannya dulu:\n{summary(problems)}")
    return [faq.relative_to(project.root).as_posix(), target.relative_to(project.root).as_posix(), describe_counts(state)]

