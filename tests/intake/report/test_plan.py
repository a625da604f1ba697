"""The work plan and the monthly notes: form values checked with Indonesian messages, a year's plan replaced whole,
one note per staff member per month that saving again rewrites, and months read strictly."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from generator.intake.report.plan import check_note, check_targets, empty_targets, month_of, notes_of, save_note, set_targets, targets_of
from generator.intake.store.db import Store, open_engine
from tests.intake.web.staff_client import add_staff

WHEN = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "postgresql":
        found = Store(open_engine(request.getfixturevalue("pg_url")))
        with found.engine.begin() as conn:  # the module shares one cluster: start from empty tables
            conn.exec_driver_sql("TRUNCATE laporan_catatan, target_layanan, staf RESTART IDENTITY CASCADE")
        return found
    return Store(open_engine(f"sqlite:///{tmp_path}/klinik.db"))


def test_target_fields_blank_is_zero_and_every_bad_one_is_named():
    targets, errors = check_targets({"t-konsultasi-1": "12", "t-informasi-12": " 3 ", "t-pendampingan-2": ""})
    assert errors == {} and targets["konsultasi"][0] == 12 and targets["informasi"][11] == 3 and sum(targets["pendampingan"]) == 0
    _, errors = check_targets({"t-konsultasi-1": "-1", "t-konsultasi-2": "1,5", "t-informasi-3": "٣", "t-informasi-4": "100001"})
    assert sorted(errors) == ["t-informasi-3", "t-informasi-4", "t-konsultasi-1", "t-konsultasi-2"]
    assert errors["t-konsultasi-1"] == "Target konsultasi bulan 1: tulis bilangan bulat 0-100.000."


def test_a_years_plan_is_replaced_whole_and_balai_add_up(store):
    ids = add_staff(store, (("kepala", "kepala-balai", "uji-ii"), ("kepala.lain", "kepala-balai", "uji-i")))
    plan = empty_targets()
    plan["konsultasi"] = list(range(1, 13))
    set_targets(store, "uji-ii", 2026, plan, ids["kepala"], WHEN)
    set_targets(store, "uji-i", 2026, plan, ids["kepala.lain"], WHEN)
    plan["konsultasi"][0] = 50
    set_targets(store, "uji-ii", 2026, plan, ids["kepala"], WHEN)
    assert targets_of(store, "uji-ii", 2026)["konsultasi"][:2] == [50, 2]
    assert targets_of(store, None, 2026)["konsultasi"][:2] == [51, 4]
    assert targets_of(store, "uji-ii", 2027) == empty_targets()


def test_one_note_per_staff_per_month_and_saving_again_rewrites_it(store):
    ids = add_staff(store, (("ta.satu", "ta", "uji-ii"), ("ata", "ata", "uji-ii"), ("ta.lain", "ta", "uji-i")))
    save_note(store, ids["ta.satu"], "uji-ii", "2026-11", "Kendala pertama", "Tindak lanjut pertama", WHEN)
    save_note(store, ids["ta.satu"], "uji-ii", "2026-11", "Kendala diperbaiki", "Tindak lanjut diperbaiki", WHEN)
    save_note(store, ids["ata"], "uji-ii", "2026-11", "Kendala ATA", "Lanjut ATA", WHEN)
    save_note(store, ids["ta.lain"], "uji-i", "2026-11", "Kendala Balai lain", "Lanjut", WHEN)
    save_note(store, ids["ta.satu"], "uji-ii", "2026-10", "Bulan lalu", "Lanjut", WHEN)
    assert [(n.nama, n.kendala) for n in notes_of(store, "uji-ii", "2026-11")] == [("Ata", "Kendala ATA"), ("Ta Satu", "Kendala diperbaiki")]
    assert [n.balai for n in notes_of(store, None, "2026-11")] == ["uji-i", "uji-ii", "uji-ii"]
    assert [n.kendala for n in notes_of(store, "uji-ii", "2026-11", ids["ta.satu"])] == ["Kendala diperbaiki"]


def test_note_text_is_checked_and_months_are_read_strictly():
    assert check_note({"kendala": " Listrik padam\r\nsehari \x07", "tindak_lanjut": "tidak ada"}) == (
        ("Listrik padam\nsehari", "tidak ada"), {})
    note, errors = check_note({"kendala": "", "tindak_lanjut": "x" * 4001})
    assert note is None and sorted(errors) == ["kendala", "tindak_lanjut"]
    assert check_note({"kendala": "ok\udc00ok", "tindak_lanjut": "baik"})[1] == {"kendala": "Kendala berisi karakter yang tidak valid."}
    assert month_of("2026-11") == date(2026, 11, 1) and month_of(" 2026-01 ") == date(2026, 1, 1)
    assert [month_of(t) for t in ("2026-13", "2026-1", "26-11", "2026/11", "２０２６-11", "1999-12", "")] == [None] * 7
