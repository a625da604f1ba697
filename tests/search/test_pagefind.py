"""The search dictionary the browser loads (pencarian/kamus.json): the same bytes on every build, and the page counts the ranking reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from generator.config.project import Project
from generator.pipeline import checked
from generator.search.pagefind import SEARCHABLE, dictionary_payload
from generator.search.terms import tokens
from tests.conftest import ROOT

PAYLOAD = """
import json, sys
from pathlib import Path
from generator.config.project import Project
from generator.pipeline import checked
from generator.search.pagefind import SEARCHABLE, dictionary_payload
from generator.search.terms import tokens
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


def test_frequencies_count_the_pages_that_use_each_question_word():
    """kamus.json `frekuensi`: per word of a title, tag or alias, how many searchable pages use it anywhere (the
    ranking's rarity of a page's own question words); a word of no title is left out, and no count exceeds the pages."""
    content = checked(Project(ROOT)).content
    payload = dictionary_payload(content)
    frequency, pages = payload["frekuensi"], payload["dokumen"]
    assert frequency and all(2 <= n <= pages for n in frequency.values())
    searchable = [d for d in content.documents if d.published and d.section in SEARCHABLE]
    word = "rumah"
    assert frequency[word] == sum(1 for d in searchable if word in tokens(d.title + " " + d.body))
    titles = {w for d in searchable for w in tokens(" ".join([d.title, *getattr(d.entry, "alias", []), *getattr(d.entry, "tag", [])]))}
    assert set(frequency) <= titles
