"""`klinik check`: validate everything, submissions/ included, and say what was found."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from generator.config.project import Project
from generator.intake.review import submission_problems
from generator.pipeline import Checked, gather
from generator.util.errors import Problem


def check(project: Project, today: dt.date | None = None) -> tuple[Checked | None, list[Problem]]:
    """Validate everything, submissions/ included; with `today`, also warn on pages overdue for review."""
    state, problems = gather(project, today=today)
    problems += submission_problems(project)
    return (state, []) if state is not None and not problems else (None, problems)


def describe_counts(state: Checked) -> str:
    """Summarise what a clean check found, per section."""
    counts = Counter(d.section for d in state.content.documents)
    counts.update({"ikm": len(state.content.ikm)} if state.content.ikm else {})
    parts = ", ".join(f"{counts[s]} {s}" for s in sorted(counts))
    warnings = f" {len(state.peringatan)} peringatan." if state.peringatan else ""
    return f"Konten valid: {sum(counts.values())} berkas ({parts}).{warnings}"
