"""Answers written in the back office onto a ticket's review branch, and merged when the TA marks them final."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.intake.model import Answer, AnswerRefused, Author, PublishRetry
from generator.intake.publish.git import GitPublisher, branch_for
from generator.intake.publish.gitrepo import BOT_EMAIL, BOT_NAME, GitFailed, commit_file
from generator.intake.publish.submission_file import parse, path_for, with_answer
from generator.util.errors import GeneratorError

NOT_PUBLISHED = "Pertanyaan ini belum masuk ke antrean tinjauan (cabang belum dibuat). Coba lagi sebentar lagi."


def author_env(author: Author, when: dt.datetime) -> dict[str, str]:
    """The TA is the author of the answer; the bot commits it, so nobody needs git credentials."""
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")
    return {
        "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": BOT_NAME, "GIT_COMMITTER_EMAIL": BOT_EMAIL, "GIT_COMMITTER_DATE": stamp,
    }


class GitAnswers:
    """Draft, save and merge answers in the local repository the git publisher writes to."""

    def __init__(self, publisher: GitPublisher):
        self.repo, self.base_branch = publisher.repo, publisher.base_branch

    def _locate(self, ticket: str, received: dt.datetime, ref: str) -> tuple[str, str] | None:
        """(path, text) of the ticket's file on a ref, or None."""
        path = str(path_for(ticket, received))
        text = self.repo.read_blobs([f"{ref}:{path}"])[f"{ref}:{path}"]
        return (path, text) if text is not None else None

    def draft(self, ticket: str, received: dt.datetime) -> tuple[str, bool] | None:
        """(answer so far, merged?) from the review branch, else from the base branch; None before publishing."""
        try:
            for ref, merged in ((f"refs/heads/{branch_for(ticket)}", False), (f"refs/heads/{self.base_branch}", True)):
                if self.repo.resolve(ref) and (found := self._locate(ticket, received, ref)):
                    return answer_of(found[1], found[0]), merged
        except GitFailed as exc:
            raise PublishRetry(f"membaca jawaban {ticket}: {exc}") from None
        return None

    def save(self, ticket: str, received: dt.datetime, answer: str, author: Author, when: dt.datetime) -> None:
        """Commit the answer onto pertanyaan/TICKET, compare-and-swap, so two saves never lose one silently."""
        ref = f"refs/heads/{branch_for(ticket)}"
        try:
            head = self.repo.resolve(ref)
            found = self._locate(ticket, received, head) if head else None
            if found is None:
                raise AnswerRefused(NOT_PUBLISHED)
            path, text = found
            new_text = answered_text(text, answer, path)
            if new_text == text:
                return
            commit = commit_file(self.repo, head, path, new_text, f"Jawaban {ticket} oleh {author.name}", author_env(author, when))
            self.repo.run("update-ref", "-m", f"jawaban {ticket}", ref, commit, head)
        except GitFailed as exc:
            raise PublishRetry(f"menyimpan jawaban {ticket}: {exc}") from None

    def merge(self, ticket: str, received: dt.datetime, author: Author, when: dt.datetime) -> Answer:
        """Merge the review branch into the base branch (a real merge commit) and delete the branch."""
        ref, base_ref = f"refs/heads/{branch_for(ticket)}", f"refs/heads/{self.base_branch}"
        try:
            head, base = self.repo.resolve(ref), self.repo.resolve(base_ref)
            found = self._locate(ticket, received, head) if head else None
            if found is None or base is None:
                raise AnswerRefused(NOT_PUBLISHED)
            if not answer_of(found[1], found[0]):
                raise AnswerRefused("Jawaban masih kosong: tulis dan simpan jawaban sebelum menandainya final.")
            tree = self._merged_tree(base, head)
            changed = [p for p in self.repo.run("diff", "--name-only", "-z", base, tree).split("\0") if p]
            checkout = self._checked_out_base()
            if checkout and self.repo.run("status", "--porcelain", "-z", "--", *changed):
                raise AnswerRefused("Berkas jawaban sedang diubah di folder kerja server; simpan atau buang perubahan itu dulu.")
            commit = self.repo.run("commit-tree", tree, "-p", base, "-p", head, "-m",
                                   f"Gabungkan jawaban {ticket} (final oleh {author.name})", env=author_env(author, when)).strip()
            self.repo.run("update-ref", "-m", f"jawaban final {ticket}", base_ref, commit, base)
            if checkout:  # keep the operator's checkout clean: write exactly the files the merge brought
                self.repo.run("checkout", base_ref, "--", *changed)
            self.repo.run("update-ref", "-d", ref, head)
        except GitFailed as exc:
            raise PublishRetry(f"menggabungkan jawaban {ticket}: {exc}") from None
        return Answer(ticket, answer_of(found[1], found[0]), when)

    def _merged_tree(self, base: str, head: str) -> str:
        """The tree of merging head into base, without touching any working tree (git 2.38+ merge-tree)."""
        try:
            return self.repo.run("merge-tree", "--write-tree", "--no-messages", base, head).split("\n", 1)[0].strip()
        except GitFailed as exc:
            if exc.returncode == 1:  # conflicts
                raise AnswerRefused("Cabang jawaban bentrok dengan cabang utama; minta petugas git menggabungkannya.") from None
            raise

    def _checked_out_base(self) -> bool:
        """Whether a working tree has the base branch checked out (then the merged files are written there too)."""
        if self.repo.run("rev-parse", "--is-bare-repository").strip() == "true":
            return False
        try:
            return self.repo.run("symbolic-ref", "-q", "HEAD").strip() == f"refs/heads/{self.base_branch}"
        except GitFailed:
            return False  # detached HEAD


def answer_of(text: str, path: str) -> str:
    try:
        return parse(text, Path(path)).answer_markdown
    except GeneratorError as exc:
        raise AnswerRefused(f"Berkas pertanyaan di cabang tidak valid: {str(exc).splitlines()[0]}") from None


def answered_text(text: str, answer: str, path: str) -> str:
    try:
        return with_answer(text, answer, Path(path))
    except (ValueError, GeneratorError) as exc:
        raise AnswerRefused(f"Jawaban tidak dapat disimpan: {str(exc).splitlines()[0]}") from None
