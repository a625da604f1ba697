"""Which open questions are due or late: working days counted with the calendar, answered and erased ones left out,
the per-Balai figures from one query."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from sqlalchemy import event, update

from generator.intake.deadline import Calendar
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.deadline_watch import by_balai, counts, due, open_by_ta
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import layanan
from tests.intake_server import ITEM, RECEIVED

MONDAY = date(2026, 12, 7)
CALENDAR = Calendar(added=frozenset({date(2026, 12, 3)}), removed=frozenset())  # a made-up holiday on Thursday the 3rd


def add(store: Store, deadline: date, balai: str = "uji-ii", ta: int | None = None) -> str:
    ticket = store.add(replace(ITEM, balai=balai), RECEIVED, deadline).ticket
    if ta is not None:
        with store.transaction() as conn:
            conn.execute(update(layanan).where(layanan.c.ticket == ticket).values(ta_id=ta))
    return ticket


def test_lateness_counts_working_days_and_skips_holidays_and_weekends(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'k.db'}"))
    wednesday, friday = add(store, date(2026, 12, 2)), add(store, date(2026, 12, 4))
    today, later = add(store, MONDAY), add(store, date(2026, 12, 9))
    answered, erased = add(store, date(2026, 12, 1)), add(store, date(2026, 12, 1))
    store.record_answer(answered, "Jawaban.", datetime(2026, 12, 2, tzinfo=timezone.utc))
    store.erase(erased, now_utc())
    found = due(store, CALENDAR, MONDAY, "uji-ii")
    assert [(c.ticket, c.terlambat, c.lewat, c.jatuh_tempo) for c in found] == [
        (wednesday, 2, True, False),  # Friday the 4th and Monday the 7th: the holiday and the weekend do not count
        (friday, 1, True, False), (today, 0, False, True)]
    assert later not in [c.ticket for c in found] and due(store, CALENDAR, MONDAY, "uji-i") == []
    saturday = due(store, CALENDAR, date(2026, 12, 5), "uji-ii")
    assert [(c.ticket, c.terlambat, c.lewat) for c in saturday] == [(wednesday, 1, True), (friday, 0, True)]


def test_a_tas_cases_come_due_today_first_then_late_then_the_rest(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'k.db'}"))
    accounts = Accounts(store)
    accounts.add("ani", "Ani", "ta", "uji-ii", now_utc())
    ani = accounts.of_balai("uji-ii")[0].id
    rest, late, today = add(store, date(2026, 12, 9), ta=ani), add(store, date(2026, 12, 2), ta=ani), add(store, MONDAY, ta=ani)
    add(store, MONDAY)  # nobody's yet: in no digest
    assert {ta: [c.ticket for c in cases] for ta, cases in open_by_ta(store, CALENDAR, MONDAY).items()} == {ani: [today, late, rest]}
    assert open_by_ta(store, CALENDAR, MONDAY)[ani][0].ta == "Ani"


def test_the_per_balai_figures_come_from_one_query(tmp_path):
    store = Store(open_engine(f"sqlite:///{tmp_path / 'k.db'}"))
    for deadline, balai in ((MONDAY, "uji-ii"), (date(2026, 12, 2), "uji-ii"), (date(2026, 12, 9), "uji-ii"), (MONDAY, "uji-i")):
        add(store, deadline, balai)
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert counts(store, MONDAY) == {"uji-ii": {"terbuka": 3, "jatuh_tempo": 1, "terlambat": 1},
                                     "uji-i": {"terbuka": 1, "jatuh_tempo": 1, "terlambat": 0}}
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert list(by_balai(due(store, CALENDAR, MONDAY, None))) == ["uji-i", "uji-ii"]
