"""Real erasure: after the rows are forgotten, no file under var/ may still hold the person's data."""

from __future__ import annotations

import logging
import re
import time

from sqlalchemy.engine import Engine

from generator.intake.private_files import remove_with_leftovers
from generator.intake.settings import IntakeSettings
from generator.util.fields import TICKET_PATTERN

log = logging.getLogger("klinik.intake.erasure")


class EraseIncomplete(Exception):
    """The rows are erased, but old copies in SQLite's WAL could not be cleared yet (a reader held it too long)."""


def reclaim(engine: Engine, attempts: int = 4, wait_ms: int = 1000) -> None:
    """Drop the bytes of deleted rows: truncate SQLite's WAL (secure_delete zeroed the pages), or VACUUM PostgreSQL."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # FULL rewrites the tables holding identity and question: a plain VACUUM frees the dead tuples but
            # leaves their bytes in the page's free space (seen when the erased row was the newest on its page)
            conn.exec_driver_sql("VACUUM FULL identities, submissions, layanan, layanan_identitas, foto, kunjungan, pengaduan, pengaduan_identitas")
            conn.exec_driver_sql("VACUUM outbox")
        return
    if engine.dialect.name != "sqlite":
        return
    raw = engine.raw_connection()
    sqlite = raw.driver_connection
    timeout = sqlite.execute("PRAGMA busy_timeout").fetchone()[0]
    sqlite.execute(f"PRAGMA busy_timeout={int(wait_ms)}")  # each try waits this long for readers, not 15 s
    try:
        for attempt in range(attempts):
            busy, _frames, _copied = sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.25 * (attempt + 1))  # a reader still uses the WAL: give it time to finish
    finally:
        sqlite.execute(f"PRAGMA busy_timeout={int(timeout)}")
        raw.close()
    log.warning("WAL belum dapat dikosongkan sesudah penghapusan data")
    raise EraseIncomplete("salinan lama di berkas WAL belum dapat dibersihkan karena basis data sedang dipakai")


def forget_mail(settings: IntakeSettings, ticket: str) -> int:
    """Remove the answer email file of an erased ticket (and any half-written copy); return how many went."""
    if not re.fullmatch(TICKET_PATTERN, ticket):  # the name becomes a path: never let it climb out
        raise ValueError("bukan nomor tiket")
    folder = settings.outbox_email_dir  # the answer mail, and the mail carrying a new status link
    return remove_with_leftovers(folder, f"{ticket}.eml") + remove_with_leftovers(folder, f"{ticket}-tautan.eml")
