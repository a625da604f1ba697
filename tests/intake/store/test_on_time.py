"""One rule for "answered on time", shared by the monthly report and the dashboard: the answer's day in WIB against
the deadline set on arrival; a question still inside its deadline is not judged yet."""

from __future__ import annotations

from datetime import date, datetime, timezone

from generator.intake.store.on_time import judged_on_time

DEADLINE = date(2026, 11, 27)


def test_an_answer_late_in_the_evening_wib_of_the_deadline_day_is_on_time():
    assert judged_on_time(DEADLINE, datetime(2026, 11, 27, 16, 59, tzinfo=timezone.utc), date(2026, 12, 1)) is True  # 23.59 WIB
    assert judged_on_time(DEADLINE, datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc), date(2026, 12, 1)) is False  # 00.00 WIB next day


def test_an_open_question_is_judged_only_after_its_deadline():
    assert judged_on_time(DEADLINE, None, date(2026, 11, 27)) is None
    assert judged_on_time(DEADLINE, None, date(2026, 11, 28)) is False
