"""Staff sessions in the database (so two servers share them), each with its own CSRF token for every form."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from generator.intake.staff.accounts import Accounts, Staff
from generator.intake.store.db import Store, token_hash
from generator.intake.store.schema import staf_sesi
from generator.util.dates import utc
from generator.util.secure import same

COOKIE = "klinik_staf"
IDLE = timedelta(hours=8)
"""A session unused for a working day ends; signing in again is cheap, a stolen laptop's session is not."""


class Sessions:
    """Create, look up and end staff sessions; the cookie holds a random token, the table only its hash."""

    def __init__(self, store: Store):
        self.store = store
        self.accounts = Accounts(store)

    def start(self, who: Staff, now: datetime) -> tuple[str, str]:
        """A new session for `who`: (cookie token, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(delete(staf_sesi).where(staf_sesi.c.kedaluwarsa < now))
            conn.execute(staf_sesi.insert().values(token_hash=token_hash(token), staf_id=who.id, csrf=csrf, dibuat=now,
                                                   kedaluwarsa=now + IDLE))
        return token, csrf

    def find(self, token: str | None, now: datetime) -> tuple[Staff, str] | None:
        """The staff member and CSRF token behind a cookie, sliding the idle limit; None if ended or unknown."""
        if not token:
            return None
        with self.store.engine.connect() as conn:
            row = conn.execute(select(staf_sesi).where(staf_sesi.c.token_hash == token_hash(token))).first()
        if row is None or utc(row.kedaluwarsa) < now:
            return None
        who = self.accounts.get(row.staf_id)
        if who is None:
            return None
        with self.store.transaction() as conn:
            conn.execute(update(staf_sesi).where(staf_sesi.c.token_hash == row.token_hash).values(kedaluwarsa=now + IDLE))
        return who, row.csrf

    def end(self, token: str | None) -> None:
        if token:
            with self.store.transaction() as conn:
                conn.execute(delete(staf_sesi).where(staf_sesi.c.token_hash == token_hash(token)))


def csrf_ok(expected: str, given: str | None) -> bool:
    """Constant-time comparison of the form's CSRF field with the session's."""
    return bool(given) and same(str(given), expected)
