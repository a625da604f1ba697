"""Answers from the back office on the GitHub backend, against the local fake: the TA is the author, a stale
save is refused instead of overwriting, and "final" merges the pull request and deletes its branch."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.intake.model import AnswerRefused, Author
from generator.intake.publish.github import GitHubPublisher
from generator.intake.publish.github_answer import GitHubAnswers
from tests.fake_github import REPO, TOKEN, FakeGitHub
from tests.intake_repo import submission

FILE = "submissions/2026/11/KPKP-2026-000123.md"
BRANCH = "pertanyaan/KPKP-2026-000123"
TA = Author("Rina Arsitek", "rina")
WHEN = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def published():
    fake = FakeGitHub()
    publisher = GitHubPublisher(REPO, token=TOKEN, api_url=fake.url, min_interval_s=0)
    item = submission()
    publisher.publish(item)
    yield fake, publisher, GitHubAnswers(publisher), item
    fake.stop()


def test_a_draft_is_a_commit_by_the_ta_and_final_merges_the_pull_request(published):
    fake, publisher, answers, item = published
    assert answers.draft(item.ticket, item.received) == ("", False)
    answers.save(item.ticket, item.received, "Bisa, dengan surat keterangan penghasilan.", TA, WHEN)
    last = fake.state.commits[-1]
    assert last["branch"] == BRANCH and last["author"] == {"name": "Rina Arsitek", "email": "rina@staf.klinik.pkp.go.id"}
    assert "status: dijawab" in last["text"] and "Bisa, dengan surat keterangan penghasilan." in last["text"]
    assert answers.draft(item.ticket, item.received) == ("Bisa, dengan surat keterangan penghasilan.", False)
    assert publisher.fetch_answer(item.ticket) is None  # not merged: the citizen sees nothing yet

    answer = answers.merge(item.ticket, item.received, TA, WHEN)
    assert answer.answer_markdown == "Bisa, dengan surat keterangan penghasilan." and answer.answered_at == WHEN
    merge = next(r for r in fake.state.requests if r.method == "PUT" and r.path.endswith("/pulls/1/merge"))
    assert merge.body == {"commit_title": f"Gabungkan jawaban {item.ticket} (final oleh Rina Arsitek)", "merge_method": "merge"}
    assert BRANCH not in fake.state.refs and fake.state.pulls[0]["merged"]
    assert publisher.fetch_answer(item.ticket).answer_markdown == "Bisa, dengan surat keterangan penghasilan."
    assert answers.draft(item.ticket, item.received) == ("Bisa, dengan surat keterangan penghasilan.", True)
    with pytest.raises(AnswerRefused, match="belum masuk"):  # the branch is gone: nothing left to save onto
        answers.save(item.ticket, item.received, "Ubahan", TA, WHEN)


def test_a_save_over_a_newer_commit_is_refused_not_lost(published):
    fake, _, answers, item = published
    answers.save(item.ticket, item.received, "Versi pertama.", TA, WHEN)
    read_by_the_ta = answers._file(FILE, BRANCH)  # the version the TA's page was built on
    moved = fake.state.files[(BRANCH, FILE)].replace("Versi pertama.", "Versi peninjau.")
    fake.commit(BRANCH, FILE, moved, "2026-11-24T03:00:00Z")  # a reviewer edits the file on GitHub meanwhile
    answers._file = lambda path, ref: read_by_the_ta
    with pytest.raises(AnswerRefused, match="diubah orang lain"):
        answers.save(item.ticket, item.received, "Versi TA.", TA, WHEN)
    assert fake.state.files[(BRANCH, FILE)] == moved


def test_final_without_an_answer_is_refused(published):
    _, _, answers, item = published
    with pytest.raises(AnswerRefused, match="masih kosong"):
        answers.merge(item.ticket, item.received, TA, WHEN)
