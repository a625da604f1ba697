"""Erasing one person's data everywhere it lives on this machine (UU 27/2022): question, register row, mail file."""

from __future__ import annotations

from datetime import datetime

from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store
from generator.intake.store.erasure import EraseIncomplete, forget_mail, reclaim
from generator.intake.store.register import Register


def erase_person(settings: IntakeSettings, store: Store, ticket: str, when: datetime) -> bool:
    """Erase one ticket: a web question with its identity and mail, or an off-line service's identity; False if unknown."""
    try:
        found = store.erase(ticket, when)
    except EraseIncomplete:
        forget_mail(settings, ticket)
        raise
    if found:
        forget_mail(settings, ticket)
        return True
    if Register(store).erase(ticket, when):  # a walk-in, field visit or imported guest-book row
        reclaim(store.engine)
        return True
    return False
