"""The private store: the only place a citizen's identity and original question live."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import (
    Table,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from generator.intake.model import NewSubmission
from generator.intake.private_files import private_sqlite_file
from generator.intake.store.columns import add_missing_columns
from generator.intake.store.erasure import reclaim
from generator.intake.store.followups import FollowUpRefused, chain, link_follow_up
from generator.intake.store.photos import erase_photos, store_photos
from generator.intake.store.schema import identities, layanan, metadata, next_ticket, online_row, outbox, submissions
from generator.intake.store.visits import forget_visits
from generator.util.dates import utc

READ = "klinik_read"
"""Execution option of a read-only connection: on SQLite its transaction is deferred, so it never waits for a writer."""
SCHEMA_LOCK = 0x4B4C494E
"""PostgreSQL advisory lock held while a starting server creates or extends the tables ("KLIN")."""
Extra = tuple[Table, dict] | Callable[[Connection], object]
"""A further write for a question's own transaction, so it costs no commit of its own: a row (its sender's rate-limit
hit; the batch's rows go in one multi-row INSERT per table) or a function of the connection (the hits' purge)."""


@dataclass(frozen=True)
class Stored:
    """What the receipt needs: the ticket, the deadline and the one-time plain status token."""

    ticket: str
    token: str
    received: datetime
    deadline: date


@dataclass
class _Waiting:
    """A question (or, with item None, only extra writes) waiting for the next group commit, and what became of it."""

    item: NewSubmission | None
    received: datetime
    deadline: date | None
    extra: Sequence[Extra] = ()
    result: Stored | None = None
    error: Exception | None = None
    done: bool = False


class Unstorable(Exception):
    """The database refused this one question's values; only its sender gets the error, never the batch."""

    message = ("Pertanyaan tidak dapat disimpan karena ada isian yang memuat karakter atau nilai yang tidak dapat "
               "diterima. Periksa kembali isian Anda lalu kirim lagi.")

    def __init__(self, kind: str):
        super().__init__(f"pertanyaan tidak dapat disimpan ({kind})")  # the type only: driver messages embed values
        self.kind = kind


def item_error(exc: Exception) -> bool:
    """Whether the failure lies in the values themselves (retrying them alone fails again), not in the database."""
    if isinstance(exc, (DataError, IntegrityError)):
        return True
    if isinstance(exc, StatementError) and not isinstance(exc, DBAPIError):
        return True  # SQLAlchemy could not bind a parameter
    return isinstance(exc, (UnicodeError, ValueError, TypeError, FollowUpRefused))


def token_hash(token: str) -> str:
    """Only this hash is stored, so a database leak does not reveal status links."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL with synchronous=FULL: an acknowledged commit survives a crash; secure_delete zeroes what is erased."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # freed cells and pages are overwritten, not left in the file
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # writers take the write lock up front (no upgrade deadlocks); a READ connection reads a WAL snapshot, never waits
        connection.exec_driver_sql("BEGIN" if connection.get_execution_options().get(READ) else "BEGIN IMMEDIATE")


def open_engine(url: str) -> Engine:
    """Connect to SQLite (file created under var/) or PostgreSQL and create missing tables."""
    if url.startswith("sqlite:///"):
        private_sqlite_file(url.removeprefix("sqlite:///").split("?")[0])
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, hide_parameters=True)
        _sqlite_pragmas(engine)
    else:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)  # errors never quote a citizen's values
    with _schema_lock(engine):
        metadata.create_all(engine)
        add_missing_columns(engine, metadata)  # a store made before a column was added gets it (create_all makes tables only)
    return engine


@contextmanager
def _schema_lock(engine: Engine):
    """Servers started together on one PostgreSQL take turns creating tables (else all but one fail to start)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(select(func.pg_advisory_lock(SCHEMA_LOCK)))  # held by the session, not the transaction
        try:
            yield
        finally:
            conn.execute(select(func.pg_advisory_unlock(SCHEMA_LOCK)))


