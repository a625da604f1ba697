"""When each published page was last reviewed, when it is due again, and the `klinik check` warning once it is overdue."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.content.schemas import SECTION_TITLES
from generator.util.dates import tanggal
from generator.util.errors import Problem, problem

REVIEW_FIELDS = ("ditinjau", "tanggal")
"""The review date of a page: `ditinjau`, or `tanggal` (publication) for a kind that has no `ditinjau`."""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (31 January + 1 month = 28 or 29 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Review:
    """One published page's review date, the field it comes from, and the day it is due for review again."""

    document: Document
    field: str
    reviewed: dt.date
    due: dt.date | None
    """None when site.yml `tinjau_bulan` is 0 (no review age is set)."""

    @property
    def kind(self) -> str:
        """The kind of content as the site names it (Tanya Jawab, Artikel ...)."""
        return SECTION_TITLES.get(self.document.section, self.document.section)


def review_of(doc: Document, months: int) -> Review | None:
    """The review date of one document (None for a kind with neither field, such as a module)."""
    for name in REVIEW_FIELDS:
        value = getattr(doc.entry, name, None)
        if isinstance(value, dt.date):
            return Review(doc, name, value, add_months(value, months) if months else None)
    return None


def reviews(content: ContentSet) -> list[Review]:
    """Every published page with a review date, the longest unreviewed first (then by path, so the order is fixed)."""
    months = content.config.meta.tinjau_bulan
    found = [r for r in (review_of(d, months) for d in content.documents if d.published) if r is not None]
    return sorted(found, key=lambda r: (r.reviewed, r.document.src_uri))


def due_for_review(content: ContentSet, today: dt.date) -> list[Review]:
    """The pages whose review is older than site.yml `tinjau_bulan` months on `today`, oldest first; none when it is 0."""
    return [r for r in reviews(content) if r.due is not None and r.due < today]


def last_reviewed(docs: list[Document]) -> dt.date | None:
    """The newest review date among some pages (the FAQ index says when its answers were last reviewed)."""
    dates = [r.reviewed for r in (review_of(d, 0) for d in docs) if r is not None]
    return max(dates, default=None)


def check_freshness(content: ContentSet, today: dt.date) -> list[Problem]:
    """A warning (never an error) at the review date of every published page not reviewed for `tinjau_bulan` months."""
    months = content.config.meta.tinjau_bulan
    out = []
    for r in due_for_review(content, today):
        when = "terakhir ditinjau" if r.field == "ditinjau" else "terbit dan belum ditinjau sejak"
        out.append(problem(r.document.path, r.document.line_of(r.field), r.field,
                           f"{when} {tanggal(r.reviewed)}, lebih dari {months} bulan lalu (batas site.yml tinjau_bulan): "
                           f"periksa lagi isi dan dasar hukumnya, lalu perbarui {r.field}", peringatan=True))
    return out
