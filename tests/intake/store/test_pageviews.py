"""Page views add up per day and path on SQLite and PostgreSQL, also from two servers at once, and read back by range."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select

from generator.intake.store.db import Store, open_engine
from generator.intake.store.pageviews import page_views, page_views_by_day, record_view, view_write
from generator.intake.store.schema import tayangan


@pytest.fixture
def url(store_url):
    return store_url


def test_views_add_up_per_day_and_path_and_read_back_by_inclusive_range(url):
    store = Store(open_engine(url))
    for day, path in [(date(2026, 11, 30), "/"), (date(2026, 12, 1), "/"), (date(2026, 12, 1), "/faq/"),
                      (date(2026, 12, 1), "/"), (date(2026, 12, 2), "/modul/a.pdf"), (date(2026, 12, 3), "/")]:
        record_view(store, day, path)
    assert page_views(store, date(2026, 12, 1), date(2026, 12, 2)) == {"/": 2, "/faq/": 1, "/modul/a.pdf": 1}
    assert list(page_views(store, date(2026, 11, 1), date(2026, 12, 31))) == ["/", "/faq/", "/modul/a.pdf"]
    assert page_views_by_day(store, date(2026, 12, 1), date(2026, 12, 3)) == {
        date(2026, 12, 1): 3, date(2026, 12, 2): 1, date(2026, 12, 3): 1}
    assert page_views(store, date(2027, 1, 1), date(2027, 1, 31)) == {}
    with store.reading() as conn:
        rows = conn.execute(select(tayangan).order_by(tayangan.c.hari, tayangan.c.path)).mappings().all()
    assert set(rows[0]) == {"hari", "path", "jumlah"}  # nothing else is kept: no address, no time of day, no visitor


def test_two_servers_on_one_database_lose_no_count(url):
    """Two engines (two servers) insert the same new row at once: the upsert turns the race into additions."""
    stores = [Store(open_engine(url)), Store(open_engine(url))]
    day, per_thread, threads = date(2026, 12, 2), 40, []
    barrier = threading.Barrier(4)

    def views(store: Store) -> None:
        barrier.wait()
        for _ in range(per_thread):
            record_view(store, day, "/bidang/pembiayaan/")

    for store in stores * 2:
        threads.append(threading.Thread(target=views, args=(store,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert page_views(stores[0], day, day) == {"/bidang/pembiayaan/": 4 * per_thread}
    for store in stores:
        store.engine.dispose()


@pytest.mark.parametrize("path", ["faq/", "", "/" + "a" * 300])
def test_a_path_the_site_cannot_have_is_refused_before_the_store(path):
    with pytest.raises(ValueError):
        view_write(date(2026, 12, 2), path)
