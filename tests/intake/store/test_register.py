"""The register in the private store: web questions get their row, also those stored before it existed."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select

from generator.intake.store.register import Register
from generator.intake.store.schema import layanan
from generator.intake.web.context import load_intake
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for


def test_questions_stored_before_the_register_get_their_row_at_start(tmp_path):
    project = intake_project(tmp_path)
    intake = load_intake(settings_for(project))
    stored = intake.store.add(ITEM, RECEIVED, RECEIVED.date())
    with intake.store.transaction() as conn:
        conn.execute(delete(layanan))  # as a store written by an earlier version
    again = load_intake(settings_for(project))
    with again.store.engine.connect() as conn:
        row = conn.execute(select(layanan)).mappings().one()
    assert (row["ticket"], row["balai"], row["kanal"], row["jenis"]) == (stored.ticket, "uji-ii", "daring", "konsultasi")
    assert Register(again.store).backfill_online(again.balai_of) == 0  # nothing left to add


def test_erasing_a_web_question_also_clears_its_register_detail(tmp_path):
    intake = load_intake(settings_for(intake_project(tmp_path)))
    stored = intake.store.add(ITEM, RECEIVED, RECEIVED.date())
    intake.store.erase(stored.ticket, datetime.now(timezone.utc))
    with intake.store.engine.connect() as conn:
        row = conn.execute(select(layanan)).mappings().one()
    assert row["kabupaten_kota"] is None and row["erased_at"] is not None and row["provinsi"] == ITEM.provinsi
