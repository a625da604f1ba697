"""Each working day, once: the Kepala Balai is warned of questions on their last day, each TA gets their open cases."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from generator.intake.deadline import Calendar
from generator.intake.notify import deliver, whatsapp_log
from generator.intake.settings import IntakeSettings
from generator.intake.staff.accounts import Accounts, Staff
from generator.intake.staff.deadline_watch import OpenCase, by_balai, counts, due, open_by_ta
from generator.intake.store.complaints import Complaints
from generator.intake.store.db import Store
from generator.intake.store.sent import Retry, SentLog
from generator.intake.whatsapp import WhatsApp, WhatsAppRetry, configured
from generator.util.dates import JAKARTA, tanggal

log = logging.getLogger("klinik.intake.digest")
WARNING, DIGEST, COMPLAINTS = "peringatan-kepala", "ringkasan-ta", "pengaduan-kepala"
TICKETS_IN_WHATSAPP = 15


@dataclass
class Round:
    """What one day's round did: messages sent now, to try again (busy server), refused for good, staff unreachable."""

    terkirim: int = 0
    tertunda: int = 0
    gagal: int = 0
    tanpa_kontak: int = 0


def _state(c: OpenCase) -> str:
    if c.jatuh_tempo:
        return "jatuh tempo hari ini"
    if c.lewat:
        return f"terlambat {c.terlambat} hari kerja" if c.terlambat else "lewat tenggat"
    return "berjalan"


