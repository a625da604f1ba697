"""The search dictionary the browser loads (pencarian/kamus.json) is the same bytes on every build."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from generator.config.project import Project
from generator.pipeline import checked
from generator.search.pagefind import dictionary_payload
from tests.conftest import ROOT

PAYLOAD = """
import json, sys
from pathlib import Path
from generator.config.project import Project
from generator.pipeline import checked
from generator.search.pagefind import dictionary_payload
print(json.dumps(dictionary_payload(checked(Project(Path(sys.argv[1]))).content), ensure_ascii=False))
"""


def test_kamus_is_identical_whatever_the_hash_seed():
    """Words with equal counts come out alphabetically: before, their order (and, past 3,000 words, which words made
    the cut) followed Python's per-process string hashing, so two builds of the same content differed."""
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", PAYLOAD, str(ROOT)], env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_vocabulary_is_most_frequent_first_then_alphabetical():
    payload = dictionary_payload(checked(Project(ROOT)).content)
    ranked = list(payload["kosakata"].items())
    assert ranked == sorted(ranked, key=lambda item: (-item[1], item[0])) and len(ranked) > 100
    assert json.dumps(payload, ensure_ascii=False).count('"kosakata"') == 1
