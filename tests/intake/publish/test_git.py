"""The git backend on real repositories: atomic, idempotent, never touching the user's checkout."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
from pathlib import Path

import pytest

from generator.intake.model import Answer, PublishError, PublishRetry
from generator.intake.publish import gitrepo
from generator.intake.publish.git import GitPublisher
from generator.intake.publish.submission_file import render
from tests.intake_repo import answer_and_merge, git, init_repo, submission

WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")


def test_publish_creates_one_bot_commit_on_the_review_branch(repo):
    assert GitPublisher(repo).publish(submission()) == "pertanyaan/KPKP-2026-000123"
    log = git(repo, "log", "--format=%an <%ae>|%cn <%ce>|%s|%aI", "main..pertanyaan/KPKP-2026-000123")
    assert log == (
        "Klinik PKP Bot <bot@klinik.pkp.go.id>|Klinik PKP Bot <bot@klinik.pkp.go.id>|Pertanyaan KPKP-2026-000123 (pembiayaan)|2026-11-23T03:00:00+00:00\n"
    )
    assert git(repo, "diff", "--name-status", "main", "pertanyaan/KPKP-2026-000123") == "A\tsubmissions/2026/11/KPKP-2026-000123.md\n"
    assert git(repo, "show", "pertanyaan/KPKP-2026-000123:submissions/2026/11/KPKP-2026-000123.md") == render(submission())


def test_publish_never_touches_working_tree_index_or_current_branch(repo):
    git(repo, "checkout", "-q", "-b", "kerja")
    (repo / "draft.md").write_text("belum disimpan\n", encoding="utf-8")
    git(repo, "add", "draft.md")
    (repo / "README.md").write_text("diubah\n", encoding="utf-8")
    before = (git(repo, "status", "--porcelain"), git(repo, "symbolic-ref", "HEAD"), git(repo, "diff", "--cached"))
    GitPublisher(repo).publish(submission())
    assert (git(repo, "status", "--porcelain"), git(repo, "symbolic-ref", "HEAD"), git(repo, "diff", "--cached")) == before
    assert not (repo / "submissions").exists()


def test_publish_again_returns_the_same_branch_unchanged(repo):
    publisher = GitPublisher(repo)
    publisher.publish(submission())
    tip = git(repo, "rev-parse", "pertanyaan/KPKP-2026-000123")
    assert publisher.publish(submission()) == "pertanyaan/KPKP-2026-000123"
    assert git(repo, "rev-parse", "pertanyaan/KPKP-2026-000123") == tip


def test_concurrent_publish_of_one_ticket_makes_one_branch(repo):
    barrier, results, errors = threading.Barrier(6), [], []

    def worker():
        barrier.wait()
        try:
            results.append(GitPublisher(repo).publish(submission()))
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert results == ["pertanyaan/KPKP-2026-000123"] * 6
    assert git(repo, "for-each-ref", "--format=%(refname)", "refs/heads/pertanyaan/") == "refs/heads/pertanyaan/KPKP-2026-000123\n"
    assert git(repo, "rev-list", "--count", "main..pertanyaan/KPKP-2026-000123") == "1\n"


@pytest.mark.parametrize("crash_at", ["hash-object", "read-tree", "update-index", "write-tree", "commit-tree", "update-ref"])
def test_crash_between_steps_then_republish_completes(repo, monkeypatch, crash_at):
    real_run = subprocess.run

    def crashing(cmd, *args, **kwargs):
        if crash_at in cmd:
            raise OSError("proses dihentikan")
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(gitrepo.subprocess, "run", crashing)
    with pytest.raises(PublishRetry):
        GitPublisher(repo).publish(submission())
    assert git(repo, "for-each-ref", "refs/heads/pertanyaan/") == ""
    monkeypatch.setattr(gitrepo.subprocess, "run", real_run)
    assert GitPublisher(repo).publish(submission()) == "pertanyaan/KPKP-2026-000123"
    assert git(repo, "rev-list", "--count", "main..pertanyaan/KPKP-2026-000123") == "1\n"


def test_question_with_personal_data_is_refused(repo):
    with pytest.raises(PublishError, match=r"KPKP-2026-000123: pertanyaan masih memuat data pribadi \(email, telepon\)"):
        GitPublisher(repo).publish(submission(question="hubungi 0812-3456-7890 atau a@b.co"))
    assert git(repo, "for-each-ref", "refs/heads/pertanyaan/") == ""


def test_missing_base_branch_or_repository_is_permanent(repo, tmp_path):
    with pytest.raises(PublishError, match="cabang dasar 'utama' tidak ada"):
        GitPublisher(repo, base_branch="utama").publish(submission())
    (tmp_path / "kosong").mkdir()
    with pytest.raises(PublishError, match="bukan repositori git"):
        GitPublisher(tmp_path / "kosong").publish(submission())


def test_answers_come_from_the_base_branch_with_the_answer_commit_time(repo):
    publisher = GitPublisher(repo)
    for number in (123, 124, 125):
        publisher.publish(submission(number))
    answer_and_merge(repo, "KPKP-2026-000123", "Bisa, dengan bukti penghasilan.")
    git(repo, "merge", "-q", "--no-ff", "-m", "Gabung tanpa jawaban", "pertanyaan/KPKP-2026-000124")
    expected = Answer("KPKP-2026-000123", "Bisa, dengan bukti penghasilan.", dt.datetime(2026, 11, 24, 9, 0, tzinfo=WIB))
    assert publisher.answers() == [expected]
    assert publisher.fetch_answer("KPKP-2026-000123") == expected
    assert publisher.fetch_answer("KPKP-2026-000124") is None  # merged, not answered
    assert publisher.fetch_answer("KPKP-2026-000125") is None  # not merged
    assert publisher.fetch_answer("KPKP-2026-000999") is None
    assert publisher.fetch_answer("main:README.md") is None


def test_answers_skip_a_broken_file_and_keep_the_rest(repo, caplog):
    publisher = GitPublisher(repo)
    publisher.publish(submission(123))
    publisher.publish(submission(124))
    answer_and_merge(repo, "KPKP-2026-000123", "Jawaban satu.")
    answer_and_merge(repo, "KPKP-2026-000124", "Jawaban dua.")
    broken = repo / "submissions/2026/11/KPKP-2026-000124.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("bidang: pembiayaan", "bidang: ???"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "rusak")
    assert [a.ticket for a in publisher.answers()] == ["KPKP-2026-000123"]
    assert "submissions/2026/11/KPKP-2026-000124.md:3: bidang" in caplog.text


def test_a_merged_ticket_whose_branch_was_deleted_is_not_published_again(repo):
    publisher = GitPublisher(repo)
    publisher.publish(submission())
    answer_and_merge(repo, "KPKP-2026-000123", "Bisa.")
    git(repo, "branch", "-q", "-D", "pertanyaan/KPKP-2026-000123")
    assert publisher.publish(submission()) == "pertanyaan/KPKP-2026-000123"
    assert git(repo, "for-each-ref", "refs/heads/pertanyaan/") == ""


def test_an_invalid_item_is_a_permanent_error(repo):
    with pytest.raises(PublishError, match="KPKP-2026-000123: bidang tidak valid: 'Pembiayaan'"):
        GitPublisher(repo).publish(submission(area="Pembiayaan"))
