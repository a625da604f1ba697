"""Spent single-use proofs (ALTCHA solutions, form tokens, webhook deliveries) kept in the store, so a replay is
refused after a restart and two concurrent requests carrying the same proof cannot both pass."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.intake.store.db import Store
from generator.intake.store.schema import spent_tokens


@dataclass(frozen=True)
class Proof:
    """One single-use proof a request carries: its kind, what names it whatever its encoding, and until when it
    could still be accepted (after that the proof itself is refused, so its row can go)."""

    kind: str
    identity: str
    expires: datetime

    @property
    def key(self) -> str:
        """Stored as a hash: fixed width, and a delivery id or token never sits in the database as sent."""
        return hashlib.sha256(self.identity.encode("utf-8", "surrogatepass")).hexdigest()


class _AlreadySpent(Exception):
    """Raised inside the spending transaction so that none of a request's proofs is kept."""


class SpentTokens:
    """The spent-proof table behind one store: look up, spend all-or-nothing, give back after a failed store."""

    def __init__(self, store: Store):
        self.store = store

    def spent(self, proofs: Sequence[Proof]) -> Proof | None:
        """The first of these proofs that was already spent, else None (a read, for an early clear message)."""
        if not proofs:
            return None
        wanted = [(p.kind, p.key) for p in proofs]
        with self.store.reading() as conn:  # the spending transaction decides; this read must not queue behind writers
            rows = {tuple(r) for r in conn.execute(
                select(spent_tokens.c.kind, spent_tokens.c.key).where(tuple_(spent_tokens.c.kind, spent_tokens.c.key).in_(wanted)))}
        return next((p for p in proofs if (p.kind, p.key) in rows), None)

    def spend(self, proofs: Sequence[Proof], now: datetime | None = None) -> Proof | None:
        """Mark every proof spent in one transaction; if one already was, keep none and return that one.

        The insert itself refuses a duplicate key, so of two concurrent requests with the same proof only one
        spends it. Expired rows are purged in the same transaction."""
        if not proofs:
            return None
        now = now or datetime.now(timezone.utc)
        try:
            with self.store.transaction() as conn:
                conn.execute(delete(spent_tokens).where(spent_tokens.c.expires < now))
                insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
                for proof in proofs:
                    row = {"kind": proof.kind, "key": proof.key, "expires": proof.expires.astimezone(timezone.utc)}
                    added = conn.execute(insert(spent_tokens).values(**row).on_conflict_do_nothing()
                                         .returning(spent_tokens.c.key)).first()  # rowcount is -1 under psycopg
                    if added is None:
                        raise _AlreadySpent(proof)
        except _AlreadySpent as exc:
            return exc.args[0]
        return None

    def release(self, proofs: Sequence[Proof]) -> None:
        """Give proofs back when what they were spent on failed (the question was not stored), so a retry works."""
        if not proofs:
            return
        with self.store.transaction() as conn:
            for proof in proofs:
                conn.execute(delete(spent_tokens).where(spent_tokens.c.kind == proof.kind, spent_tokens.c.key == proof.key))

    def count(self, kind: str) -> int:
        """How many proofs of one kind are held (for tests and operators; no proof content)."""
        with self.store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(spent_tokens).where(spent_tokens.c.kind == kind)).scalar_one()
