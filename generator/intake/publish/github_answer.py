"""Answers written in the back office onto a ticket's pull request branch on GitHub, merged when final."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import quote

from generator.intake.model import Answer, AnswerRefused, Author
from generator.intake.publish.git import branch_for
from generator.intake.publish.git_answer import NOT_PUBLISHED, answer_of, answered_text
from generator.intake.publish.github import BOT, GitHubPublisher
from generator.intake.publish.submission_file import path_for


class GitHubAnswers:
    """The same three verbs as GitAnswers, over the GitHub REST API (contents and pull-request merge)."""

    def __init__(self, publisher: GitHubPublisher):
        self.publisher, self.client = publisher, publisher.client

    def _api(self, path: str) -> str:
        return self.publisher._api(path)

    def _file(self, path: str, ref: str) -> tuple[str, str] | None:
        """(text, blob sha) of a file on a ref, or None."""
        reply = self.client.request("GET", self._api(f"/contents/{path}?ref={quote(ref, safe='')}"), what="membaca berkas", ok=(404,))
        if reply.status == 404 or not isinstance(reply.data, dict):
            return None
        return base64.b64decode(reply.data["content"]).decode("utf-8"), reply.data["sha"]

    def draft(self, ticket: str, received: dt.datetime) -> tuple[str, bool] | None:
        path = str(path_for(ticket, received))
        for ref, merged in ((branch_for(ticket), False), (self.publisher.base_branch, True)):
            found = self._file(path, ref)
            if found:
                return answer_of(found[0], path), merged
        return None

    def save(self, ticket: str, received: dt.datetime, answer: str, author: Author, when: dt.datetime) -> None:
        """PUT the file on the branch with the blob sha read just before: GitHub refuses (409) if it moved since."""
        path, branch = str(path_for(ticket, received)), branch_for(ticket)
        found = self._file(path, branch)
        if found is None:
            raise AnswerRefused(NOT_PUBLISHED)
        text, sha = found
        new_text = answered_text(text, answer, path)
        if new_text == text:
            return
        body = {
            "message": f"Jawaban {ticket} oleh {author.name}", "content": base64.b64encode(new_text.encode()).decode(),
            "sha": sha, "branch": branch, "author": {"name": author.name, "email": author.email}, "committer": BOT,
        }
        reply = self.client.request("PUT", self._api(f"/contents/{path}"), body, what="menyimpan jawaban", ok=(409,))
        if reply.status == 409:
            raise AnswerRefused("Berkas jawaban baru saja diubah orang lain. Muat ulang halaman, lalu simpan lagi.")

    def merge(self, ticket: str, received: dt.datetime, author: Author, when: dt.datetime) -> Answer:
        """Merge the ticket's open pull request (the commit names the TA), then delete its branch."""
        path, branch = str(path_for(ticket, received)), branch_for(ticket)
        found = self._file(path, branch)
        if found is None:
            raise AnswerRefused(NOT_PUBLISHED)
        answer = answer_of(found[0], path)
        if not answer:
            raise AnswerRefused("Jawaban masih kosong: tulis dan simpan jawaban sebelum menandainya final.")
        head = quote(f"{self.publisher.owner}:{branch}", safe="")
        pulls = self.client.request("GET", self._api(f"/pulls?head={head}&state=open"), what="mencari pull request").data
        if not isinstance(pulls, list) or not pulls:
            raise AnswerRefused(NOT_PUBLISHED)
        body = {"commit_title": f"Gabungkan jawaban {ticket} (final oleh {author.name})", "merge_method": "merge"}
        reply = self.client.request("PUT", self._api(f"/pulls/{pulls[0]['number']}/merge"), body, what="menggabungkan jawaban",
                                    ok=(405, 409))
        if reply.status in (405, 409):
            raise AnswerRefused(f"GitHub belum dapat menggabungkan pull request ini ({reply.message}); minta peninjau memeriksanya.")
        self.client.request("DELETE", self._api(f"/git/refs/heads/{quote(branch)}"), what="menghapus cabang", ok=(404, 422))
        return Answer(ticket, answer, when)
