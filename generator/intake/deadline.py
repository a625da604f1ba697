"""The answer deadline: 3 working days (Mon-Fri minus libur nasional and cuti bersama, Perpres 21/2023)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays

from generator.config.hari_libur import HariLibur, load_hari_libur
from generator.util.dates import JAKARTA
from generator.util.errors import ContentErrors, Problem

WORKING_DAYS = 3


@functools.lru_cache(maxsize=32)
def package_holidays(year: int) -> frozenset[date]:
    """The `holidays` package's national holidays and cuti bersama of one year (computed once per year)."""
    days = holidays.country_holidays("ID", years=year, categories=("government", "public"))
    return frozenset(days.keys())


@dataclass(frozen=True)
class Calendar:
    """Which days the clinic's TA work: the package's holidays plus the reviewed corrections."""

    added: frozenset[date]
    removed: frozenset[date]

    def is_holiday(self, day: date) -> bool:
        return day in self.added or (day in package_holidays(day.year) and day not in self.removed)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def deadline(self, received: datetime | date, days: int = WORKING_DAYS) -> date:
        """Day 1 is the first working day AFTER the day received (also after office hours), so the asker
        always gets `days` full working days."""
        day = received.astimezone(JAKARTA).date() if isinstance(received, datetime) else received
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when end is before start)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(self.is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def load_calendar(config_dir: Path) -> Calendar:
    """The working-day calendar; raises ContentErrors when the override file is invalid."""
    problems: list[Problem] = []
    overrides = load_hari_libur(config_dir, problems)
    if overrides is None:
        raise ContentErrors(problems)
    return calendar_of(overrides)


def calendar_of(overrides: HariLibur) -> Calendar:
    """The calendar of an already validated hari_libur.yml."""
    return Calendar(frozenset(k.tanggal for k in overrides.tambah), frozenset(k.tanggal for k in overrides.hapus))


