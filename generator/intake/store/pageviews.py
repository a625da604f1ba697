"""Page views and downloads counted per day and path only, so the clinic measures information use without tracking anyone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from generator.intake.store.db import Store
from generator.intake.store.schema import tayangan

MAX_PATH = 300
"""The longest path kept (the column's width); the web layer refuses longer ones before they get here."""


def view_write(day: date, path: str) -> Callable[[Connection], object]:
    """One view of `path` on `day` as a write for the store's group commit: an upsert, so two servers on one
    PostgreSQL (or two writers racing on the same new row) add up instead of failing or losing a count."""
    if not path.startswith("/") or len(path) > MAX_PATH:
        raise ValueError("path: harus diawali '/' dan paling panjang 300 karakter")

    def write(conn: Connection) -> None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        statement = insert(tayangan).values(hari=day, path=path, jumlah=1)
        conn.execute(statement.on_conflict_do_update(
            index_elements=[tayangan.c.hari, tayangan.c.path], set_={"jumlah": tayangan.c.jumlah + 1}))

    return write


def record_view(store: Store, day: date, path: str, extra=()) -> None:
    """Count one view now (with any further writes, e.g. the address's rate-limit hit) in the next group commit."""
    store.write([view_write(day, path), *extra], datetime.now(timezone.utc))


def page_views(store: Store, start: date, end: date) -> dict[str, int]:
    """Views per path from `start` to `end` inclusive, most viewed first (ties by path, so the order is stable)."""
    total = func.sum(tayangan.c.jumlah)
    query = (select(tayangan.c.path, total).where(tayangan.c.hari >= start, tayangan.c.hari <= end)
             .group_by(tayangan.c.path).order_by(total.desc(), tayangan.c.path))
    with store.reading() as conn:
        return {path: int(count) for path, count in conn.execute(query)}


def page_views_by_day(store: Store, start: date, end: date) -> dict[date, int]:
    """Views of all paths per day from `start` to `end` inclusive; a day without views is absent."""
    query = (select(tayangan.c.hari, func.sum(tayangan.c.jumlah)).where(tayangan.c.hari >= start, tayangan.c.hari <= end)
             .group_by(tayangan.c.hari).order_by(tayangan.c.hari))
    with store.reading() as conn:
        return {day: int(count) for day, count in conn.execute(query)}
