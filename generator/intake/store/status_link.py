"""Asking for the status link again: the asker proves the case with ticket and phone, and a new link replaces the old."""

from __future__ import annotations

import secrets

from sqlalchemy import select, update

from generator.intake.store.db import Store, token_hash
from generator.intake.store.followups import root_of
from generator.intake.store.schema import identities, submissions
from generator.util.secure import same


def asker_for(store: Store, ticket: str, phone: str) -> dict | None:
    """The case's first ticket with its email and phone when ticket and phone match a live case, else None."""
    with store.engine.connect() as conn:
        root = root_of(conn, ticket)
        row = conn.execute(
            select(submissions.c.ticket, identities.c.telepon, identities.c.email)
            .join(identities, identities.c.ticket == submissions.c.ticket)
            .where(submissions.c.ticket == root, submissions.c.erased_at.is_(None))
        ).first()
    if row is None or not same(row.telepon, phone):
        return None
    return {"ticket": row.ticket, "telepon": row.telepon, "email": row.email}


def new_status_token(store: Store, ticket: str) -> str:
    """Give the case a new status link; the old one stops working (it may be in someone else's hands)."""
    token = secrets.token_urlsafe(24)
    with store.transaction() as conn:
        conn.execute(update(submissions).where(submissions.c.ticket == ticket).values(token_hash=token_hash(token)))
    return token
