"""Field visits on SQLite and PostgreSQL: assigned by the Kepala Balai, reported by their TA, erased with the case."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from PIL import Image
from sqlalchemy import select

from generator.intake.photos import reencode
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.lapangan import Lapangan, check_visit
from generator.intake.staff.roster import Roster
from generator.intake.store.forget import erase_expired, erase_person
from generator.intake.store.photos import photos_of
from generator.intake.store.register import Register
from generator.intake.store.schema import foto, kunjungan, layanan
from generator.intake.web.context import load_intake
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for

TODAY = date(2026, 12, 2)
SITE = {"jenis_layanan": "pendampingan", "bidang": "pembiayaan", "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar",
        "kecamatan": "Denpasar Selatan", "desa": "Sanur Kaja", "alamat": "Jl. Mawarjingga 7, dekat pura", "tanggal": "2026-12-05"}


def photo(seed: int):
    out = io.BytesIO()
    Image.effect_noise((320, 240), 40 + seed).convert("RGB").save(out, "PNG")
    return reencode(out.getvalue())


@pytest.fixture(params=["sqlite", "postgresql"])
def intake(request, tmp_path):
    overrides = {"database_url": request.getfixturevalue("pg_url")} if request.param == "postgresql" else {}
    found = load_intake(settings_for(intake_project(tmp_path), **overrides))
    accounts = Accounts(found.store)
    known = {m.username for b in ("uji-i", "uji-ii") for m in accounts.of_balai(b)}  # PostgreSQL: shared by the module's tests
    for username, role, balai in (("kepala", "kepala-balai", "uji-ii"), ("ta.satu", "ta", "uji-ii"), ("ta.lain", "ta", "uji-i")):
        if username not in known:
            accounts.add(username, username.replace(".", " ").title(), role, balai, now_utc())
    yield found
    with found.store.engine.begin() as conn:
        conn.execute(foto.delete())


def staff(intake, username: str):
    return next(m for b in ("uji-i", "uji-ii") for m in Accounts(intake.store).of_balai(b) if m.username == username)


def tas(intake, balai: str):
    return [m for m in Accounts(intake.store).of_balai(balai) if m.peran == "ta"]


def assigned(intake, follows: dict | None = None, **values) -> str:
    head, ta = staff(intake, "kepala"), staff(intake, "ta.satu")
    visit, errors = check_visit({**SITE, "ta": str(ta.id), **values}, head, tas(intake, "uji-ii"), intake.wilayah, intake.areas,
                                follows, TODAY)
    assert errors == {}
    return Lapangan(intake.store).assign(head, visit, ta.nama, now_utc())


def test_the_kepala_balai_assigns_and_the_ta_reports_with_photos(intake):
    ticket = assigned(intake)
    lapangan, ta = Lapangan(intake.store), staff(intake, "ta.satu")
    listed = [v for v in lapangan.of_balai("uji-ii") if v["ticket"] == ticket]
    assert listed and listed[0]["ta"] == "Ta Satu" and listed[0]["selesai"] is None
    assert ticket not in [v["ticket"] for v in lapangan.of_balai("uji-i")]
    assert lapangan.report(staff(intake, "ta.lain"), ticket, "", [photo(1)], False, now_utc()) == "Kunjungan ini ditugaskan kepada TA lain."
    assert lapangan.report(ta, ticket, "", [photo(1), photo(2)], False, now_utc()) is None
    assert "paling banyak 5 foto" in lapangan.report(ta, ticket, "", [photo(3)] * 4, False, now_utc())
    assert "minimal 10 karakter" in lapangan.report(ta, ticket, "retak", [], True, now_utc())
    assert lapangan.report(ta, ticket, "Retak rambut di dinding timur; disarankan diplester ulang.", [], True, now_utc()) is None
    done = lapangan.get(ticket)
    assert done["selesai"] is not None and done["foto"] == 2 and done["uraian"].startswith("Retak rambut")
    assert [p["asal"] for p in photos_of(intake.store, ticket)] == ["lapangan", "lapangan"]
    assert "sudah selesai" in lapangan.report(ta, ticket, "Ubah lagi hasilnya belakangan.", [], True, now_utc())
    with intake.store.reading() as conn:
        row = conn.execute(select(layanan).where(layanan.c.ticket == ticket)).mappings().one()
    assert (row["kanal"], row["jenis"], row["balai"], row["ta_id"], row["tanggal"]) == ("lapangan", "pendampingan", "uji-ii", ta.id,
                                                                                        date(2026, 12, 5))
    assert Register(intake.store).recap("uji-ii", date(2026, 12, 1))["per_kanal"]["lapangan"] >= 1


def test_every_mistake_of_an_assignment_is_named(intake):
    head = staff(intake, "kepala")
    bad = {**SITE, "ta": str(staff(intake, "ta.lain").id), "tanggal": "2026-02-30", "jenis_layanan": "informasi",
           "kabupaten_kota": "Kota Bandung", "desa": "", "kasus": "KPKP-2026-999999"}
    visit, errors = check_visit(bad, head, tas(intake, "uji-i"), intake.wilayah, intake.areas, None, TODAY)
    assert visit is None
    assert set(errors) == {"ta", "tanggal", "jenis_layanan", "kabupaten_kota", "desa", "kasus"}
    far = {**SITE, "ta": str(staff(intake, "ta.satu").id), "tanggal": (TODAY + timedelta(days=400)).isoformat()}
    assert "satu tahun" in check_visit(far, head, tas(intake, "uji-ii"), intake.wilayah, intake.areas, None, TODAY)[1]["tanggal"]


def test_erasing_the_case_erases_the_visit_site_and_photos(intake):
    stored = intake.store.add(replace(ITEM, balai="uji-ii", photos=(photo(4),)), RECEIVED, date(2026, 11, 26))
    follows = Lapangan(intake.store).followed(stored.ticket)
    ticket = assigned(intake, follows, kasus=stored.ticket)
    assert Lapangan(intake.store).report(staff(intake, "ta.satu"), ticket, "Dicek di lokasi.", [photo(5)], True, now_utc()) is None
    assert any("kunjungan lapangan ditugaskan" in h["perubahan"] for h in Roster(intake.store).history(stored.ticket))
    assert erase_person(intake.settings, intake.store, stored.ticket, datetime.now(timezone.utc))
    with intake.store.reading() as conn:
        site = conn.execute(select(kunjungan).where(kunjungan.c.ticket == ticket)).mappings().one()
        row = conn.execute(select(layanan).where(layanan.c.ticket == ticket)).mappings().one()
        left = conn.execute(select(foto.c.ticket).where(foto.c.ticket.in_([ticket, stored.ticket]))).all()
    assert (site["desa"], site["kecamatan"], site["alamat"]) == (None, None, None)
    assert row["uraian"] is None and row["kabupaten_kota"] is None and row["erased_at"] is not None and left == []


def test_erasing_the_visit_itself_and_the_retention_sweep(intake):
    ticket = assigned(intake)
    Lapangan(intake.store).report(staff(intake, "ta.satu"), ticket, "Hasil kunjungan lengkap.", [photo(6)], True, now_utc())
    assert erase_person(intake.settings, intake.store, ticket, datetime.now(timezone.utc))
    with intake.store.reading() as conn:
        assert conn.execute(select(kunjungan.c.alamat).where(kunjungan.c.ticket == ticket)).scalar_one() is None
        assert conn.execute(select(foto).where(foto.c.ticket == ticket)).first() is None
    visit = Lapangan(intake.store).get(ticket)
    assert visit["erased_at"] is not None
    assert "sudah selesai" in Lapangan(intake.store).report(staff(intake, "ta.satu"), ticket, "Lagi.", [], False, now_utc())
    old = assigned(intake, tanggal="2026-01-10")  # the retention sweep reaches a visit by its day, done or not
    Lapangan(intake.store).report(staff(intake, "ta.satu"), old, "", [photo(7)], False, now_utc())
    assert erase_expired(intake.settings, intake.store, datetime(2040, 1, 1, tzinfo=timezone.utc)) >= 1
    with intake.store.reading() as conn:
        assert conn.execute(select(kunjungan.c.desa).where(kunjungan.c.ticket == old)).scalar_one() is None
        assert conn.execute(select(foto).where(foto.c.ticket == old)).first() is None

