"""Tell the asker that the answer is ready: by email when they gave one, by WhatsApp when it is configured."""

from __future__ import annotations

import functools
import logging
import smtplib
from collections.abc import Callable
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import select

from generator.config import read_site_config
from generator.config.ikm import IkmConfig
from generator.intake.private_files import write_private
from generator.intake.settings import IntakeSettings, secret_key
from generator.intake.store.db import Store
from generator.intake.store.erasure import forget_mail
from generator.intake.store.schema import identities
from generator.intake.store.sent import GaveUp, Retry, SentLog
from generator.intake.store.survey import invite
from generator.intake.whatsapp import WhatsApp, WhatsAppError, WhatsAppRetry, configured, wa_number
from generator.util.dates import JAKARTA, utc, waktu

log = logging.getLogger("klinik.intake.notify")


def answer_email(settings: IntakeSettings, to: str, row: dict, survey_url: str | None = None) -> EmailMessage:
    """The message: ticket, answer time, the answer itself and the case's survey link (the status link is the asker's own)."""
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = f"Pertanyaan {row['ticket']} sudah dijawab - Klinik PKP"
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="klinik.pkp.go.id")
    survey = (f"Nilai layanan ini (survei kepuasan tanpa nama, sekitar satu menit, satu kali untuk kasus ini):\n{survey_url}\n\n"
              if survey_url else "")
    msg.set_content(
        f"Yth. penanya,\n\nPertanyaan Anda dengan nomor tiket {row['ticket']} sudah dijawab oleh Tenaga Ahli "
        f"Klinik PKP pada {waktu(utc(row['answered_at']))}.\n\nJawaban:\n\n{row['answer']}\n\n"
        "Jawaban ini juga dapat dibaca melalui tautan status pribadi pada tanda terima Anda.\n"
        f"{settings.base_url}\n\n{survey}Email ini dikirim otomatis; mohon tidak membalas.\nKlinik PKP\n"
    )
    return msg


def deliver(settings: IntakeSettings, msg: EmailMessage, ticket: str) -> None:
    """Send over SMTP when configured, else write an .eml file (named by the ticket, or a digest's key) into the outbox folder."""
    if not settings.smtp_host:  # owner-only: the file holds the asker's email address and the answer
        write_private(settings.outbox_email_dir / f"{ticket}.eml", bytes(msg))
        return
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_user, password)
        smtp.send_message(msg)


def whatsapp_log(settings: IntakeSettings, store: Store, clock: Callable[[], datetime] | None = None) -> SentLog:
    """The sent log of WhatsApp messages: a failing one is tried KLINIK_WHATSAPP_MAX_ATTEMPTS times with backoff, then FAILED."""
    return SentLog(store, max_attempts=settings.whatsapp_max_attempts, retry_base=settings.retry_base_seconds,
                   retry_max=settings.retry_max_seconds, **({"clock": clock} if clock else {}))


class Notifier:
    """Called by the outbox for each answered, not yet notified ticket; each channel is sent once (store/sent), so a
    WhatsApp retry never repeats the email."""

    def __init__(self, settings: IntakeSettings, store: Store, ikm: IkmConfig | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.settings, self.store = settings, store
        self.sent = SentLog(store)
        self.sent_wa = whatsapp_log(settings, store, clock)  # capped: KLINIK_WHATSAPP_MAX_ATTEMPTS tries with backoff
        self._ikm = ikm

    @functools.cached_property
    def ikm(self) -> IkmConfig:
        """The survey's element sets (site_config/ikm.yml), read on the first answer mail."""
        return self._ikm or read_site_config(self.settings.project_dir).ikm

    def survey_url(self, ticket: str) -> str | None:
        """The case's survey link for the answer mail: issued with the first answer, the open one afterwards."""
        token = invite(self.store, secret_key(self.settings), ticket, lambda day: self.ikm.set_for_day(day).slug, datetime.now(timezone.utc))
        return f"{self.settings.base_url}survei/{token}" if token else None

    def __call__(self, ticket: str) -> None:
        row = self.store.get(ticket)
        if row is None:
            return
        email = self.store.email_of(ticket)
        day = utc(row["answered_at"]).astimezone(JAKARTA).date()
        if email:
            try:
                self.sent.once("jawaban-email", ticket, day, lambda: self._mail(email, row))
            except Retry as exc:  # retried on the next answers round
                log.warning("email jawaban belum terkirim", extra={"ticket": ticket, "error": str(exc)})
                return
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("email jawaban ditolak", extra={"ticket": ticket, "error": type(exc).__name__})
            if (self.store.get(ticket) or {}).get("erased_at") is not None:  # erased while the mail was written
                forget_mail(self.settings, ticket)
        phone = self._phone(ticket)
        if configured(self.settings) and wa_number(phone) is not None:
            try:
                self.sent_wa.once("jawaban-wa", ticket, day, lambda: self._whatsapp(phone, ticket))
            except Retry as exc:  # NotDue: waiting for its backoff, nothing new to log
                if type(exc) is Retry:
                    log.warning("WhatsApp jawaban belum terkirim", extra={"ticket": ticket, "reason": str(exc)})
                return
            except GaveUp as exc:  # the cap reached: failed for good, counted in /metrics (klinik_whatsapp_failed)
                log.error("WhatsApp jawaban gagal permanen", extra={"ticket": ticket, "reason": str(exc)})
            except WhatsAppError as exc:  # refused for good (not on WhatsApp, template missing): not tried again
                log.warning("WhatsApp jawaban ditolak", extra={"ticket": ticket, "reason": str(exc)})
        self.store.mark_notified(ticket, datetime.now(timezone.utc))

    def _mail(self, email: str, row: dict) -> None:
        try:
            deliver(self.settings, answer_email(self.settings, email, row, self.survey_url(row["ticket"])), row["ticket"])
        except smtplib.SMTPRecipientsRefused:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            raise Retry(type(exc).__name__) from None
        log.info("email jawaban terkirim", extra={"ticket": row["ticket"]})

    def _phone(self, ticket: str) -> str | None:
        with self.store.engine.connect() as conn:
            return conn.execute(select(identities.c.telepon).where(identities.c.ticket == ticket)).scalar_one_or_none()

    def _whatsapp(self, phone: str, ticket: str) -> None:
        """Template KLINIK_WHATSAPP_TEMPLATE_ANSWER, {{1}} = the ticket: the answer is ready, open your status link.
        Neither the answer nor the name goes to WhatsApp (the status link is the asker's own, from the receipt)."""
        try:
            with WhatsApp(self.settings) as wa:
                wa.send_template(phone, self.settings.whatsapp_template_answer, [ticket])
        except WhatsAppRetry as exc:
            raise Retry(str(exc), exc.after_seconds) from None
        log.info("WhatsApp jawaban terkirim", extra={"ticket": ticket})
