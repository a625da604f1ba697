"""The WhatsApp Cloud API sender against a local stand-in that speaks that API: request shape, numbers, failures,
the status-link sender, and the asker's "answer ready" notice wired into the outbox."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from generator.intake.model import Answer, NewSubmission
from generator.intake.notify import Notifier
from generator.intake.outbox import Outbox
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import kirim_log
from generator.intake.store.sent import FAILED
from generator.intake.web.app import create_app
from generator.intake.web.observe import JsonFormatter
from generator.intake.whatsapp import WhatsApp, WhatsAppError, WhatsAppRetry, configured, parameter, send_status_link, wa_number
from tests.fake_whatsapp import TOKEN, FakeWhatsApp
from tests.intake_server import FakePublisher, LiveServer, intake_project, mark_redacted, settings_for

T0 = datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc)


class Clock:
    """The sent log's time, moved on by the test past each backoff instead of sleeping."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def later(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
ASKER = NewSubmission(nama="Wayan Sukerta", telepon="0813 3700 4455", email=None, provinsi="Bali", kabupaten_kota="Kota Denpasar",
                      area="pembiayaan", question="Apakah KPR FLPP bisa untuk rumah di tanah warisan?")


@pytest.fixture
def fake():
    server = FakeWhatsApp()
    yield server
    server.stop()


@pytest.fixture
def project(tmp_path):
    return intake_project(tmp_path)


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))


@pytest.mark.parametrize("typed, sent", [("0812-3456-7890", "6281234567890"), ("+62 812 3456 7890", "6281234567890"),
                                         ("6281234567890", "6281234567890"), ("(0361) 222 333", "62361222333"),
                                         ("12345", None), ("", None), (None, None), ("+1 202 555 0100", None)])
def test_numbers_are_written_as_e164_digits_without_plus(typed, sent):
    assert wa_number(typed) == sent


def test_parameters_hold_no_new_lines_tabs_or_long_space_runs():
    assert parameter("satu\ndua\tTiga     empat") == "satu dua Tiga empat"
    assert parameter("   ") == "-" and len(parameter("x" * 5000)) == 1000


def test_only_a_token_and_a_number_id_turn_whatsapp_on(project, fake):
    assert not configured(settings_for(project))
    assert not configured(settings_for(project, whatsapp_token=TOKEN))
    assert configured(settings_for(project, **fake.settings()))


def test_a_template_message_has_the_cloud_api_shape(project, fake):
    settings = settings_for(project, **fake.settings(), whatsapp_template_answer="jawaban_uji")
    with WhatsApp(settings) as wa:
        assert wa.send_template("0812 3456 7890", "jawaban_uji", ["KPKP-2026-000001"]) == "wamid.uji0001"
    assert fake.state.refused == []
    [message] = fake.state.messages
    assert message["messaging_product"] == "whatsapp" and message["to"] == "6281234567890" and message["type"] == "template"
    assert message["template"]["name"] == "jawaban_uji" and message["template"]["language"] == {"code": "id"}
    assert fake.texts(message) == ["KPKP-2026-000001"]


def test_a_wrong_token_is_refused_for_good(project, fake):
    settings = settings_for(project, **{**fake.settings(), "whatsapp_token": "salah"})
    with WhatsApp(settings) as wa, pytest.raises(WhatsAppError, match=r"WhatsApp 401 \(kode 190\): Invalid OAuth access token"):
        wa.send_template("081234567890", "klinik_jawaban_siap", ["KPKP-2026-000001"])
    assert fake.state.refused == ["authorization"] and fake.state.messages == []


