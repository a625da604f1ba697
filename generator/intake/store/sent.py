"""Messages that must go out at most once: claimed in the store, so two servers or a restart never send twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.intake.store.db import Store
from generator.intake.store.schema import kirim_log

SENDING, SENT, FAILED = "mengirim", "terkirim", "gagal"


class Retry(Exception):
    """A delivery that may work later (a busy server, a rate limit): its claim is given back."""


class SentLog:
    """Claim a (kind, key, day) before sending; keep the claim when done or refused for good, give it back to retry."""

    def __init__(self, store: Store):
        self.store = store

    def claim(self, jenis: str, kunci: str, tanggal: date) -> bool:
        """True for the one caller that may send now; False when it was sent, refused, or is being sent elsewhere."""
        with self.store.transaction() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            return conn.execute(insert(kirim_log).values(  # RETURNING: psycopg's rowcount is not 0 for a skipped row
                jenis=jenis, kunci=kunci, tanggal=tanggal, hasil=SENDING, waktu=datetime.now(timezone.utc),
            ).on_conflict_do_nothing().returning(kirim_log.c.jenis)).first() is not None

    def finish(self, jenis: str, kunci: str, tanggal: date, hasil: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(update(kirim_log).where(kirim_log.c.jenis == jenis, kirim_log.c.kunci == kunci, kirim_log.c.tanggal == tanggal)
                         .values(hasil=hasil, waktu=datetime.now(timezone.utc)))

    def release(self, jenis: str, kunci: str, tanggal: date) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(kirim_log).where(kirim_log.c.jenis == jenis, kirim_log.c.kunci == kunci, kirim_log.c.tanggal == tanggal))

    def once(self, jenis: str, kunci: str, tanggal: date, send: Callable[[], None]) -> bool:
        """Run `send` unless this message was claimed before (then False). Retry from `send` gives the claim back
        and is raised again; any other exception marks it FAILED (not tried again) and is raised again. A crash
        between the claim and the send keeps the claim: that message is lost rather than sent twice."""
        if not self.claim(jenis, kunci, tanggal):
            return False
        try:
            send()
        except Retry:
            self.release(jenis, kunci, tanggal)
            raise
        except Exception:
            self.finish(jenis, kunci, tanggal, FAILED)
            raise
        self.finish(jenis, kunci, tanggal, SENT)
        return True
