"""Saran, masukan and pengaduan about the clinic itself: stored apart from questions, for the Kepala Balai of one Balai."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime, timezone

from sqlalchemy import func, select, update

from generator.intake.model import JENIS_PENGADUAN, STATUS_PENGADUAN, NewComplaint
from generator.intake.store.db import Extra, Store, Stored, token_hash
from generator.intake.store.erasure import reclaim
from generator.intake.store.schema import next_ticket, pengaduan, pengaduan_identitas, pengaduan_nomor, staf
from generator.util.dates import JAKARTA

PREFIX = "ADU"
"""Complaint tickets read ADU-2026-000001, so nobody mistakes one for a question's KPKP ticket."""
SHOWN = (pengaduan.c.ticket, pengaduan.c.jenis, pengaduan.c.balai, pengaduan.c.provinsi, pengaduan.c.tiket_terkait,
         pengaduan.c.diterima, pengaduan.c.status, pengaduan.c.ditanggapi, pengaduan.c.erased_at)


def _write_extra(conn, extra: Sequence[Extra]) -> None:
    """The sender's rate-limit hits (and their purge) in the complaint's own transaction, as Store.add does for questions."""
    for each in extra:
        if isinstance(each, tuple):
            conn.execute(each[0].insert().values(**each[1]))
        else:
            each(conn)


class Complaints:
    """Verbs over the complaint tables; each verb is one transaction."""

    def __init__(self, store: Store):
        self.store = store

    def add(self, item: NewComplaint, received: datetime, extra: Sequence[Extra] = ()) -> Stored:
        """Store the complaint and who sent it, committed before any reply; the receipt's Stored has no deadline."""
        token = secrets.token_urlsafe(24)
        with self.store.transaction() as conn:
            ticket = next_ticket(conn, received.astimezone(JAKARTA).year, pengaduan_nomor, PREFIX)
            conn.execute(pengaduan.insert().values(
                ticket=ticket, token_hash=token_hash(token), jenis=item.jenis, balai=item.balai, provinsi=item.provinsi,
                tiket_terkait=item.tiket_terkait, isi=item.isi, diterima=received.astimezone(timezone.utc), status="diterima",
            ))
            conn.execute(pengaduan_identitas.insert().values(ticket=ticket, nama=item.nama, telepon=item.telepon, email=item.email))
            _write_extra(conn, extra)
        return Stored(ticket, token, received, received.astimezone(JAKARTA).date())

    def by_token(self, token: str) -> dict | None:
        """The complaint behind a status link (what the citizen wrote and the reply), or None."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(pengaduan).where(pengaduan.c.token_hash == token_hash(token))).mappings().first()
        return dict(row) if row else None

    def listed(self, balai: str | None, limit: int = 500) -> list[dict]:
        """A Balai's complaints (all Balai with None), open ones first, newest first; no identity, no text."""
        open_first = (pengaduan.c.status == "selesai").asc()
        query = select(*SHOWN).order_by(open_first, pengaduan.c.diterima.desc(), pengaduan.c.ticket.desc()).limit(limit)
        if balai is not None:
            query = query.where(pengaduan.c.balai == balai)
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def get(self, ticket: str) -> dict | None:
        """One complaint for the back office, its identity under `identitas` (the page decides whether to show it)."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(pengaduan, staf.c.nama.label("penanggap"))
                               .select_from(pengaduan.outerjoin(staf, staf.c.id == pengaduan.c.ditanggapi_oleh))
                               .where(pengaduan.c.ticket == ticket)).mappings().first()
            if row is None:
                return None
            who = conn.execute(select(pengaduan_identitas.c.nama, pengaduan_identitas.c.telepon, pengaduan_identitas.c.email)
                               .where(pengaduan_identitas.c.ticket == ticket)).mappings().first()
        return {**dict(row), "identitas": dict(who) if who else None}

    def respond(self, ticket: str, balai: str, status: str, reply: str | None, staff_id: int, when: datetime) -> bool:
        """The Kepala Balai's status and reply (the reply kept when none is given); False if not this Balai's or erased."""
        if status not in STATUS_PENGADUAN:
            raise ValueError(status)
        values: dict = {"status": status, "ditanggapi": when.astimezone(timezone.utc), "ditanggapi_oleh": staff_id}
        if reply:
            values["tanggapan"] = reply
        with self.store.transaction() as conn:
            changed = conn.execute(update(pengaduan).where(pengaduan.c.ticket == ticket, pengaduan.c.balai == balai,
                                                           pengaduan.c.erased_at.is_(None)).values(**values)).rowcount
        return bool(changed)

    def erase(self, ticket: str, when: datetime) -> bool:
        """Forget who complained and what they wrote (UU 27/2022); kind, Balai, dates and status stay for the counts."""
        with self.store.transaction() as conn:
            if conn.execute(select(pengaduan.c.ticket).where(pengaduan.c.ticket == ticket)).first() is None:
                return False
            conn.execute(pengaduan_identitas.delete().where(pengaduan_identitas.c.ticket == ticket))
            conn.execute(update(pengaduan).where(pengaduan.c.ticket == ticket).values(
                isi=None, tanggapan=None, tiket_terkait=None, token_hash=None, erased_at=when))
        reclaim(self.store.engine)
        return True

    def waiting_by_balai(self) -> dict[str, list[str]]:
        """Tickets still waiting for the Kepala Balai (status diterima), per Balai, oldest first: the daily warning's list."""
        query = (select(pengaduan.c.balai, pengaduan.c.ticket).where(pengaduan.c.status == "diterima", pengaduan.c.erased_at.is_(None))
                 .order_by(pengaduan.c.diterima, pengaduan.c.ticket))
        found: dict[str, list[str]] = {}
        with self.store.engine.connect() as conn:
            for balai, ticket in conn.execute(query):
                found.setdefault(balai, []).append(ticket)
        return found

    def closed_before(self, cutoff: datetime) -> list[str]:
        """Complaints finished (selesai) before the cutoff whose identity is still kept: the retention sweep's list."""
        with self.store.engine.connect() as conn:
            return list(conn.execute(select(pengaduan.c.ticket).where(
                pengaduan.c.status == "selesai", pengaduan.c.ditanggapi < cutoff.astimezone(timezone.utc), pengaduan.c.erased_at.is_(None))).scalars())


def month_counts(store: Store, balai: str | None, first: date, after: date) -> dict:
    """The month's complaints for the report: received per kind, and per status as they stand now."""
    start = datetime(first.year, first.month, first.day, tzinfo=JAKARTA).astimezone(timezone.utc)  # WIB days, stored as UTC
    end = datetime(after.year, after.month, after.day, tzinfo=JAKARTA).astimezone(timezone.utc)
    query = select(pengaduan.c.jenis, pengaduan.c.status, func.count()).where(pengaduan.c.diterima >= start, pengaduan.c.diterima < end)
    if balai is not None:
        query = query.where(pengaduan.c.balai == balai)
    with store.engine.connect() as conn:
        rows = conn.execute(query.group_by(pengaduan.c.jenis, pengaduan.c.status)).all()
    per_jenis, per_status = dict.fromkeys(JENIS_PENGADUAN, 0), dict.fromkeys(STATUS_PENGADUAN, 0)
    for jenis, status, count in rows:
        per_jenis[jenis] += int(count)
        per_status[status] += int(count)
    return {"total": sum(per_jenis.values()), "per_jenis": per_jenis, "per_status": per_status}
