"""The private store: WAL durability, gapless ticket numbers under concurrency, hashed tokens, erasure."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import func, select, text

from generator.intake.model import NewSubmission
from generator.intake.store.db import Store, Unstorable, open_engine, token_hash
from generator.intake.store.schema import identities, outbox, submissions
from tests.intake_server import ITEM, RECEIVED

KLINIK = Path(sys.executable).parent / "klinik"
def make_store(tmp_path: Path) -> Store:
    return Store(open_engine(f"sqlite:///{tmp_path / 'var' / 'klinik.db'}"))


def test_sqlite_runs_in_wal_with_full_sync(tmp_path):
    store = make_store(tmp_path)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_submission_identity_and_outbox_in_one_commit(tmp_path):
    store = make_store(tmp_path)
    stored = store.add(ITEM, RECEIVED, date(2026, 11, 26))
    assert stored.ticket == "KPKP-2026-000001" and len(stored.token) >= 32
    with store.engine.connect() as conn:
        row = conn.execute(select(submissions)).mappings().one()
        assert row["token_hash"] == token_hash(stored.token) and stored.token not in str(dict(row))
        assert conn.execute(select(identities.c.nama)).scalar_one() == "Rahmat Hidayat"
        assert conn.execute(select(outbox.c.ticket, outbox.c.attempts)).one() == ("KPKP-2026-000001", 0)
    assert store.by_token(stored.token)["ticket"] == stored.ticket
    assert store.by_token("tebakan") is None


def test_ticket_numbers_per_year_have_no_gaps_or_duplicates_under_threads(tmp_path):
    store = make_store(tmp_path)
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda _: store.add(ITEM, RECEIVED, date(2026, 11, 26)).ticket, range(120)))
    assert sorted(tickets) == [f"KPKP-2026-{n:06d}" for n in range(1, 121)]
    next_year = store.add(ITEM, datetime(2027, 1, 4, 3, 0, tzinfo=timezone.utc), date(2027, 1, 7))
    assert next_year.ticket == "KPKP-2027-000001"


def test_a_failed_transaction_gives_its_number_back(tmp_path):
    store = make_store(tmp_path)
    broken = NewSubmission(**{**ITEM.__dict__, "nama": None})  # identity insert fails: NOT NULL
    try:
        store.add(broken, RECEIVED, date(2026, 11, 26))
    except Exception:
        pass
    assert store.add(ITEM, RECEIVED, date(2026, 11, 26)).ticket == "KPKP-2026-000001"


def test_erasure_keeps_only_anonymous_statistics(tmp_path):
    store = make_store(tmp_path)
    stored = store.add(ITEM, RECEIVED, date(2026, 11, 26))
    assert store.erase(stored.ticket, RECEIVED)
    row = store.get(stored.ticket)
    assert (row["area"], row["provinsi"], row["status"], row["deadline"]) == ("pembiayaan", "Bali", "menunggu-jawaban", date(2026, 11, 26))
    assert (row["question"], row["kabupaten_kota"], row["token_hash"]) == (None, None, None)
    assert store.email_of(stored.ticket) is None and store.by_token(stored.token) is None
    dump = "\n".join(store.engine.raw_connection().driver_connection.iterdump())
    for secret in ("Rahmat", "081234567890", "rahmat@contoh.id", "gaji 4 juta", "Denpasar"):
        assert secret not in dump
    assert store.stats(RECEIVED) == {"queue_depth": 0, "dead_letters": 1, "oldest_unanswered_seconds": 0.0}
    assert not store.erase("KPKP-2026-999999", RECEIVED)


def test_hapus_data_cli(tmp_path):
    store = make_store(tmp_path)
    ticket = store.add(ITEM, RECEIVED, date(2026, 11, 26)).ticket
    env = {"PATH": "/usr/bin:/bin", "KLINIK_PROJECT_DIR": str(tmp_path)}
    done = subprocess.run([str(KLINIK), "intake", "hapus-data", ticket], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"Data pribadi tiket {ticket} sudah dihapus: nama, telepon, email, kabupaten/kota, pertanyaan asli, "
                           "dan tautan status. Statistik tanpa identitas (bidang, provinsi, tanggal, status) tetap disimpan.\n")
    missing = subprocess.run([str(KLINIK), "intake", "hapus-data", "KPKP-2026-000999"], env=env, capture_output=True, text=True)
    assert missing.returncode == 1
    assert missing.stderr == "Tiket KPKP-2026-000999 tidak ditemukan. Periksa nomor tiket (contoh: KPKP-2026-000123).\n"


def test_sqlite_connections_zero_what_they_delete(tmp_path):
    store = make_store(tmp_path)
    held = [store.engine.raw_connection() for _ in range(3)]  # three at once: every new connection, not only the first
    try:
        assert [raw.driver_connection.execute("PRAGMA secure_delete").fetchone()[0] for raw in held] == [1, 1, 1]
    finally:
        for raw in held:
            raw.close()


UNSTORABLE = [
    NewSubmission(**{**ITEM.__dict__, "nama": "Rahmat \udc00"}),
    NewSubmission(**{**ITEM.__dict__, "question": "Apakah \ud800 bisa?"}),
    NewSubmission(**{**ITEM.__dict__, "email": "r\udfff@contoh.id"}),
    NewSubmission(**{**ITEM.__dict__, "nama": None}),  # NOT NULL: the database refuses it
]


def test_one_unstorable_question_fails_only_itself_in_a_group_commit(tmp_path):
    """20 questions the database refuses, mixed into 180 honest ones posted at once: only the 20 fail."""
    store = make_store(tmp_path)
    items = [UNSTORABLE[n // 10 % 4] if n % 10 == 3 else ITEM for n in range(200)]

    def post(item):
        try:
            return store.add(item, RECEIVED, date(2026, 11, 26)).ticket
        except Unstorable as exc:
            return exc

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(post, items))
    failed = [r for r in results if isinstance(r, Unstorable)]
    tickets = [r for r in results if isinstance(r, str)]
    assert len(failed) == 20 and all(items[n] is not ITEM for n, r in enumerate(results) if isinstance(r, Unstorable))
    assert sorted(tickets) == [f"KPKP-2026-{n:06d}" for n in range(1, 181)]  # gapless: refused ones gave numbers back
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(identities)).scalar_one() == 180
        assert conn.execute(select(func.count()).select_from(outbox)).scalar_one() == 180
    for exc in failed:  # what reaches a log or a traceback names the error's type, never the refused value
        assert exc.__cause__ is None and exc.__context__ is None
        assert "Rahmat" not in repr(exc) and "contoh" not in repr(exc) and "Apakah" not in repr(exc)
    assert UNSTORABLE_MESSAGE in Unstorable.message


UNSTORABLE_MESSAGE = "Pertanyaan tidak dapat disimpan"
