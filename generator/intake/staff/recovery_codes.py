"""Two-step recovery codes: ten single-use codes shown once when TOTP is turned on, for a sign-in without the phone."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import delete, func, select, update

from generator.intake.staff.accounts import HASHER, Accounts
from generator.intake.store.db import Store
from generator.intake.store.schema import staf, staf_pemulihan
from generator.util.dates import utc

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper and typed without doubt
LENGTH = 10  # 31**10, about 49 bits each: with the lockout after five wrong tries, not guessable


def normalise(code: str) -> str:
    """What the member typed, as stored: lower case, without spaces or hyphens."""
    return code.strip().lower().replace("-", "").replace(" ", "")[:40]


def looks_like_code(code: str) -> bool:
    """A recovery code's shape (not a 6-digit TOTP code), so the code step knows which to check."""
    typed = normalise(code)
    return len(typed) == LENGTH and all(c in ALPHABET for c in typed)


def shown(code: str) -> str:
    """A code as printed for the member: two groups of five, e.g. k7m2p-x9qra."""
    return f"{code[:5]}-{code[5:]}"


class RecoveryCodes:
    """Issue, count and spend one account's recovery codes; only argon2id hashes are stored, as for passwords."""

    def __init__(self, store: Store):
        self.store = store
        self.accounts = Accounts(store)

    def issue(self, staff_id: int, now: datetime) -> list[str]:
        """COUNT new codes (every older one stops working); the plain codes are returned once and never stored."""
        codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
        rows = [{"staf_id": staff_id, "nomor": n, "kode_hash": HASHER.hash(code), "dibuat": now, "dipakai": None}
                for n, code in enumerate(codes, 1)]
        with self.store.transaction() as conn:
            conn.execute(delete(staf_pemulihan).where(staf_pemulihan.c.staf_id == staff_id))
            conn.execute(staf_pemulihan.insert(), rows)
        return [shown(code) for code in codes]

    def remaining(self, staff_id: int) -> int:
        with self.store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(staf_pemulihan).where(
                staf_pemulihan.c.staf_id == staff_id, staf_pemulihan.c.dipakai.is_(None))).scalar_one()

    def use(self, staff_id: int, code: str, now: datetime) -> bool:
        """Spend one unused code instead of a TOTP code: True once per code. A wrong one counts towards the lockout
        like a wrong password; a locked account or one without two steps is always False."""
        with self.store.engine.connect() as conn:
            account = conn.execute(select(staf.c.totp_secret, staf.c.locked_until).where(
                staf.c.id == staff_id, staf.c.aktif.is_(True))).first()
            rows = conn.execute(select(staf_pemulihan.c.nomor, staf_pemulihan.c.kode_hash).where(
                staf_pemulihan.c.staf_id == staff_id, staf_pemulihan.c.dipakai.is_(None))).all()
        if account is None or account.totp_secret is None or (account.locked_until is not None and utc(account.locked_until) > now):
            return False
        typed = normalise(code)
        nomor = next((r.nomor for r in rows if looks_like_code(typed) and HASHER.verify(typed, r.kode_hash)), None)
        if nomor is not None:
            with self.store.transaction() as conn:  # dipakai IS NULL: two servers given the same code, one wins
                spent = conn.execute(update(staf_pemulihan).where(
                    staf_pemulihan.c.staf_id == staff_id, staf_pemulihan.c.nomor == nomor, staf_pemulihan.c.dipakai.is_(None),
                ).values(dipakai=now)).rowcount
            if spent:
                self.accounts.succeeded(staff_id)
                return True
        self.accounts.failed(staff_id, now)
        return False
