"""Per-address rate limits counted in the store, so every server on one database counts one flood as one."""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.engine import Engine

from generator.intake.store.db import Extra, Store
from generator.intake.store.schema import rate_hits
from generator.util.dates import utc

PURGE_EVERY = 10.0
"""Seconds between two purges of expired hits by one server (never on every post)."""
PURGE_BATCH = 5000
"""Expired hits deleted at most per purge; a full batch brings the next purge forward."""
FRESH = 1.0
"""Seconds a count read from the store is reused for an address still under half its limit (no read per post)."""


class _Check:
    """The limit check, compiled once for the engine's dialect and run on a bare pooled DBAPI connection in
    autocommit: no transaction to begin and roll back (on SQLite never the write lock). SQLite about 20 µs instead of
    180 µs, PostgreSQL 110 µs instead of 355 µs, which kept throughput where it was (bench/intake_load.py)."""

    def __init__(self, engine: Engine):
        since = bindparam("since", type_=rate_hits.c.at.type)
        compiled = (select(func.count(), func.min(rate_hits.c.at)).where(rate_hits.c.key == bindparam("key"), rate_hits.c.at > since)
                    .compile(dialect=engine.dialect))
        self.engine, self.sql = engine, str(compiled)
        self.autocommit = engine.dialect.name == "postgresql"  # SQLite connections already are (isolation_level None)
        self.order = compiled.positiontup if compiled.positional else None
        at = rate_hits.c.at.type.dialect_impl(engine.dialect)
        self.bind, self.result = at.bind_processor(engine.dialect), at.result_processor(engine.dialect, None)

    def __call__(self, key: str, since: datetime) -> tuple[int, datetime | None]:
        """How many hits `key` has after `since`, and the oldest of them."""
        params = {"key": key, "since": self.bind(since) if self.bind else since}
        connection = self.engine.raw_connection()
        try:
            driver = connection.driver_connection
            if self.autocommit:
                driver.autocommit = True
            try:
                cursor = connection.cursor()
                cursor.execute(self.sql, tuple(params[name] for name in self.order) if self.order else params)
                count, oldest = cursor.fetchone()
                cursor.close()
            finally:
                if self.autocommit:
                    driver.autocommit = False  # the pool hands out connections as SQLAlchemy expects them
        finally:
            connection.close()  # back to the pool
        return count, (self.result(oldest) if self.result and oldest is not None else oldest)


class RateLimits:
    """A sliding window per client key, in the store. Keys are kept as HMACs with the servers' shared secret, so
    the table never holds an address; hits ride in the question's own group commit, the check is a plain read."""

    def __init__(self, store: Store, secret: bytes, window_seconds: float):
        self.store, self._check = store, _Check(store.engine)
        # SQLite: the check is a local WAL read that never waits, cheaper in the event loop than a thread hop (bench:
        # a hop per post cost about 15% of throughput); PostgreSQL: a network round trip, so callers use a thread
        self.inline = store.engine.dialect.name == "sqlite"
        self._secret = hmac.new(secret, b"klinik-batas-kiriman", hashlib.sha256).digest()  # not the form-token key itself
        self.keep = timedelta(seconds=window_seconds)
        self._lock = threading.Lock()
        self._next_purge = time.monotonic()
        self._seen: dict[str, tuple[float, int]] = {}  # digest -> (when read, hits then + this server's since)

    def digest(self, key: str) -> str:
        return hmac.new(self._secret, key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def retry_after(self, key: str, limit: int, window: float, now: datetime | None = None) -> int:
        """Seconds until `key` may post again (0 = allowed now): the oldest counted hit must leave the window.

        An address under half its limit by a count read less than FRESH ago is let through without a read; an
        explicit `now` (tests, tools) always reads the store."""
        digest = self.digest(key)
        if now is None:
            with self._lock:
                read_at, counted = self._seen.get(digest, (float("-inf"), limit))
            if time.monotonic() - read_at < FRESH and counted < limit // 2:
                return 0
        now = now or datetime.now(timezone.utc)
        count, oldest = self._check(digest, now - timedelta(seconds=window))
        self._remember(digest, count)
        if count < limit or oldest is None:
            return 0
        return max(1, math.ceil((utc(oldest) + timedelta(seconds=window) - now).total_seconds()))

    def writes(self, *keys: str, now: datetime | None = None) -> list[Extra]:
        """The writes that count one post for each key, for the transaction that stores the post (Store.add)."""
        at = now or datetime.now(timezone.utc)
        writes: list[Extra] = [(rate_hits, {"key": self.digest(key), "at": at}) for key in keys]
        with self._lock:
            for _, row in writes:
                if row["key"] in self._seen:
                    read_at, counted = self._seen[row["key"]]
                    self._seen[row["key"]] = (read_at, counted + 1)
        if self._purge_due():
            writes.append(lambda conn: self._purge(conn, at - self.keep))
        return writes

    def hit(self, *keys: str, now: datetime | None = None) -> None:
        """Count one post that stores nothing (refused as spam), in the next group commit."""
        at = now or datetime.now(timezone.utc)
        self.store.write(self.writes(*keys, now=at), at)

    def _remember(self, digest: str, count: int) -> None:
        with self._lock:
            if len(self._seen) > 10_000:  # a flood of addresses: forget those read too long ago to be reused
                stale = time.monotonic() - FRESH
                self._seen = {k: v for k, v in self._seen.items() if v[0] > stale}
            self._seen[digest] = (time.monotonic(), count)

    def _purge_due(self) -> bool:
        with self._lock:
            if time.monotonic() < self._next_purge:
                return False
            self._next_purge = time.monotonic() + PURGE_EVERY
            return True

    def _purge(self, conn, cutoff: datetime) -> None:
        """Delete one batch of hits older than the window (any server's: they count for nobody any more)."""
        expired = select(rate_hits.c.id).where(rate_hits.c.at <= cutoff).order_by(rate_hits.c.at).limit(PURGE_BATCH)
        deleted = conn.execute(delete(rate_hits).where(rate_hits.c.id.in_(expired))).rowcount
        if deleted >= PURGE_BATCH:
            with self._lock:
                self._next_purge = time.monotonic()

    def count(self) -> int:
        """How many hits are held, all keys together (for tests and operators; no key)."""
        with self.store.reading() as conn:
            return conn.execute(select(func.count()).select_from(rate_hits)).scalar_one()
