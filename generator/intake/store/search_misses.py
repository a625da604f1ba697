"""Searches that found nothing or got no click, counted per day and redacted text, so TA learn what the site lacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from generator.intake.privacy.redact import MASK, redact
from generator.intake.store.db import Store
from generator.intake.store.schema import pencarian_gagal

KINDS = ("kosong", "tanpa-klik")
"""kosong: the search showed no result; tanpa-klik: it showed results and none was chosen (klinik-search-gagal.js)."""
MAX_QUERY = 100
"""The longest query kept (the column's width), cut at a word boundary."""
MIN_QUERY = 2
"""Fewer characters (besides masks) say nothing a TA could act on: not counted."""
MAX_RAW = 300
"""The longest text accepted before normalisation; the site's script sends at most MAX_QUERY."""


class Miss(NamedTuple):
    """One failed query over a period: how often, and on which first and last day."""

    query: str
    kind: str
    count: int
    first: date
    last: date


def clean_query(raw: str) -> str | None:
    """The query as stored: phones, emails, NIK, accounts and addresses masked first (generator.intake.privacy), then
    lowercase with single spaces, at most MAX_QUERY characters of whole words; None when nothing worth counting is left.

    Redaction runs on the whole text before any cut, and the cut drops the last partial word, so a number or an
    address is either masked whole or not kept at all."""
    if len(raw) > MAX_RAW:
        raise ValueError(f"kueri lebih dari {MAX_RAW} karakter")
    text = " ".join(redact(raw).lower().split())
    if len(text) > MAX_QUERY:
        cut = text.rfind(" ", 0, MAX_QUERY + 1)
        if cut <= 0:
            return None
        text = text[:cut]
    if len("".join(text.replace(MASK, " ").split())) < MIN_QUERY:
        return None
    return text


def miss_write(day: date, kind: str, query: str) -> Callable[[Connection], object]:
    """One failed search as a write for the store's group commit: an upsert, so two servers on one PostgreSQL add up."""
    if kind not in KINDS:
        raise ValueError(f"kind: harus salah satu dari {', '.join(KINDS)}")
    if not query or len(query) > MAX_QUERY:
        raise ValueError(f"query: harus 1-{MAX_QUERY} karakter")

    def write(conn: Connection) -> None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        statement = insert(pencarian_gagal).values(hari=day, kind=kind, query=query, jumlah=1)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[pencarian_gagal.c.hari, pencarian_gagal.c.kind, pencarian_gagal.c.query],
            set_={"jumlah": pencarian_gagal.c.jumlah + 1}))

    return write


def record_miss(store: Store, day: date, kind: str, raw: str, extra: Sequence = ()) -> str | None:
    """Count one failed search (redacted by clean_query) with any further writes, e.g. the address's rate-limit hit;
    returns the text counted, or None when nothing was left to count (the further writes are committed all the same)."""
    query = clean_query(raw)
    writes = [miss_write(day, kind, query)] if query else []
    if writes or extra:
        store.write([*writes, *extra], datetime.now(timezone.utc))
    return query


def miss_rows(store: Store, since: date, limit: int | None = None) -> list[Miss]:
    """Failed queries from `since` on, most frequent first (ties by query and kind, so the order is stable)."""
    t = pencarian_gagal.c
    total = func.sum(t.jumlah)
    query = (select(t.query, t.kind, total, func.min(t.hari), func.max(t.hari)).where(t.hari >= since)
             .group_by(t.query, t.kind).order_by(total.desc(), t.query, t.kind).limit(limit))
    with store.reading() as conn:
        return [Miss(q, kind, int(count), first, last) for q, kind, count, first, last in conn.execute(query)]


def misses(store: Store, since: date) -> list[tuple[str, str, int]]:
    """(query, kind, count) from `since` on, most frequent first."""
    return [(m.query, m.kind, m.count) for m in miss_rows(store, since)]
