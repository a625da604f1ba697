"""The clinic's clock and calendar words: one time zone (WIB) and one way to write a date in Indonesian."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")
"""WIB, the clinic's time zone: deadlines, receipts, file months and feed stamps all use it."""

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def tanggal(day: dt.date) -> str:
    """26 November 2026: the date as people write it, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def waktu(value: dt.datetime) -> str:
    """23 November 2026 pukul 14.05 WIB."""
    local = value.astimezone(JAKARTA)
    return f"{tanggal(local.date())} pukul {local:%H.%M} WIB"


def today() -> dt.date:
    """Today in WIB (not the server's zone, which may be UTC)."""
    return dt.datetime.now(JAKARTA).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight WIB of a date, for feeds and stamps that need a moment rather than a day."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=JAKARTA)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC, so make it aware again."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)
