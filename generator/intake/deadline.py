"""The answer deadline: 3 working days (Mon-Fri minus libur nasional and cuti bersama, Perpres 21/2023)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import holidays
from pydantic import Field, StringConstraints

from ..errors import Problem
from ..frontmatter_io import load_model
from ..schemas import Strict

JAKARTA = ZoneInfo("Asia/Jakarta")
WORKING_DAYS = 3
OVERRIDE_FILE = "hari_libur.yml"
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]


class Koreksi(Strict):
    """One date the `holidays` package has wrong or does not know yet, with the decree behind it."""

    tanggal: date
    keterangan: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    sumber: Source = Field(description="Keputusan yang menetapkan, mis. SKB 3 Menteri atau Keppres.")


class HariLibur(Strict):
    """site_config/hari_libur.yml: late decrees added to or removed from the package's holiday list."""

    tambah: list[Koreksi] = Field(default_factory=list, description="Hari libur/cuti bersama yang ditambahkan.")
    hapus: list[Koreksi] = Field(default_factory=list, description="Tanggal yang ternyata hari kerja.")


@dataclass(frozen=True)
class Calendar:
    """Which days the clinic's TA work: the package's holidays plus the reviewed corrections."""

    added: frozenset[date]
    removed: frozenset[date]

    @functools.lru_cache(maxsize=32)
    def _package(self, year: int) -> frozenset[date]:
        days = holidays.country_holidays("ID", years=year, categories=("government", "public"))
        return frozenset(days.keys())

    def is_holiday(self, day: date) -> bool:
        return day in self.added or (day in self._package(day.year) and day not in self.removed)

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


def load_overrides(config_dir: Path, problems: list[Problem]) -> HariLibur | None:
    """Read and validate site_config/hari_libur.yml (missing file = no corrections)."""
    path = config_dir / OVERRIDE_FILE
    return load_model(path, HariLibur, problems)[0] if path.exists() else HariLibur()


def load_calendar(config_dir: Path) -> Calendar:
    """The working-day calendar; raises ContentErrors when the override file is invalid."""
    from ..errors import ContentErrors

    problems: list[Problem] = []
    overrides = load_overrides(config_dir, problems)
    if overrides is None:
        raise ContentErrors(problems)
    return Calendar(frozenset(k.tanggal for k in overrides.tambah), frozenset(k.tanggal for k in overrides.hapus))


def tanggal_indonesia(day: date) -> str:
    """26 November 2026: the date as people write it, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
