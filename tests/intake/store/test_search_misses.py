"""Failed searches add up per day, kind and redacted text on SQLite and PostgreSQL, also from two servers, and read
back most frequent first; personal data never reaches the table."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select

from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import pencarian_gagal
from generator.intake.store.search_misses import Miss, clean_query, miss_rows, miss_write, misses, record_miss


@pytest.fixture
def url(store_url):
    return store_url


def test_misses_add_up_per_day_kind_and_query_and_read_back_most_frequent_first(url):
    store = Store(open_engine(url))
    for day, kind, raw in [
        (date(2026, 11, 30), "kosong", "izin usaha tambak"), (date(2026, 12, 1), "kosong", "  Izin   USAHA tambak "),
        (date(2026, 12, 2), "kosong", "izin usaha tambak"), (date(2026, 12, 1), "tanpa-klik", "kpr rumah subsidi"),
        (date(2026, 12, 2), "tanpa-klik", "kpr rumah subsidi"), (date(2026, 12, 2), "kosong", "atap bocor"),
        (date(2026, 12, 2), "tanpa-klik", "izin usaha tambak"),
    ]:
        record_miss(store, day, kind, raw)
    assert misses(store, date(2026, 12, 1)) == [
        ("izin usaha tambak", "kosong", 2), ("kpr rumah subsidi", "tanpa-klik", 2),
        ("atap bocor", "kosong", 1), ("izin usaha tambak", "tanpa-klik", 1)]
    assert miss_rows(store, date(2026, 11, 1), limit=1) == [
        Miss("izin usaha tambak", "kosong", 3, date(2026, 11, 30), date(2026, 12, 2))]
    assert misses(store, date(2026, 12, 3)) == []
    with store.reading() as conn:
        rows = conn.execute(select(pencarian_gagal)).mappings().all()
    assert set(rows[0]) == {"hari", "kind", "query", "jumlah"}  # nothing else: no address, no time of day, no visitor


def test_phones_emails_and_nik_are_masked_before_the_row_is_written(url):
    store = Store(open_engine(url))
    day = date(2026, 12, 2)
    assert record_miss(store, day, "kosong", "kpr budi.santoso@gmail.com 0812-3456-7890") == "kpr [disamarkan] [disamarkan]"
    assert record_miss(store, day, "kosong", "status nik 3201234567890001") == "status nik [disamarkan]"
    assert record_miss(store, day, "kosong", "+62 813 1111 2222") is None  # only personal data: nothing to learn
    with store.reading() as conn:
        stored = " ".join(conn.execute(select(pencarian_gagal.c.query)).scalars())
    for secret in ("budi", "santoso", "gmail", "3456", "7890", "3201234567890001", "1111", "2222"):
        assert secret not in stored
    assert misses(store, day) == [("kpr [disamarkan] [disamarkan]", "kosong", 1), ("status nik [disamarkan]", "kosong", 1)]


def test_two_servers_on_one_database_lose_no_count(url):
    stores = [Store(open_engine(url)), Store(open_engine(url))]
    day, per_thread, threads = date(2026, 12, 2), 30, []
    barrier = threading.Barrier(4)

    def report(store: Store) -> None:
        barrier.wait()
        for _ in range(per_thread):
            record_miss(store, day, "kosong", "bantuan rumah nelayan")

    for store in stores * 2:
        threads.append(threading.Thread(target=report, args=(store,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert misses(stores[0], day) == [("bantuan rumah nelayan", "kosong", 4 * per_thread)]
    for store in stores:
        store.engine.dispose()


@pytest.mark.parametrize(("raw", "kept"), [
    ("  Cara   Urus\tPBG \n", "cara urus pbg"),
    ("a", None), ("   ", None), ("[disamarkan]", None),
    ("kata " * 30, ("kata " * 20).strip()),  # 150 characters: whole words up to 100
    ("x" * 150, None),  # one word longer than the column: never cut inside a word
    ("rumah " * 16 + "081234567890", ("rumah " * 16).strip()),  # the number would be cut: it is masked whole first
])
def test_clean_query_normalises_cuts_whole_words_and_drops_what_says_nothing(raw, kept):
    assert clean_query(raw) == kept


def test_what_cannot_be_a_failed_search_is_refused_before_the_store():
    with pytest.raises(ValueError):
        clean_query("a" * 301)
    with pytest.raises(ValueError):
        miss_write(date(2026, 12, 2), "lain", "pbg")
    with pytest.raises(ValueError):
        miss_write(date(2026, 12, 2), "kosong", "")
