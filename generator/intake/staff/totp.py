"""Optional two-step sign-in (TOTP, RFC 6238): a code from the phone after the password, never the same code twice."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import pyotp
import segno
from sqlalchemy import delete, or_, select, update

from generator.intake.staff.accounts import Accounts, Staff
from generator.intake.store.db import Store, token_hash
from generator.intake.store.schema import staf, staf_pemulihan, staf_tunda
from generator.util.dates import utc
from generator.util.secure import same

ISSUER = "Klinik PKP"
PENDING = timedelta(minutes=5)
"""How long a right password waits for its code; then the sign-in starts again."""
DRIFT = 1
"""Time steps (30 s each) accepted either side of now: a phone clock a little off still works."""
SECRET_LENGTH = 32  # base32 characters: 160 bits, RFC 4226's recommended key length


def new_secret() -> str:
    return pyotp.random_base32(SECRET_LENGTH)


def valid_secret(secret: str) -> bool:
    """A base32 secret as new_secret makes it (the set-up form carries it back)."""
    return len(secret) == SECRET_LENGTH and all(c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in secret)


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth:// URI as inline SVG markup (no image request, nothing a CSP forbids)."""
    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", title="Kode QR aplikasi autentikator")


def _step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """The time step whose code `code` is, within DRIFT of now and later than `after`; None if none."""
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - DRIFT, current + DRIFT + 1):
        if (after is None or step > after) and same(totp.generate_otp(step), code):
            return step
    return None


class TwoStep:
    """Turn TOTP on and off, check a code once, and keep the sign-ins that wait for one."""

    def __init__(self, store: Store):
        self.store = store
        self.accounts = Accounts(store)

    def _row(self, staff_id: int):
        with self.store.engine.connect() as conn:
            return conn.execute(select(staf.c.totp_secret, staf.c.totp_langkah, staf.c.locked_until)
                                .where(staf.c.id == staff_id, staf.c.aktif.is_(True))).first()

    def _spend(self, staff_id: int, secret: str, step: int, **values) -> bool:
        """Record `step` as used, only if no later or equal step was (two servers, one code: one wins)."""
        with self.store.transaction() as conn:
            return bool(conn.execute(update(staf).where(
                staf.c.id == staff_id, or_(staf.c.totp_langkah.is_(None), staf.c.totp_langkah < step),
                or_(staf.c.totp_secret.is_(None), staf.c.totp_secret == secret),
            ).values(totp_langkah=step, **values)).rowcount)

    def enable(self, who: Staff, secret: str, code: str, now: datetime) -> bool:
        """Store the secret once a current code from it is shown; False if the code (or secret) is wrong."""
        row = self._row(who.id)
        if row is None or row.totp_secret is not None or not valid_secret(secret):
            return False
        step = _step(secret, code, now, row.totp_langkah)
        return step is not None and self._spend(who.id, secret, step, totp_secret=secret)

    def verify(self, staff_id: int, code: str, now: datetime) -> bool:
        """A right, unused code clears the failure count; a wrong one counts towards the lockout. Locked: always False."""
        row = self._row(staff_id)
        if row is None or row.totp_secret is None or (row.locked_until is not None and utc(row.locked_until) > now):
            return False
        step = _step(row.totp_secret, code, now, row.totp_langkah)
        if step is None or not self._spend(staff_id, row.totp_secret, step):
            self.accounts.failed(staff_id, now)
            return False
        self.accounts.succeeded(staff_id)
        return True

    def disable(self, who: Staff, password: str, code: str, now: datetime) -> bool:
        """Turn it off with the password and a current code, both counted like a sign-in."""
        if not self.accounts.password_ok(who.id, password):
            self.accounts.failed(who.id, now)
            return False
        if not self.verify(who.id, code, now):
            return False
        self.reset(who.id)
        return True

    def reset(self, staff_id: int) -> None:
        """Off, without a code: the Kepala Balai's reset for a lost phone (the web layer audits it)."""
        with self.store.transaction() as conn:  # the recovery codes belong to the secret: they go with it
            conn.execute(update(staf).where(staf.c.id == staff_id).values(totp_secret=None, totp_langkah=None))
            conn.execute(delete(staf_pemulihan).where(staf_pemulihan.c.staf_id == staff_id))

    def reset_username(self, username: str) -> Staff | None:
        """The server operator's reset (`klinik staf atur-ulang-dua-langkah`), e.g. for a Kepala Balai's lost phone: the
        account it turned off (the CLI audits it), or None when there is none with two steps on."""
        with self.store.transaction() as conn:
            staff_id = conn.execute(update(staf).where(staf.c.username == username.strip().lower(), staf.c.totp_secret.is_not(None),
                                                      staf.c.aktif.is_(True)).values(
                totp_secret=None, totp_langkah=None).returning(staf.c.id)).scalar_one_or_none()
            if staff_id is not None:
                conn.execute(delete(staf_pemulihan).where(staf_pemulihan.c.staf_id == staff_id))
        return None if staff_id is None else self.accounts.get(staff_id)

    def wait_for_code(self, who: Staff, now: datetime) -> tuple[str, str]:
        """A right password of a TOTP account: (cookie token, CSRF token) of a pending sign-in, not a session."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(delete(staf_tunda).where(staf_tunda.c.kedaluwarsa < now))
            conn.execute(staf_tunda.insert().values(token_hash=token_hash(token), staf_id=who.id, csrf=csrf, kedaluwarsa=now + PENDING))
        return token, csrf

    def waiting(self, token: str | None, now: datetime) -> tuple[int, str] | None:
        """(staff id, CSRF token) of a pending sign-in still within PENDING, or None."""
        if not token or len(token) > 100:
            return None
        with self.store.engine.connect() as conn:
            row = conn.execute(select(staf_tunda).where(staf_tunda.c.token_hash == token_hash(token))).first()
        return None if row is None or utc(row.kedaluwarsa) < now else (row.staf_id, row.csrf)

    def done_waiting(self, token: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(staf_tunda).where(staf_tunda.c.token_hash == token_hash(token)))