class Digests:
    """Composes and sends the day's messages; only ticket, area, TA, deadline and links, never a citizen's data."""

    def __init__(self, settings: IntakeSettings, store: Store, calendar: Calendar, areas: dict[str, str],
                 balai: dict[str, str] | None = None):
        self.settings, self.store, self.calendar, self.areas = settings, store, calendar, areas
        self.balai = balai or {}  # slug -> name
        self.sent = SentLog(store)
        self.sent_wa = whatsapp_log(settings, store)  # capped tries with backoff, like the asker's notice

    def line(self, c: OpenCase, with_ta: bool) -> str:
        ta = f" · TA: {c.ta or 'belum ada'}" if with_ta else ""
        return (f"- {c.ticket} · {self.areas.get(c.area, c.area)} · tenggat {tanggal(c.deadline)} · {_state(c)}{ta}\n"
                f"  {self.settings.base_url}staf/kasus/{c.ticket}")

    def run(self, today: date) -> Round:
        """Send the day's warnings and digests that were not sent yet; nothing on a day off (weekend, holiday)."""
        done = Round()
        if not self.calendar.is_working_day(today):
            return done
        accounts, per_balai = Accounts(self.store), counts(self.store, today)
        for balai, cases in by_balai(due(self.store, self.calendar, today, None)).items():
            if not any(c.jatuh_tempo for c in cases):
                continue
            figures = per_balai.get(balai, {"terbuka": len(cases)})
            last, name = sum(c.jatuh_tempo for c in cases), self.balai.get(balai, balai)
            body = (f"Peringatan tenggat Klinik PKP, {tanggal(today)}.\n\n{last} pertanyaan {name} jatuh tempo hari ini "
                    f"(hari kerja terakhir) dan {len(cases) - last} sudah lewat tenggat:\n\n"
                    + "\n".join(self.line(c, True) for c in sorted(cases, key=lambda c: (not c.jatuh_tempo, c.deadline, c.ticket))))
            for head in (m for m in accounts.of_balai(balai) if m.peran == "kepala-balai"):
                self._send(done, WARNING, head, today, f"Peringatan tenggat: {last} pertanyaan jatuh tempo hari ini - Klinik PKP", body,
                           (f"Peringatan tenggat {name}, {tanggal(today)}", str(last), str(len(cases) - last),
                            str(figures["terbuka"]), [c.ticket for c in cases], "staf/tenggat"))
        self._complaints(done, accounts, today)
        for ta_id, cases in open_by_ta(self.store, self.calendar, today).items():
            ta = accounts.get(ta_id)
            if ta is None:
                continue
            last, late = sum(c.jatuh_tempo for c in cases), sum(c.lewat for c in cases)
            body = (f"Ringkasan kasus terbuka Anda, {tanggal(today)}: {len(cases)} terbuka, {last} jatuh tempo hari ini, "
                    f"{late} lewat tenggat.\n\n" + "\n".join(self.line(c, False) for c in cases))
            self._send(done, DIGEST, ta, today, f"Ringkasan kasus {tanggal(today)}: {len(cases)} terbuka, {last} jatuh tempo - Klinik PKP",
                       body, (f"Ringkasan kasus Anda, {tanggal(today)}", str(last), str(late), str(len(cases)), [c.ticket for c in cases],
                             "staf/?saya=1"))
        return done

    def _complaints(self, done: Round, accounts: Accounts, today: date) -> None:
        """Each Kepala Balai with saran or pengaduan not yet taken up: one message, tickets and links only."""
        for balai, tickets in Complaints(self.store).waiting_by_balai().items():
            name = self.balai.get(balai, balai)
            body = (f"Saran dan pengaduan layanan {name} yang menunggu tindak lanjut Anda, {tanggal(today)}: {len(tickets)}.\n\n"
                    + "\n".join(f"- {t}\n  {self.settings.base_url}staf/pengaduan/{t}" for t in tickets))
            for head in (m for m in accounts.of_balai(balai) if m.peran == "kepala-balai"):
                self._send(done, COMPLAINTS, head, today, f"{len(tickets)} saran/pengaduan menunggu tindak lanjut - Klinik PKP", body,
                           (f"Saran dan pengaduan {name}, {tanggal(today)}", str(len(tickets)), "0", str(len(tickets)), tickets,
                            "staf/pengaduan"))

    def _send(self, done: Round, kind: str, to: Staff, today: date, subject: str, body: str, wa: tuple) -> None:
        """Email when the member has an address, WhatsApp when configured and they have a phone; each channel once."""
        channels: list[tuple[str, Callable[[], None]]] = []
        if to.email:
            channels.append(("email", lambda: self._mail(to, kind, today, subject, body)))
        if to.telepon and configured(self.settings):
            channels.append(("wa", lambda: self._whatsapp(to, wa)))
        if not channels:
            done.tanpa_kontak += 1
            return
        for channel, send in channels:
            try:
                if (self.sent_wa if channel == "wa" else self.sent).once(f"{kind}-{channel}", str(to.id), today, send):
                    done.terkirim += 1
            except Retry:
                done.tertunda += 1
            except Exception as exc:  # refused for good (bad address, unknown template): logged, not tried again today
                done.gagal += 1
                log.warning("ringkasan petugas tidak terkirim", extra={"error": type(exc).__name__, "reason": f"{kind}-{channel}"})

    def _mail(self, to: Staff, kind: str, today: date, subject: str, body: str) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self.settings.mail_from, to.email, subject
        msg["Date"] = format_datetime(datetime.now(timezone.utc))
        msg["Message-ID"] = make_msgid(domain="klinik.pkp.go.id")
        msg.set_content(f"Yth. {to.nama},\n\n{body}\n\nDaftar lengkap: {self.settings.base_url}staf/tenggat\n\n"
                        "Email ini dikirim otomatis oleh Klinik PKP; mohon tidak membalas.\n")
        try:
            deliver(self.settings, msg, f"{kind}-{today.isoformat()}-{to.id}")
        except smtplib.SMTPRecipientsRefused:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            raise Retry(type(exc).__name__) from None

    def _whatsapp(self, to: Staff, texts: tuple) -> None:
        """Template KLINIK_WHATSAPP_TEMPLATE_DIGEST: {{1}} title, {{2}} due today, {{3}} late, {{4}} open, {{5}} tickets, {{6}} link."""
        title, last, late, total, tickets, path = texts
        shown = ", ".join(tickets[:TICKETS_IN_WHATSAPP])
        more = f" dan {len(tickets) - TICKETS_IN_WHATSAPP} lainnya" if len(tickets) > TICKETS_IN_WHATSAPP else ""
        try:
            with WhatsApp(self.settings) as wa:
                wa.send_template(to.telepon or "", self.settings.whatsapp_template_digest,
                                 [title, last, late, total, (shown + more) or "-", f"{self.settings.base_url}{path}"])
        except WhatsAppRetry as exc:  # WhatsAppError (refused for good) goes up as it is
            raise Retry(str(exc), exc.after_seconds) from None


class DailyRound:
    """What the outbox worker calls every round: runs `Digests.run` once the WIB day has reached KLINIK_DIGEST_HOUR,
    until a run leaves nothing to retry; the store's claims make a restart or a second server send nothing twice."""

    def __init__(self, digests: Digests, hour: int):
        self.digests, self.hour = digests, hour
        self.finished: date | None = None

    def __call__(self, now: datetime) -> int:
        local = now.astimezone(JAKARTA)
        if local.hour < self.hour or self.finished == local.date():
            return 0
        result = self.digests.run(local.date())
        if not result.tertunda:
            self.finished = local.date()
        if result.terkirim or result.tertunda:
            log.info("ringkasan petugas", extra={"attempts": result.terkirim, "reason": f"tertunda {result.tertunda}"})
        return result.terkirim
