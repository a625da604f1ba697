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
