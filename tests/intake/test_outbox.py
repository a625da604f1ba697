"""The outbox: publish once per ticket, back off on transient failures, dead-letter permanent ones,
survive a crash at any point, bring answers back and email the asker (local SMTP server)."""

from __future__ import annotations

import dataclasses
import socket
import time
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from generator.intake.model import Answer, NewSubmission, PublishError, PublishRetry
from generator.intake.notify import Notifier
from generator.intake.outbox import Outbox, backoff
from generator.intake.store.db import Store, open_engine
from generator.intake.web.app import create_app
from tests.intake_server import VALID, FakePublisher, LiveServer, intake_project, mark_redacted, outbox_row, settings_for

ITEM = NewSubmission(nama="Dewi Lestari", telepon="081298765432", email="dewi@contoh.id", provinsi="Bali",
                     kabupaten_kota="Kabupaten Badung", area="pbg", question="Berapa lama mengurus PBG rumah tinggal?")
T0 = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))


def test_publishes_redacted_public_part_only(store):
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    publisher = FakePublisher()
    box = Outbox(store, publisher, redact=mark_redacted, clock=Clock())
    assert box.drain() == 1 and box.drain() == 0
    (item,) = publisher.published
    assert (item.ticket, item.area, item.provinsi, item.received, item.deadline) == (ticket, "pbg", "Bali", T0, date(2026, 11, 26))
    assert item.question == "[disamarkan] " + ITEM.question
    assert "Dewi" not in repr(item) and "0812" not in repr(item)
    assert store.get(ticket)["published_ref"] == f"pertanyaan/{ticket}"
    assert store.stats(T0)["queue_depth"] == 0


def test_the_published_part_names_the_cases_balai_from_the_register(store):
    """The layanan row has the Balai (routed from the province); the GitHub label is made from it."""
    ticket = store.add(dataclasses.replace(ITEM, balai="uji-ii"), T0, date(2026, 11, 26)).ticket
    publisher = FakePublisher()
    Outbox(store, publisher, redact=mark_redacted, clock=Clock()).drain()
    assert [(p.ticket, p.balai) for p in publisher.published] == [(ticket, "uji-ii")]


def test_retry_honours_after_seconds_then_backs_off_exponentially(store):
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    clock = Clock()
    publisher = FakePublisher(fail_with=[PublishRetry("batas laju", after_seconds=42), PublishRetry("host mati"), PublishRetry("host mati")])
    box = Outbox(store, publisher, redact=mark_redacted, retry_base=10, retry_max=3600, clock=clock)
    assert box.publish_one() == ticket
    row = outbox_row(store, ticket)
    assert (row["attempts"], row["last_error"]) == (1, "batas laju")
    assert row["next_attempt_at"].replace(tzinfo=timezone.utc) == T0 + timedelta(seconds=42)
    assert box.publish_one() is None  # not due yet
    waits = []
    for _ in range(2):
        clock.now = outbox_row(store, ticket)["next_attempt_at"].replace(tzinfo=timezone.utc)
        box.publish_one()
        waits.append((outbox_row(store, ticket)["next_attempt_at"].replace(tzinfo=timezone.utc) - clock.now).total_seconds())
    assert waits == [20, 40]  # attempts 2 and 3: base * 2**(n-1)
    clock.now += timedelta(seconds=40)
    assert box.publish_one() == ticket and outbox_row(store, ticket)["published_at"] is not None
    assert box.failures == 3 and len(publisher.published) == 1
    assert [backoff(n, 10, 60) for n in (1, 2, 3, 4, 5)] == [10, 20, 40, 60, 60]


def test_permanent_error_is_dead_lettered_and_counted(store):
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    box = Outbox(store, FakePublisher(fail_with=[PublishError("401 token ditolak")]), redact=mark_redacted, clock=Clock())
    box.drain()
    row = outbox_row(store, ticket)
    assert (row["dead"], row["last_error"]) == (True, "401 token ditolak")
    assert store.stats(T0)["dead_letters"] == 1 and box.drain() == 0


class Crash(BaseException):
    """The process dies between the publish and the commit that records it."""


