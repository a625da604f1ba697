"""Every table of the private store in one place, so `open_engine` creates them all, and the one ticket counter."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.util.dates import JAKARTA

metadata = MetaData()

submissions = Table(
    "submissions", metadata,
    Column("ticket", String(20), primary_key=True),
    Column("token_hash", String(64), unique=True, nullable=True),
    Column("area", String(64), nullable=False),
    Column("provinsi", String(100), nullable=False),
    Column("kabupaten_kota", String(100), nullable=True),
    Column("question", Text, nullable=True),
    Column("received", DateTime(timezone=True), nullable=False),
    Column("deadline", Date, nullable=False),
    Column("status", String(20), nullable=False, default="menunggu-jawaban"),
    Column("published_ref", Text, nullable=True),
    Column("answered_at", DateTime(timezone=True), nullable=True),
    Column("answer", Text, nullable=True),
    Column("notified_at", DateTime(timezone=True), nullable=True),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)
identities = Table(
    "identities", metadata,
    Column("ticket", String(20), ForeignKey("submissions.ticket"), primary_key=True),
    Column("nama", String(100), nullable=False),
    Column("telepon", String(20), nullable=False),
    Column("email", String(254), nullable=True),
)
outbox = Table(
    "outbox", metadata,
    Column("ticket", String(20), ForeignKey("submissions.ticket"), primary_key=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("last_error", String(300), nullable=True),
    Column("published_at", DateTime(timezone=True), nullable=True),
    Column("dead", Boolean, nullable=False, default=False),
)
ticket_counters = Table(
    "ticket_counters", metadata,
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)
spent_tokens = Table(
    "spent_tokens", metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("expires", DateTime(timezone=True), nullable=False, index=True),
)
layanan = Table(
    "layanan", metadata,  # the register: every service on every channel, one row per ticket
    Column("ticket", String(20), primary_key=True),
    Column("jenis", String(20), nullable=False),  # informasi | konsultasi | pendampingan
    Column("kanal", String(10), nullable=False),  # daring | kantor | lapangan | acara
    Column("jenis_pemohon", String(20), nullable=False),  # perorangan | pemda | lembaga
    Column("balai", String(64), nullable=False, index=True),
    Column("area", String(64), nullable=False),
    Column("provinsi", String(100), nullable=False),
    Column("kabupaten_kota", String(100), nullable=True),
    Column("tanggal", Date, nullable=False, index=True),  # the day the service was given (WIB)
    Column("uraian", Text, nullable=True),  # private like the question: may name people; erased with the identity
    Column("jumlah_orang", Integer, nullable=True),  # acara: how many people were informed, no identity kept
    Column("sumber", String(100), nullable=True, unique=True),  # where the row came from; an import row's key
    Column("ta_id", Integer, ForeignKey("staf.id"), nullable=True, index=True),  # the TA answering it; None: Balai queue
    Column("dicatat", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)
layanan_identitas = Table(
    "layanan_identitas", metadata,  # who was served off-line (the Buku Tamu); online askers are in identities
    Column("ticket", String(20), ForeignKey("layanan.ticket"), primary_key=True),
    Column("nama", String(100), nullable=False),
    Column("telepon", String(20), nullable=True),
    Column("email", String(254), nullable=True),
)

staf = Table(
    "staf", metadata,  # staff accounts: no password until the one-time set-up link is used
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("nama", String(100), nullable=False),
    Column("peran", String(20), nullable=False),  # ta | ata | pendukung | kepala-balai | ditjen
    Column("balai", String(64), nullable=True, index=True),  # None only for the Ditjen
    Column("password_hash", String(200), nullable=True),  # argon2id
    Column("setup_token_hash", String(64), nullable=True, unique=True),
    Column("setup_expires", DateTime(timezone=True), nullable=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("aktif", Boolean, nullable=False, default=True),
    Column("dibuat", DateTime(timezone=True), nullable=False),
)
staf_sesi = Table(
    "staf_sesi", metadata,  # sessions live here, not in a process, so every server sees them
    Column("token_hash", String(64), primary_key=True),
    Column("staf_id", Integer, ForeignKey("staf.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("dibuat", DateTime(timezone=True), nullable=False),
    Column("kedaluwarsa", DateTime(timezone=True), nullable=False, index=True),
)
audit_log = Table(
    "audit_log", metadata,  # append-only: who viewed whose identity, signed in, added staff
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("staf_id", Integer, ForeignKey("staf.id"), nullable=False),
    Column("aksi", String(40), nullable=False),
    Column("balai", String(64), nullable=True, index=True),
    Column("ticket", String(20), nullable=True),
)

staf_bidang = Table(
    "staf_bidang", metadata,  # the Kepala Balai's roster: which areas each TA answers
    Column("staf_id", Integer, ForeignKey("staf.id"), primary_key=True),
    Column("area", String(64), primary_key=True),
)
layanan_riwayat = Table(
    "layanan_riwayat", metadata,  # every change of a case (assigned, forwarded ...), never edited
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket", String(20), ForeignKey("layanan.ticket"), nullable=False, index=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("staf_id", Integer, ForeignKey("staf.id"), nullable=True),  # None: the system
    Column("perubahan", String(600), nullable=False),
)


def next_ticket(conn, year: int) -> str:
    """Take the year's next number inside the caller's transaction: a rollback gives it back, so no gaps."""
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(insert(ticket_counters).values(year=year, last=0).on_conflict_do_nothing())
    number = conn.execute(
        update(ticket_counters).where(ticket_counters.c.year == year)
        .values(last=ticket_counters.c.last + 1).returning(ticket_counters.c.last)
    ).scalar_one()
    return f"KPKP-{year}-{number:06d}"


def online_row(ticket: str, balai: str, area: str, provinsi: str, kabupaten_kota: str | None, received: datetime) -> dict:
    """The register row of a web question: a konsultasi on the daring channel, under the question's own ticket."""
    return {
        "ticket": ticket, "jenis": "konsultasi", "kanal": "daring", "jenis_pemohon": "perorangan", "balai": balai,
        "area": area, "provinsi": provinsi, "kabupaten_kota": kabupaten_kota, "tanggal": received.astimezone(JAKARTA).date(),
        "sumber": f"daring:{ticket}", "dicatat": received.astimezone(timezone.utc),
    }
