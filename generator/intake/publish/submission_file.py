"""The submission file (submissions/YYYY/MM/TICKET.md): one format written by the bot, read by TA tools."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

import yaml
from pydantic import AwareDatetime, Field, StringConstraints, ValidationError

from generator.intake.model import PublicSubmission
from generator.util.dates import JAKARTA
from generator.util.errors import ContentErrors, Problem, problem
from generator.util.fields import TICKET_PATTERN, ShortText, Slug, Strict
from generator.util.yaml_io import pydantic_problems, split_front_matter

"""Asia/Jakarta has had no daylight saving since 1964: a fixed offset needs no tz database."""

SUBMISSIONS_DIR = "submissions"
QUESTION_HEADING = "## Pertanyaan"
ANSWER_HEADING = "## Jawaban"
STATUSES = ("menunggu-jawaban", "dijawab", "diterbitkan")
_TICKET = re.compile(TICKET_PATTERN)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_FENCE_OPEN = re.compile(r"^(?P<fence>~{3,}|`{3,})text\s*$")


class SubmissionMeta(Strict):
    """Front matter of a submission file."""

    tiket: Annotated[str, StringConstraints(pattern=TICKET_PATTERN)]
    bidang: Slug
    diterima: AwareDatetime
    tenggat: dt.date
    status: Literal["menunggu-jawaban", "dijawab", "diterbitkan"]
    provinsi: ShortText = Field(max_length=100)
    lanjutan_dari: Annotated[str, StringConstraints(pattern=TICKET_PATTERN)] | None = None
    """A follow-up names the case it continues, so the TA reads the earlier question and answer first."""


@dataclass(frozen=True)
class SubmissionFile:
    """A parsed submission: the public question and, once a TA wrote it, the answer."""

    ticket: str
    area: str
    provinsi: str
    received: dt.datetime
    deadline: dt.date
    status: str
    question: str
    answer_markdown: str
    follows: str | None = None


def path_for(ticket: str, received: dt.datetime) -> PurePosixPath:
    """Where a ticket's file lives: submissions/YYYY/MM/TICKET.md, month of receipt in WIB."""
    local = received.astimezone(JAKARTA)
    return PurePosixPath(SUBMISSIONS_DIR, f"{local.year:04d}", f"{local.month:02d}", f"{ticket}.md")


def _longest_run(text: str, char: str) -> int:
    return max((len(m) for m in re.findall(f"{re.escape(char)}+", text)), default=0)


def clean_question(text: str) -> str:
    """Normalise line ends, drop control and bidi-override characters, trim blank edges."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _yaml_line(key: str, value: str) -> str:
    """One `key: value` line quoted by the YAML emitter, so no value can break out of its line."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10_000, default_flow_style=False).rstrip("\n")


def render(item: PublicSubmission) -> str:
    """Return the exact file text for a submission; the question sits only inside a text fence."""
    if not _TICKET.match(item.ticket):
        raise ValueError(f"nomor tiket tidak valid: {item.ticket!r}")
    if item.follows is not None and not _TICKET.match(item.follows):
        raise ValueError(f"nomor tiket lanjutan tidak valid: {item.follows!r}")
    if not _SLUG.match(item.area):
        raise ValueError(f"bidang tidak valid: {item.area!r}")
    if item.received.tzinfo is None:
        raise ValueError("waktu diterima harus memakai zona waktu")
    question = clean_question(item.question)
    if not question.strip():
        raise ValueError("pertanyaan kosong")
    fence = "~" * max(6, _longest_run(question, "~") + 1, _longest_run(question, "`") + 1)
    provinsi = " ".join(item.provinsi.split())
    lines = [
        "---",
        f"tiket: {item.ticket}",
        f"bidang: {item.area}",
        f"diterima: {item.received.astimezone(JAKARTA).isoformat(timespec='seconds')}",
        f"tenggat: {item.deadline.isoformat()}",
        "status: menunggu-jawaban",
        _yaml_line("provinsi", provinsi),
        *([f"lanjutan_dari: {item.follows}"] if item.follows else []),
        "---",
        QUESTION_HEADING,
        "",
        f"{fence}text",
        question,
        fence,
        "",
        ANSWER_HEADING,
        "",
    ]
    return "\n".join(lines)


