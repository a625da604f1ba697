"""Messages sent at most once: a claim in the store that only one caller, thread or server wins."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, inspect

from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import kirim_log, metadata
from generator.intake.store.sent import FAILED, SENT, WAITING, GaveUp, NotDue, Retry, SentLog

DAY = date(2026, 12, 2)


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'klinik.db'}"
    found = request.getfixturevalue("pg_url")
    engine = open_engine(found)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    engine.dispose()
    return found


def results(store: Store) -> dict:
    with store.engine.connect() as conn:
        return {(r.jenis, r.kunci): r.hasil for r in conn.execute(kirim_log.select())}


def test_two_servers_racing_for_one_message_send_it_once(url):
    logs = [SentLog(Store(open_engine(url))) for _ in range(2)]
    sent, start = [], threading.Barrier(8)

    def race(n: int) -> None:
        start.wait()
        logs[n % 2].once("ringkasan-ta-email", "7", DAY, lambda: sent.append(n))

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sent) == 1 and results(logs[0].store) == {("ringkasan-ta-email", "7"): SENT}
    assert logs[1].once("ringkasan-ta-email", "7", date(2026, 12, 3), lambda: sent.append("besok")) is True  # a new day


def test_a_retry_gives_the_claim_back_and_a_refusal_keeps_it(url):
    log = SentLog(Store(open_engine(url)))

    def busy() -> None:
        raise Retry("429")

    def refused() -> None:
        raise ValueError("nomor ditolak")

    with pytest.raises(Retry):
        log.once("jawaban-wa", "KPKP-2026-000001", DAY, busy)
    assert results(log.store) == {}
    assert log.once("jawaban-wa", "KPKP-2026-000001", DAY, lambda: None) is True
    with pytest.raises(ValueError):
        log.once("jawaban-wa", "KPKP-2026-000002", DAY, refused)
    assert log.once("jawaban-wa", "KPKP-2026-000002", DAY, lambda: None) is False
    assert results(log.store) == {("jawaban-wa", "KPKP-2026-000001"): SENT, ("jawaban-wa", "KPKP-2026-000002"): FAILED}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_a_capped_log_waits_a_doubling_backoff_then_gives_up_and_counts_it(url):
    clock, tries = Clock(), []
    log = SentLog(Store(open_engine(url)), max_attempts=3, retry_base=30.0, retry_max=3600.0, clock=clock)

    def busy() -> None:
        tries.append(clock.now)
        raise Retry("500")

    for wait in (30, 60):
        with pytest.raises(Retry) as raised:
            log.once("jawaban-wa", "T1", DAY, busy)
        assert type(raised.value) is Retry and results(log.store) == {("jawaban-wa", "T1"): WAITING}
        clock.now += timedelta(seconds=wait - 1)
        with pytest.raises(NotDue):
            log.once("jawaban-wa", "T1", DAY, busy)
        clock.now += timedelta(seconds=1)
    with pytest.raises(GaveUp):
        log.once("jawaban-wa", "T1", DAY, busy)
    clock.now += timedelta(days=1)
    assert log.once("jawaban-wa", "T1", DAY, busy) is False and len(tries) == 3
    assert results(log.store) == {("jawaban-wa", "T1"): FAILED} and log.failed_count("-wa") == 1
    assert log.failed_count("-email") == 0


def test_a_retry_after_from_the_server_sets_the_wait_and_a_later_success_is_sent(url):
    clock = Clock()
    log = SentLog(Store(open_engine(url)), max_attempts=8, retry_base=1.0, clock=clock)

    def limited() -> None:
        raise Retry("429", after_seconds=23)

    with pytest.raises(Retry):
        log.once("jawaban-wa", "T2", DAY, limited)
    clock.now += timedelta(seconds=22)
    with pytest.raises(NotDue):
        log.once("jawaban-wa", "T2", DAY, lambda: None)
    clock.now += timedelta(seconds=1)
    assert log.once("jawaban-wa", "T2", DAY, lambda: None) is True and results(log.store) == {("jawaban-wa", "T2"): SENT}


def test_two_servers_racing_for_a_due_retry_send_it_once(url):
    clock = Clock()
    logs = [SentLog(Store(open_engine(url)), max_attempts=8, retry_base=5.0, clock=clock) for _ in range(2)]
    with pytest.raises(Retry):
        logs[0].once("ringkasan-ta-wa", "7", DAY, lambda: (_ for _ in ()).throw(Retry("503")))
    clock.now += timedelta(seconds=5)
    sent, errors, start = [], [], threading.Barrier(8)

    def race(n: int) -> None:
        start.wait()
        try:
            logs[n % 2].once("ringkasan-ta-wa", "7", DAY, lambda: sent.append(n))
        except Exception as exc:  # noqa: BLE001 - any error (NotDue too) fails the test below
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(sent) == 1 and results(logs[0].store) == {("ringkasan-ta-wa", "7"): SENT}


def test_an_older_kirim_log_gets_the_retry_columns_when_opened(tmp_path):
    url = f"sqlite:///{tmp_path / 'lama.db'}"
    with create_engine(url).begin() as conn:
        conn.exec_driver_sql("create table kirim_log (jenis varchar(40) not null, kunci varchar(40) not null, tanggal date not null, "
                             "hasil varchar(12) not null, waktu timestamp not null, primary key (jenis, kunci, tanggal))")
        conn.exec_driver_sql("insert into kirim_log values ('jawaban-wa', 'T0', '2026-12-01', 'terkirim', '2026-12-01 01:00:00')")
    engine = open_engine(url)
    assert {"percobaan", "coba_lagi"} <= {c["name"] for c in inspect(engine).get_columns("kirim_log")}
    assert results(Store(engine)) == {("jawaban-wa", "T0"): SENT}
