"""Retention: identity and original text are erased KLINIK_RETENTION_MONTHS after a case closes; counts stay."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from generator.intake.model import NewService
from generator.intake.store.forget import erase_expired, months_before
from generator.intake.store.register import Register
from generator.intake.store.schema import identities, layanan, layanan_identitas, submissions
from generator.intake.web.context import load_intake
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("when", "months", "expected"), [
    (datetime(2026, 12, 2), 24, datetime(2024, 12, 2)),
    (datetime(2026, 3, 31), 1, datetime(2026, 2, 28)),
    (datetime(2026, 1, 15), 13, datetime(2024, 12, 15)),
])
def test_months_before_counts_calendar_months(when, months, expected):
    assert months_before(when, months) == expected


def test_closed_cases_past_retention_are_erased_and_the_rest_kept(tmp_path):
    settings = settings_for(intake_project(tmp_path), retention_months=24)
    intake = load_intake(settings)
    store, register = intake.store, Register(intake.store)
    old = store.add(ITEM, RECEIVED, RECEIVED.date()).ticket
    recent = store.add(ITEM, RECEIVED, RECEIVED.date()).ticket
    open_case = store.add(ITEM, RECEIVED, RECEIVED.date()).ticket
    store.record_answer(old, "Bisa.", datetime(2024, 11, 30, tzinfo=timezone.utc))  # closed 24 months and 2 days ago
    store.record_answer(recent, "Bisa.", datetime(2025, 1, 5, tzinfo=timezone.utc))
    walk_in = NewService(jenis="konsultasi", kanal="kantor", balai="uji-ii", area="pembiayaan", provinsi="Bali",
                         kabupaten_kota="Kota Denpasar", tanggal=date(2024, 11, 1), uraian="Tanya KPR", nama="Budi", telepon="081234567890")
    old_walk_in = register.record(walk_in, NOW)
    new_walk_in = register.record(NewService(**{**walk_in.__dict__, "tanggal": date(2026, 11, 1)}), NOW)

    assert erase_expired(settings, store, NOW) == 2
    with store.engine.connect() as conn:
        people = set(conn.execute(select(identities.c.ticket)).scalars()) | set(conn.execute(select(layanan_identitas.c.ticket)).scalars())
        questions = dict(conn.execute(select(submissions.c.ticket, submissions.c.question)).all())
    assert people == {recent, open_case, new_walk_in} and old_walk_in not in people
    assert questions[old] is None and questions[recent] == ITEM.question
    assert register.recap("uji-ii", date(2024, 11, 1))["total"] == 1  # the erased walk-in still counts
    assert erase_expired(settings, store, NOW) == 0  # erased once, not again


def test_a_shorter_retention_is_a_setting(tmp_path):
    settings = settings_for(intake_project(tmp_path), retention_months=1)
    intake = load_intake(settings)
    ticket = intake.store.add(ITEM, RECEIVED, RECEIVED.date()).ticket
    with intake.store.transaction() as conn:
        conn.execute(update(submissions).where(submissions.c.ticket == ticket).values(answered_at=datetime(2026, 10, 1, tzinfo=timezone.utc)))
    assert erase_expired(settings, intake.store, NOW) == 1
    with intake.store.engine.connect() as conn:
        assert conn.execute(select(layanan.c.erased_at).where(layanan.c.ticket == ticket)).scalar_one() is not None
