"""Staff accounts: created by the CLI or a Kepala Balai with a one-time set-up link, argon2id passwords, lockout."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from generator.intake.identity import EMAIL, normalise_phone
from generator.intake.store.db import Store, token_hash
from generator.intake.store.schema import staf
from generator.util.dates import utc

ROLES = {
    "ta": "Tenaga Ahli (TA)",
    "ata": "Asisten Tenaga Ahli (ATA)",
    "pendukung": "Petugas pendukung",
    "kepala-balai": "Kepala Balai P3KP",
    "ditjen": "Direktorat Jenderal (pemantauan)",
}
"""The roles of the circular's Tim Klinik PKP; every role but Ditjen belongs to one Balai."""
BALAI_ROLES = ("ta", "ata", "pendukung", "kepala-balai")
MAX_FAILURES = 5
LOCK_MINUTES = 15
SETUP_HOURS = 72
PASSWORD_MIN = 12
_HASHER = PasswordHash((Argon2Hasher(),))
HASHER = _HASHER  # the same argon2id hasher for the two-step recovery codes (staff/recovery_codes.py)
_UNKNOWN_USER_HASH = _HASHER.hash(secrets.token_urlsafe(16))  # unknown names cost the same time as known ones


class AccountError(ValueError):
    """A refused account change, with the Indonesian reason to show."""


@dataclass(frozen=True)
class Staff:
    """A signed-in member of staff as the pages need them: who, which role, which Balai."""

    id: int
    username: str
    nama: str
    peran: str
    balai: str | None
    email: str | None = None  # work contact for the daily digest (optional)
    telepon: str | None = None
    dua_langkah: bool = False  # a TOTP code is asked after the password (staff/totp.py)

    @property
    def peran_nama(self) -> str:
        return ROLES[self.peran]

    def sees_identity_of(self, balai: str) -> bool:
        """Identity is shown only to staff of the case's own Balai (the Ditjen monitors counts, not people)."""
        return self.balai is not None and self.balai == balai

    def sees_cases_of(self, balai: str) -> bool:
        return self.peran == "ditjen" or self.balai == balai


def _staff(row) -> Staff:
    return Staff(row.id, row.username, row.nama, row.peran, row.balai, row.email, row.telepon, row.totp_secret is not None)


def contact(email: str | None, telepon: str | None) -> tuple[str | None, str | None]:
    """A staff member's optional work email and phone, checked and written one way (08...); AccountError if invalid."""
    email, telepon = (email or "").strip() or None, (telepon or "").strip() or None
    if email is not None and (len(email) > 254 or not EMAIL.fullmatch(email)):
        raise AccountError("Email tidak sah; contoh: nama@pu.go.id (boleh dikosongkan).")
    if telepon is not None:
        telepon = normalise_phone(telepon[:40])
        if telepon is None:
            raise AccountError("Nomor telepon tidak sah; contoh: 0812 3456 7890 (boleh dikosongkan).")
    return email, telepon


