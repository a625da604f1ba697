"""bench/hostile.py (issue 9's attacker): its instruments see what they must, and a quick run prints every counter."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

from tests.conftest import ROOT

COUNTERS = {"freeze_ms_max", "pii_leaks", "honest_5xx", "xss_live", "erasure_leftovers", "world_readable", "replays_accepted",
            "server_errors", "missing_headers", "stalled_open", "checker_failures"}
FIGURES = {"traversal_leaks", "pii_accepted", "pii_pending", "replay_baseline_ok", "stall_wait_s", "healthz_ms_while_stalled", "seconds"}


def test_instruments_see_hostile_spellings_and_live_markup():
    """A number in full-width, Arabic-Indic or NBSP-separated digits is still found; only live markup counts."""
    from hostile_intake import PLANTS, canonical, needles
    from hostile_requests import reencodings
    from hostile_site import MARK, parse_html

    for written, value in PLANTS:
        assert any(needle in canonical(f"teks {written} teks") for needle in needles(value)), written
    assert not any(needle in canonical("teks [disamarkan] teks") for _, value in PLANTS for needle in needles(value))
    live = parse_html(f'<h1><script>alert("{MARK}")</script></h1><img src=x onerror="alert(\'{MARK}\')">'
                      '<a href=" JaVa&#x53;cript:alert(1)">x</a><a href="https://example.org/">y</a>')
    assert (live.scripts, live.handlers, live.bad_links) == (1, 1, 1)
    data = parse_html(f'<script type="application/ld+json">{{"name": "alert(\'{MARK}\')"}}</script><script type="Module">{MARK}</script>')
    assert data.scripts == 1  # JSON-LD is an inert data block; a module script runs
    escaped = parse_html(f"<h1>&lt;script&gt;alert('{MARK}')&lt;/script&gt; &lt;img onerror=alert('{MARK}')&gt;</h1>")
    assert (escaped.scripts, escaped.handlers, escaped.bad_links) == (0, 0, 0)
    payload = base64.b64encode(json.dumps({"algorithm": "SHA-256", "challenge": "ab", "number": 7, "salt": "s?expires=1&",
                                           "signature": "cd"}).encode()).decode()
    variants = reencodings(payload)
    assert len(set(variants)) == 7 and payload not in variants
    assert all(json.loads(base64.b64decode(v))["challenge"] == "ab" for v in variants)


def test_quick_run_finds_nothing_getting_through():
    """The whole attack in --quick mode: one JSON line, every counter an integer (the lead tightens them to zero)."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "hostile.py"), "--quick"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    figures = json.loads(lines[0])
    assert set(figures) == COUNTERS | FIGURES
    assert all(type(value) is int and value >= 0 for value in figures.values()), figures
    # The attack reached what it attacks: a freshly solved ALTCHA stored a question, and the worker emptied its queue.
    assert figures["replay_baseline_ok"] == 1, figures
    assert figures["pii_pending"] == 0 and figures["pii_accepted"] > 0, figures
    assert figures["freeze_ms_max"] > 0 and figures["seconds"] > 0
    assert {name: figures[name] for name in (COUNTERS - {"freeze_ms_max"}) | {"traversal_leaks"} if figures[name]} == {}, figures  # every attack refused
