"""Complaints about the clinic in the private store (SQLite and PostgreSQL): their own ticket series, apart from the
register, a reply the citizen reads by token, erasure and retention, the month's counts; and the requester type of a
question kept in the register, its office name with the identity, also in a store made before the column existed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, inspect, select

from generator.intake.model import NewComplaint, NewSubmission
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.store.complaints import Complaints, month_counts
from generator.intake.store.db import Store, open_engine
from generator.intake.store.forget import erase_expired, erase_person
from generator.intake.store.register import case
from generator.intake.store.schema import layanan, pengaduan, pengaduan_identitas, submissions
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for

COMPLAINT = NewComplaint(jenis="pengaduan", nama="Wayan Sudarma", telepon="081337001122", email="wayan@contoh.id", provinsi="Bali",
                         isi="Pertanyaan saya belum dijawab lewat dari tiga hari kerja.", tiket_terkait="KPKP-2026-000001", balai="uji-ii")


@pytest.fixture
def store(store_url):
    engine = open_engine(store_url)
    yield Store(engine)
    engine.dispose()


def kepala(store, balai: str = "uji-ii") -> int:
    """A Kepala Balai's staff id, who signs the reply."""
    accounts = Accounts(store)
    accounts.add(f"kepala.{balai}", "Kepala Uji", "kepala-balai", balai, now_utc())
    return next(m.id for m in accounts.of_balai(balai) if m.peran == "kepala-balai")


def test_a_complaint_takes_its_own_series_and_never_enters_the_register(store):
    question = store.add(ITEM, RECEIVED, RECEIVED.date())
    first = Complaints(store).add(COMPLAINT, RECEIVED)
    second = Complaints(store).add(NewComplaint(**{**COMPLAINT.__dict__, "jenis": "saran"}), RECEIVED)
    assert (first.ticket, second.ticket) == ("ADU-2026-000001", "ADU-2026-000002")
    assert question.ticket == "KPKP-2026-000001"  # the register's series is untouched by complaints
    assert store.add(ITEM, RECEIVED, RECEIVED.date()).ticket == "KPKP-2026-000002"
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(layanan.c.ticket)).scalars()) == ["KPKP-2026-000001", "KPKP-2026-000002"]
        assert conn.execute(select(submissions.c.ticket).where(submissions.c.ticket.like("ADU%"))).first() is None


def test_the_status_token_shows_the_complaint_and_the_kepala_balai_reply(store):
    complaints, chief = Complaints(store), kepala(store)
    stored = complaints.add(COMPLAINT, RECEIVED)
    row = complaints.by_token(stored.token)
    assert (row["ticket"], row["status"], row["balai"], row["isi"], row["tanggapan"]) == (
        stored.ticket, "diterima", "uji-ii", COMPLAINT.isi, None)
    assert "nama" not in row and "telepon" not in row  # identity lives in its own table
    assert complaints.by_token("salah") is None
    when = RECEIVED + timedelta(days=1)
    assert complaints.respond(stored.ticket, "uji-i", "selesai", "Sudah kami periksa.", chief, when) is False  # another Balai
    assert complaints.respond(stored.ticket, "uji-ii", "ditindaklanjuti", "Kami periksa dengan TA.", chief, when) is True
    assert complaints.respond(stored.ticket, "uji-ii", "selesai", None, chief, when) is True  # the earlier reply stays
    row = complaints.by_token(stored.token)
    assert (row["status"], row["tanggapan"], row["ditanggapi_oleh"]) == ("selesai", "Kami periksa dengan TA.", chief)
    assert complaints.get(stored.ticket)["penanggap"] == "Kepala Uji"
    with pytest.raises(ValueError):
        complaints.respond(stored.ticket, "uji-ii", "dibuang", None, chief, when)


def test_the_list_is_per_balai_open_first_and_carries_no_identity_or_text(store):
    complaints = Complaints(store)
    done = complaints.add(COMPLAINT, RECEIVED)
    complaints.respond(done.ticket, "uji-ii", "selesai", "Terima kasih.", kepala(store), RECEIVED)
    waiting = complaints.add(COMPLAINT, RECEIVED - timedelta(days=2))
    elsewhere = complaints.add(NewComplaint(**{**COMPLAINT.__dict__, "provinsi": "DKI Jakarta", "balai": "uji-i"}), RECEIVED)
    mine = complaints.listed("uji-ii")
    assert [r["ticket"] for r in mine] == [waiting.ticket, done.ticket]
    assert all("isi" not in r and "nama" not in r and "tanggapan" not in r for r in mine)
    assert {r["ticket"] for r in complaints.listed(None)} == {done.ticket, waiting.ticket, elsewhere.ticket}
    full = complaints.get(done.ticket)
    assert full["identitas"] == {"nama": "Wayan Sudarma", "telepon": "081337001122", "email": "wayan@contoh.id"}
    assert complaints.get("ADU-2026-999999") is None


