"""Messages that must go out at most once: claimed in the store, so two servers or a restart never send twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.intake.store.db import Store
from generator.intake.store.schema import kirim_log

SENDING, SENT, FAILED, WAITING = "mengirim", "terkirim", "gagal", "menunggu"


class Retry(Exception):
    """A delivery that may work later (a busy server, a rate limit): its claim is given back, or kept waiting
    `after_seconds` (Retry-After) or a backoff when the log caps its tries."""

    def __init__(self, reason: str = "", after_seconds: float | None = None):
        super().__init__(reason)
        self.after_seconds = after_seconds


class NotDue(Retry):
    """A capped message that failed before and waits for its next try: not sent now, not done either."""


class GaveUp(Exception):
    """A capped message failed `max_attempts` times: marked FAILED for good, never tried again."""


def backoff(attempts: int, base: float, cap: float) -> float:
    """Exponential backoff: base, 2*base, 4*base ... never more than cap."""
    return min(cap, base * 2 ** max(0, attempts - 1))


class SentLog:
    """Claim a (kind, key, day) before sending; keep the claim when done or refused for good. A Retry gives the claim
    back (no cap), or with `max_attempts` keeps it waiting with backoff until the max_attempts-th failure: then FAILED."""

    def __init__(self, store: Store, *, max_attempts: int | None = None, retry_base: float = 5.0, retry_max: float = 3600.0,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.store, self.max_attempts, self.retry_base, self.retry_max, self.clock = store, max_attempts, retry_base, retry_max, clock

    def _key(self, jenis: str, kunci: str, tanggal: date):
        return and_(kirim_log.c.jenis == jenis, kirim_log.c.kunci == kunci, kirim_log.c.tanggal == tanggal)

    def claim(self, jenis: str, kunci: str, tanggal: date) -> bool:
        """True for the one caller that may send now; False when it was sent, refused, or is being sent elsewhere.
        NotDue when it waits for a later try (capped logs only)."""
        now = self.clock()
        with self.store.transaction() as conn:
            insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
            if conn.execute(insert(kirim_log).values(  # RETURNING: psycopg's rowcount is not 0 for a skipped row
                jenis=jenis, kunci=kunci, tanggal=tanggal, hasil=SENDING, waktu=now,
            ).on_conflict_do_nothing().returning(kirim_log.c.jenis)).first() is not None:
                return True
            if conn.execute(update(kirim_log).where(  # a due retry: the one UPDATE that matches wins it
                self._key(jenis, kunci, tanggal), kirim_log.c.hasil == WAITING, kirim_log.c.coba_lagi <= now,
            ).values(hasil=SENDING, waktu=now).returning(kirim_log.c.jenis)).first() is not None:
                return True
            state = conn.execute(select(kirim_log.c.hasil).where(self._key(jenis, kunci, tanggal))).scalar_one_or_none()
        if state == WAITING:
            raise NotDue("menunggu percobaan berikutnya")
        return False

    def _retry_later(self, jenis: str, kunci: str, tanggal: date, exc: Retry) -> None:
        """Count one failed try: wait a backoff (or the server's Retry-After) before the next, or give up at the cap."""
        now = self.clock()
        with self.store.transaction() as conn:
            tries = (conn.execute(select(kirim_log.c.percobaan).where(self._key(jenis, kunci, tanggal))).scalar_one_or_none() or 0) + 1
            gave_up = tries >= self.max_attempts
            delay = min(self.retry_max, exc.after_seconds if exc.after_seconds is not None else backoff(tries, self.retry_base, self.retry_max))
            conn.execute(update(kirim_log).where(self._key(jenis, kunci, tanggal)).values(
                hasil=FAILED if gave_up else WAITING, percobaan=tries, waktu=now,
                coba_lagi=None if gave_up else now + timedelta(seconds=delay)))
        if gave_up:  # after the commit: the FAILED mark stays
            raise GaveUp(f"gagal {tries} kali: {exc}") from exc

    def failed_count(self, suffix: str) -> int:
        """How many messages of the kinds ending in `suffix` (e.g. "-wa") failed for good: a count, never whose."""
        with self.store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(kirim_log).where(
                kirim_log.c.jenis.like(f"%{suffix}"), kirim_log.c.hasil == FAILED)).scalar_one()

    def finish(self, jenis: str, kunci: str, tanggal: date, hasil: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(update(kirim_log).where(kirim_log.c.jenis == jenis, kirim_log.c.kunci == kunci, kirim_log.c.tanggal == tanggal)
                         .values(hasil=hasil, waktu=datetime.now(timezone.utc)))

    def release(self, jenis: str, kunci: str, tanggal: date) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(kirim_log).where(kirim_log.c.jenis == jenis, kirim_log.c.kunci == kunci, kirim_log.c.tanggal == tanggal))

    def once(self, jenis: str, kunci: str, tanggal: date, send: Callable[[], None]) -> bool:
        """Run `send` unless this message was claimed before (then False). Retry from `send` gives the claim back
        (or waits, or raises GaveUp at the cap) and is raised again; any other exception marks it FAILED (not tried again) and is raised again. A crash
        between the claim and the send keeps the claim: that message is lost rather than sent twice."""
        if not self.claim(jenis, kunci, tanggal):
            return False
        try:
            send()
        except Retry as exc:
            if self.max_attempts is None:
                self.release(jenis, kunci, tanggal)
            else:
                self._retry_later(jenis, kunci, tanggal, exc)
            raise
        except Exception:
            self.finish(jenis, kunci, tanggal, FAILED)
            raise
        self.finish(jenis, kunci, tanggal, SENT)
        return True
