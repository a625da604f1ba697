"""Redactors the tests run in the redaction child: a light module, so a fresh child starts in a blink."""

from __future__ import annotations

import json
import re
import time

from generator.intake.privacy.redact import find_personal_data, redact

# The phone pattern of the redactor before issue 9 (nested optional separators in a repeated group): a real
# pathological redactor, exponential in the digits before a letter.
BEFORE_ISSUE_9 = re.compile(r"(?<![\w+.,/])(?:\+\s?62|\(\+?62\)|62|\(0\d{1,3}\)|0)[ .\-]?\(?\d+\)?(?:[ .\-]?\(?\d+\)?)*(?![\w/]|[.,]\d)")
FREEZER = "Nomor saya 0" + "1" * 40 + "a, tolong dibantu."  # days for BEFORE_ISSUE_9
HONEST = "Nomor saya 0812 3456 7890, berapa lama mengurus PBG?"


def redact_as_before_issue_9(text: str) -> str:
    """The old phone pattern, then today's redact(): freezes on FREEZER, quick on HONEST."""
    BEFORE_ISSUE_9.search(text)
    return redact(text)


def timed(text: str) -> str:
    """redact(), then the publishers' guard on its result: the CPU seconds both took (what backtracking burns,
    whatever else the machine is doing), and what the guard still found."""
    started = time.process_time()
    leftover = find_personal_data(redact(text))
    return json.dumps({"seconds": time.process_time() - started, "leftover": leftover})
