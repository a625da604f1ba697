"""Field visits in the register: a `layanan` row on the lapangan channel plus its private site, on the caller's connection."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from generator.intake.store.schema import kunjungan, layanan, layanan_riwayat, next_ticket, staf


@dataclass(frozen=True)
class NewVisit:
    """A visit as the Kepala Balai assigns it, already checked by staff/lapangan.py."""

    balai: str
    ta_id: int
    jenis: str  # konsultasi | pendampingan
    area: str
    provinsi: str
    kabupaten_kota: str
    tanggal: date  # the planned day (WIB); the register counts the visit on it
    desa: str
    kecamatan: str
    alamat: str
    follows: str | None = None


def insert_visit(conn: Connection, visit: NewVisit, by: int, history: str, when: datetime) -> str:
    """The register row, the private site and the assignment in history; return the visit's ticket."""
    ticket = next_ticket(conn, visit.tanggal.year)
    utc = when.astimezone(timezone.utc)
    conn.execute(layanan.insert().values(
        ticket=ticket, jenis=visit.jenis, kanal="lapangan", jenis_pemohon="perorangan", balai=visit.balai, area=visit.area,
        provinsi=visit.provinsi, kabupaten_kota=visit.kabupaten_kota, tanggal=visit.tanggal, ta_id=visit.ta_id,
        sumber=f"lapangan:{ticket}", dicatat=utc,
    ))
    conn.execute(kunjungan.insert().values(ticket=ticket, menindaklanjuti=visit.follows, ditugaskan_oleh=by,
                                           desa=visit.desa, kecamatan=visit.kecamatan, alamat=visit.alamat))
    conn.execute(layanan_riwayat.insert().values(ticket=ticket, waktu=utc, staf_id=by, perubahan=history))
    return ticket


def _visit_query():
    ta, head = aliased(staf), aliased(staf)
    return (select(layanan.c.ticket, layanan.c.jenis, layanan.c.area, layanan.c.provinsi, layanan.c.kabupaten_kota,
                   layanan.c.tanggal, layanan.c.balai, layanan.c.ta_id, layanan.c.uraian, layanan.c.erased_at,
                   kunjungan.c.menindaklanjuti, kunjungan.c.desa, kunjungan.c.kecamatan, kunjungan.c.alamat,
                   kunjungan.c.selesai, kunjungan.c.ditugaskan_oleh, ta.c.nama.label("ta"), head.c.nama.label("penugas"))
            .select_from(kunjungan.join(layanan, layanan.c.ticket == kunjungan.c.ticket)
                         .outerjoin(ta, ta.c.id == layanan.c.ta_id).outerjoin(head, head.c.id == kunjungan.c.ditugaskan_oleh)))


def visit(conn: Connection, ticket: str) -> dict | None:
    """One visit with its site (the page decides who may see it)."""
    row = conn.execute(_visit_query().where(kunjungan.c.ticket == ticket)).mappings().first()
    return dict(row) if row else None


def visits_of_balai(conn: Connection, balai: str, limit: int = 300) -> list[dict]:
    """A Balai's visits, open ones first, then newest; with the site (only the Balai's own staff are shown it)."""
    query = _visit_query().where(layanan.c.balai == balai)
    query = query.order_by(kunjungan.c.selesai.is_not(None), layanan.c.tanggal.desc(), layanan.c.ticket.desc()).limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]


def report_visit(conn: Connection, ticket: str, uraian: str | None, close: bool, by: int, history: str, when: datetime) -> bool:
    """Keep the visit's result (and close it when `close`); False when it was already closed or erased."""
    utc = when.astimezone(timezone.utc)
    still_open = (kunjungan.c.ticket == ticket, kunjungan.c.selesai.is_(None))
    if not conn.execute(update(kunjungan).where(*still_open).values(selesai=utc if close else None)).rowcount:
        return False
    if uraian:
        conn.execute(update(layanan).where(layanan.c.ticket == ticket, layanan.c.erased_at.is_(None)).values(uraian=uraian))
    conn.execute(layanan_riwayat.insert().values(ticket=ticket, waktu=utc, staf_id=by, perubahan=history))
    return True


def forget_visits(conn: Connection, tickets: Iterable[str]) -> list[str]:
    """Inside an erasure: blank the site of the visits among or following these tickets; return those visits' tickets."""
    tickets = list(tickets)
    if not tickets:
        return []
    found = list(conn.execute(select(kunjungan.c.ticket).where(
        or_(kunjungan.c.ticket.in_(tickets), kunjungan.c.menindaklanjuti.in_(tickets)))).scalars())
    if found:
        conn.execute(update(kunjungan).where(kunjungan.c.ticket.in_(found)).values(desa=None, kecamatan=None, alamat=None))
    return found
