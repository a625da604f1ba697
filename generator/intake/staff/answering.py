"""The TA's answer desk: who may answer a case, and saving or finalising it through the review branch."""

from __future__ import annotations

from datetime import datetime

from generator.intake.model import Answer, AnswerRefused, Author, Publisher
from generator.intake.privacy.redact import find_personal_data
from generator.intake.publish.git import GitPublisher
from generator.intake.publish.git_answer import GitAnswers
from generator.intake.publish.github import GitHubPublisher
from generator.intake.publish.github_answer import GitHubAnswers
from generator.intake.staff.accounts import Staff
from generator.intake.store.db import Store
from generator.intake.store.schema import layanan_riwayat
from generator.util.dates import utc

ANSWER_LIMIT = 20_000
"""Characters of one answer: about ten pages, far more than any consultation needs, small enough to review."""


def writer_for(publisher: Publisher) -> GitAnswers | GitHubAnswers | None:
    """The answer writer of the configured backend; None for a backend that has no review branches."""
    if isinstance(publisher, GitPublisher):
        return GitAnswers(publisher)
    if isinstance(publisher, GitHubPublisher):
        return GitHubAnswers(publisher)
    return None


def refusal(who: Staff, case: dict) -> str | None:
    """Why this staff member may not answer this case, or None when they may."""
    if case["kanal"] != "daring" or case.get("received") is None:
        return "Hanya pertanyaan daring yang dijawab di sini; layanan luring dicatat lewat Catat layanan."
    if case.get("erased_at") is not None:
        return "Data kasus ini sudah dihapus; kasus tidak dapat dijawab lagi."
    if case["ta_id"] != who.id:
        return ("Hanya TA yang ditugaskan yang dapat menjawab kasus ini. Minta ATA atau Kepala Balai mengalihkannya "
                "kepada Anda bila perlu.")
    return None


class AnswerDesk:
    """Draft, save and merge one case's answer, with the case history and the store kept in step."""

    def __init__(self, store: Store, publisher: Publisher):
        self.store = store
        self.writer = writer_for(publisher)

    def draft(self, case: dict) -> tuple[str, bool] | None:
        """(answer so far, already merged?) from the repository, or None before the question is published."""
        if self.writer is None:
            return None
        return self.writer.draft(case["ticket"], utc(case["received"]))

    def save(self, who: Staff, case: dict, text: str, final: bool, when: datetime) -> Answer | None:
        """Commit the answer as the TA; with final, merge it and record it so the citizen sees it at once."""
        if self.writer is None:
            raise AnswerRefused("Penerbit yang dipakai server ini tidak mendukung jawaban lewat peramban.")
        text = text.replace("\r\n", "\n").strip()
        if not text:
            raise AnswerRefused("Jawaban masih kosong.")
        if len(text) > ANSWER_LIMIT:
            raise AnswerRefused(f"Jawaban terlalu panjang ({len(text):,} karakter; paling banyak {ANSWER_LIMIT:,}).".replace(",", "."))
        kinds = find_personal_data(text)
        if kinds:  # the answer is published with the question: it must not carry anyone's data either
            raise AnswerRefused(f"Jawaban memuat data pribadi ({', '.join(kinds)}). Hapus data itu: jawaban akan diterbitkan.")
        ticket, received, author = case["ticket"], utc(case["received"]), Author(who.nama, who.username)
        self.writer.save(ticket, received, text, author, when)
        self._note(ticket, who, "jawaban disimpan" + (" dan ditandai final" if final else " (draf)"), when)
        if not final:
            return None
        answer = self.writer.merge(ticket, received, author, when)
        self.store.record_answer(ticket, answer.answer_markdown, answer.answered_at)
        self._note(ticket, who, "jawaban final digabungkan ke cabang utama", when)
        return answer

    def _note(self, ticket: str, who: Staff, change: str, when: datetime) -> None:
        with self.store.transaction() as conn:
            conn.execute(layanan_riwayat.insert().values(ticket=ticket, waktu=when, staf_id=who.id, perubahan=change))
