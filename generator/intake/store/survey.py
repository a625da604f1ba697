"""The satisfaction survey (IKM, SE Bab II D.3): one single-use invitation per case, answers kept without the case."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.intake.privacy.redact import redact
from generator.intake.store.db import Store, token_hash
from generator.intake.store.followups import root_of
from generator.intake.store.schema import layanan, spent_tokens, submissions, survei, survei_undangan
from generator.measure.ikm import IkmResult, compute
from generator.util.dates import JAKARTA, utc

VALID_FOR = timedelta(days=60)
"""How long an invitation can be used; afterwards the expiry sweep removes it (purge_expired)."""
KOMENTAR_MAX = 1000
"""Characters of the optional comment, before redaction."""
NO_SURVEY = ("acara",)
"""Events keep no identity and no per-person case: nobody to invite."""
OPEN, USED, EXPIRED, UNKNOWN, STORED = "terbuka", "terpakai", "kedaluwarsa", "tidak-dikenal", "tersimpan"
SPENT_KIND = "survei"


@dataclass(frozen=True)
class Invitation:
    """What an open invitation says about the service, and nothing about the case or the person."""

    balai: str
    kanal: str
    jenis_layanan: str
    bulan: str
    unsur: str
    expires: datetime


@dataclass(frozen=True)
class SurveyResponse:
    """One anonymous answer: where and what kind of service, the month, the element set and its scores."""

    balai: str
    kanal: str
    jenis_layanan: str
    bulan: str
    unsur: str
    nilai: tuple[int, ...]
    komentar: str | None


TOKEN_CHARS = 12
"""60 bits in lower-case base32: short enough to type from a printed receipt, far too many to guess."""


def survey_token(key: bytes, ticket: str) -> str:
    """The case's invitation token, derived (HMAC) so the status page and the email show it again without storing it."""
    digest = hmac.new(key, f"survei:{ticket}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:TOKEN_CHARS].lower()


def service(store: Store, ticket: str) -> dict | None:
    """The register facts a survey receipt shows (no identity): ticket, channel, kind, Balai, day; None if unknown."""
    with store.reading() as conn:
        row = conn.execute(select(layanan.c.ticket, layanan.c.kanal, layanan.c.jenis, layanan.c.balai, layanan.c.tanggal,
                                  layanan.c.erased_at).where(layanan.c.ticket == ticket)).mappings().first()
    return dict(row) if row else None


def _service_day(conn, row, now: datetime) -> date:
    """The month a response counts in: the answer's day for a web question, the service day for the others."""
    if row.kanal == "daring":
        answered = conn.execute(select(submissions.c.answered_at).where(submissions.c.ticket == row.ticket)).scalar_one_or_none()
        return utc(answered or now).astimezone(JAKARTA).date()
    return row.tanggal


def issue(store: Store, key: bytes, ticket: str, unsur_for: Callable[[date], str], now: datetime) -> str | None:
    """Invite the case of `ticket` (its first question for a follow-up) once; the token, or None if already invited.

    The case keeps only a marker (layanan.survei_diundang); the invitation row carries no ticket."""
    with store.reading() as conn:  # the status page asks on every view: only a case still to invite takes the write lock
        root = root_of(conn, ticket)
        row = conn.execute(select(layanan.c.ticket, layanan.c.kanal, layanan.c.jenis, layanan.c.balai, layanan.c.tanggal,
                                  layanan.c.survei_diundang, layanan.c.erased_at).where(layanan.c.ticket == root)).first()
    if row is None or row.kanal in NO_SURVEY or row.survei_diundang or row.erased_at is not None:
        return None
    with store.transaction() as conn:
        claimed = conn.execute(update(layanan).where(layanan.c.ticket == root, layanan.c.survei_diundang.is_(None))
                               .values(survei_diundang=True).returning(layanan.c.ticket)).first()  # rowcount is -1 under psycopg
        if claimed is None:  # a concurrent request invited it first
            return None
        day = _service_day(conn, row, now)
        token = survey_token(key, root)
        conn.execute(survei_undangan.insert().values(
            token_hash=token_hash(token), balai=row.balai, kanal=row.kanal, jenis_layanan=row.jenis, bulan=f"{day:%Y-%m}",
            unsur=unsur_for(day), expires=(now + VALID_FOR).astimezone(timezone.utc)))
    return token


def pending_token(store: Store, key: bytes, ticket: str, now: datetime) -> str | None:
    """The case's token while its invitation is still open (not used, not expired), else None."""
    with store.reading() as conn:
        token = survey_token(key, root_of(conn, ticket))
        expires = conn.execute(select(survei_undangan.c.expires).where(
            survei_undangan.c.token_hash == token_hash(token))).scalar_one_or_none()
    return token if expires is not None and utc(expires) > now else None


def invite(store: Store, key: bytes, ticket: str, unsur_for: Callable[[date], str], now: datetime) -> str | None:
    """The token to show for an answered or served case: the open one, or issued now the first time (None: used up)."""
    return (pending_token(store, key, ticket, now) or issue(store, key, ticket, unsur_for, now)
            or pending_token(store, key, ticket, now))  # a concurrent view may have issued it a moment ago


def find(store: Store, token: str, now: datetime) -> tuple[str, Invitation | None]:
    """(OPEN, the invitation) or (USED | EXPIRED | UNKNOWN, None) for the token in a survey link."""
    hashed = token_hash(token)
    with store.reading() as conn:
        row = conn.execute(select(survei_undangan).where(survei_undangan.c.token_hash == hashed)).mappings().first()
        spent = row is None and conn.execute(select(spent_tokens.c.key).where(
            spent_tokens.c.kind == SPENT_KIND, spent_tokens.c.key == hashed)).first() is not None
    if row is None:
        return (USED if spent else UNKNOWN), None
    if utc(row["expires"]) <= now:
        return EXPIRED, None
    return OPEN, Invitation(row["balai"], row["kanal"], row["jenis_layanan"], row["bulan"], row["unsur"], utc(row["expires"]))


def clean_comment(komentar: str | None) -> str | None:
    """The comment as stored: trimmed, at most KOMENTAR_MAX characters, phones, emails, NIK and addresses masked."""
    text = (komentar or "").replace("\r\n", "\n").strip()
    if not text:
        return None
    if len(text) > KOMENTAR_MAX:
        raise ValueError(f"komentar lebih dari {KOMENTAR_MAX} karakter")
    return redact(text)


def take(store: Store, token: str, scores: Sequence[int], komentar: str | None, now: datetime) -> str:
    """Store one answer and use the invitation up, in one transaction: STORED, or USED | EXPIRED | UNKNOWN.

    The answer keeps the invitation's Balai, channel, kind, month and set; the invitation row is deleted and only
    the token's hash is kept among spent tokens until the invitation would have expired, so a second submit reads
    "already used" rather than "unknown"."""
    if not scores or any(isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 4 for s in scores):
        raise ValueError("nilai harus 1-4")
    text = clean_comment(komentar)  # before the lock: redaction is the slow part
    hashed = token_hash(token)
    with store.transaction() as conn:
        row = conn.execute(delete(survei_undangan).where(survei_undangan.c.token_hash == hashed)
                           .returning(*survei_undangan.c)).mappings().first()  # of two concurrent submits one gets it
        if row is None:
            spent = conn.execute(select(spent_tokens.c.key).where(spent_tokens.c.kind == SPENT_KIND, spent_tokens.c.key == hashed)).first()
            return USED if spent is not None else UNKNOWN
        if utc(row["expires"]) <= now:
            return EXPIRED  # committed: the expired invitation is deleted, nothing is stored
        conn.execute(survei.insert().values(balai=row["balai"], kanal=row["kanal"], jenis_layanan=row["jenis_layanan"],
                                            bulan=row["bulan"], unsur=row["unsur"], nilai=",".join(map(str, scores)), komentar=text))
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        conn.execute(insert(spent_tokens).values(kind=SPENT_KIND, key=hashed, expires=row["expires"]).on_conflict_do_nothing())
    return STORED


def purge_expired(store: Store, now: datetime) -> int:
    """Remove invitations past their date (the answers stay); how many went."""
    with store.transaction() as conn:
        gone = conn.execute(delete(survei_undangan).where(survei_undangan.c.expires <= now).returning(survei_undangan.c.token_hash))
        return len(gone.all())


def survey_responses(store: Store, balai: str | None, months: list[str]) -> list[SurveyResponse]:
    """Every answer of these months ("YYYY-MM"), of one Balai or of all with None, oldest month first."""
    if not months:
        return []
    query = select(survei).where(survei.c.bulan.in_(sorted(set(months)))).order_by(survei.c.bulan, survei.c.balai, survei.c.id)
    if balai is not None:
        query = query.where(survei.c.balai == balai)
    with store.reading() as conn:
        rows = conn.execute(query).mappings().all()
    return [SurveyResponse(r["balai"], r["kanal"], r["jenis_layanan"], r["bulan"], r["unsur"],
                           tuple(int(n) for n in r["nilai"].split(",")), r["komentar"]) for r in rows]


def index_of(responses: Sequence[SurveyResponse]) -> tuple[str, IkmResult] | None:
    """The index of some answers on the element set most answered (a period can mix sets when the configuration changed)."""
    groups: dict[str, list[tuple[int, ...]]] = {}
    for response in responses:
        groups.setdefault(response.unsur, []).append(response.nilai)
    if not groups:
        return None
    unsur, rows = max(sorted(groups.items()), key=lambda kv: len(kv[1]))
    return unsur, compute(rows, len(rows[0]))
