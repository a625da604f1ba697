"""Follow-up questions: up to three per case, each its own ticket in the same series, tied to the first question."""

from __future__ import annotations

from sqlalchemy import func, select

from generator.intake.store.schema import identities, layanan, submissions, tindak_lanjut

FOLLOW_UP_LIMIT = 3
"""Follow-ups a citizen may ask on one case (issue: "up to 3 follow-ups on the same case")."""


class FollowUpRefused(Exception):
    """This follow-up cannot be stored (the limit is reached or the case was erased); the message is for the citizen."""


def root_of(conn, ticket: str) -> str:
    """The first question of a case: a follow-up points at it, a first question is its own root."""
    return conn.execute(select(tindak_lanjut.c.induk).where(tindak_lanjut.c.ticket == ticket)).scalar_one_or_none() or ticket


def chain(conn, ticket: str) -> list[str]:
    """Every ticket of a case, first question first: what an erasure of any of them must erase."""
    root = root_of(conn, ticket)
    later = conn.execute(select(tindak_lanjut.c.ticket).where(tindak_lanjut.c.induk == root).order_by(tindak_lanjut.c.urutan)).scalars()
    return [root, *later]


def link_follow_up(conn, ticket: str, parent: str) -> int | None:
    """Inside the follow-up's own insert transaction: number it, refuse a fourth; return the TA to keep the case with."""
    taken = conn.execute(select(func.count()).select_from(tindak_lanjut).where(tindak_lanjut.c.induk == parent)).scalar_one()
    if taken >= FOLLOW_UP_LIMIT:
        raise FollowUpRefused(f"Satu kasus dapat diberi paling banyak {FOLLOW_UP_LIMIT} pertanyaan lanjutan.")
    conn.execute(tindak_lanjut.insert().values(ticket=ticket, induk=parent, urutan=taken + 1))
    return conn.execute(select(layanan.c.ta_id).where(layanan.c.ticket == parent)).scalar_one_or_none()


def follow_ups(store, parent: str) -> list[dict]:
    """The follow-ups of a case in order, for the citizen's status page (their own words, answers, deadlines)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(submissions.c.ticket, submissions.c.question, submissions.c.received, submissions.c.deadline, submissions.c.status,
                   submissions.c.answer, submissions.c.answered_at, tindak_lanjut.c.urutan)
            .join(tindak_lanjut, tindak_lanjut.c.ticket == submissions.c.ticket)
            .where(tindak_lanjut.c.induk == parent).order_by(tindak_lanjut.c.urutan)
        ).mappings()
        return [dict(r) for r in rows]


def asker_of(store, ticket: str) -> dict | None:
    """The identity of a case's asker, to carry onto a follow-up (it stays in the private tables)."""
    with store.engine.connect() as conn:
        row = conn.execute(select(identities.c.nama, identities.c.telepon, identities.c.email, identities.c.instansi)
                           .where(identities.c.ticket == ticket)).first()
        found = conn.execute(select(layanan.c.balai, layanan.c.jenis_pemohon).where(layanan.c.ticket == ticket)).first()
    if row is None:
        return None
    return {**row._asdict(), "balai": found.balai if found else "", "jenis_pemohon": found.jenis_pemohon if found else "perorangan"}