class Store:
    """Verbs over the private tables; each verb is one transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._write_lock = threading.Lock()
        self._queue_lock = threading.Lock()
        self._waiting: list[_Waiting] = []

    @contextmanager
    def transaction(self):
        """One writer at a time in this process: SQLite's busy handler would sleep up to 100 ms per retry."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self):
        """A connection for reads that must not queue behind writers (SQLite: deferred, not BEGIN IMMEDIATE)."""
        with self.engine.connect() as conn:
            conn.execution_options(**{READ: True})
            yield conn

    def add(self, item: NewSubmission, received: datetime, deadline: date, extra: Sequence[Extra] = ()) -> Stored:
        """Store the question, the identity and the outbox row (and the extra writes), committed before any reply."""
        result = self._join(_Waiting(item, received, deadline, extra))
        assert result is not None
        return result

    def write(self, extra: Sequence[Extra], when: datetime) -> None:
        """Commit writes that come with no question (a refused post's rate-limit hit) in the next group commit."""
        self._join(_Waiting(None, when, None, extra))

    def _join(self, mine: _Waiting) -> Stored | None:
        with self._queue_lock:
            self._waiting.append(mine)
        with self._write_lock:
            if not mine.done:  # else a writer before us committed it with its own batch
                with self._queue_lock:
                    batch, self._waiting = self._waiting, []
                self._commit(batch)
        if mine.error is not None:
            raise mine.error
        return mine.result

    def _commit(self, batch: list[_Waiting]) -> None:
        """Group commit: one transaction and one fsync for all waiting; if one's values break it, each alone."""
        try:
            self._commit_together(batch)
            return
        except Exception as exc:  # noqa: BLE001 - every waiter re-raises it in its own thread
            if len(batch) == 1 or not item_error(exc):  # the database itself failed: retrying one by one won't help
                for waiting in batch:
                    self._fail(waiting, exc)
                return
        for waiting in batch:
            try:
                self._commit_together([waiting])
            except Exception as exc:  # noqa: BLE001
                self._fail(waiting, exc)

    def _commit_together(self, batch: list[_Waiting]) -> None:
        with self.engine.begin() as conn:
            results = [self._insert_all(conn, w) for w in batch]
            rows: dict[Table, list[dict]] = {}
            for extra in (e for w in batch for e in w.extra):
                if isinstance(extra, tuple):
                    rows.setdefault(extra[0], []).append(extra[1])
                else:
                    extra(conn)
            for table, values in rows.items():
                conn.execute(table.insert(), values)  # one round trip for the batch, not one per question
        for waiting, result in zip(batch, results, strict=False):
            waiting.result, waiting.done = result, True

    @staticmethod
    def _fail(waiting: _Waiting, exc: Exception) -> None:
        """Hand the waiter its error; a refused value becomes Unstorable, which carries no part of the values."""
        waiting.error = exc if isinstance(exc, FollowUpRefused) else Unstorable(type(exc).__name__) if item_error(exc) else exc
        waiting.done = True

    def _insert_all(self, conn, waiting: _Waiting) -> Stored | None:
        if waiting.item is None or waiting.deadline is None:
            return None
        return self._insert(conn, waiting.item, waiting.received, waiting.deadline)

    def _insert(self, conn, item: NewSubmission, received: datetime, deadline: date) -> Stored:
        token = secrets.token_urlsafe(24)
        received_utc = received.astimezone(timezone.utc)
        ticket = next_ticket(conn, received.year)
        conn.execute(submissions.insert().values(
            ticket=ticket, token_hash=token_hash(token), area=item.area, provinsi=item.provinsi,
            kabupaten_kota=item.kabupaten_kota, question=item.question, received=received_utc,
            deadline=deadline, status="menunggu-jawaban",
        ))
        conn.execute(identities.insert().values(ticket=ticket, nama=item.nama, telepon=item.telepon, email=item.email,
                                                instansi=item.instansi))
        conn.execute(outbox.insert().values(ticket=ticket, attempts=0, next_attempt_at=received_utc, dead=False))
        ta_id = link_follow_up(conn, ticket, item.follows) if item.follows else None  # the case stays with its TA
        row = online_row(ticket, item.balai, item.area, item.provinsi, item.kabupaten_kota, received, item.jenis_pemohon)
        conn.execute(layanan.insert().values(**row, ta_id=ta_id))
        if item.photos:  # already re-encoded outside the lock: here only their insert
            store_photos(conn, ticket, "lanjutan" if item.follows else "pertanyaan", item.photos, received)
        return Stored(ticket, token, received, deadline)

    def by_token(self, token: str) -> dict | None:
        """The submission behind a status link, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions).where(submissions.c.token_hash == token_hash(token))).mappings().first()
        return dict(row) if row else None

    def get(self, ticket: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(submissions).where(submissions.c.ticket == ticket)).mappings().first()
        return dict(row) if row else None

    def email_of(self, ticket: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(identities.c.email).where(identities.c.ticket == ticket)).scalar_one_or_none()

    def record_answer(self, ticket: str, answer: str, answered_at: datetime) -> bool:
        """Store an answer once; return True when it is new (so the asker is notified once)."""
        with self.transaction() as conn:
            changed = conn.execute(
                update(submissions).where(submissions.c.ticket == ticket, submissions.c.answered_at.is_(None))
                .values(answer=answer, answered_at=answered_at.astimezone(timezone.utc), status="dijawab")
            ).rowcount
        return bool(changed)

    def unnotified_answers(self) -> list[str]:
        """Answered tickets whose asker was not yet emailed (an email send can fail and be retried)."""
        with self.engine.connect() as conn:
            return list(conn.execute(
                select(submissions.c.ticket).where(submissions.c.answered_at.is_not(None), submissions.c.notified_at.is_(None))
            ).scalars())

    def mark_notified(self, ticket: str, when: datetime) -> None:
        with self.transaction() as conn:
            conn.execute(update(submissions).where(submissions.c.ticket == ticket).values(notified_at=when))

    def erase(self, ticket: str, when: datetime) -> bool:
        """Forget who asked and what (UU 27/2022), old on-disk copies included; keep anonymous statistics."""
        with self.transaction() as conn:
            found = conn.execute(select(submissions.c.ticket).where(submissions.c.ticket == ticket)).first()
            if not found:
                return False
            case = chain(conn, ticket)  # a follow-up carries the same identity: the whole case goes together
            case += forget_visits(conn, case)  # field visits of the case: their site, result and photos go too
            erase_photos(conn, case)
            conn.execute(identities.delete().where(identities.c.ticket.in_(case)))
            conn.execute(update(submissions).where(submissions.c.ticket.in_(case)).values(
                question=None, kabupaten_kota=None, token_hash=None, erased_at=when,
            ))
            conn.execute(update(layanan).where(layanan.c.ticket.in_(case)).values(kabupaten_kota=None, uraian=None, erased_at=when))
            conn.execute(update(outbox).where(outbox.c.ticket.in_(case), outbox.c.published_at.is_(None)).values(
                dead=True, last_error="dihapus atas permintaan pemilik data",
            ))
        reclaim(self.engine)  # raises EraseIncomplete if the WAL stayed in use: erasing again finishes it
        return True

    def stats(self, now: datetime) -> dict:
        """Figures for /metrics: counts and ages only, never anything about a person."""
        with self.engine.connect() as conn:
            pending = conn.execute(select(func.count()).select_from(outbox).where(
                outbox.c.published_at.is_(None), outbox.c.dead.is_(False))).scalar_one()
            dead = conn.execute(select(func.count()).select_from(outbox).where(outbox.c.dead.is_(True))).scalar_one()
            oldest = conn.execute(select(func.min(submissions.c.received)).where(
                submissions.c.answered_at.is_(None), submissions.c.erased_at.is_(None))).scalar_one()
        age = (now - utc(oldest)).total_seconds() if oldest else 0.0
        return {"queue_depth": pending, "dead_letters": dead, "oldest_unanswered_seconds": max(0.0, age)}
