"""The back-office dashboard's figures, read from the register, the answers, the page counts and the survey in one place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import func, select

from generator.config.ikm import months_of, periode_of
from generator.intake.model import KANAL
from generator.intake.store.db import Store
from generator.intake.store.on_time import on_time_by_month
from generator.intake.store.pageviews import page_views_by_day
from generator.intake.store.schema import layanan
from generator.intake.store.survey import index_of, survey_responses
from generator.measure.ikm import round_half_up

WEEKS = 12
MONTHS = 6
PERIODS = 4


@dataclass(frozen=True)
class OnTime:
    """Web questions received in one month answered within their deadline (3 working days, deadline.py), of those
    answered or already past their deadline; the rest are not yet due and not judged."""

    bulan: date
    tepat: int
    dinilai: int
    belum_jatuh_tempo: int

    @property
    def persen(self) -> Decimal | None:
        """tepat / dinilai x 100, half up to two decimals (None with nothing to judge)."""
        if not self.dinilai:
            return None
        return round_half_up(Fraction(self.tepat * 100, self.dinilai))


@dataclass(frozen=True)
class IkmPoint:
    """One semester's index from the survey (measure/ikm.py), or no respondents (ikm None)."""

    periode: str
    n: int
    ikm: Decimal | None = None
    mutu: str | None = None
    kinerja: str | None = None
    unsur: str | None = None


@dataclass(frozen=True)
class Dashboard:
    """Everything the page draws for one Balai (None: all Balai): the weeks end with the week of `today`."""

    balai: str | None
    today: date
    weeks: list[date]  # the Monday of each week, oldest first
    per_kanal: dict[str, list[int]]  # channel -> services per week
    on_time: list[OnTime]  # oldest month first
    views: list[int]  # page views of the whole site per week (the beacon knows no Balai)
    ikm: list[IkmPoint]  # oldest period first


def week_starts(today: date, count: int = WEEKS) -> list[date]:
    """The Mondays of the last `count` weeks, the current week last."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=count - 1 - i) for i in range(count)]


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the last `count` months, the current month last."""
    index = today.year * 12 + today.month - 1
    return [date((index - i) // 12, (index - i) % 12 + 1, 1) for i in range(count - 1, -1, -1)]


def periods(today: date, count: int = PERIODS) -> list[str]:
    """The last `count` semesters (YYYY-S1/S2), the current one last."""
    out, day = [], today
    for _ in range(count):
        slug = periode_of(day)
        out.insert(0, slug)
        day = date(day.year, 1, 1) - timedelta(days=1) if slug.endswith("S1") else date(day.year, 6, 30)
    return out


def services_per_week(store: Store, balai: str | None, weeks: list[date]) -> dict[str, list[int]]:
    """Register rows per channel and week (every channel, zeros included), by the day the service was given."""
    end = weeks[-1] + timedelta(days=6)
    query = (select(layanan.c.tanggal, layanan.c.kanal, func.count()).where(layanan.c.tanggal >= weeks[0], layanan.c.tanggal <= end)
             .group_by(layanan.c.tanggal, layanan.c.kanal))
    if balai is not None:
        query = query.where(layanan.c.balai == balai)
    counts = {kanal: [0] * len(weeks) for kanal in KANAL}
    with store.reading() as conn:
        for day, kanal, count in conn.execute(query):
            counts.setdefault(kanal, [0] * len(weeks))[(day - weeks[0]).days // 7] += int(count)
    return counts


def answers_on_time(store: Store, balai: str | None, months: list[date], today: date) -> list[OnTime]:
    """Per month of receipt: answered by the deadline set on arrival, of those answered or past their deadline today."""
    counts = on_time_by_month(store, balai, months, today)
    return [OnTime(m, counts[m].tepat, counts[m].dinilai, counts[m].belum_jatuh_tempo) for m in months]


def views_per_week(store: Store, weeks: list[date]) -> list[int]:
    """Page views and downloads of the whole public site per week."""
    per_week = [0] * len(weeks)
    for day, count in page_views_by_day(store, weeks[0], weeks[-1] + timedelta(days=6)).items():
        per_week[(day - weeks[0]).days // 7] += count
    return per_week


def ikm_trend(store: Store, balai: str | None, slugs: list[str]) -> list[IkmPoint]:
    """The index per semester; a period whose answers mix element sets is computed on the set most answered."""
    points = []
    for slug in slugs:
        found = index_of(survey_responses(store, balai, months_of(slug)))
        if found is None:
            points.append(IkmPoint(slug, 0))
            continue
        unsur, result = found
        points.append(IkmPoint(slug, result.n, result.ikm, result.mutu, result.kinerja, unsur))
    return points


def gather(store: Store, balai: str | None, today: date) -> Dashboard:
    """Read every figure of the dashboard for one Balai (None: all) as of `today` (WIB)."""
    weeks = week_starts(today)
    return Dashboard(balai=balai, today=today, weeks=weeks, per_kanal=services_per_week(store, balai, weeks),
                     on_time=answers_on_time(store, balai, month_starts(today), today), views=views_per_week(store, weeks),
                     ikm=ikm_trend(store, balai, periods(today)))
