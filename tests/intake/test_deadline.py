"""Three working days: weekends, libur nasional and cuti bersama skipped; corrections from hari_libur.yml."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from generator.intake.deadline import Calendar, load_calendar
from generator.util.dates import JAKARTA, tanggal
from generator.util.errors import ContentErrors
from tests.conftest import ROOT

PLAIN = Calendar(frozenset(), frozenset())


@pytest.mark.parametrize("received, deadline", [
    (date(2026, 11, 23), date(2026, 11, 26)),  # Monday -> Thursday
    (date(2026, 11, 20), date(2026, 11, 25)),  # Friday -> Wednesday (weekend skipped)
    (date(2026, 11, 21), date(2026, 11, 25)),  # Saturday counts from Monday
    (date(2026, 3, 17), date(2026, 3, 27)),    # Idulfitri 2026: 18 cuti, 19 Nyepi, 20 cuti, 21-22 Idulfitri, 23-24 cuti
    (date(2026, 12, 23), date(2026, 12, 30)),  # 24 cuti bersama Natal, 25 Natal
    (date(2026, 5, 13), date(2026, 5, 20)),    # 14 Kenaikan, 15 cuti bersama
    (date(2025, 8, 15), date(2025, 8, 21)),    # 17 Agustus Sunday; 18 Aug 2025 cuti bersama (added by the Aug 2025 SKB)
])
def test_working_days(received, deadline):
    assert PLAIN.deadline(received) == deadline


def test_after_office_hours_counts_from_the_next_working_day():
    late = datetime(2026, 11, 23, 22, 30, tzinfo=JAKARTA)
    assert PLAIN.deadline(late) == date(2026, 11, 26)
    utc_evening = datetime(2026, 11, 23, 17, 30, tzinfo=timezone.utc)  # 00.30 WIB on Tuesday
    assert PLAIN.deadline(utc_evening) == date(2026, 11, 27)


def test_override_file_adds_and_removes_days(tmp_path):
    (tmp_path / "hari_libur.yml").write_text(
        "tambah:\n  - {tanggal: 2026-11-24, keterangan: Cuti bersama tambahan, sumber: SKB contoh nomor 1/2026}\n"
        "hapus:\n  - {tanggal: 2026-12-24, keterangan: Cuti bersama dibatalkan, sumber: SKB contoh nomor 2/2026}\n",
        encoding="utf-8")
    calendar = load_calendar(tmp_path)
    assert calendar.deadline(date(2026, 11, 23)) == date(2026, 11, 27)
    assert calendar.is_working_day(date(2026, 12, 24))
    assert calendar.deadline(date(2026, 12, 23)) == date(2026, 12, 29)


def test_override_file_is_validated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hari_libur.yml").write_text("tambah:\n  - {tanggal: besok, keterangan: x}\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_calendar(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "hari_libur.yml:2: tambah.0.keterangan: terlalu pendek",
        "hari_libur.yml:2: tambah.0.sumber: wajib diisi",
        "hari_libur.yml:2: tambah.0.tanggal: tanggal harus berformat YYYY-MM-DD",
    ]


def test_impossible_date_is_a_problem_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hari_libur.yml").write_text("hapus:\n  - {tanggal: 2026-13-01, keterangan: x, sumber: SKB contoh}\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_calendar(tmp_path)
    assert [str(p) for p in caught.value.problems] == ["hari_libur.yml:2: tanggal: tanggal '2026-13-01' tidak ada di kalender"]


def test_project_override_file_is_valid():
    assert load_calendar(ROOT / "site_config").deadline(date(2026, 11, 23)) == date(2026, 11, 26)


def test_the_number_of_days_is_the_service_standards(tmp_path):
    """The deadline's length lives in site_config/standar_pelayanan.yml (the figure the pages print), not in the intake."""
    assert load_calendar(tmp_path).working_days == 3  # no standard yet: the circular's 3 working days
    standard = (ROOT / "site_config" / "standar_pelayanan.yml").read_text(encoding="utf-8")
    (tmp_path / "standar_pelayanan.yml").write_text(standard.replace("jangka_waktu_hari_kerja: 3 ", "jangka_waktu_hari_kerja: 2 ", 1), encoding="utf-8")
    calendar = load_calendar(tmp_path)
    assert calendar.working_days == 2 and calendar.deadline(date(2026, 11, 23)) == date(2026, 11, 25)
    assert calendar.deadline(date(2026, 11, 23), days=4) == date(2026, 11, 27)


def test_indonesian_date():
    assert tanggal(date(2026, 11, 26)) == "26 November 2026"


def test_package_matches_the_skb_cuti_bersama_lists():
    """hari_libur.yml holds no corrections because holidays==0.109 matches the decrees; this catches a regression."""
    import holidays

    def cuti(year: int) -> list[str]:
        days = holidays.country_holidays("ID", years=year, categories=("government",))
        return sorted(d.strftime("%m-%d") for d in days)

    assert cuti(2025) == ["01-28", "03-28", "04-02", "04-03", "04-04", "04-07", "05-13", "05-30", "06-09", "08-18", "12-26"]
    assert cuti(2026) == ["02-16", "03-18", "03-20", "03-23", "03-24", "05-15", "05-28", "12-24"]
