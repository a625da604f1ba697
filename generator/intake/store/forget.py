"""Erasing a person's data everywhere it lives on this machine (UU 27/2022): on request, or when retention ends."""

from __future__ import annotations

import calendar
from datetime import datetime

from sqlalchemy import select

from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store
from generator.intake.store.erasure import EraseIncomplete, forget_mail, reclaim
from generator.intake.store.register import Register
from generator.intake.store.schema import layanan, submissions


def erase_person(settings: IntakeSettings, store: Store, ticket: str, when: datetime) -> bool:
    """Erase one ticket: a web question with its identity and mail, or an off-line service's identity; False if unknown."""
    try:
        found = store.erase(ticket, when)
    except EraseIncomplete:
        forget_mail(settings, ticket)
        raise
    if found:
        forget_mail(settings, ticket)
        return True
    if Register(store).erase(ticket, when):  # a walk-in, field visit or imported guest-book row
        reclaim(store.engine)
        return True
    return False


def months_before(when: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's last day)."""
    total = when.year * 12 + when.month - 1 - months
    year, month = divmod(total, 12)
    day = min(when.day, calendar.monthrange(year, month + 1)[1])
    return when.replace(year=year, month=month + 1, day=day)


def erase_expired(settings: IntakeSettings, store: Store, now: datetime) -> int:
    """Erase identity and original text of every case closed more than KLINIK_RETENTION_MONTHS ago; return how many.

    A web question is closed when it is answered; an off-line service when it is recorded. Counts stay.
    """
    cutoff = months_before(now, settings.retention_months)
    with store.engine.connect() as conn:
        web = list(conn.execute(select(submissions.c.ticket).where(
            submissions.c.answered_at.is_not(None), submissions.c.answered_at < cutoff, submissions.c.erased_at.is_(None))).scalars())
        offline = list(conn.execute(select(layanan.c.ticket).where(
            layanan.c.kanal != "daring", layanan.c.tanggal < cutoff.date(), layanan.c.erased_at.is_(None))).scalars())
    for ticket in web + offline:
        erase_person(settings, store, ticket, now)
    return len(web) + len(offline)
