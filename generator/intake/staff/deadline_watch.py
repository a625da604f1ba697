"""Which open questions are due today or late, per Balai and per TA, for the page, the digests and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from generator.intake.deadline import Calendar
from generator.intake.store.db import Store
from generator.intake.store.schema import layanan, staf, submissions

OPEN = "menunggu-jawaban"


@dataclass(frozen=True)
class OpenCase:
    """One open web question as staff see it in a deadline list: no name, phone, email or question text."""

    ticket: str
    area: str
    balai: str
    ta_id: int | None
    ta: str | None
    deadline: date
    terlambat: int  # working days since the deadline (0 when not past it, and on the weekend after it)
    jatuh_tempo: bool  # the deadline is today: its last working day
    lewat: bool  # the deadline has passed


def _open_query():
    return (select(layanan.c.ticket, layanan.c.area, layanan.c.balai, layanan.c.ta_id, staf.c.nama.label("ta"), submissions.c.deadline)
            .select_from(layanan.join(submissions, submissions.c.ticket == layanan.c.ticket)
                         .outerjoin(staf, staf.c.id == layanan.c.ta_id))
            .where(submissions.c.status == OPEN, submissions.c.answered_at.is_(None), submissions.c.erased_at.is_(None)))


def _cases(store: Store, calendar: Calendar, today: date, query) -> list[OpenCase]:
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(submissions.c.deadline, layanan.c.ticket)).all()
    return [OpenCase(r.ticket, r.area, r.balai, r.ta_id, r.ta, r.deadline,
                     calendar.working_days_between(r.deadline, today) if r.deadline < today else 0, r.deadline == today, r.deadline < today) for r in rows]


def due(store: Store, calendar: Calendar, today: date, balai: str | None) -> list[OpenCase]:
    """Open questions of one Balai (all with None) whose deadline is today or past, the most overdue first."""
    query = _open_query().where(submissions.c.deadline <= today)
    if balai is not None:
        query = query.where(layanan.c.balai == balai)
    found = _cases(store, calendar, today, query)
    return found  # oldest deadline first: the latest cases lead, those due today close the list


def open_by_ta(store: Store, calendar: Calendar, today: date) -> dict[int, list[OpenCase]]:
    """Every assigned open question by TA, for their digests: due today first, then late (oldest first), then the rest."""
    groups: dict[int, list[OpenCase]] = {}
    for c in _cases(store, calendar, today, _open_query().where(layanan.c.ta_id.is_not(None))):
        groups.setdefault(c.ta_id, []).append(c)
    return {ta: sorted(found, key=lambda c: (not c.jatuh_tempo, not c.lewat, c.deadline, c.ticket)) for ta, found in groups.items()}


def by_balai(cases: list[OpenCase]) -> dict[str, list[OpenCase]]:
    """The Ditjen's view: the same list grouped by Balai, Balai in name order."""
    groups: dict[str, list[OpenCase]] = {}
    for c in cases:
        groups.setdefault(c.balai, []).append(c)
    return dict(sorted(groups.items()))


def counts(store: Store, today: date) -> dict[str, dict[str, int]]:
    """Per Balai, in one grouped query: open questions, due today, late (deadline before today)."""
    query = (select(layanan.c.balai, func.count(),
                    func.sum(case((submissions.c.deadline == today, 1), else_=0)),
                    func.sum(case((submissions.c.deadline < today, 1), else_=0)))
             .select_from(layanan.join(submissions, submissions.c.ticket == layanan.c.ticket))
             .where(submissions.c.status == OPEN, submissions.c.answered_at.is_(None), submissions.c.erased_at.is_(None))
             .group_by(layanan.c.balai))
    with store.engine.connect() as conn:
        return {balai: {"terbuka": int(total), "jatuh_tempo": int(today_n or 0), "terlambat": int(late or 0)}
                for balai, total, today_n, late in conn.execute(query)}
