"""Back-office answers on the git backend in a real repository: what a merge may not do silently."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.intake.model import AnswerRefused, Author
from generator.intake.publish.git import GitPublisher
from generator.intake.publish.git_answer import GitAnswers
from generator.intake.publish.submission_file import path_for
from tests.intake_repo import git, init_repo, submission

TA = Author("Rina Arsitek", "rina")
WHEN = dt.datetime(2026, 11, 24, 2, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def repo(tmp_path):
    path = init_repo(tmp_path / "repo")
    item = submission()
    GitPublisher(path).publish(item)
    return path, item, GitAnswers(GitPublisher(path))


def test_a_conflicting_main_is_refused_and_nothing_moves(repo):
    path, item, answers = repo
    answers.save(item.ticket, item.received, "Jawaban TA.", TA, WHEN)
    file = path / path_for(item.ticket, item.received)
    file.parent.mkdir(parents=True)
    file.write_text("isi lain di main\n", encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "orang lain menulis berkas yang sama")
    before = git(path, "rev-parse", "main", f"pertanyaan/{item.ticket}")
    with pytest.raises(AnswerRefused, match="bentrok"):
        answers.merge(item.ticket, item.received, TA, WHEN)
    assert git(path, "rev-parse", "main", f"pertanyaan/{item.ticket}") == before


def test_a_file_being_edited_in_the_checkout_is_not_overwritten(repo):
    path, item, answers = repo
    answers.save(item.ticket, item.received, "Jawaban TA.", TA, WHEN)
    file = path / path_for(item.ticket, item.received)
    file.parent.mkdir(parents=True)
    file.write_text("draf yang sedang diketik seseorang\n", encoding="utf-8")
    with pytest.raises(AnswerRefused, match="folder kerja"):
        answers.merge(item.ticket, item.received, TA, WHEN)
    assert file.read_text(encoding="utf-8") == "draf yang sedang diketik seseorang\n"


def test_a_bare_repository_merges_without_any_working_tree(tmp_path):
    source = init_repo(tmp_path / "sumber")
    bare = tmp_path / "tinjauan.git"
    git(tmp_path, "clone", "-q", "--bare", str(source), str(bare))
    item = submission()
    publisher = GitPublisher(bare)
    publisher.publish(item)
    answers = GitAnswers(publisher)
    answers.save(item.ticket, item.received, "Jawaban TA.", TA, WHEN)
    assert answers.merge(item.ticket, item.received, TA, WHEN).answer_markdown == "Jawaban TA."
    assert publisher.fetch_answer(item.ticket).answer_markdown == "Jawaban TA."


def test_saving_the_same_text_twice_adds_no_commit(repo):
    path, item, answers = repo
    answers.save(item.ticket, item.received, "Jawaban TA.", TA, WHEN)
    head = git(path, "rev-parse", f"pertanyaan/{item.ticket}")
    answers.save(item.ticket, item.received, "Jawaban TA.\n", TA, WHEN)
    assert git(path, "rev-parse", f"pertanyaan/{item.ticket}") == head
