"""The private store on a real PostgreSQL (a throwaway local cluster): same tickets, same erasure."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

from generator.intake.model import NewSubmission
from generator.intake.store.db import Store, Unstorable, open_engine
from tests.intake_server import ITEM, RECEIVED


def test_tickets_under_threads_and_erasure_on_postgresql(pg_url):
    store = Store(open_engine(pg_url))
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda _: store.add(ITEM, RECEIVED, date(2026, 11, 26)).ticket, range(60)))
    assert sorted(tickets) == [f"KPKP-2026-{n:06d}" for n in range(1, 61)]
    first = store.get("KPKP-2026-000001")
    assert first["received"] == RECEIVED and first["deadline"] == date(2026, 11, 26)
    assert store.erase("KPKP-2026-000001", datetime.now(timezone.utc))
    erased = store.get("KPKP-2026-000001")
    assert (erased["question"], erased["area"], erased["provinsi"]) == (None, "pembiayaan", "Bali")
    assert store.email_of("KPKP-2026-000001") is None
    assert store.stats(RECEIVED)["queue_depth"] == 59


def test_erasure_leaves_no_bytes_of_the_person_in_the_tables_on_postgresql(pg_url):
    """Erase the newest row (a plain VACUUM left its bytes in the page's free space): the table files hold none."""
    store = Store(open_engine(pg_url))
    person = NewSubmission(nama="Suryaningsih Tjokroaminoto", telepon="081376543219", email="suryaningsih.tjokro@contoh.id",
                           provinsi="Bali", kabupaten_kota="Kabupaten Karangasem", area="pembiayaan",
                           question="Apakah rumah saya dekat pasar Kumbasari bisa ikut bedah rumah?")
    for _ in range(3):
        store.add(ITEM, RECEIVED, date(2026, 11, 26))
    ticket = store.add(person, RECEIVED, date(2026, 11, 26)).ticket
    planted = [b"Suryaningsih", b"081376543219", b"tjokro@contoh", b"Kumbasari", b"Karangasem"]
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        base = Path(conn.exec_driver_sql("SHOW data_directory").scalar()) / "base"

        def in_tables() -> set[bytes]:
            conn.exec_driver_sql("CHECKPOINT")  # every page on disk, so the files tell the truth
            return {v for path in base.rglob("*") if path.is_file() for v in planted if v in path.read_bytes()}

        assert in_tables() == set(planted)
        kept = conn.exec_driver_sql("SELECT count(*) FROM identities").scalar()
        assert store.erase(ticket, datetime.now(timezone.utc))
        assert in_tables() == set()
        assert conn.exec_driver_sql("SELECT count(*) FROM identities").scalar() == kept - 1
    assert store.email_of(ticket) is None and store.get(ticket)["question"] is None


def test_values_postgresql_refuses_fail_only_their_own_question(pg_url):
    """Too long for varchar(100), a NUL, a lone surrogate: mixed into honest questions, only they fail."""
    store = Store(open_engine(pg_url))
    refused = [NewSubmission(**{**ITEM.__dict__, "nama": "R" * 150}), NewSubmission(**{**ITEM.__dict__, "question": "a\x00b"}),
               NewSubmission(**{**ITEM.__dict__, "email": "r\udc00@contoh.id"})]
    items = [refused[n // 10 % 3] if n % 10 == 3 else ITEM for n in range(90)]

    def post(item):
        try:
            return store.add(item, datetime(2031, 3, 3, 3, 0, tzinfo=timezone.utc), date(2031, 3, 6)).ticket
        except Unstorable:
            return None

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(post, items))
    assert [r is None for r in results] == [item is not ITEM for item in items]
    assert sorted(r for r in results if r) == [f"KPKP-2031-{n:06d}" for n in range(1, 82)]
