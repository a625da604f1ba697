"""The dashboard's figures equal what was put in the register, the answers, the page counts and the survey."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from generator.intake.model import NewService
from generator.intake.staff.dashboard import gather, month_starts, periods, week_starts
from generator.intake.store.db import Store, open_engine
from generator.intake.store.pageviews import record_view
from generator.intake.store.register import Register
from generator.intake.store.schema import survei
from generator.measure.ikm import compute
from tests.intake_server import ITEM

TODAY = date(2026, 12, 2)  # a Wednesday; the last week starts on Monday 30 November
NOW = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def service(kanal: str, day: date, balai: str = "uji-ii") -> NewService:
    people = {"jumlah_orang": 30} if kanal == "acara" else {"nama": "Warga Uji"}
    return NewService(jenis="informasi" if kanal == "acara" else "konsultasi", kanal=kanal, balai=balai, area="pembiayaan",
                      provinsi="Bali", kabupaten_kota=None, tanggal=day, **people)


@pytest.fixture
def store(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path}/var/klinik.db"))
    register = Register(store)
    for kanal, day, balai in [("kantor", date(2026, 11, 30), "uji-ii"), ("kantor", date(2026, 12, 2), "uji-ii"),
                              ("lapangan", date(2026, 11, 24), "uji-ii"), ("acara", date(2026, 9, 14), "uji-ii"),
                              ("kantor", date(2026, 9, 13), "uji-ii"),  # the Sunday before the first week: not shown
                              ("kantor", date(2026, 11, 30), "uji-i")]:
        register.record(service(kanal, day, balai), NOW)
    received = utc(2026, 11, 23, 3, 0)  # 23 November 10.00 WIB
    on_time = store.add(replace(ITEM, balai="uji-ii"), received, date(2026, 11, 26)).ticket
    store.record_answer(on_time, "Dijawab.", utc(2026, 11, 26, 16, 30))  # 23.30 WIB on the deadline: on time
    late = store.add(replace(ITEM, balai="uji-ii"), received, date(2026, 11, 26)).ticket
    store.record_answer(late, "Dijawab.", utc(2026, 11, 26, 17, 30))  # 00.30 WIB the next day: late
    store.add(replace(ITEM, balai="uji-ii"), received, date(2026, 11, 26))  # never answered, deadline past: late
    store.add(replace(ITEM, balai="uji-ii"), utc(2026, 12, 1, 3, 0), date(2026, 12, 4))  # not yet due: not judged
    elsewhere = store.add(replace(ITEM, balai="uji-i", provinsi="DKI Jakarta"), received, date(2026, 11, 26)).ticket
    store.record_answer(elsewhere, "Dijawab.", utc(2026, 11, 24, 3, 0))
    for day, times in [(date(2026, 11, 30), 3), (date(2026, 12, 2), 2), (date(2026, 9, 20), 1), (date(2026, 9, 13), 7)]:
        for _ in range(times):
            record_view(store, day, "/faq/")
    with store.transaction() as conn:
        conn.execute(survei.insert(), [
            {"balai": "uji-ii", "kanal": "daring", "jenis_layanan": "konsultasi", "bulan": "2026-08", "unsur": "permenpanrb-2017",
             "nilai": ",".join(["4"] * 9)},
            {"balai": "uji-ii", "kanal": "kantor", "jenis_layanan": "konsultasi", "bulan": "2026-11", "unsur": "permenpanrb-2017",
             "nilai": "3,3,3,3,3,3,3,3,2"},
            {"balai": "uji-i", "kanal": "daring", "jenis_layanan": "konsultasi", "bulan": "2026-03", "unsur": "permenpanrb-2017",
             "nilai": ",".join(["2"] * 9)},
        ])
    return store


def test_the_windows_end_with_the_current_week_month_and_semester():
    weeks = week_starts(TODAY)
    assert len(weeks) == 12 and weeks[-1] == date(2026, 11, 30) and weeks[0] == date(2026, 9, 14)
    assert all(w.weekday() == 0 for w in weeks)
    assert month_starts(TODAY) == [date(2026, m, 1) for m in range(7, 13)]
    assert month_starts(date(2026, 2, 10))[:2] == [date(2025, 9, 1), date(2025, 10, 1)]
    assert periods(TODAY) == ["2025-S1", "2025-S2", "2026-S1", "2026-S2"]
    assert periods(date(2026, 1, 5)) == ["2024-S2", "2025-S1", "2025-S2", "2026-S1"]


def test_a_balai_s_services_per_week_by_channel(store):
    data = gather(store, "uji-ii", TODAY)
    assert set(data.per_kanal) == {"daring", "kantor", "lapangan", "acara"}
    assert data.per_kanal["kantor"][-1] == 2 and sum(data.per_kanal["kantor"]) == 2  # 13 September is outside
    assert data.per_kanal["lapangan"][-2] == 1 and data.per_kanal["acara"][0] == 1
    assert data.per_kanal["daring"][-2] == 3 and data.per_kanal["daring"][-1] == 1  # the web questions' own rows
    everyone = gather(store, None, TODAY)
    assert everyone.per_kanal["kantor"][-1] == 3 and everyone.per_kanal["daring"][-2] == 4


def test_answers_on_time_per_month_with_numerator_and_denominator(store):
    months = {m.bulan: m for m in gather(store, "uji-ii", TODAY).on_time}
    november, december = months[date(2026, 11, 1)], months[date(2026, 12, 1)]
    assert (november.tepat, november.dinilai, november.belum_jatuh_tempo) == (1, 3, 0)
    assert november.persen == Decimal("33.33")
    assert (december.tepat, december.dinilai, december.belum_jatuh_tempo) == (0, 0, 1) and december.persen is None
    assert months[date(2026, 7, 1)].persen is None
    national = {m.bulan: m for m in gather(store, None, TODAY).on_time}[date(2026, 11, 1)]
    assert (national.tepat, national.dinilai) == (2, 4) and national.persen == Decimal("50.00")


def test_site_views_per_week_and_the_ikm_per_semester(store):
    data = gather(store, "uji-ii", TODAY)
    assert data.views[-1] == 5 and data.views[0] == 1 and sum(data.views) == 6  # 13 September is outside
    trend = {p.periode: p for p in data.ikm}
    assert [p.periode for p in data.ikm] == ["2025-S1", "2025-S2", "2026-S1", "2026-S2"]
    expected = compute([(4,) * 9, (3, 3, 3, 3, 3, 3, 3, 3, 2)], 9)
    assert (trend["2026-S2"].n, trend["2026-S2"].ikm, trend["2026-S2"].mutu) == (2, expected.ikm, expected.mutu)
    assert trend["2026-S1"].n == 0 and trend["2026-S1"].ikm is None  # uji-i's answer is not uji-ii's
    national = {p.periode: p for p in gather(store, None, TODAY).ikm}
    assert national["2026-S1"].n == 1 and national["2026-S1"].ikm == compute([(2,) * 9], 9).ikm
