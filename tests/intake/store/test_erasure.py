"""Real erasure and private file modes: after `klinik intake hapus-data` no file under var/ holds the person."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from generator.intake.model import Answer, NewSubmission
from generator.intake.notify import Notifier
from generator.intake.settings import secret_key
from generator.intake.store.db import Store, open_engine
from generator.intake.store.erasure import EraseIncomplete, forget_mail, reclaim
from generator.intake.web.app import create_app, load_intake
from tests.intake_server import VALID, FakePublisher, LiveServer, intake_project, settings_for

KLINIK = Path(sys.executable).parent / "klinik"
# A long question with two-byte letters: over a 4 KiB page, so SQLite keeps its tail on overflow pages too.
QUESTION = ("Saya tinggal dekat pasar Kumbasari, apakah rumah saya bisa dibedah? " + "Dengan hormat, mohon penjelasan. " * 100
            + "Terima kasih, salam dari gang Mawarjingga éèêë" * 4)[:3990]
PERSON = {**VALID, "nama": "Suryaningsih Tjokroaminoto", "telepon": "0813 7654 3219",
          "email": "suryaningsih.tjokro@contoh.id", "kabupaten_kota": "Kabupaten Karangasem", "pertanyaan": QUESTION}
PLANTED = ["Suryaningsih", "Tjokroaminoto", "081376543219", "suryaningsih.tjokro@contoh.id", "Kumbasari", "Mawarjingga",
           "Karangasem"]
OTHER = {**VALID, "nama": "Bambang Prasetyowibowo", "email": "bambang@contoh.id"}


def leftovers(folder: Path, values: list[str]) -> dict[str, list[str]]:
    """{file: planted values found in its raw bytes} for every file under folder.

    The bytes are read by another process: closing any descriptor of the database in the server's own process
    drops every POSIX lock SQLite holds on it there, and another process may then reset the -shm the server maps."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            raw = subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout
            hits = [v for v in values if v.encode("utf-8") in raw]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


def wait_for(predicate, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_hapus_data_leaves_nothing_of_the_person_under_var(tmp_path):
    """The running server stored, published, answered and emailed; the erase then runs beside it."""
    project = intake_project(tmp_path)
    publisher = FakePublisher()
    settings = settings_for(project, worker=True, answers_interval_seconds=0.05)
    with LiveServer(create_app(settings, publisher=publisher)) as server:
        status, _, body = server.post_json(PERSON)
        assert status == 201, body
        ticket, link = json.loads(body)["tiket"], json.loads(body)["tautan_status"].removeprefix(server.base)
        assert server.post_json(OTHER)[0] == 201
        wait_for(lambda: len(publisher.published) == 2, "belum dipublikasikan")
        publisher.answered.append(Answer(ticket, "Bisa, silakan datang ke kantor dinas.", datetime.now(timezone.utc)))
        mail = settings.outbox_email_dir / f"{ticket}.eml"
        wait_for(mail.exists, "email jawaban belum ditulis")
        var = project / "var"
        before = leftovers(var, PLANTED)  # the server really wrote every planted value, so the grep below means something
        assert {v for hits in before.values() for v in hits} == set(PLANTED) and f"outbox-email/{ticket}.eml" in before

        env = {"PATH": "/usr/bin:/bin", "KLINIK_PROJECT_DIR": str(project)}
        done = subprocess.run([str(KLINIK), "intake", "hapus-data", ticket], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

        assert leftovers(var, PLANTED) == {}  # db, -wal, -shm, mail folder: not one byte of the person
        assert leftovers(var, ["Bambang Prasetyowibowo"])  # while the other citizen's question is still kept
        assert not mail.exists() and server.request(link)[0] == 404
        assert server.post_json(VALID)[0] == 201  # the server goes on storing after the checkpoint
    assert leftovers(var, PLANTED) == {}


def test_a_reader_holding_the_wal_makes_the_erase_say_so_and_a_second_erase_finishes(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'var' / 'klinik.db'}"))
    person = NewSubmission(nama="Suryaningsih Tjokroaminoto", telepon="081376543219", email=None, provinsi="Bali",
                           kabupaten_kota="Kabupaten Karangasem", area="pembiayaan", question=QUESTION)
    ticket = store.add(person, datetime.now(timezone.utc), date(2026, 11, 26)).ticket
    reader = sqlite3.connect(tmp_path / "var" / "klinik.db", isolation_level=None)
    reader.execute("PRAGMA busy_timeout=100")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM submissions").fetchone()  # a read snapshot that pins the WAL
    try:
        with pytest.raises(EraseIncomplete):
            store.erase(ticket, datetime.now(timezone.utc))
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert store.erase(ticket, datetime.now(timezone.utc))
    assert leftovers(tmp_path / "var", PLANTED) == {}
    reclaim(store.engine)  # nothing left to do: no error


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_var_and_every_private_file_are_owner_only_whatever_the_umask(tmp_path, umask):
    project = intake_project(tmp_path)
    settings = settings_for(project, secret_key=None)
    old = os.umask(umask)
    try:
        intake = load_intake(settings)  # creates var/, the database and the secret key
        stored = intake.store.add(NewSubmission(nama="Siti", telepon="081234567890", email="siti@contoh.id", provinsi="Bali",
                                                kabupaten_kota="Kota Denpasar", area="pembiayaan", question=QUESTION),
                                  datetime.now(timezone.utc), date(2026, 11, 26))
        intake.store.record_answer(stored.ticket, "Bisa.", datetime.now(timezone.utc))
        Notifier(settings, intake.store)(stored.ticket)  # no SMTP host: the answer goes to var/outbox-email/
    finally:
        os.umask(old)
    var = project / "var"
    modes = {str(p.relative_to(var)): stat.S_IMODE(p.stat().st_mode) for p in [var, *var.rglob("*")]}
    assert modes == {".": 0o700, "klinik.db": 0o600, "klinik.db-wal": 0o600, "klinik.db-shm": 0o600,
                     "secret.key": 0o600, "outbox-email": 0o700, f"outbox-email/{stored.ticket}.eml": 0o600}


def test_files_of_an_older_version_are_tightened(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    old = sqlite3.connect(var / "klinik.db")
    old.execute("PRAGMA journal_mode=WAL")
    old.execute("CREATE TABLE lama (x)")
    (var / "secret.key").write_text("kunci-lama")
    names = ("klinik.db", "klinik.db-wal", "klinik.db-shm", "secret.key")
    for name in names:
        (var / name).chmod(0o644)
    settings = settings_for(tmp_path, secret_key=None)
    store = Store(open_engine(settings.db_url))  # while the old process still has its -wal and -shm open
    old.close()
    store.add(NewSubmission(nama="Siti", telepon="081234567890", email=None, provinsi="Bali", kabupaten_kota="Kota Denpasar",
                            area="pembiayaan", question=QUESTION), datetime.now(timezone.utc), date(2026, 11, 26))
    assert secret_key(settings) == b"kunci-lama"
    assert {n: stat.S_IMODE((var / n).stat().st_mode) for n in names} == dict.fromkeys(names, 0o600)


def test_forget_mail_only_takes_a_ticket_number(tmp_path):
    settings = settings_for(tmp_path)
    outside = tmp_path / "var" / "rahasia.eml"
    outside.parent.mkdir()
    outside.write_text("x")
    for name in ("../var/rahasia", "KPKP-2026-000001/../../rahasia", "*"):
        with pytest.raises(ValueError):
            forget_mail(settings, name)
    assert outside.exists()
