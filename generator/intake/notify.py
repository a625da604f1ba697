"""Tell the asker by email that the answer is ready (only when they gave an email)."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from generator.intake.private_files import write_private
from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store
from generator.intake.store.erasure import forget_mail
from generator.util.dates import utc, waktu

log = logging.getLogger("klinik.intake.notify")


def answer_email(settings: IntakeSettings, to: str, row: dict) -> EmailMessage:
    """The message: ticket, answer time and the answer itself (the status link is the asker's own)."""
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = f"Pertanyaan {row['ticket']} sudah dijawab - Klinik PKP"
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="klinik.pkp.go.id")
    msg.set_content(
        f"Yth. penanya,\n\nPertanyaan Anda dengan nomor tiket {row['ticket']} sudah dijawab oleh Tenaga Ahli "
        f"Klinik PKP pada {waktu(utc(row['answered_at']))}.\n\nJawaban:\n\n{row['answer']}\n\n"
        "Jawaban ini juga dapat dibaca melalui tautan status pribadi pada tanda terima Anda.\n"
        f"{settings.base_url}\n\nEmail ini dikirim otomatis; mohon tidak membalas.\nKlinik PKP\n"
    )
    return msg


def deliver(settings: IntakeSettings, msg: EmailMessage, ticket: str) -> None:
    """Send over SMTP when configured, else write an .eml file into the outbox folder."""
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


class Notifier:
    """Called by the outbox for each answered, not yet notified ticket."""

    def __init__(self, settings: IntakeSettings, store: Store):
        self.settings, self.store = settings, store

    def __call__(self, ticket: str) -> None:
        row = self.store.get(ticket)
        email = self.store.email_of(ticket)
        if row is None:
            return
        if email:
            try:
                deliver(self.settings, answer_email(self.settings, email, row), ticket)
            except (OSError, smtplib.SMTPException) as exc:  # retried on the next answers round
                log.warning("email jawaban belum terkirim", extra={"ticket": ticket, "error": type(exc).__name__})
                return
            log.info("email jawaban terkirim", extra={"ticket": ticket})
            if (self.store.get(ticket) or {}).get("erased_at") is not None:  # erased while the mail was written
                forget_mail(self.settings, ticket)
        self.store.mark_notified(ticket, datetime.now(timezone.utc))