def test_rate_limits_and_server_errors_are_retried_later_and_4xx_is_permanent(project, fake):
    settings = settings_for(project, **fake.settings())
    fake.state.failures += ["429", "500", "400"]
    with WhatsApp(settings) as wa:
        with pytest.raises(WhatsAppRetry) as limited:
            wa.send_template("081234567890", "klinik_jawaban_siap", ["KPKP-2026-000001"])
        assert limited.value.after_seconds == 23 and "Rate limit hit" in str(limited.value)
        with pytest.raises(WhatsAppRetry) as broken:
            wa.send_template("081234567890", "klinik_jawaban_siap", ["KPKP-2026-000001"])
        assert broken.value.after_seconds is None and "500" in str(broken.value)
        with pytest.raises(WhatsAppError) as refused:
            wa.send_template("081234567890", "klinik_jawaban_siap", ["KPKP-2026-000001"])
        assert "131026" in str(refused.value) and "Message undeliverable" in str(refused.value)
        assert "6281234567890" not in str(refused.value)  # the API echoed the number; it never reaches our text
        assert wa.send_template("081234567890", "klinik_jawaban_siap", ["KPKP-2026-000001"]).startswith("wamid.")


def test_an_unreachable_api_is_retried_later(project):
    settings = settings_for(project, whatsapp_token=TOKEN, whatsapp_phone_number_id="1", whatsapp_api_url="http://127.0.0.1:9")
    with WhatsApp(settings) as wa, pytest.raises(WhatsAppRetry, match="tidak terjangkau"):
        wa.send_template("081234567890", "klinik_jawaban_siap", ["x"])


def test_the_status_link_sender_reports_success_and_failure_without_logging_number_or_link(project, fake, caplog):
    settings = settings_for(project, **fake.settings())
    link = "http://127.0.0.1:8000/api/status/rahasia-token-status"
    caplog.set_level(logging.INFO, logger="klinik")
    assert send_status_link(settings, "0812 3456 7890", "KPKP-2026-000007", link) is True
    assert fake.texts(fake.state.messages[0]) == ["KPKP-2026-000007", link]
    assert fake.state.messages[0]["template"]["name"] == "klinik_tautan_status"
    fake.state.failures.append("400")
    assert send_status_link(settings, "0812 3456 7890", "KPKP-2026-000007", link) is False
    assert send_status_link(settings, "12345", "KPKP-2026-000007", link) is False
    assert send_status_link(settings_for(project), "0812 3456 7890", "KPKP-2026-000007", link) is False  # not configured
    lines = [JsonFormatter().format(r) for r in caplog.records]
    assert lines and all("812" not in line and "rahasia-token" not in line and TOKEN not in line for line in lines)
    assert any(json.loads(line).get("ticket") == "KPKP-2026-000007" for line in lines)


def test_the_asker_gets_answer_ready_on_whatsapp_once_without_the_answer_or_name(project, fake, store, caplog):
    settings = settings_for(project, **fake.settings())
    ticket = store.add(ASKER, T0, date(2026, 11, 26)).ticket
    answer = "Bisa, bila sertifikat sudah dibalik nama. Wayan Sukerta disarankan ke BPN."
    clock = Clock(T0)
    box = Outbox(store, FakePublisher(answered=[Answer(ticket, answer, T0)]), redact=mark_redacted,
                 on_answer=Notifier(settings, store, clock=clock))
    caplog.set_level(logging.INFO, logger="klinik")
    fake.state.failures.append("500")  # first try: the API is down, the notice waits
    box.check_answers()
    assert fake.state.messages == [] and store.unnotified_answers() == [ticket]
    box.check_answers()  # within the backoff (KLINIK_RETRY_BASE_SECONDS): not tried, not closed
    assert fake.state.messages == [] and store.unnotified_answers() == [ticket]
    clock.later(settings.retry_base_seconds)
    box.check_answers()
    [message] = fake.state.messages
    assert message["to"] == "6281337004455" and message["template"]["name"] == "klinik_jawaban_siap"
    assert fake.texts(message) == [ticket]
    sent = json.dumps(message)
    assert "Wayan" not in sent and "sertifikat" not in sent and "warisan" not in sent
    assert store.unnotified_answers() == []
    assert all("3700" not in JsonFormatter().format(r) for r in caplog.records)


