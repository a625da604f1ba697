"""The outbox worker: publishes stored questions one at a time and brings answers back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from generator.config import read_site_config
from generator.intake.deadline import Calendar, calendar_of
from generator.intake.digest import DailyRound, Digests
from generator.intake.model import Answer, PublicSubmission, Publisher, PublishError, PublishRetry
from generator.intake.notify import Notifier
from generator.intake.privacy.redact import RedactionError
from generator.intake.privacy.redact_limit import LimitedRedactor
from generator.intake.publish.git import GitPublisher
from generator.intake.publish.github import GitHubPublisher
from generator.intake.staff.roster import Roster
from generator.intake.store.db import Store
from generator.intake.store.forget import erase_expired
from generator.intake.store.schema import layanan, outbox, submissions, tindak_lanjut
from generator.util.dates import utc

log = logging.getLogger("klinik.intake.outbox")


def backoff(attempts: int, base: float, cap: float) -> float:
    """Exponential backoff: base, 2*base, 4*base ... never more than cap."""
    return min(cap, base * 2 ** max(0, attempts - 1))


class Outbox:
    """Claims due rows, publishes them, and records the outcome; safe to restart at any moment."""

    def __init__(self, store: Store, publisher: Publisher, *, redact: Callable[[str], str] | None = None,
                 redact_seconds: float = 10.0, retry_base: float = 5.0, retry_max: float = 3600.0,
                 on_answer: Callable[[str], None] | None = None, on_expire: Callable[[], int] | None = None,
                 on_published: Callable[[], int] | None = None, on_day: Callable[[datetime], int] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc), lease_seconds: float = 60.0):
        self.store, self.publisher = store, publisher
        # redaction runs in a child process with a hard limit, so no question can hold this process's GIL
        self.redact = redact if redact is not None else LimitedRedactor(seconds=redact_seconds)
        self.retry_base, self.retry_max = retry_base, retry_max
        self.on_answer = on_answer
        self.on_expire = on_expire  # the retention sweep, run after every answer check
        self.on_published = on_published  # assignment of new questions to TA, off the request path
        self.on_day = on_day  # the staff's deadline warnings and digests, once per WIB day (digest.DailyRound)
        self.clock = clock
        self.lease_seconds = lease_seconds  # a row claimed by a crashed worker is tried again after this
        self.failures = 0  # publish attempts that failed, since start (for /metrics)

    def _claim(self) -> dict | None:
        """Take the oldest due row and push its next attempt past a lease, so a crash mid-publish retries it."""
        now = self.clock()
        with self.store.transaction() as conn:
            row = conn.execute(
                select(outbox.c.ticket, outbox.c.attempts).where(
                    outbox.c.published_at.is_(None), outbox.c.dead.is_(False), outbox.c.next_attempt_at <= now)
                .order_by(outbox.c.next_attempt_at, outbox.c.ticket).limit(1)
                .with_for_update(skip_locked=True)  # PostgreSQL: a second server's worker takes the next row, never this one
            ).mappings().first()
            if row is None:
                return None
            conn.execute(update(outbox).where(outbox.c.ticket == row["ticket"]).values(
                attempts=row["attempts"] + 1, next_attempt_at=now + timedelta(seconds=self.lease_seconds)))
            sub = conn.execute(select(submissions).where(submissions.c.ticket == row["ticket"])).mappings().one()
            follows = conn.execute(select(tindak_lanjut.c.induk).where(tindak_lanjut.c.ticket == row["ticket"])).scalar_one_or_none()
            balai = conn.execute(select(layanan.c.balai).where(layanan.c.ticket == row["ticket"])).scalar_one_or_none()
        return {**dict(sub), "attempts": row["attempts"] + 1, "follows": follows, "balai": balai or ""}

    def _finish(self, ticket: str, **values) -> None:
        with self.store.transaction() as conn:
            conn.execute(update(outbox).where(outbox.c.ticket == ticket).values(**values))

    def publish_one(self) -> str | None:
        """Publish the next due question; return its ticket, or None when nothing is due."""
        row = self._claim()
        if row is None:
            return None
        ticket, now = row["ticket"], self.clock()
        try:
            item = PublicSubmission(
                ticket=ticket, area=row["area"], provinsi=row["provinsi"], received=utc(row["received"]),
                deadline=row["deadline"], question=self.redact(row["question"] or ""), follows=row["follows"], balai=row["balai"],
            )
            ref = self.publisher.publish(item)
        except PublishRetry as exc:
            self.failures += 1
            delay = exc.after_seconds if exc.after_seconds is not None else backoff(row["attempts"], self.retry_base, self.retry_max)
            self._finish(ticket, next_attempt_at=now + timedelta(seconds=min(delay, self.retry_max)), last_error=str(exc.reason)[:300])
            log.warning("publikasi ditunda", extra={"ticket": ticket, "attempts": row["attempts"], "retry_in_s": delay})
            return ticket
        except PublishError as exc:
            self.failures += 1
            self._finish(ticket, dead=True, last_error=str(exc)[:300])
            log.error("publikasi gagal permanen", extra={"ticket": ticket, "attempts": row["attempts"]})
            return ticket
        except RedactionError as exc:  # too long, or past the time limit: retrying would do the same, so dead-letter
            self.failures += 1
            self._finish(ticket, dead=True, last_error=str(exc)[:300])
            log.error("penyamaran gagal, pertanyaan tidak diterbitkan", extra={"ticket": ticket, "error": type(exc).__name__})
            return ticket
        except Exception as exc:  # an unexpected bug must not stop the queue: retry with backoff, keep the row
            self.failures += 1
            delay = backoff(row["attempts"], self.retry_base, self.retry_max)
            self._finish(ticket, next_attempt_at=now + timedelta(seconds=delay), last_error=type(exc).__name__)
            log.error("publikasi galat tak terduga", extra={"ticket": ticket, "error": type(exc).__name__})
            return ticket
        with self.store.transaction() as conn:
            conn.execute(update(outbox).where(outbox.c.ticket == ticket).values(published_at=now, last_error=None))
            conn.execute(update(submissions).where(submissions.c.ticket == ticket).values(published_ref=ref))
        log.info("pertanyaan dipublikasikan", extra={"ticket": ticket, "attempts": row["attempts"]})
        return ticket

    def drain(self, limit: int = 10_000) -> int:
        """Publish everything due now (what `klinik intake kirim` does); return how many rows were tried."""
        tried = 0
        while tried < limit and self.publish_one() is not None:
            tried += 1
        return tried

    def record(self, answers: list[Answer]) -> int:
        """Store answers found on the base branch; notify once per new answer."""
        new = 0
        for answer in answers:
            if self.store.get(answer.ticket) is None or not answer.answer_markdown.strip():
                continue
            if self.store.record_answer(answer.ticket, answer.answer_markdown, answer.answered_at):
                new += 1
                log.info("jawaban dicatat", extra={"ticket": answer.ticket})
        if self.on_answer is not None:
            for ticket in self.store.unnotified_answers():
                self.on_answer(ticket)
        return new

    def check_answers(self) -> int:
        try:
            return self.record(self.publisher.answers())
        except (PublishRetry, PublishError) as exc:
            log.warning("jawaban belum dapat diperiksa", extra={"error": type(exc).__name__})
            return 0

    def assign(self) -> int:
        """Give new questions to the TA who covers them (the worker, not the citizen's request, pays for it)."""
        return self.on_published() if self.on_published is not None else 0

    def daily(self) -> int:
        """Send the day's staff warnings and digests once the hour has come; how many messages went out."""
        return self.on_day(self.clock()) if self.on_day is not None else 0

    def expire(self) -> int:
        """Erase what has been kept long enough (KLINIK_RETENTION_MONTHS); how many cases were erased."""
        erased = self.on_expire() if self.on_expire is not None else 0
        if erased:
            log.info("data pribadi dihapus karena masa simpan berakhir", extra={"attempts": erased})
        return erased


class Worker(threading.Thread):
    """The single background worker inside `klinik intake serve`: one publish at a time."""

    def __init__(self, box: Outbox, interval: float, answers_interval: float):
        super().__init__(name="klinik-outbox", daemon=True)
        self.box, self.interval, self.answers_interval = box, interval, answers_interval
        self.stopping = threading.Event()

    def run(self) -> None:
        next_answers = 0.0
        while not self.stopping.is_set():
            try:
                while not self.stopping.is_set() and self.box.publish_one() is not None:
                    pass
                self.box.assign()
                if time.monotonic() >= next_answers:
                    self.box.check_answers()
                    self.box.expire()
                    self.box.daily()
                    next_answers = time.monotonic() + self.answers_interval
            except Exception as exc:  # database briefly unavailable: keep the worker alive
                log.error("pekerja outbox galat", extra={"error": type(exc).__name__})
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)
        close = getattr(self.box.redact, "close", None)  # the redaction child process
        if close is not None:
            close()


