"""The register of every service on every channel (SE Bab II C-D): recording, importing and counting per Balai."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from sqlalchemy import func, select, update

from generator.intake.model import JENIS_LAYANAN, KANAL, NewService
from generator.intake.store.db import Store
from generator.intake.store.photos import erase_photos
from generator.intake.store.schema import (
    identities,
    layanan,
    layanan_identitas,
    next_ticket,
    online_row,
    staf,
    submissions,
    tindak_lanjut,
)
from generator.intake.store.visits import forget_visits
from generator.util.dates import utc


def _insert(conn, service: NewService, when: datetime) -> str:
    ticket = next_ticket(conn, service.tanggal.year)
    conn.execute(layanan.insert().values(
        ticket=ticket, jenis=service.jenis, kanal=service.kanal, jenis_pemohon=service.jenis_pemohon,
        balai=service.balai, area=service.area, provinsi=service.provinsi, kabupaten_kota=service.kabupaten_kota,
        tanggal=service.tanggal, uraian=service.uraian, jumlah_orang=service.jumlah_orang, sumber=service.sumber,
        bentuk=service.bentuk, menindaklanjuti=service.menindaklanjuti, dicatat=when.astimezone(timezone.utc),
    ))
    if service.nama:
        conn.execute(layanan_identitas.insert().values(ticket=ticket, nama=service.nama, telepon=service.telepon, email=service.email))
    return ticket


class Register:
    """Verbs over the register; each verb is one transaction, like the store's."""

    def __init__(self, store: Store):
        self.store = store

    def consultation_of(self, ticket: str, balai: str) -> bool:
        """Whether the ticket is a consultation of this Balai, which a pendampingan may follow."""
        with self.store.engine.connect() as conn:
            return conn.execute(select(layanan.c.ticket).where(
                layanan.c.ticket == ticket, layanan.c.balai == balai, layanan.c.jenis == "konsultasi")).first() is not None

    def record(self, service: NewService, when: datetime) -> str:
        """Record one service given off-line; return its ticket (the same series as web questions)."""
        with self.store.transaction() as conn:
            return _insert(conn, service, when)

    def record_many(self, services: list[NewService], when: datetime) -> tuple[list[str], int]:
        """Record a whole import at once or not at all; rows whose `sumber` is already there are skipped."""
        keys = [s.sumber for s in services if s.sumber]
        with self.store.transaction() as conn:
            known = set(conn.execute(select(layanan.c.sumber).where(layanan.c.sumber.in_(keys))).scalars()) if keys else set()
            tickets = [_insert(conn, s, when) for s in services if s.sumber is None or s.sumber not in known]
        return tickets, len(services) - len(tickets)

    def backfill_online(self, balai_of: Callable[[str], str | None]) -> int:
        """Give every web question stored before the register existed its register row; return how many."""
        with self.store.transaction() as conn:
            missing = conn.execute(
                select(submissions.c.ticket, submissions.c.area, submissions.c.provinsi, submissions.c.kabupaten_kota,
                       submissions.c.received)
                .where(submissions.c.ticket.not_in(select(layanan.c.ticket)))
            ).all()
            for row in missing:
                conn.execute(layanan.insert().values(**online_row(
                    row.ticket, balai_of(row.provinsi) or "", row.area, row.provinsi, row.kabupaten_kota, utc(row.received))))
        return len(missing)

    def recap(self, balai: str | None, month: date) -> dict:
        """Services of one month (one Balai, or all with None), counted by kind and by channel."""
        start = month.replace(day=1)
        end = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        query = select(layanan.c.jenis, layanan.c.kanal, func.count()).where(layanan.c.tanggal >= start, layanan.c.tanggal < end)
        if balai is not None:
            query = query.where(layanan.c.balai == balai)
        with self.store.engine.connect() as conn:
            rows = conn.execute(query.group_by(layanan.c.jenis, layanan.c.kanal)).all()
        per_jenis = dict.fromkeys(JENIS_LAYANAN, 0)
        per_kanal = dict.fromkeys(KANAL, 0)
        for jenis, kanal, count in rows:
            per_jenis[jenis] += count
            per_kanal[kanal] += count
        return {"balai": balai or "semua", "bulan": f"{start:%Y-%m}", "total": sum(per_jenis.values()),
                "per_jenis": per_jenis, "per_kanal": per_kanal}

    def per_balai(self, start: date, end: date) -> list[tuple[str, str, int]]:
        """(Balai, channel, services) for start <= day < end, every Balai at once (a period's survey population)."""
        query = (select(layanan.c.balai, layanan.c.kanal, func.count()).where(layanan.c.tanggal >= start, layanan.c.tanggal < end)
                 .group_by(layanan.c.balai, layanan.c.kanal))
        with self.store.engine.connect() as conn:
            return [(balai, kanal, count) for balai, kanal, count in conn.execute(query).all()]

    def erase(self, ticket: str, when: datetime) -> bool:
        """Forget who was served off-line and what they said; the counts stay. False if the ticket is not here."""
        with self.store.transaction() as conn:
            found = conn.execute(select(layanan.c.ticket).where(layanan.c.ticket == ticket)).first()
            if not found:
                return False
            conn.execute(layanan_identitas.delete().where(layanan_identitas.c.ticket == ticket))
            case = [ticket, *forget_visits(conn, [ticket])]  # a visit itself, or the visits following this service
            erase_photos(conn, case)
            conn.execute(update(layanan).where(layanan.c.ticket.in_(case)).values(
                uraian=None, kabupaten_kota=None, erased_at=when))
        return True


