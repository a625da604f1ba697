"""The answer deadline: N working days (Mon-Fri minus libur nasional and cuti bersama, Perpres 21/2023); N is the
service standard's `ketentuan.jangka_waktu_hari_kerja` (config/standar_pelayanan), the figure the pages print."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays

from generator.config.hari_libur import HariLibur, load_hari_libur
from generator.config.standar_pelayanan import JANGKA_WAKTU_HARI_KERJA, ketentuan_of, load_standar
from generator.util.dates import JAKARTA
from generator.util.errors import ContentErrors, Problem
from generator.util.terbilang import angka_terbilang


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
    working_days: int = JANGKA_WAKTU_HARI_KERJA
    """How many working days an answer may take: site_config/standar_pelayanan.yml, read by load_calendar/calendar_of."""

    @property
    def jangka(self) -> str:
        """The deadline as every page words it, "3 (tiga) hari kerja", so no page types the figure itself."""
        return f"{angka_terbilang(self.working_days)} hari kerja"

    def is_holiday(self, day: date) -> bool:
        return day in self.added or (day in package_holidays(day.year) and day not in self.removed)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def deadline(self, received: datetime | date, days: int | None = None) -> date:
        """Day 1 is the first working day AFTER the day received (also after office hours), so the asker
        always gets `days` (by default the standard's) full working days."""
        days = self.working_days if days is None else days
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
    """The working-day calendar and the deadline; raises ContentErrors when hari_libur.yml or standar_pelayanan.yml is invalid."""
    problems: list[Problem] = []
    overrides = load_hari_libur(config_dir, problems)
    standar = load_standar(config_dir, problems)
    if overrides is None or problems:
        raise ContentErrors(problems)
    return calendar_of(overrides, ketentuan_of(standar).jangka_waktu_hari_kerja)


def calendar_of(overrides: HariLibur, working_days: int) -> Calendar:
    """The calendar of an already validated hari_libur.yml, with the standard's deadline in working days."""
    return Calendar(frozenset(k.tanggal for k in overrides.tambah), frozenset(k.tanggal for k in overrides.hapus), working_days)