def test_a_whatsapp_retry_does_not_send_the_email_again(project, fake, store):
    settings = settings_for(project, **fake.settings(), retry_max_seconds=3600.0)
    ticket = store.add(NewSubmission(**{**ASKER.__dict__, "email": "wayan@contoh.id"}), T0, date(2026, 11, 26)).ticket
    clock = Clock(T0)
    box = Outbox(store, FakePublisher(answered=[Answer(ticket, "Jawaban.", T0)]), redact=mark_redacted,
                 on_answer=Notifier(settings, store, clock=clock))
    fake.state.failures.append("429")
    box.check_answers()
    eml = settings.outbox_email_dir / f"{ticket}.eml"
    assert eml.exists() and fake.state.messages == [] and store.unnotified_answers() == [ticket]
    eml.unlink()
    clock.later(22)  # the stand-in's Retry-After is 23 s: one second early is still too early
    box.check_answers()
    assert fake.state.messages == [] and store.unnotified_answers() == [ticket]
    clock.later(1)
    box.check_answers()
    assert not eml.exists() and len(fake.state.messages) == 1 and store.unnotified_answers() == []


def test_a_number_whatsapp_refuses_for_good_still_closes_the_notice(project, fake, store):
    settings = settings_for(project, **fake.settings())
    ticket = store.add(ASKER, T0, date(2026, 11, 26)).ticket
    box = Outbox(store, FakePublisher(answered=[Answer(ticket, "Jawaban.", T0)]), redact=mark_redacted, on_answer=Notifier(settings, store))
    fake.state.failures.append("400")
    box.check_answers()
    box.check_answers()
    assert fake.state.messages == [] and store.unnotified_answers() == []


def test_a_message_that_keeps_failing_is_tried_max_attempts_times_with_backoff_then_failed_for_good(project, fake, store_url, caplog):
    """The stand-in answers 500 every time: KLINIK_WHATSAPP_MAX_ATTEMPTS tries, each after a longer wait, then FAILED,
    the notice closed, the count on /metrics (real HTTP), and no log line with the asker's number or name."""
    settings = settings_for(project, **fake.settings(), database_url=store_url, whatsapp_max_attempts=3, retry_base_seconds=10.0,
                            retry_max_seconds=3600.0)
    with LiveServer(create_app(settings)) as live:
        store = live.server.config.app.state.intake.store
        assert store.engine.dialect.name == store_url.split(":")[0]
        ticket = store.add(ASKER, T0, date(2026, 11, 26)).ticket
        clock = Clock(T0)
        box = Outbox(store, FakePublisher(answered=[Answer(ticket, "Jawaban.", T0)]), redact=mark_redacted,
                     on_answer=Notifier(settings, store, clock=clock))
        caplog.set_level(logging.INFO, logger="klinik")
        fake.state.failures += ["500"] * 4
        box.check_answers()  # try 1 fails: next after 10 s
        assert len(fake.state.failures) == 3 and store.unnotified_answers() == [ticket]
        clock.later(9.9)
        box.check_answers()  # not due yet: no request
        assert len(fake.state.failures) == 3
        clock.later(0.1)
        box.check_answers()  # try 2 fails: next after 20 s (doubled)
        assert len(fake.state.failures) == 2
        clock.later(19)
        box.check_answers()
        assert len(fake.state.failures) == 2 and store.unnotified_answers() == [ticket]
        clock.later(1)
        box.check_answers()  # try 3 = the cap: failed for good, the notice is closed
        assert len(fake.state.failures) == 1 and fake.state.messages == [] and store.unnotified_answers() == []
        with store.engine.connect() as conn:
            row = conn.execute(select(kirim_log).where(kirim_log.c.jenis == "jawaban-wa")).one()
        assert (row.kunci, row.hasil, row.percobaan, row.coba_lagi) == (ticket, FAILED, 3, None)
        clock.later(86_400)
        box.check_answers()
        assert len(fake.state.failures) == 1  # never tried again
        status, _, metrics = live.request("/metrics")
        assert status == 200 and "klinik_whatsapp_failed 1.0" in metrics
    [gave_up] = [r for r in caplog.records if r.getMessage() == "WhatsApp jawaban gagal permanen"]
    assert gave_up.levelname == "ERROR" and gave_up.ticket == ticket and "3 kali" in gave_up.reason
    logged = "".join(JsonFormatter().format(r) for r in caplog.records)
    assert "3700" not in logged and "Wayan" not in logged
