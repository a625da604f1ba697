"""The scale benchmark runs end to end on a small N and prints its one JSON line (figures, not timing, checked)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_build_scale_prints_figures():
    """bench/build_scale.py adds N synthetic FAQ to a copy and reports the build's size figures."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "build_scale.py"), "--faq", "40"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert set(figures) == {"faq", "pages", "seconds", "peak_rss_mb", "site_bytes", "html_bytes_per_page"}
    assert figures["faq"] == 40
    assert figures["pages"] >= 40 + 70
    assert figures["seconds"] > 0 and figures["peak_rss_mb"] > 0


def test_intake_load_loses_nothing_when_killed(tmp_path):
    """bench/intake_load.py on a small N: every question acknowledged before a SIGKILL is stored and on exactly one branch."""
    sys.path.insert(0, str(ROOT / "bench"))
    import intake_load

    load = intake_load.load_run(tmp_path, submissions=60, concurrency=4)
    assert load["accepted"] == 60 and load["accepted_per_s"] > 0 and load["p99_ms"] >= load["p50_ms"] > 0
    crash = intake_load.crash_run(tmp_path, submissions=600, concurrency=4, kill_after=0.5)
    assert crash["acknowledged"] > 0
    assert (crash["lost"], crash["duplicates"]) == (0, 0)