def test_crash_after_publish_never_duplicates(store):
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    publisher = FakePublisher()
    clock = Clock()
    box = Outbox(store, publisher, redact=mark_redacted, clock=clock)
    real_publish = publisher.publish

    def publish_then_crash(item):
        real_publish(item)
        raise Crash()

    publisher.publish = publish_then_crash
    with pytest.raises(Crash):
        box.publish_one()
    assert outbox_row(store, ticket)["published_at"] is None
    restarted = Outbox(Store(open_engine(str(store.engine.url))), FakePublisher(published=publisher.published), redact=mark_redacted, clock=clock)
    assert restarted.drain() == 0  # leased: not retried at once
    clock.now += timedelta(minutes=6)
    assert restarted.drain() == 1
    assert [p.ticket for p in restarted.publisher.published] == [ticket]
    assert store.get(ticket)["published_ref"] == f"pertanyaan/{ticket}"


def test_unexpected_exception_keeps_the_row(store):
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    publisher = FakePublisher(fail_with=[RuntimeError("bug")])
    clock = Clock()
    box = Outbox(store, publisher, redact=mark_redacted, retry_base=5, clock=clock)
    box.drain()
    assert outbox_row(store, ticket)["last_error"] == "RuntimeError"
    clock.now += timedelta(seconds=5)
    assert box.drain() == 1 and store.get(ticket)["published_ref"]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_answers_are_recorded_and_the_asker_emailed_once(store, tmp_path):
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = settings_for(intake_project(tmp_path), smtp_host="127.0.0.1", smtp_port=port)
        with_email = store.add(ITEM, T0, date(2026, 11, 26)).ticket
        without = store.add(NewSubmission(**{**ITEM.__dict__, "email": None}), T0, date(2026, 11, 26)).ticket
        answered = T0 + timedelta(days=1)
        publisher = FakePublisher(answered=[Answer(with_email, "PBG rumah tinggal paling lama 28 hari kerja.", answered),
                                            Answer(without, "Jawaban kedua.", answered), Answer("KPKP-2026-999999", "x", answered)])
        box = Outbox(store, publisher, redact=mark_redacted, on_answer=Notifier(settings, store))
        assert box.check_answers() == 2 and box.check_answers() == 0
        assert (store.get(with_email)["status"], store.get(with_email)["answer"]) == ("dijawab", "PBG rumah tinggal paling lama 28 hari kerja.")
        assert len(inbox.messages) == 1
        recipients, content = inbox.messages[0]
        mail = message_from_bytes(content, policy=policy.default)
        assert recipients == ["dewi@contoh.id"]
        assert mail["Subject"] == f"Pertanyaan {with_email} sudah dijawab - Klinik PKP"
        assert "PBG rumah tinggal paling lama 28 hari kerja." in mail.get_content()
        assert store.unnotified_answers() == []
    finally:
        controller.stop()


def test_default_email_goes_to_an_outbox_folder(store, tmp_path):
    settings = settings_for(intake_project(tmp_path))
    ticket = store.add(ITEM, T0, date(2026, 11, 26)).ticket
    box = Outbox(store, FakePublisher(answered=[Answer(ticket, "Jawaban.", T0)]), redact=mark_redacted, on_answer=Notifier(settings, store))
    box.check_answers()
    eml = settings.project_dir / "var" / "outbox-email" / f"{ticket}.eml"
    assert "To: dewi@contoh.id" in eml.read_text(encoding="utf-8")


def test_worker_inside_the_server_publishes(tmp_path):
    publisher = FakePublisher(fail_with=[PublishRetry("sebentar", after_seconds=0)])
    app = create_app(settings_for(intake_project(tmp_path), worker=True), publisher=publisher, redact=mark_redacted)
    with LiveServer(app) as server:
        assert server.post_json(VALID)[0] == 201
        deadline = time.monotonic() + 10
        while not publisher.published and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p.question for p in publisher.published] == ["[disamarkan] " + VALID["pertanyaan"]]
        assert "klinik_outbox_queue_depth 0.0" in server.request("/metrics")[2]
        assert "klinik_publish_failures_total 1.0" in server.request("/metrics")[2]