def _fail(path: Path, line: int, field: str, message: str) -> ContentErrors:
    return ContentErrors([problem(path, line, field, message)])


def _parse_body(body: str, first_line: int, path: Path) -> tuple[str, str, int]:
    """Return (question, answer, line of the answer heading in the body); the question is the fenced block, verbatim."""
    lines = body.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].rstrip() != QUESTION_HEADING:
        raise _fail(path, first_line + index, "Pertanyaan", f"isi berkas harus diawali '{QUESTION_HEADING}'")
    index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    opening = _FENCE_OPEN.match(lines[index]) if index < len(lines) else None
    if opening is None:
        raise _fail(path, first_line + index, "Pertanyaan", "pertanyaan harus berada dalam blok ~~~~~~text ... ~~~~~~")
    fence = opening["fence"]
    start = index + 1
    close = next(
        (i for i in range(start, len(lines)) if lines[i].strip() and set(lines[i].strip()) == {fence[0]} and len(lines[i].strip()) >= len(fence)),
        None,
    )
    if close is None:
        raise _fail(path, first_line + index, "Pertanyaan", f"blok pertanyaan yang dibuka di sini tidak ditutup dengan {fence}")
    question = "\n".join(lines[start:close])
    index = close + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines) or lines[index].rstrip() != ANSWER_HEADING:
        raise _fail(path, first_line + min(index, len(lines) - 1), "Jawaban", f"setelah pertanyaan harus ada bagian '{ANSWER_HEADING}'")
    answer = "\n".join(lines[index + 1 :]).strip()
    return question, answer, index


def parse(text: str, path: Path) -> SubmissionFile:
    """Read a submission file; raise ContentErrors naming the file, line and field of each mistake."""
    problems: list[Problem] = []
    data, body, body_line = split_front_matter(text, path, problems)
    if data is None:
        raise ContentErrors(problems)
    try:
        meta = SubmissionMeta.model_validate(data)
    except ValidationError as exc:
        front = text.lstrip("\ufeff").split("\n")
        raise ContentErrors(pydantic_problems(path, "\n".join(front[1 : body_line - 2]), exc, offset=1)) from None
    if path.name != f"{meta.tiket}.md":
        raise _fail(path, 2, "tiket", f"nama berkas harus {meta.tiket}.md")
    question, answer, _ = _parse_body(body, body_line, path)
    return SubmissionFile(
        ticket=meta.tiket, area=meta.bidang, provinsi=meta.provinsi, received=meta.diterima,
        deadline=meta.tenggat, status=meta.status, question=question, answer_markdown=answer, follows=meta.lanjutan_dari,
    )


def with_status(text: str, status: str) -> str:
    """Return the file text with its front-matter status replaced, every other byte unchanged."""
    if status not in STATUSES:
        raise ValueError(f"status tidak dikenal: {status!r}")
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    for i in range(1, close):
        if lines[i].startswith("status:"):
            lines[i] = f"status: {status}"
            return "\n".join(lines)
    raise ValueError("front matter tanpa status")


def with_answer(text: str, answer: str, path: Path) -> str:
    """Return the file text with the answer section replaced and the status `dijawab`; the question stays byte-equal."""
    body_text = clean_question(answer)
    if not body_text.strip():
        raise ValueError("jawaban kosong")
    problems: list[Problem] = []
    _, body, body_line = split_front_matter(text, path, problems)
    if problems:
        raise ContentErrors(problems)
    _, _, heading = _parse_body(body, body_line, path)
    lines = text.split("\n")
    start = len(lines) - len(body.split("\n"))  # the body is the tail of the text
    return with_status("\n".join([*lines[: start + heading], ANSWER_HEADING, "", body_text, ""]), "dijawab")
