"""Citizens' photos in the database (so every server sees them): kept with their ticket, read by staff, erased for real.

Every verb runs on the caller's connection, so photos share the transaction of the question, visit or erasure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from generator.intake.model import Photo
from generator.intake.store.schema import foto

ASAL = ("pertanyaan", "lanjutan", "lapangan")
"""Where a photo came from: the question form, a follow-up, a field visit."""


def store_photos(conn: Connection, ticket: str, asal: str, photos: Sequence[Photo], when: datetime) -> int:
    """Add already re-encoded photos to a ticket inside the caller's transaction, after any it has; return how many."""
    if asal not in ASAL:
        raise ValueError(f"asal foto tidak dikenal: {asal}")
    if not photos:
        return 0
    last = conn.execute(select(func.max(foto.c.urutan)).where(foto.c.ticket == ticket)).scalar_one() or 0
    conn.execute(foto.insert(), [
        {"ticket": ticket, "urutan": last + n, "asal": asal, "mime": p.mime, "data": p.data, "width": p.width,
         "height": p.height, "dibuat": when.astimezone(timezone.utc)}
        for n, p in enumerate(photos, start=1)
    ])
    return len(photos)


def photo_list(conn: Connection, ticket: str) -> list[dict]:
    """The photos of a ticket without their bytes (urutan, asal, width, height), in order, for a staff page."""
    query = (select(foto.c.urutan, foto.c.asal, foto.c.width, foto.c.height)
             .where(foto.c.ticket == ticket).order_by(foto.c.urutan))
    return [dict(r._mapping) for r in conn.execute(query)]


def photos_of(store, ticket: str) -> list[dict]:
    """photo_list on a read connection of the store (typed loosely: this module sits below store/db.py)."""
    with store.reading() as conn:
        return photo_list(conn, ticket)


def photo_count(conn: Connection, ticket: str) -> int:
    return conn.execute(select(func.count()).select_from(foto).where(foto.c.ticket == ticket)).scalar_one()


def photo_bytes(conn: Connection, ticket: str, urutan: int) -> tuple[str, bytes] | None:
    """(mime, bytes) of one photo, or None."""
    row = conn.execute(select(foto.c.mime, foto.c.data).where(foto.c.ticket == ticket, foto.c.urutan == urutan)).first()
    return (row.mime, bytes(row.data)) if row else None


def erase_photos(conn: Connection, tickets: Iterable[str]) -> int:
    """Delete every photo of these tickets inside the erasing transaction; return how many rows went."""
    tickets = list(tickets)
    return conn.execute(foto.delete().where(foto.c.ticket.in_(tickets))).rowcount if tickets else 0
