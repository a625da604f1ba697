"""The minimum sample follows Krejcie and Morgan's formula, rounded as their published table is."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from generator.measure.sample import exact_sample, minimum_sample
from generator.util.errors import GeneratorError
from tests.conftest import VECTORS

CASES = json.loads((VECTORS / "ikm.json").read_text(encoding="utf-8"))["sampel"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: str(c["N"]))
def test_sample_vectors(case):
    assert minimum_sample(case["N"]) == case["s"]


def test_the_issue_s_check_values_and_the_whole_published_table():
    assert minimum_sample(100) == 80 and minimum_sample(1000) == 278
    table = [c for c in CASES if c.get("catatan", "").startswith("Tabel 1")]
    assert len(table) >= 80  # 10 ... 75,000: every entry of the table the formula reproduces


def test_nearest_rounding_not_ceiling_is_what_the_table_does():
    """N=15 gives 14,47 (19205/1327): the table prints 14, so the rule is nearest (ceiling would print 15)."""
    assert exact_sample(15) == Fraction(19205, 1327) and minimum_sample(15) == 14
    assert minimum_sample(100000) == 383  # the formula; the table's 384 is its limit for N → ∞ (384,1)


@pytest.mark.parametrize("bad", [-1, 2.5, True, "100"])
def test_bad_population_is_refused(bad):
    with pytest.raises(GeneratorError, match="jumlah layanan N"):
        minimum_sample(bad)
