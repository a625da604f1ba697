"""Messages sent at most once: a claim in the store that only one caller, thread or server wins."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import kirim_log, metadata
from generator.intake.store.sent import FAILED, SENT, Retry, SentLog

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