def test_erasure_by_ticket_and_by_retention_keeps_only_the_counts(store, tmp_path):
    settings = settings_for(intake_project(tmp_path))
    complaints = Complaints(store)
    asked = complaints.add(COMPLAINT, RECEIVED)
    assert erase_person(settings, store, asked.ticket, RECEIVED + timedelta(days=3)) is True
    gone = complaints.get(asked.ticket)
    assert gone["identitas"] is None and gone["isi"] is None and gone["token_hash"] is None and gone["erased_at"] is not None
    assert (gone["jenis"], gone["balai"], gone["provinsi"]) == ("pengaduan", "uji-ii", "Bali")
    assert complaints.by_token(asked.token) is None
    old = complaints.add(COMPLAINT, RECEIVED)
    complaints.respond(old.ticket, "uji-ii", "selesai", "Selesai.", kepala(store), RECEIVED)
    still_open = complaints.add(COMPLAINT, RECEIVED)
    later = RECEIVED + timedelta(days=31 * (settings.retention_months + 1))
    assert erase_expired(settings, store, later) == 1
    with store.engine.connect() as conn:
        kept = set(conn.execute(select(pengaduan_identitas.c.ticket)).scalars())
        erased = set(conn.execute(select(pengaduan.c.ticket).where(pengaduan.c.erased_at.is_not(None))).scalars())
    assert kept == {still_open.ticket} and erased == {asked.ticket, old.ticket}


def test_the_months_counts_follow_the_wib_calendar_and_the_balai(store):
    complaints = Complaints(store)
    late_october_wib = datetime(2026, 10, 31, 18, 0, tzinfo=timezone.utc)  # 1 November, 01:00 WIB
    complaints.add(COMPLAINT, late_october_wib)
    answered = complaints.add(NewComplaint(**{**COMPLAINT.__dict__, "jenis": "saran"}), RECEIVED)
    complaints.respond(answered.ticket, "uji-ii", "selesai", "Terima kasih.", kepala(store), RECEIVED)
    complaints.add(NewComplaint(**{**COMPLAINT.__dict__, "balai": "uji-i", "provinsi": "DKI Jakarta"}), RECEIVED)
    complaints.add(COMPLAINT, datetime(2026, 10, 31, 16, 0, tzinfo=timezone.utc))  # 23:00 WIB on 31 October
    november = month_counts(store, "uji-ii", date(2026, 11, 1), date(2026, 12, 1))
    assert november == {"total": 2, "per_jenis": {"saran": 1, "masukan": 0, "pengaduan": 1},
                        "per_status": {"diterima": 1, "ditindaklanjuti": 0, "selesai": 1}}
    assert month_counts(store, None, date(2026, 11, 1), date(2026, 12, 1))["total"] == 3
    assert month_counts(store, "uji-ii", date(2026, 10, 1), date(2026, 11, 1))["total"] == 1


def test_a_pemda_question_keeps_its_type_in_the_register_and_its_office_with_the_identity(store):
    pemda = NewSubmission(**{**ITEM.__dict__, "jenis_pemohon": "pemda", "instansi": "Dinas Perkim Kota Denpasar", "balai": "uji-ii"})
    stored = store.add(pemda, RECEIVED, RECEIVED.date())
    row = case(store, stored.ticket)
    assert row["jenis_pemohon"] == "pemda" and row["identitas"]["instansi"] == "Dinas Perkim Kota Denpasar"
    store.erase(stored.ticket, RECEIVED + timedelta(days=1))
    row = case(store, stored.ticket)
    assert row["identitas"] is None and row["jenis_pemohon"] == "pemda"  # the count stays, the office goes with the identity
    assert case(store, store.add(ITEM, RECEIVED, RECEIVED.date()).ticket)["jenis_pemohon"] == "perorangan"


def test_a_store_made_before_the_office_column_gets_it_on_opening(tmp_path):
    url = f"sqlite:///{tmp_path / 'lama.db'}"
    Store(open_engine(url)).add(ITEM, RECEIVED, RECEIVED.date())
    with create_engine(url).begin() as conn:  # identities as an older version made it, its row kept
        conn.exec_driver_sql("pragma foreign_keys=off")
        conn.exec_driver_sql("create table lama as select ticket, nama, telepon, email from identities")
        conn.exec_driver_sql("drop table identities")
        conn.exec_driver_sql("create table identities (ticket varchar(20) primary key references submissions(ticket), "
                             "nama varchar(100) not null, telepon varchar(20) not null, email varchar(254))")
        conn.exec_driver_sql("insert into identities select * from lama")
        conn.exec_driver_sql("drop table lama")
        for table in ("pengaduan_identitas", "pengaduan", "pengaduan_nomor"):
            conn.exec_driver_sql(f"drop table {table}")
    engine = open_engine(url)
    assert "instansi" in {c["name"] for c in inspect(engine).get_columns("identities")}
    assert {"pengaduan", "pengaduan_identitas", "pengaduan_nomor"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select nama, instansi from identities").all() == [(ITEM.nama, None)]
    engine.dispose()