def cases(store: Store, balai: str | None, limit: int = 500) -> list[dict]:
    """A Balai's services, newest first (all Balai with None), with the web question's status and deadline; no identity."""
    query = (select(layanan.c.ticket, layanan.c.tanggal, layanan.c.jenis, layanan.c.kanal, layanan.c.area, layanan.c.provinsi,
                    layanan.c.balai, layanan.c.ta_id, staf.c.nama.label("ta"), submissions.c.status, submissions.c.deadline,
                    layanan.c.jenis_pemohon)
             .select_from(layanan.outerjoin(submissions, submissions.c.ticket == layanan.c.ticket)
                          .outerjoin(staf, staf.c.id == layanan.c.ta_id))
             .order_by(layanan.c.tanggal.desc(), layanan.c.ticket.desc()).limit(limit))
    if balai is not None:
        query = query.where(layanan.c.balai == balai)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def case(store: Store, ticket: str) -> dict | None:
    """One service in full for staff: what was asked or done, and who (the page decides whether to show the who)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(layanan).where(layanan.c.ticket == ticket)).mappings().first()
        if row is None:
            return None
        found = dict(row)
        found["ta"] = conn.execute(select(staf.c.nama).where(staf.c.id == row["ta_id"])).scalar_one_or_none() if row["ta_id"] else None
        web = conn.execute(select(submissions).where(submissions.c.ticket == ticket)).mappings().first()
        if web is not None:
            found.update(question=web["question"], status=web["status"], deadline=web["deadline"], answer=web["answer"],
                         received=web["received"])
        else:
            found.update(question=row["uraian"], status="tercatat", deadline=None, answer=None, received=None)
        people = identities if web is not None else layanan_identitas  # web askers and off-line visitors
        shown = [people.c.nama, people.c.telepon, people.c.email, *([identities.c.instansi] if web is not None else [])]
        who = conn.execute(select(*shown).where(people.c.ticket == ticket)).mappings().first()
        found["lanjutan_dari"] = conn.execute(select(tindak_lanjut.c.induk).where(tindak_lanjut.c.ticket == ticket)).scalar_one_or_none()
        found["pendampingan"] = list(conn.execute(select(layanan.c.ticket).where(layanan.c.menindaklanjuti == ticket)
                                                  .order_by(layanan.c.ticket)).scalars())
        found["lanjutan"] = list(conn.execute(select(tindak_lanjut.c.ticket).where(tindak_lanjut.c.induk == ticket)
                                              .order_by(tindak_lanjut.c.urutan)).scalars())
    found["identitas"] = dict(who) if who else None
    return found
