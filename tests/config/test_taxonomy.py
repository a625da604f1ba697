"""The site's subject areas are the circular's list (SE 01/SE/Dt/2025 Bab I C), item for item and in order."""

from __future__ import annotations

import re

import yaml

from generator.config import read_site_config
from tests.conftest import ROOT

CIRCULAR = yaml.safe_load((ROOT / "tests" / "config" / "circular_substansi.yml").read_text(encoding="utf-8"))


def _words(text: str) -> str:
    """The circular's wording without list punctuation, case or the space after a slash."""
    text = re.sub(r"/\s+", "/", text.strip().rstrip(";.:").lower())
    return re.sub(r"\s+", " ", text)


def test_every_area_of_the_circular_is_an_area_of_the_site_in_its_order():
    taxonomy = read_site_config(ROOT).taxonomy
    assert [b.slug for b in taxonomy.bidang] == [item["bidang"] for item in CIRCULAR]


def test_every_sub_item_of_the_circular_is_a_sub_topic_with_its_wording():
    taxonomy = read_site_config(ROOT).taxonomy
    for item in CIRCULAR:
        names = [_words(s.nama) for s in taxonomy.area(item["bidang"]).subtopik]
        wanted = [_words(s) for s in item["sub"]]
        assert len(names) == len(wanted), (item["bidang"], names)
        for name, sub in zip(names, wanted, strict=True):
            # The site may add a short gloss after the circular's words, never change them.
            assert name == sub or name.startswith(sub + " "), (item["bidang"], name, sub)

