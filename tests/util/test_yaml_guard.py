"""The guarded loader reads scalars as the CMS writes them: YAML 1.1's sexagesimal numbers and yes/no are text."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.util.yaml_guard import GuardedLoader


def load(text: str) -> object:
    return yaml.load(text, Loader=GuardedLoader)  # noqa: S506 - the guarded SafeConstructor loader


def test_what_decap_writes_bare_reads_back_as_the_same_text():
    """Decap (YAML 1.2) writes `durasi: 1:30`, `yes`, `on` unquoted as text; PyYAML alone would read 90 and True."""
    assert load("durasi: 1:30\nwaktu: 190:20:30.15\nya: yes\nb: on\nc: No\nd: y") == {
        "durasi": "1:30", "waktu": "190:20:30.15", "ya": "yes", "b": "on", "c": "No", "d": "y"}


def test_numbers_booleans_and_dates_still_read_as_before():
    """true/false, whole and decimal numbers and YYYY-MM-DD dates keep their types."""
    assert load("a: true\nb: False\nc: 12\nd: -3\ne: 1.5\nf: .5\ng: 2026-12-02\nh: null\ni: 1_000\nj: .inf") == {
        "a": True, "b": False, "c": 12, "d": -3, "e": 1.5, "f": 0.5, "g": dt.date(2026, 12, 2), "h": None, "i": 1000, "j": float("inf")}
