"""Answers on time, counted one way for the monthly report and the dashboard (siblings that cannot share code above)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from generator.intake.store.db import Store
from generator.intake.store.schema import layanan, submissions
from generator.util.dates import JAKARTA


@dataclass(frozen=True)
class OnTimeCount:
    """Of one month's web questions: answered by the deadline, judged (answered or past the deadline), still open in time."""

    tepat: int
    dinilai: int
    belum_jatuh_tempo: int


def judged_on_time(deadline: date, answered: datetime | None, as_of: date) -> bool | None:
    """True or False once a question can be judged (answered, or its deadline passed on `as_of`); None while it still can be on time."""
    if answered is None:
        return None if deadline >= as_of else False
    return answered.astimezone(JAKARTA).date() <= deadline


def on_time_by_month(store: Store, balai: str | None, months: list[date], as_of: date) -> dict[date, OnTimeCount]:
    """Per month of receipt (first days, in order): the deadline deadline.py set on arrival, against the answer's day in WIB."""
    if not months:
        return {}
    last = months[-1]
    end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    query = (select(layanan.c.tanggal, submissions.c.deadline, submissions.c.answered_at)
             .select_from(submissions.join(layanan, layanan.c.ticket == submissions.c.ticket))
             .where(layanan.c.tanggal >= months[0], layanan.c.tanggal < end))
    if balai is not None:
        query = query.where(layanan.c.balai == balai)
    tally = {m: [0, 0, 0] for m in months}
    with store.reading() as conn:
        for day, deadline, answered in conn.execute(query):
            row = tally.get(day.replace(day=1))
            if row is None:
                continue
            verdict = judged_on_time(deadline, answered, as_of)
            if verdict is None:
                row[2] += 1
            else:
                row[1] += 1
                row[0] += verdict
    return {m: OnTimeCount(*tally[m]) for m in months}