class Accounts:
    """Verbs over the staff table."""

    def __init__(self, store: Store):
        self.store = store

    def add(self, username: str, nama: str, peran: str, balai: str | None, now: datetime, *, email: str | None = None,
            telepon: str | None = None) -> str:
        """Create an account without a password; return the one-time set-up token (valid SETUP_HOURS)."""
        email, telepon = contact(email, telepon)
        username = username.strip().lower()
        if not (3 <= len(username) <= 64 and username.replace("-", "").replace(".", "").isalnum() and username.isascii()):
            raise AccountError("Nama pengguna 3-64 huruf kecil, angka, titik atau tanda hubung.")
        if peran not in ROLES:
            raise AccountError(f"Peran tidak dikenal; pilih: {', '.join(ROLES)}.")
        if (peran in BALAI_ROLES) != (balai is not None):
            raise AccountError("Peran Balai wajib punya Balai; Ditjen tidak terikat satu Balai.")
        if not 2 <= len(nama.strip()) <= 100:
            raise AccountError("Nama wajib diisi (2-100 karakter).")
        token = secrets.token_urlsafe(32)
        try:
            with self.store.transaction() as conn:
                conn.execute(staf.insert().values(
                    username=username, nama=nama.strip(), peran=peran, balai=balai, email=email, telepon=telepon, password_hash=None,
                    setup_token_hash=token_hash(token), setup_expires=now + timedelta(hours=SETUP_HOURS),
                    failed_logins=0, aktif=True, dibuat=now,
                ))
        except IntegrityError:
            raise AccountError(f"Nama pengguna {username!r} sudah dipakai.") from None
        return token

    def by_setup_token(self, token: str, now: datetime) -> Staff | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(staf).where(staf.c.setup_token_hash == token_hash(token))).first()
        if row is None or utc(row.setup_expires) < now:
            return None
        return _staff(row)

    def set_password(self, token: str, password: str, now: datetime) -> Staff:
        """Spend a set-up token on a password; the token works once."""
        if len(password) < PASSWORD_MIN:
            raise AccountError(f"Kata sandi minimal {PASSWORD_MIN} karakter.")
        who = self.by_setup_token(token, now)
        if who is None:
            raise AccountError("Tautan aktivasi tidak berlaku lagi. Minta tautan baru kepada Kepala Balai.")
        with self.store.transaction() as conn:
            spent = conn.execute(update(staf).where(staf.c.id == who.id, staf.c.setup_token_hash == token_hash(token)).values(
                password_hash=_HASHER.hash(password), setup_token_hash=None, setup_expires=None, failed_logins=0, locked_until=None,
            )).rowcount
        if not spent:
            raise AccountError("Tautan aktivasi sudah dipakai.")
        return who

    def sign_in(self, username: str, password: str, now: datetime) -> Staff | None:
        """The account if the password is right and it is not locked; every failure counts towards the lockout."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(staf).where(staf.c.username == username.strip().lower(), staf.c.aktif.is_(True))).first()
        if row is None or row.password_hash is None:
            _HASHER.verify(password, _UNKNOWN_USER_HASH)
            return None
        if row.locked_until is not None and utc(row.locked_until) > now:
            return None
        if not _HASHER.verify(password, row.password_hash):
            self.failed(row.id, now)
            return None
        if row.totp_secret is None:  # with two steps the count is cleared only by a right code (staff/totp.py)
            self.succeeded(row.id)
        return _staff(row)

    def failed(self, staff_id: int, now: datetime) -> None:
        """Count a wrong password or code; the MAX_FAILURES-th locks the account for LOCK_MINUTES."""
        with self.store.transaction() as conn:
            # FOR UPDATE: on PostgreSQL wrong guesses sent in parallel (to any server) all count; SQLite's write lock does it
            failures = conn.execute(select(staf.c.failed_logins).where(staf.c.id == staff_id).with_for_update()).scalar_one() + 1
            locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            conn.execute(update(staf).where(staf.c.id == staff_id).values(failed_logins=0 if locked else failures, locked_until=locked))

    def succeeded(self, staff_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute(update(staf).where(staf.c.id == staff_id).values(failed_logins=0, locked_until=None))

    def password_ok(self, staff_id: int, password: str) -> bool:
        """Whether `password` is the account's (to confirm a change such as turning two-step verification off)."""
        with self.store.engine.connect() as conn:
            hashed = conn.execute(select(staf.c.password_hash).where(staf.c.id == staff_id)).scalar_one_or_none()
        return hashed is not None and _HASHER.verify(password[:200], hashed)

    def locked(self, username: str, now: datetime) -> bool:
        with self.store.engine.connect() as conn:
            until = conn.execute(select(staf.c.locked_until).where(staf.c.username == username.strip().lower())).scalar_one_or_none()
        return until is not None and utc(until) > now

    def get(self, staff_id: int) -> Staff | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(staf).where(staf.c.id == staff_id, staf.c.aktif.is_(True))).first()
        return _staff(row) if row else None

    def of_balai(self, balai: str) -> list[Staff]:
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(staf).where(staf.c.balai == balai, staf.c.aktif.is_(True)).order_by(staf.c.nama)).all()
        return [_staff(r) for r in rows]


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
