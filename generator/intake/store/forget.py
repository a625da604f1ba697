"""Erasing a person's data everywhere it lives on this machine (UU 27/2022): on request, or when retention ends."""

from __future__ import annotations

import calendar
from datetime import datetime

from sqlalchemy import select

from generator.intake.settings import IntakeSettings
from generator.intake.store.complaints import Complaints
from generator.intake.store.db import Store
from generator.intake.store.erasure import EraseIncomplete, forget_mail, reclaim
from generator.intake.store.followups import chain
from generator.intake.store.register import Register
from generator.intake.store.schema import layanan, submissions
from generator.intake.store.survey import purge_expired
from generator.util.dates import utc


def erase_person(settings: IntakeSettings, store: Store, ticket: str, when: datetime) -> bool:
    """Erase one ticket: a web question with its identity and mail, or an off-line service's identity; False if unknown."""
    with store.engine.connect() as conn:
        case = chain(conn, ticket)  # a case's follow-ups have their own answer mails
    try:
        found = store.erase(ticket, when)
    except EraseIncomplete:
        for each in case:
            forget_mail(settings, each)
        raise
    if found:
        for each in case:
            forget_mail(settings, each)
        return True
    if Register(store).erase(ticket, when):  # a walk-in, field visit or imported guest-book row
        reclaim(store.engine)
        return True
    return Complaints(store).erase(ticket, when)  # a saran or pengaduan about the clinic (ADU-...)


def _closed_before(store: Store, ticket: str, cutoff: datetime) -> bool:
    """Whether every question of the ticket's case (follow-ups included) was answered before the cutoff."""
    with store.engine.connect() as conn:
        answered = conn.execute(select(submissions.c.answered_at).where(submissions.c.ticket.in_(chain(conn, ticket)))).scalars().all()
    return all(when is not None and utc(when) < cutoff for when in answered)


def months_before(when: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's last day)."""
    total = when.year * 12 + when.month - 1 - months
    year, month = divmod(total, 12)
    day = min(when.day, calendar.monthrange(year, month + 1)[1])
    return when.replace(year=year, month=month + 1, day=day)


def erase_expired(settings: IntakeSettings, store: Store, now: datetime) -> int:
    """Erase identity and original text of every case closed more than KLINIK_RETENTION_MONTHS ago; return how many.

    A web question is closed when it is answered; an off-line service when it is recorded; a complaint when it is
    marked selesai. Counts stay.
    """
    cutoff = months_before(now, settings.retention_months)
    with store.engine.connect() as conn:
        web = list(conn.execute(select(submissions.c.ticket).where(
            submissions.c.answered_at.is_not(None), submissions.c.answered_at < cutoff, submissions.c.erased_at.is_(None))).scalars())
        offline = list(conn.execute(select(layanan.c.ticket).where(
            layanan.c.kanal != "daring", layanan.c.tanggal < cutoff.date(), layanan.c.erased_at.is_(None))).scalars())
    web = [t for t in web if _closed_before(store, t, cutoff)]
    closed = Complaints(store).closed_before(cutoff)  # complaints answered (selesai) before the cutoff
    purge_expired(store, now)  # survey invitations past their date (they hold no person; the answers stay)
    for ticket in web + offline + closed:
        erase_person(settings, store, ticket, now)
    return len(web) + len(offline) + len(closed)
