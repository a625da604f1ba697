"""The day's staff messages: the Kepala Balai is warned on a question's last working day, each TA gets their open
cases; each message goes once per day and channel (a second run or a second server sends nothing), by email (.eml)
and WhatsApp (a local stand-in of the Cloud API), and never holds a citizen's name, phone, email or question."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date, datetime, timezone
from email import message_from_bytes, policy

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from generator.cli.main import main
from generator.intake.deadline import Calendar
from generator.intake.digest import DailyRound, Digests
from generator.intake.model import NewComplaint, NewSubmission
from generator.intake.outbox import outbox_for
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.store.complaints import Complaints
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import kirim_log, layanan, metadata
from tests.fake_whatsapp import FakeWhatsApp
from tests.intake_server import FakePublisher, intake_project, settings_for

TODAY = date(2026, 12, 2)  # a Wednesday, no holiday
RECEIVED = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)
# Planted markers: none of them may reach a staff message.
CITIZEN = NewSubmission(nama="Penandanama Zulkarnaen", telepon="0819 7777 6666", email="penandasurel@contoh.id", provinsi="Bali",
                        kabupaten_kota="Kota Denpasar", area="pembiayaan", question="Penandatanya: bolehkah KPR untuk ruko?",
                        balai="uji-ii")
MARKERS = ("Penandanama", "Zulkarnaen", "77776666", "7777 6666", "penandasurel", "Penandatanya", "ruko")
AREAS = {"pembiayaan": "Pembiayaan Perumahan", "perencanaan-rumah": "Perencanaan Rumah"}
BALAI = {"uji-i": "Balai Uji I", "uji-ii": "Balai Uji II"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))
    engine = open_engine(request.getfixturevalue("pg_url"))
    metadata.drop_all(engine)
    metadata.create_all(engine)
    return Store(engine)


@pytest.fixture
def fake():
    server = FakeWhatsApp()
    yield server
    server.stop()


def question(store: Store, deadline: date, ta: int | None, balai: str = "uji-ii") -> str:
    ticket = store.add(replace(CITIZEN, balai=balai), RECEIVED, deadline).ticket
    with store.transaction() as conn:
        conn.execute(update(layanan).where(layanan.c.ticket == ticket).values(ta_id=ta))
    return ticket


@pytest.fixture
def desk(store, tmp_path, fake):
    """Two Balai: uji-ii has a Kepala (email), a TA (email + WhatsApp) and a TA with no contact; uji-i a Kepala (WhatsApp)."""
    accounts = Accounts(store)
    for username, role, balai, email, phone in (("kepala.dua", "kepala-balai", "uji-ii", "kepala2@pu.go.id", None),
                                                ("ta.satu", "ta", "uji-ii", "ta1@pu.go.id", "0812 1111 2222"),
                                                ("ta.sepi", "ta", "uji-ii", None, None),
                                                ("kepala.satu", "kepala-balai", "uji-i", None, "0813 3333 4444")):
        accounts.add(username, username.replace(".", " ").title(), role, balai, now_utc(), email=email, telepon=phone)
    ids = {m.username: m.id for b in BALAI for m in accounts.of_balai(b)}
    tickets = {
        "hari_ini": question(store, TODAY, ids["ta.satu"]),
        "terlambat": question(store, date(2026, 11, 27), ids["ta.satu"]),  # Friday: 3 working days late on Wednesday
        "nanti": question(store, date(2026, 12, 4), ids["ta.satu"]),
        "tanpa_ta": question(store, TODAY, None),
        "balai_lain": question(store, TODAY, None, "uji-i"),
        "sepi": question(store, date(2026, 12, 7), ids["ta.sepi"]),
    }
    settings = settings_for(intake_project(tmp_path), **fake.settings(), public_url="https://klinik.contoh.id/")
    return Digests(settings, store, Calendar(frozenset(), frozenset()), AREAS, BALAI), tickets


def mails(digests: Digests) -> dict[str, str]:
    """Every .eml written, by recipient: its whole text (headers and body)."""
    out = {}
    for path in sorted(digests.settings.outbox_email_dir.glob("*.eml")):
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        out[mail["To"]] = mail["Subject"] + "\n" + mail.get_content()
    return out


def test_warnings_and_digests_go_once_and_carry_no_citizen_data(desk, fake, store):
    digests, t = desk
    done = digests.run(TODAY)
    assert (done.terkirim, done.tertunda, done.gagal, done.tanpa_kontak) == (4, 0, 0, 1)  # ta.sepi has no contact
    sent = mails(digests)
    assert set(sent) == {"kepala2@pu.go.id", "ta1@pu.go.id"}
    warning = sent["kepala2@pu.go.id"]
    assert "2 pertanyaan Balai Uji II jatuh tempo hari ini" in warning and "1 sudah lewat tenggat" in warning
    assert all(t[k] in warning for k in ("hari_ini", "terlambat", "tanpa_ta")) and t["nanti"] not in warning
    assert t["balai_lain"] not in warning and "TA: belum ada" in warning
    assert f"https://klinik.contoh.id/staf/kasus/{t['terlambat']}" in warning and "terlambat 3 hari kerja" in warning
    digest = sent["ta1@pu.go.id"]
    assert digest.index(t["hari_ini"]) < digest.index(t["terlambat"]) < digest.index(t["nanti"])  # today, late, the rest
    assert t["tanpa_ta"] not in digest and "Pembiayaan Perumahan" in digest and "3 terbuka, 1 jatuh tempo hari ini" in digest
    by_number = {m["to"]: m for m in fake.state.messages}
    assert set(by_number) == {"6281211112222", "6281333334444"} and fake.state.refused == []
    head_one = fake.texts(by_number["6281333334444"])
    assert head_one[0] == "Peringatan tenggat Balai Uji I, 2 Desember 2026" and head_one[1:4] == ["1", "0", "1"]
    assert head_one[4] == t["balai_lain"] and head_one[5] == "https://klinik.contoh.id/staf/tenggat"
    assert fake.texts(by_number["6281211112222"])[1:5] == ["1", "1", "3", f"{t['hari_ini']}, {t['terlambat']}, {t['nanti']}"]
    everything = json.dumps(fake.state.messages) + json.dumps(sent)
    assert not [m for m in MARKERS if m in everything]
    again = digests.run(TODAY)
    other_server = Digests(digests.settings, store, digests.calendar, AREAS, BALAI).run(TODAY)
    assert again.terkirim == other_server.terkirim == 0 and len(fake.state.messages) == 2
    with store.engine.connect() as conn:
        assert sorted(conn.execute(select(kirim_log.c.jenis, kirim_log.c.hasil)).all()) == [
            ("peringatan-kepala-email", "terkirim"), ("peringatan-kepala-wa", "terkirim"),
            ("ringkasan-ta-email", "terkirim"), ("ringkasan-ta-wa", "terkirim")]


def test_nothing_is_sent_on_a_day_off_and_the_next_working_day_sends_again(desk, fake):
    digests, _ = desk
    assert digests.run(date(2026, 12, 5)).terkirim == 0 and fake.state.messages == []  # Saturday
    assert digests.run(TODAY).terkirim == 4
    assert digests.run(date(2026, 12, 3)).terkirim == 2  # Thursday: nothing due, so no warning; the TA's digest by email and WA
    assert len(fake.state.messages) == 3


def test_a_busy_whatsapp_is_tried_again_without_repeating_the_email(desk, fake):
    digests, _ = desk
    fake.state.failures += ["429", "500"]
    first = digests.run(TODAY)
    assert (first.terkirim, first.tertunda) == (2, 2) and len(mails(digests)) == 2
    for path in digests.settings.outbox_email_dir.glob("*.eml"):
        path.unlink()
    time.sleep(digests.settings.retry_max_seconds)  # WhatsApp waits its backoff (at most KLINIK_RETRY_MAX_SECONDS)
    second = digests.run(TODAY)
    assert (second.terkirim, second.tertunda) == (2, 0) and mails(digests) == {} and len(fake.state.messages) == 2


def test_a_number_refused_for_good_is_not_tried_again_that_day(desk, fake):
    digests, _ = desk
    fake.state.failures += ["400"]
    assert digests.run(TODAY).gagal == 1
    assert digests.run(TODAY).gagal == 0 and len(fake.state.messages) == 1


def test_the_worker_round_waits_for_the_hour_then_runs_once_a_day(desk, fake):
    digests, _ = desk
    daily = DailyRound(digests, hour=7)
    assert daily(datetime(2026, 12, 1, 23, 30, tzinfo=timezone.utc)) == 0  # 06.30 WIB on the 2nd: too early
    assert fake.state.messages == [] and mails(digests) == {}
    assert daily(datetime(2026, 12, 2, 0, 5, tzinfo=timezone.utc)) == 4  # 07.05 WIB
    assert daily(datetime(2026, 12, 2, 5, 0, tzinfo=timezone.utc)) == 0
    assert daily.finished == TODAY


def test_klinik_intake_ringkasan_runs_the_day_once(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    store = Store(open_engine(f"sqlite:///{project / 'var' / 'klinik.db'}"))
    Accounts(store).add("kepala", "Kepala Dua", "kepala-balai", "uji-ii", now_utc(), email="kepala2@pu.go.id")
    question(store, TODAY, None)
    runner = CliRunner()
    first = runner.invoke(main, ["intake", "ringkasan", "--tanggal", "2026-12-02"])
    assert first.exit_code == 0, first.output
    assert "Peringatan dan ringkasan 2 Desember 2026: 1 terkirim, 0 tertunda" in first.output
    assert "0 terkirim" in runner.invoke(main, ["intake", "ringkasan", "--tanggal", "2026-12-02"]).output
    assert "bukan hari kerja" in runner.invoke(main, ["intake", "ringkasan", "--tanggal", "2026-12-05"]).output
    eml = next((project / "var" / "outbox-email").glob("peringatan-kepala-2026-12-02-*.eml")).read_text(encoding="utf-8")
    assert "To: kepala2@pu.go.id" in eml and not [m for m in MARKERS if m in eml]
    assert runner.invoke(main, ["intake", "ringkasan", "--tanggal", "2-12-2026"]).exit_code == 2


def test_the_outbox_worker_runs_the_day_round(tmp_path, fake):
    """outbox_for wires digest.DailyRound into Outbox.daily, which the Worker calls after each answer check."""
    settings = settings_for(intake_project(tmp_path), **fake.settings())
    store = Store(open_engine(settings.db_url))
    Accounts(store).add("kepala", "Kepala Dua", "kepala-balai", "uji-ii", now_utc(), telepon="0812 9000 1000")
    question(store, TODAY, None)
    box = outbox_for(settings, store, FakePublisher(), clock=lambda: datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc))  # 09.00 WIB
    assert box.daily() == 1 and box.daily() == 0
    [message] = fake.state.messages
    assert message["to"] == "6281290001000" and message["template"]["name"] == "klinik_ringkasan_petugas"


def test_the_kepala_balai_is_told_of_saran_and_pengaduan_waiting_once_a_day(desk, fake, store):
    digests, _ = desk
    complaints = Complaints(store)
    waiting = complaints.add(NewComplaint(jenis="pengaduan", nama="Penandanama Zulkarnaen", telepon="081977776666", email=None,
                                          provinsi="Bali", isi="Penandatanya: petugas tidak menjawab.", balai="uji-ii"), RECEIVED)
    taken_up = complaints.add(NewComplaint(jenis="saran", nama="Penandanama", telepon="081977776666", email=None, provinsi="Bali",
                                           isi="Penandatanya: tambah jam layanan.", balai="uji-ii"), RECEIVED)
    head = next(m for m in Accounts(store).of_balai("uji-ii") if m.peran == "kepala-balai")
    complaints.respond(taken_up.ticket, "uji-ii", "ditindaklanjuti", None, head.id, RECEIVED)
    other = complaints.add(NewComplaint(jenis="masukan", nama="Penandanama", telepon="081977776666", email=None,
                                        provinsi="DKI Jakarta", isi="Penandatanya: formulir sulit.", balai="uji-i"), RECEIVED)
    digests.run(TODAY)
    found = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in digests.settings.outbox_email_dir.glob("*pengaduan-kepala*.eml")]
    assert [m["To"] for m in found] == ["kepala2@pu.go.id"]
    text = found[0]["Subject"] + "\n" + found[0].get_content()
    assert "1 saran/pengaduan menunggu tindak lanjut" in text and f"https://klinik.contoh.id/staf/pengaduan/{waiting.ticket}" in text
    assert taken_up.ticket not in text and other.ticket not in text
    by_title = {fake.texts(m)[0]: fake.texts(m) for m in fake.state.messages}
    assert by_title["Saran dan pengaduan Balai Uji I, 2 Desember 2026"][4:] == [other.ticket, "https://klinik.contoh.id/staf/pengaduan"]
    everything = json.dumps(fake.state.messages) + text
    assert not [m for m in MARKERS if m in everything]
    sent_before = len(fake.state.messages)
    digests.run(TODAY)
    assert len(fake.state.messages) == sent_before  # once a day
