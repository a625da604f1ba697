"""The roster's automatic assignment: by area and load, and free of cost for questions nobody covers."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import event, select

from generator.intake.outbox import outbox_for
from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.staff.roster import Roster
from generator.intake.store.schema import layanan
from generator.intake.web.context import load_intake
from tests.intake_server import ITEM, RECEIVED, FakePublisher, intake_project, settings_for


def test_questions_nobody_covers_cost_one_query_however_many_wait(tmp_path):
    """Before: every new question re-tried every waiting one (1,000 questions: half a million queries)."""
    intake = load_intake(settings_for(intake_project(tmp_path)))
    for _ in range(60):
        intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, RECEIVED.date())
    statements = []
    event.listen(intake.store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    assert Roster(intake.store).assign_open("uji-ii", now_utc()) == 0
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_each_question_goes_to_the_covering_ta_with_the_fewest_open(tmp_path):
    intake = load_intake(settings_for(intake_project(tmp_path)))
    accounts, roster = Accounts(intake.store), Roster(intake.store)
    for username in ("ani", "budi"):
        accounts.add(username, username.title(), "ta", "uji-ii", now_utc())
    ids = {m.username: m.id for m in accounts.of_balai("uji-ii")}
    roster.set_areas(ids["ani"], ["pembiayaan"])
    roster.set_areas(ids["budi"], ["pembiayaan", "perencanaan-rumah"])
    for _ in range(4):
        intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, RECEIVED.date())
    intake.store.add(replace(ITEM, balai="uji-ii", area="perencanaan-rumah"), RECEIVED, RECEIVED.date())
    assert roster.assign_open("uji-ii", now_utc()) == 5
    with intake.store.engine.connect() as conn:
        loads = dict(conn.execute(select(layanan.c.ticket, layanan.c.ta_id)).all())
    per_ta = {name: sum(1 for t in loads.values() if t == staff_id) for name, staff_id in ids.items()}
    assert per_ta == {"ani": 2, "budi": 3}  # the four pembiayaan questions alternate, perencanaan only Budi covers
    assert roster.assign_open("uji-ii", now_utc()) == 0


def test_the_outbox_worker_assigns_new_questions_off_the_request_path(tmp_path):
    """The citizen's post only stores; the worker's next cycle (Outbox.assign) gives the question to its TA."""
    settings = settings_for(intake_project(tmp_path))
    intake = load_intake(settings)
    accounts = Accounts(intake.store)
    accounts.add("ani", "Ani", "ta", "uji-ii", now_utc())
    Roster(intake.store).set_areas(accounts.of_balai("uji-ii")[0].id, ["pembiayaan"])
    stored = intake.store.add(replace(ITEM, balai="uji-ii"), RECEIVED, RECEIVED.date())
    box = outbox_for(settings, intake.store, FakePublisher())
    assert box.assign() == 1 and box.assign() == 0
    with intake.store.engine.connect() as conn:
        assert conn.execute(select(layanan.c.ta_id).where(layanan.c.ticket == stored.ticket)).scalar_one() is not None
