"""Rate limits in the store, so every server on one database counts the same posts (a flood split over two is one flood)."""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select

from generator.intake.store.db import Store
from generator.intake.store.schema import rate_hits
from generator.util.dates import utc


class StoredRateLimiter:
    """A sliding window per client key; keys are kept as HMACs, so the table never holds an IP address."""

    def __init__(self, store: Store, secret: bytes, window_seconds: float):
        self.store, self.secret = store, secret
        self.keep = timedelta(seconds=window_seconds)

    def _digest(self, key: str) -> str:
        return hmac.new(self.secret, key.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def retry_after(self, key: str, limit: int, window: float, now: datetime | None = None) -> int:
        """Seconds until `key` may post again (0 = allowed now)."""
        now = now or datetime.now(timezone.utc)
        with self.store.engine.connect() as conn:
            oldest = conn.execute(
                select(rate_hits.c.at).where(rate_hits.c.key == self._digest(key), rate_hits.c.at > now - timedelta(seconds=window))
                .order_by(rate_hits.c.at.desc()).limit(limit)
            ).scalars().all()
        if len(oldest) < limit:
            return 0
        return max(1, math.ceil((utc(oldest[-1]) + timedelta(seconds=window) - now).total_seconds()))

    def hit(self, key: str, now: datetime | None = None) -> None:
        """Count one post; the key's hits older than the window go in the same transaction."""
        now = now or datetime.now(timezone.utc)
        digest = self._digest(key)
        with self.store.transaction() as conn:
            conn.execute(delete(rate_hits).where(rate_hits.c.key == digest, rate_hits.c.at <= now - self.keep))
            conn.execute(rate_hits.insert().values(key=digest, at=now))
