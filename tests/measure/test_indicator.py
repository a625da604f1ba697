"""Indicators print the seed-004 way, with an honest line when there is nothing to count yet."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from generator.measure.indicator import Indicator, decimal_id, percent_line
from generator.util.errors import GeneratorError
from tests.conftest import VECTORS

CASES = json.loads((VECTORS / "ikm.json").read_text(encoding="utf-8"))["persen"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["baris"])
def test_percent_vectors(case):
    assert percent_line(case["label"], case["pembilang"], case["penyebut"]) == case["baris"]
    indicator = Indicator(case["label"], case["pembilang"], case["penyebut"])
    assert indicator.line == case["baris"]
    assert indicator.percent == (None if case["persen"] is None else Decimal(case["persen"]))


def test_the_seed_004_example():
    assert percent_line("Persentase jawaban tepat waktu", 47, 50) == "Persentase jawaban tepat waktu = 47 / 50 x 100 = 94,00%"


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("87.5"), "87,50"), (Decimal("1234.5"), "1.234,50"), (Decimal("0.005"), "0,01"), (Decimal("-2.345"), "-2,35"),
])
def test_decimal_id(value, text):
    assert decimal_id(value) == text


@pytest.mark.parametrize(("numerator", "denominator"), [(-1, 5), (1, -5), (1.5, 3), (True, 3)])
def test_bad_counts_are_refused(numerator, denominator):
    with pytest.raises(GeneratorError, match="bilangan bulat 0 atau lebih"):
        percent_line("X", numerator, denominator)
