"""The satisfaction index meets the shared vectors: exact 1/n weights, half-up rounding only at the end, the grade cut-offs."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from generator.measure.ikm import BadScores, NoResponses, compute, exact_ikm, grade, round_half_up
from tests.conftest import VECTORS

CASES = json.loads((VECTORS / "ikm.json").read_text(encoding="utf-8"))["ikm"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["nama"])
def test_ikm_vectors(case):
    result = compute(case["baris"], case["unsur"])
    expected = case["hasil"]
    assert result.n == expected["n"]
    assert result.nrr == tuple(Fraction(v) for v in expected["nrr"])
    assert result.ikm == Decimal(expected["ikm"]) and str(result.ikm) == expected["ikm"]
    assert (result.mutu, result.kinerja) == (expected["mutu"], expected["kinerja"])


def test_vectors_cover_every_cut_off_and_the_exact_weight():
    values = {c["hasil"]["ikm"] for c in CASES}
    assert {"64.99", "65.00", "76.60", "76.61", "88.30", "88.31", "25.00", "100.00", "87.50", "71.88"} <= values
    assert {c["unsur"] for c in CASES} == {9, 12}


def test_the_exact_weight_is_not_0_111():
    """All 3,5 over 9 elements is 87,50; PermenPANRB's printed weight 0,111 would give 87,41."""
    nrr = (Fraction(7, 2),) * 9
    assert exact_ikm(nrr) == Fraction(175, 2)
    assert round_half_up(sum(Fraction("0.111") * v for v in nrr) * 25) == Decimal("87.41")


def test_rounding_is_half_up_only_at_the_end():
    assert round_half_up(Fraction(71875, 1000)) == Decimal("71.88")
    assert round_half_up(Fraction(78125, 1000)) == Decimal("78.13")  # round() would give 78.12
    assert round_half_up(Fraction(766049, 10000)) == Decimal("76.60")
    # NRR not rounded first: 3,049 per element is 76,225 → 76,23; NRR rounded to 3,05 first would give 76,25
    rows = [[4, 4, 4, 4]] * 49 + [[3, 3, 3, 3]] * 951
    assert compute(rows, 4).ikm == Decimal("76.23")


@pytest.mark.parametrize(("value", "mutu", "kinerja"), [
    ("25.00", "D", "Tidak baik"), ("64.99", "D", "Tidak baik"), ("65.00", "C", "Kurang baik"), ("76.60", "C", "Kurang baik"),
    ("76.61", "B", "Baik"), ("88.30", "B", "Baik"), ("88.31", "A", "Sangat baik"), ("100.00", "A", "Sangat baik"),
    ("76.605", "B", "Baik"), ("88.304", "B", "Baik"),
])
def test_grade_reads_the_rounded_value(value, mutu, kinerja):
    assert grade(Decimal(value)) == (mutu, kinerja)


def test_grade_refuses_values_outside_the_scale():
    with pytest.raises(BadScores, match="di luar rentang"):
        grade(Decimal("24.99"))
    with pytest.raises(BadScores):
        grade(Decimal("100.01"))


def test_no_respondent_is_a_clear_error_not_a_division_by_zero():
    with pytest.raises(NoResponses, match="belum ada responden"):
        compute([], 9)


@pytest.mark.parametrize(("rows", "n_unsur", "message"), [
    ([[1, 2, 3]], 4, "3 nilai, padahal ada 4 unsur"),
    ([[1, 2, 5]], 3, "nilai 5 bukan bilangan bulat 1-4"),
    ([[1, 0, 2]], 3, "nilai 0"),
    ([[1, True, 2]], 3, "nilai True"),
    ([[1, 2.0, 2]], 3, "nilai 2.0"),
    ([[1]], 0, "paling sedikit 1"),
])
def test_bad_scores_are_refused(rows, n_unsur, message):
    with pytest.raises(BadScores, match=message):
        compute(rows, n_unsur)
