"""The duty schedule: an ATA proposes, only what the Kepala Balai approves counts, and assignment prefers the TA on
approved duty that WIB day among those covering the area, falling back to load."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from generator.intake.staff.accounts import Accounts
from generator.intake.staff.piket import DAYS, DutySchedule
from generator.intake.staff.roster import Roster
from generator.intake.store.schema import layanan
from generator.intake.web.context import load_intake
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for

MONDAY = date(2026, 11, 23)
LATE_SUNDAY_UTC = datetime(2026, 11, 22, 18, 30, tzinfo=timezone.utc)  # already Monday 01.30 in WIB


@pytest.fixture
def balai(tmp_path):
    intake = load_intake(settings_for(intake_project(tmp_path)))
    accounts = Accounts(intake.store)
    for username, peran in (("ani", "ta"), ("budi", "ta"), ("citra", "ata"), ("kepala", "kepala-balai"), ("ta.lain", "ta")):
        accounts.add(username, username.title(), peran, "uji-i" if username == "ta.lain" else "uji-ii", RECEIVED)
    people = {m.username: m for b in ("uji-i", "uji-ii") for m in accounts.of_balai(b)}
    roster = Roster(intake.store)
    roster.set_areas(people["ani"].id, ["pembiayaan"])
    roster.set_areas(people["budi"].id, ["pembiayaan"])
    return intake, people


def tickets_of(intake) -> dict[str, int | None]:
    with intake.store.engine.connect() as conn:
        return dict(conn.execute(select(layanan.c.ticket, layanan.c.ta_id)).all())


def test_only_the_approved_schedule_counts(balai):
    intake, p = balai
    duty = DutySchedule(intake.store)
    assert duty.propose(p["ani"], MONDAY, [p["budi"].id], RECEIVED) == "Hanya ATA dan Kepala Balai yang menyusun jadwal piket."
    assert duty.propose(p["citra"], MONDAY, [p["ta.lain"].id], RECEIVED) == "Pilih TA dari Balai ini."
    assert duty.propose(p["citra"], MONDAY, [p["citra"].id], RECEIVED) == "Pilih TA dari Balai ini."  # an ATA is not a TA
    assert duty.propose(p["citra"], MONDAY, [p["budi"].id], RECEIVED) is None
    assert duty.on_duty("uji-ii", MONDAY) == set()  # proposed only
    assert duty.approve(p["citra"], MONDAY, RECEIVED) == "Hanya Kepala Balai yang menyetujui jadwal piket."
    assert duty.approve(p["kepala"], MONDAY + timedelta(days=1), RECEIVED) == "Tidak ada usulan piket untuk tanggal ini."
    assert duty.approve(p["kepala"], MONDAY, RECEIVED + timedelta(hours=1)) is None
    assert duty.on_duty("uji-ii", MONDAY) == {p["budi"].id}
    assert duty.approve(p["kepala"], MONDAY, RECEIVED) == "Tidak ada usulan piket untuk tanggal ini."  # approved once

    assert duty.propose(p["citra"], MONDAY, [p["ani"].id], RECEIVED) is None  # a change waits for approval
    assert duty.on_duty("uji-ii", MONDAY) == {p["budi"].id}
    day = duty.schedule("uji-ii", MONDAY)
    assert len(day) == DAYS and day[0] | {} == {
        "tanggal": MONDAY, "status": "usulan", "disetujui": [p["budi"].id], "usulan": [p["ani"].id], "pengusul": "Citra",
        "diusulkan": day[0]["diusulkan"], "penyetuju": "Kepala", "waktu_setuju": day[0]["waktu_setuju"]}
    assert day[1]["status"] is None and day[1]["disetujui"] == []
    assert duty.propose(p["kepala"], MONDAY, [], RECEIVED) is None and duty.approve(p["kepala"], MONDAY, RECEIVED) is None
    assert duty.on_duty("uji-ii", MONDAY) == set()  # an approved empty day: nobody on duty
    assert duty.on_duty("uji-i", MONDAY) == set()


def test_assignment_prefers_the_ta_on_approved_duty_that_wib_day_then_falls_back_to_load(balai):
    intake, p = balai
    duty = DutySchedule(intake.store)
    duty.propose(p["citra"], MONDAY, [p["budi"].id], RECEIVED)
    for _ in range(3):
        intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, MONDAY)
    roster = Roster(intake.store)
    assert roster.assign_open("uji-ii", LATE_SUNDAY_UTC) == 3  # proposed only: by load, ani and budi alternate
    assert sorted(tickets_of(intake).values()) == sorted([p["ani"].id, p["budi"].id, p["ani"].id])

    duty.approve(p["kepala"], MONDAY, RECEIVED)
    for _ in range(3):
        intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, MONDAY)
    new = [t for t, ta in tickets_of(intake).items() if ta is None]
    assert roster.assign_open("uji-ii", LATE_SUNDAY_UTC) == 3  # Monday in WIB: budi is on duty, load or not
    assert {tickets_of(intake)[t] for t in new} == {p["budi"].id}
    assert "(otomatis, bidang pembiayaan, piket)" in roster.history(new[0])[0]["perubahan"]

    sunday = LATE_SUNDAY_UTC - timedelta(hours=2)  # still Sunday in WIB: no duty, back to load
    intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, MONDAY)
    roster.assign_open("uji-ii", sunday)
    loads = list(tickets_of(intake).values())
    assert loads.count(p["ani"].id) == 3 and loads.count(p["budi"].id) == 4


def test_a_ta_on_duty_without_the_area_gets_nothing_and_an_uncovered_case_waits(balai):
    intake, p = balai
    duty = DutySchedule(intake.store)
    Roster(intake.store).set_areas(p["budi"].id, ["perencanaan-rumah"])
    duty.propose(p["kepala"], MONDAY, [p["budi"].id], RECEIVED)
    duty.approve(p["kepala"], MONDAY, RECEIVED)
    intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, MONDAY)
    intake.store.add(replace(ITEM, balai="uji-ii", area="pbg"), RECEIVED, MONDAY)
    assert Roster(intake.store).assign_open("uji-ii", LATE_SUNDAY_UTC) == 1
    assert sorted(tickets_of(intake).values(), key=str) == sorted([p["ani"].id, None], key=str)  # pbg: the Balai queue
