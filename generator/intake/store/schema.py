"""Every table of the private store in one place, so `open_engine` creates them all, and the one ticket counter."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text, update
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
    Column("instansi", String(150), nullable=True),  # a Pemda's or an organisation's name (web/forms.py jenis_pemohon)
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
    Column("bentuk", String(40), nullable=True),  # pendampingan: which form of the circular (model.BENTUK_PENDAMPINGAN)
    Column("menindaklanjuti", String(20), nullable=True, index=True),  # pendampingan: the consultation it follows
    Column("erased_at", DateTime(timezone=True), nullable=True),
    Column("survei_diundang", Boolean, nullable=True),  # True once the case's one survey invitation was issued (store/survey.py)
)
layanan_identitas = Table(
    "layanan_identitas", metadata,  # who was served off-line (the Buku Tamu); online askers are in identities
    Column("ticket", String(20), ForeignKey("layanan.ticket"), primary_key=True),
    Column("nama", String(100), nullable=False),
    Column("telepon", String(20), nullable=True),
    Column("email", String(254), nullable=True),
)
foto = Table(
    "foto", metadata,  # citizens' photos, re-encoded without metadata (intake/photos.py); private like identity, erased with it
    Column("ticket", String(20), primary_key=True),  # no foreign key: a question's photos are stored in its own insert
    Column("urutan", Integer, primary_key=True),  # 1, 2, 3 ... per ticket
    Column("asal", String(12), nullable=False),  # pertanyaan | lanjutan | lapangan
    Column("mime", String(20), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("dibuat", DateTime(timezone=True), nullable=False),
)
kunjungan = Table(
    "kunjungan", metadata,  # a field visit the Kepala Balai assigned (layanan row, kanal lapangan); the site is private
    Column("ticket", String(20), ForeignKey("layanan.ticket"), primary_key=True),
    Column("menindaklanjuti", String(20), nullable=True, index=True),  # the case it follows, if any
    Column("ditugaskan_oleh", Integer, ForeignKey("staf.id"), nullable=False),
    Column("desa", String(100), nullable=True),  # desa/kelurahan, kecamatan, address: erased with the identity
    Column("kecamatan", String(100), nullable=True),
    Column("alamat", String(300), nullable=True),
    Column("selesai", DateTime(timezone=True), nullable=True),  # None: assigned, not yet reported
)

staf = Table(
    "staf", metadata,  # staff accounts: no password until the one-time set-up link is used
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("nama", String(100), nullable=False),
    Column("peran", String(20), nullable=False),  # ta | ata | pendukung | kepala-balai | ditjen
    Column("balai", String(64), nullable=True, index=True),  # None only for the Ditjen
    Column("email", String(254), nullable=True),  # work address for the daily digest; optional
    Column("telepon", String(20), nullable=True),  # work phone (08...) for the digest on WhatsApp; optional
    Column("password_hash", String(200), nullable=True),  # argon2id
    Column("setup_token_hash", String(64), nullable=True, unique=True),
    Column("setup_expires", DateTime(timezone=True), nullable=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("aktif", Boolean, nullable=False, default=True),
    Column("dibuat", DateTime(timezone=True), nullable=False),
    Column("totp_secret", String(64), nullable=True),  # two-step verification (RFC 6238, base32); None: off
    Column("totp_langkah", Integer, nullable=True),  # the last time step whose code was accepted: no replay
)
staf_pemulihan = Table(
    "staf_pemulihan", metadata,  # two-step recovery codes (staff/recovery_codes.py): argon2id hashes only, each usable once
    Column("staf_id", Integer, ForeignKey("staf.id"), primary_key=True),
    Column("nomor", Integer, primary_key=True),  # 1..10 within one issue
    Column("kode_hash", String(200), nullable=False),
    Column("dibuat", DateTime(timezone=True), nullable=False),
    Column("dipakai", DateTime(timezone=True), nullable=True),  # None: still usable
)
staf_tunda = Table(
    "staf_tunda", metadata,  # a sign-in whose password was right, waiting minutes for the code; never a session
    Column("token_hash", String(64), primary_key=True),
    Column("staf_id", Integer, ForeignKey("staf.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("kedaluwarsa", DateTime(timezone=True), nullable=False, index=True),
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
    Column("sasaran", Integer, nullable=True),  # the staff account acted on (a two-step reset), if any
    Column("oleh", String(80), nullable=True),  # an actor outside the staff table, e.g. "cli:root"; staf_id is then the sasaran
)

staf_bidang = Table(
    "staf_bidang", metadata,  # the Kepala Balai's roster: which areas each TA answers
    Column("staf_id", Integer, ForeignKey("staf.id"), primary_key=True),
    Column("area", String(64), primary_key=True),
)
piket_hari = Table(
    "piket_hari", metadata,  # one duty day of a Balai: proposed (usulan), then approved by the Kepala Balai
    Column("balai", String(64), primary_key=True),
    Column("tanggal", Date, primary_key=True),  # WIB day
    Column("status", String(12), nullable=False),  # usulan | disetujui
    Column("diusulkan_oleh", Integer, ForeignKey("staf.id"), nullable=False),
    Column("diusulkan", DateTime(timezone=True), nullable=False),
    Column("disetujui_oleh", Integer, ForeignKey("staf.id"), nullable=True),
    Column("disetujui", DateTime(timezone=True), nullable=True),
)
staf_piket = Table(
    "staf_piket", metadata,  # the TA on duty that day: the approved list (disetujui) and the pending one (usulan)
    Column("balai", String(64), primary_key=True),
    Column("tanggal", Date, primary_key=True),
    Column("versi", String(12), primary_key=True),  # usulan | disetujui
    Column("staf_id", Integer, ForeignKey("staf.id"), primary_key=True),
)
layanan_riwayat = Table(
    "layanan_riwayat", metadata,  # every change of a case (assigned, forwarded ...), never edited
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket", String(20), ForeignKey("layanan.ticket"), nullable=False, index=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("staf_id", Integer, ForeignKey("staf.id"), nullable=True),  # None: the system
    Column("perubahan", String(600), nullable=False),
)

kirim_log = Table(
    "kirim_log", metadata,  # one row per message that must go out once (a digest, a warning, an answer notice)
    Column("jenis", String(40), primary_key=True),  # e.g. ringkasan-ta-email, jawaban-wa
    Column("kunci", String(40), primary_key=True),  # a staff id or a ticket, never a person's contact
    Column("tanggal", Date, primary_key=True),  # the WIB day it belongs to
    Column("hasil", String(12), nullable=False),  # mengirim | terkirim | gagal | menunggu (a capped retry's wait)
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("percobaan", Integer, nullable=True),  # failed tries so far of a capped channel (WhatsApp); None: never retried
    Column("coba_lagi", DateTime(timezone=True), nullable=True),  # when a waiting (menunggu) message may be tried again
)

rate_hits = Table(
    "rate_hits", metadata,  # one row per counted post, shared by every server; key: an HMAC of the address, never the address
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("rate_hits_key_at", "key", "at"),
    Index("rate_hits_at", "at"),  # the occasional purge of expired hits
)
tayangan = Table(
    "tayangan", metadata,  # page views and downloads per WIB day and site path (store/pageviews.py): no address, no visitor
    Column("hari", Date, primary_key=True),
    Column("path", String(300), primary_key=True),
    Column("jumlah", Integer, nullable=False),
)
pencarian_gagal = Table(
    "pencarian_gagal", metadata,  # searches that found nothing or got no click, per WIB day (store/search_misses.py): redacted text only
    Column("hari", Date, primary_key=True),
    Column("kind", String(10), primary_key=True),  # "kosong" | "tanpa-klik"
    Column("query", String(100), primary_key=True),
    Column("jumlah", Integer, nullable=False),
)

tindak_lanjut = Table(
    "tindak_lanjut", metadata,  # a follow-up question: its own ticket, tied to the case's first question
    Column("ticket", String(20), ForeignKey("submissions.ticket"), primary_key=True),
    Column("induk", String(20), ForeignKey("submissions.ticket"), nullable=False, index=True),
    Column("urutan", Integer, nullable=False),  # 1..3
)

target_layanan = Table(
    "target_layanan", metadata,  # the yearly work plan: a Balai's monthly target per kind of service (SE Bab II D.4.a)
    Column("balai", String(64), primary_key=True),
    Column("tahun", Integer, primary_key=True),
    Column("bulan", Integer, primary_key=True),  # 1..12
    Column("jenis", String(20), primary_key=True),  # informasi | konsultasi | pendampingan
    Column("target", Integer, nullable=False),
    Column("diubah_oleh", Integer, ForeignKey("staf.id"), nullable=False),
    Column("diubah", DateTime(timezone=True), nullable=False),
)
laporan_catatan = Table(
    "laporan_catatan", metadata,  # a TA/ATA's obstacles and follow-up of one month (SE Bab II D.4.b): one per staff per month
    Column("staf_id", Integer, ForeignKey("staf.id"), primary_key=True),
    Column("bulan", String(7), primary_key=True),  # YYYY-MM
    Column("balai", String(64), nullable=False, index=True),
    Column("kendala", Text, nullable=False),
    Column("tindak_lanjut", Text, nullable=False),
    Column("diubah", DateTime(timezone=True), nullable=False),
)

survei_undangan = Table(
    "survei_undangan", metadata,  # one open survey invitation (store/survey.py): no ticket, no person; deleted when used
    Column("token_hash", String(64), primary_key=True),
    Column("balai", String(64), nullable=False),
    Column("kanal", String(10), nullable=False),
    Column("jenis_layanan", String(20), nullable=False),
    Column("bulan", String(7), nullable=False),  # YYYY-MM (WIB) of the service
    Column("unsur", String(40), nullable=False),  # the element set's slug (site_config/ikm.yml)
    Column("expires", DateTime(timezone=True), nullable=False, index=True),
)
survei = Table(
    "survei", metadata,  # anonymous IKM answers: never a ticket, identity, address or exact time
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("balai", String(64), nullable=False),
    Column("kanal", String(10), nullable=False),
    Column("jenis_layanan", String(20), nullable=False),
    Column("bulan", String(7), nullable=False),
    Column("unsur", String(40), nullable=False),
    Column("nilai", String(100), nullable=False),  # "4,3,4,...": one score 1-4 per element, in the set's order
    Column("komentar", Text, nullable=True),  # redacted like a question (generator.intake.privacy)
    Index("survei_bulan_balai", "bulan", "balai"),
)

pengaduan = Table(
    "pengaduan", metadata,  # saran, masukan, pengaduan about the clinic itself (store/complaints.py): the Kepala Balai's, never a TA's
    Column("ticket", String(20), primary_key=True),  # ADU-YYYY-NNNNNN, its own series (pengaduan_nomor)
    Column("token_hash", String(64), unique=True, nullable=True),
    Column("jenis", String(12), nullable=False),  # saran | masukan | pengaduan
    Column("balai", String(64), nullable=False, index=True),  # the Balai of the citizen's province
    Column("provinsi", String(100), nullable=False),
    Column("tiket_terkait", String(20), nullable=True),  # the question or service it is about, if the citizen names one
    Column("isi", Text, nullable=True),  # private like a question: may name people; erased with the identity
    Column("diterima", DateTime(timezone=True), nullable=False, index=True),
    Column("status", String(20), nullable=False),  # diterima | ditindaklanjuti | selesai
    Column("tanggapan", Text, nullable=True),  # the Kepala Balai's reply, shown on the citizen's status page
    Column("ditanggapi", DateTime(timezone=True), nullable=True),
    Column("ditanggapi_oleh", Integer, ForeignKey("staf.id"), nullable=True),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)
pengaduan_identitas = Table(
    "pengaduan_identitas", metadata,  # who complained: shown to the Kepala Balai of the Balai only, each view audit-logged
    Column("ticket", String(20), ForeignKey("pengaduan.ticket"), primary_key=True),
    Column("nama", String(100), nullable=False),
    Column("telepon", String(20), nullable=False),
    Column("email", String(254), nullable=True),
)
pengaduan_nomor = Table(
    "pengaduan_nomor", metadata,  # the complaints' own gapless series per year, apart from the register's
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)


def next_ticket(conn, year: int, counters: Table = ticket_counters, prefix: str = "KPKP") -> str:
    """Take the year's next number inside the caller's transaction: a rollback gives it back, so no gaps."""
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(insert(counters).values(year=year, last=0).on_conflict_do_nothing())
    number = conn.execute(
        update(counters).where(counters.c.year == year).values(last=counters.c.last + 1).returning(counters.c.last)
    ).scalar_one()
    return f"{prefix}-{year}-{number:06d}"


def online_row(ticket: str, balai: str, area: str, provinsi: str, kabupaten_kota: str | None, received: datetime,
               jenis_pemohon: str = "perorangan") -> dict:
    """The register row of a web question: a konsultasi on the daring channel, under the question's own ticket."""
    return {
        "ticket": ticket, "jenis": "konsultasi", "kanal": "daring", "jenis_pemohon": jenis_pemohon, "balai": balai,
        "area": area, "provinsi": provinsi, "kabupaten_kota": kabupaten_kota, "tanggal": received.astimezone(JAKARTA).date(),
        "sumber": f"daring:{ticket}", "dicatat": received.astimezone(timezone.utc),
    }
