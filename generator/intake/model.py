"""Types shared by the private store and the publishers: only these cross from one side to the other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class PublicSubmission:
    """What may leave the private store: never identity; question already redacted."""

    ticket: str
    area: str
    provinsi: str
    received: datetime
    deadline: date
    question: str


@dataclass(frozen=True)
class Answer:
    """A TA answer that reached the main branch."""

    ticket: str
    answer_markdown: str
    answered_at: datetime


class PublishRetry(Exception):
    """Transient failure (host down, 5xx, rate limit): try again later."""

    def __init__(self, reason: str, after_seconds: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.after_seconds = after_seconds


class PublishError(Exception):
    """Permanent failure (bad config, 401/404/422 that retrying cannot fix)."""


class Publisher(Protocol):
    def publish(self, item: PublicSubmission) -> str: ...

    def answers(self) -> list[Answer]: ...

    def fetch_answer(self, ticket: str) -> Answer | None: ...