def outbox_for(settings, store: Store, publisher: Publisher, **overrides) -> Outbox:
    """The outbox as the settings describe it (retry, lease), emailing the asker when an answer arrives."""
    if "on_day" not in overrides:
        config = read_site_config(settings.project_dir)
        days = config.ketentuan.jangka_waktu_hari_kerja
        calendar = calendar_of(config.hari_libur, days) if config.hari_libur is not None else Calendar(frozenset(), frozenset(), days)
        digests = Digests(settings, store, calendar, {b.slug: b.nama for b in config.taxonomy.bidang}, {b.slug: b.nama for b in config.balai.balai})
        overrides["on_day"] = DailyRound(digests, settings.digest_hour)
    return Outbox(store, publisher, retry_base=settings.retry_base_seconds, retry_max=settings.retry_max_seconds,
                  lease_seconds=settings.outbox_lease_seconds, redact_seconds=settings.redact_timeout_seconds,
                  on_answer=Notifier(settings, store), on_expire=lambda: erase_expired(settings, store, datetime.now(timezone.utc)),
                  on_published=lambda: Roster(store).assign_all(datetime.now(timezone.utc)), **overrides)


def make_publisher(settings) -> Publisher:
    """The configured backend (KLINIK_PUBLISHER)."""
    if settings.publisher == "github":
        def secret(value):
            return value.get_secret_value() if value is not None else None

        return GitHubPublisher(
            settings.github_repo, token=secret(settings.github_token), app_id=settings.github_app_id,
            app_private_key=secret(settings.github_app_private_key), installation_id=settings.github_installation_id,
            base_branch=settings.base_branch, api_url=settings.github_api_url,
            routing=read_site_config(settings.project_dir).peninjau, min_interval_s=settings.github_min_interval_seconds,
        )
    return GitPublisher(settings.repository, base_branch=settings.base_branch)
