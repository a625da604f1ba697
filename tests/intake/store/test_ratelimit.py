"""Rate limits in the store, on SQLite and PostgreSQL: the window and Retry-After, HMAC keys instead of addresses,
hits committed with the question, the check never waiting for a writer, and the occasional purge."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from generator.intake.store import ratelimit
from generator.intake.store.db import Store, open_engine
from generator.intake.store.ratelimit import RateLimits
from generator.intake.store.schema import rate_hits, submissions
from tests.intake_server import ITEM, RECEIVED

WINDOW = 600


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(open_engine(f"sqlite:///{tmp_path / 'var' / 'klinik.db'}"))
    engine = open_engine(request.getfixturevalue("pg_url"))
    with engine.begin() as conn:  # the cluster is shared by the module's tests
        conn.execute(rate_hits.delete())
    return Store(engine)


def test_the_window_and_retry_after(store):
    limits = RateLimits(store, b"kunci", WINDOW)
    for minutes in (0, 1, 2):
        limits.hit("203.0.113.7", now=RECEIVED + timedelta(minutes=minutes))
    now = RECEIVED + timedelta(minutes=3)
    assert limits.retry_after("203.0.113.7", 4, WINDOW, now=now) == 0  # three of four
    assert limits.retry_after("203.0.113.7", 3, WINDOW, now=now) == WINDOW - 180  # until the oldest leaves the window
    assert limits.retry_after("198.51.100.1", 3, WINDOW, now=now) == 0  # another address
    later = RECEIVED + timedelta(seconds=WINDOW + 30)  # the first hit has left the window
    assert limits.retry_after("203.0.113.7", 3, WINDOW, now=later) == 0
    assert limits.retry_after("203.0.113.7", 2, WINDOW, now=later) == 30


def test_keys_are_hmacs_of_the_address_never_the_address(store):
    RateLimits(store, b"kunci", WINDOW).hit("203.0.113.7", "tanpa-pow:203.0.113.7", now=RECEIVED)
    with store.engine.connect() as conn:
        keys = list(conn.execute(select(rate_hits.c.key)).scalars())
    assert len(set(keys)) == 2 and not any("203.0.113" in key for key in keys)
    assert RateLimits(store, b"kunci", WINDOW).digest("203.0.113.7") in keys  # every server with the same secret agrees
    assert RateLimits(store, b"lain", WINDOW).digest("203.0.113.7") not in keys


def test_hits_are_committed_with_the_question(store):
    limits = RateLimits(store, b"kunci", WINDOW)
    stored = store.add(ITEM, RECEIVED, RECEIVED.date(), limits.writes("203.0.113.7", now=RECEIVED))
    with store.engine.connect() as conn:
        assert conn.execute(select(submissions.c.question).where(submissions.c.ticket == stored.ticket)).scalar_one() == ITEM.question
        assert conn.execute(select(rate_hits.c.key, rate_hits.c.at)).one()[0] == limits.digest("203.0.113.7")
    assert limits.retry_after("203.0.113.7", 1, WINDOW, now=RECEIVED + timedelta(seconds=1)) == WINDOW - 1


def test_the_check_does_not_wait_for_a_writer(tmp_path):
    """SQLite: a writer holds the lock (BEGIN IMMEDIATE) far longer than a post takes; the check still answers."""
    store = Store(open_engine(f"sqlite:///{tmp_path / 'var' / 'klinik.db'}"))
    limits = RateLimits(store, b"kunci", WINDOW)
    limits.hit("203.0.113.7")
    with store.transaction() as conn:
        conn.execute(rate_hits.insert().values(key="x" * 64, at=RECEIVED))  # uncommitted, the write lock held
        started = time.monotonic()
        assert limits.retry_after("203.0.113.7", 1, WINDOW) > 0
        assert time.monotonic() - started < 1  # the busy handler would wait up to 15 s
    assert limits.inline  # so the app may run it in the event loop


def test_expired_hits_are_purged_in_batches_not_on_every_post(store, monkeypatch):
    limits = RateLimits(store, b"kunci", WINDOW)
    old = RECEIVED - timedelta(seconds=WINDOW + 1)
    store.write(limits.writes(*["198.51.100.1"] * 5, now=old), old)  # the first write also purged (nothing yet)
    store.write(limits.writes("203.0.113.7", now=RECEIVED), RECEIVED)  # within PURGE_EVERY: no purge
    assert limits.count() == 6
    monkeypatch.setattr(ratelimit, "PURGE_BATCH", 2)
    limits._next_purge = 0  # PURGE_EVERY has passed
    store.write(limits.writes("203.0.113.7", now=RECEIVED), RECEIVED)
    assert limits.count() == 7 - 2  # one batch of the oldest
    store.write(limits.writes("203.0.113.7", now=RECEIVED), RECEIVED)  # a full batch brings the next purge forward
    store.write(limits.writes("203.0.113.7", now=RECEIVED), RECEIVED)
    assert limits.count() == 9 - 5  # the five expired hits are gone, the four recent ones kept
    with store.engine.connect() as conn:
        assert set(conn.execute(select(rate_hits.c.key)).scalars()) == {limits.digest("203.0.113.7")}


def test_two_servers_share_the_count_even_through_the_shortcut(store):
    """The count read from the store is reused for up to FRESH seconds only under half the limit, so posts that
    alternate between two servers still stop at the limit."""
    first, second = RateLimits(store, b"kunci", WINDOW), RateLimits(store, b"kunci", WINDOW)
    allowed = []
    for limits in [first, second] * 4:
        if limits.retry_after("203.0.113.7", 4, WINDOW) == 0:
            limits.hit("203.0.113.7")
            allowed.append(limits)
    assert allowed == [first, second, first, second]


def test_an_address_far_below_its_limit_is_not_read_on_every_post(store, monkeypatch):
    limits = RateLimits(store, b"kunci", WINDOW)
    reads = []
    check = limits._check
    monkeypatch.setattr(limits, "_check", lambda key, since: reads.append(key) or check(key, since))
    monkeypatch.setattr(ratelimit, "FRESH", 60.0)  # however slow the machine, the count stays fresh
    for _ in range(10):  # 10 of 20: one read, then this server's own count
        assert limits.retry_after("203.0.113.7", 20, WINDOW) == 0
        limits.hit("203.0.113.7")
    assert len(reads) == 1
    assert limits.retry_after("203.0.113.7", 20, WINDOW) == 0 and len(reads) == 2  # half the limit: read again
    monkeypatch.setattr(ratelimit, "FRESH", 0.0)
    assert limits.retry_after("198.51.100.1", 20, WINDOW) == 0 and limits.retry_after("198.51.100.1", 20, WINDOW) == 0
    assert len(reads) == 4  # a stale count is read again
