"""The survey in the store: one invitation per case, used once, answers that cannot be joined back to the case."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from generator.config.ikm import default_ikm
from generator.intake.model import NewService, NewSubmission
from generator.intake.store.db import Store, open_engine, token_hash
from generator.intake.store.forget import erase_expired
from generator.intake.store.register import Register
from generator.intake.store.schema import layanan, metadata, spent_tokens, survei, survei_undangan
from generator.intake.store.survey import (
    EXPIRED,
    STORED,
    UNKNOWN,
    USED,
    VALID_FOR,
    SurveyResponse,
    find,
    invite,
    issue,
    pending_token,
    purge_expired,
    survey_responses,
    survey_token,
    take,
)
from tests.intake_server import ITEM, RECEIVED, intake_project, settings_for

KEY = b"kunci-uji"
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)
IKM = default_ikm()


def unsur_for(day: date) -> str:
    return IKM.set_for_day(day).slug


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return Store(open_engine(f"sqlite:///{tmp_path / 'klinik.db'}"))
    engine = open_engine(request.getfixturevalue("pg_url"))
    metadata.drop_all(engine)
    metadata.create_all(engine)
    return Store(engine)


def walk_in(store: Store, kanal: str = "kantor", balai: str = "uji-ii", day: date = date(2026, 11, 24)) -> str:
    return Register(store).record(NewService(jenis="konsultasi", kanal=kanal, balai=balai, area="pembiayaan", provinsi="Bali",
                                             kabupaten_kota="Kota Denpasar" if kanal != "acara" else None, tanggal=day,
                                             nama="Wayan Sudira" if kanal != "acara" else None, telepon="081234567891",
                                             jumlah_orang=30 if kanal == "acara" else None), NOW)


def test_a_case_gets_one_invitation_and_the_marker_keeps_it_one(store):
    ticket = walk_in(store)
    token = issue(store, KEY, ticket, unsur_for, NOW)
    assert token == survey_token(KEY, ticket) and len(token) == 12
    assert issue(store, KEY, ticket, unsur_for, NOW) is None  # once per case
    assert pending_token(store, KEY, ticket, NOW) == token == invite(store, KEY, ticket, unsur_for, NOW)
    with store.engine.connect() as conn:
        invitation = conn.execute(select(survei_undangan)).mappings().one()
        marker = conn.execute(select(layanan.c.survei_diundang).where(layanan.c.ticket == ticket)).scalar_one()
    assert marker is True
    assert ticket not in {str(v) for v in invitation.values()}  # the invitation names no case
    assert (invitation["balai"], invitation["kanal"], invitation["jenis_layanan"], invitation["bulan"], invitation["unsur"]) == (
        "uji-ii", "kantor", "konsultasi", "2026-11", "permenpanrb-2017")
    assert find(store, token, NOW)[1].unsur == "permenpanrb-2017"


def test_events_and_unknown_tickets_get_no_invitation(store):
    assert issue(store, KEY, walk_in(store, "acara"), unsur_for, NOW) is None
    assert issue(store, KEY, "KPKP-2026-999999", unsur_for, NOW) is None
    with store.engine.connect() as conn:
        assert conn.execute(select(survei_undangan)).first() is None


def test_a_follow_up_shares_the_invitation_of_its_first_question(store):
    first = store.add(ITEM, RECEIVED, RECEIVED.date())
    later = store.add(NewSubmission(**{**ITEM.__dict__, "follows": first.ticket, "question": "Lalu bagaimana bila saya belum menikah?"}),
                      RECEIVED + timedelta(days=1), RECEIVED.date())
    store.record_answer(first.ticket, "Bisa.", datetime(2026, 12, 1, 18, 30, tzinfo=timezone.utc))  # 2 December in WIB
    token = invite(store, KEY, later.ticket, unsur_for, NOW)
    assert token == survey_token(KEY, first.ticket)
    assert issue(store, KEY, first.ticket, unsur_for, NOW) is None
    assert find(store, token, NOW)[1].bulan == "2026-12"  # the month of the answer (WIB), not of the question


def test_an_answer_is_kept_without_the_case_and_a_second_submit_is_refused(store):
    ticket = walk_in(store)
    token = issue(store, KEY, ticket, unsur_for, NOW)
    assert take(store, token, [4, 3, 4, 4, 3, 4, 4, 4, 2], "Petugas ramah.", NOW) == STORED
    assert take(store, token, [1] * 9, None, NOW) == USED
    assert find(store, token, NOW) == (USED, None)
    assert pending_token(store, KEY, ticket, NOW) is None and invite(store, KEY, ticket, unsur_for, NOW) is None
    with store.engine.connect() as conn:
        rows = conn.execute(select(survei)).mappings().all()
        assert conn.execute(select(survei_undangan)).first() is None  # the invitation is gone with its use
        spent = conn.execute(select(spent_tokens.c.key).where(spent_tokens.c.kind == "survei")).scalars().all()
    assert len(rows) == 1
    assert set(rows[0].keys()) == {"id", "balai", "kanal", "jenis_layanan", "bulan", "unsur", "nilai", "komentar"}
    assert ticket not in {str(v) for v in rows[0].values()} and token_hash(token) not in {str(v) for v in rows[0].values()}
    assert spent == [token_hash(token)]  # only the token's hash, so a second submit reads "already used"
    assert survey_responses(store, "uji-ii", ["2026-11"]) == [
        SurveyResponse("uji-ii", "kantor", "konsultasi", "2026-11", "permenpanrb-2017", (4, 3, 4, 4, 3, 4, 4, 4, 2), "Petugas ramah.")]


def test_the_comment_is_redacted_before_it_reaches_the_table(store):
    token = issue(store, KEY, walk_in(store), unsur_for, NOW)
    take(store, token, [3] * 9, "Hubungi saya di 0812 3456 7890 atau siti@contoh.id, terima kasih.", NOW)
    with store.engine.connect() as conn:
        stored = conn.execute(select(survei.c.komentar)).scalar_one()
    assert "3456" not in stored and "siti@contoh.id" not in stored and "[disamarkan]" in stored
    with pytest.raises(ValueError):
        take(store, issue(store, KEY, walk_in(store), unsur_for, NOW), [3] * 9, "x" * 1001, NOW)


def test_bad_scores_are_refused_before_anything_is_used(store):
    token = issue(store, KEY, walk_in(store), unsur_for, NOW)
    for scores in ([], [0, 3], [5], [True, 3]):
        with pytest.raises(ValueError):
            take(store, token, scores, None, NOW)
    assert find(store, token, NOW)[0] == "terbuka"


def test_an_expired_invitation_is_refused_and_the_sweep_removes_it(store, tmp_path):
    old = issue(store, KEY, walk_in(store), unsur_for, NOW - VALID_FOR - timedelta(days=1))
    kept = issue(store, KEY, walk_in(store), unsur_for, NOW)
    assert find(store, old, NOW) == (EXPIRED, None)
    assert take(store, old, [4] * 9, None, NOW) == EXPIRED
    assert find(store, old, NOW) == (UNKNOWN, None)  # deleted when refused
    stale = issue(store, KEY, walk_in(store), unsur_for, NOW - VALID_FOR - timedelta(days=2))
    assert purge_expired(store, NOW) == 1 and find(store, stale, NOW) == (UNKNOWN, None)
    again = issue(store, KEY, walk_in(store), unsur_for, NOW - VALID_FOR - timedelta(days=3))
    erase_expired(settings_for(intake_project(tmp_path)), store, NOW)  # the worker's retention sweep takes them too
    assert find(store, again, NOW) == (UNKNOWN, None) and find(store, kept, NOW)[0] == "terbuka"


def test_responses_are_read_by_balai_and_month(store):
    for balai, day, score in (("uji-ii", date(2026, 7, 3), 4), ("uji-ii", date(2026, 12, 30), 3), ("uji-i", date(2026, 8, 1), 2),
                              ("uji-ii", date(2027, 1, 2), 1)):
        take(store, issue(store, KEY, walk_in(store, "lapangan", balai, day), unsur_for, NOW), [score] * 9, None, NOW)
    months = [f"2026-{m:02d}" for m in range(7, 13)]
    assert [(r.balai, r.bulan, r.nilai[0]) for r in survey_responses(store, None, months)] == [
        ("uji-ii", "2026-07", 4), ("uji-i", "2026-08", 2), ("uji-ii", "2026-12", 3)]
    assert [r.nilai[0] for r in survey_responses(store, "uji-ii", months)] == [4, 3]
    assert survey_responses(store, None, []) == [] and all(r.kanal == "lapangan" for r in survey_responses(store, None, months))


def test_two_submits_racing_with_one_token_store_one_answer(store):
    token = issue(store, KEY, walk_in(store), unsur_for, NOW)
    results, start = [], threading.Barrier(6)

    def submit() -> None:
        start.wait()
        results.append(take(store, token, [4] * 9, None, NOW))

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted([STORED] + [USED] * 5)
    assert len(survey_responses(store, None, ["2026-11"])) == 1
