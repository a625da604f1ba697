"""The satisfaction index (IKM) of PermenPANRB 14/2017, computed exactly so every page, report and CLI agrees."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from generator.util.errors import GeneratorError

MIN_SCORE, MAX_SCORE = 1, 4
CONVERSION = 25
"""IKM = weighted mean of the NRR (1-4) × 25, so the index runs from 25 to 100."""
GRADES = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("25.00"), "D", "Tidak baik"),
)
"""PermenPANRB 14/2017 conversion table, read on the index rounded to 2 decimals: the lowest value of each grade."""
HUNDREDTH = Decimal("0.01")


class NoResponses(GeneratorError):
    """No respondent yet: there is no index to compute (callers show "belum ada responden" instead)."""


class BadScores(GeneratorError):
    """Scores that are not a row of n whole numbers 1-4 (the CLI checks cells first and names each one)."""


@dataclass(frozen=True)
class IkmResult:
    """The index of one group of responses: respondents, NRR per element (exact), IKM (2 decimals) and its grade."""

    n: int
    nrr: tuple[Fraction, ...]
    ikm: Decimal
    mutu: str
    kinerja: str


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """An exact fraction rounded half up (halves away from zero, never to even) to `places` decimals, without a float."""
    scaled = abs(value) * 10**places
    whole = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)  # floor(x + 1/2)
    return (Decimal(whole if value >= 0 else -whole).scaleb(-places)).quantize(Decimal(1).scaleb(-places))


def grade(ikm: Decimal) -> tuple[str, str]:
    """The grade (mutu A-D) and performance word (kinerja) of an index, read after rounding it to 2 decimals."""
    rounded = round_half_up(Fraction(ikm))
    if not Decimal(25) <= rounded <= Decimal(100):
        raise BadScores(f"IKM {rounded} di luar rentang 25,00-100,00")
    return next((mutu, kinerja) for lowest, mutu, kinerja in GRADES if rounded >= lowest)


def _check(rows: Sequence[Sequence[int]], n_unsur: int) -> None:
    if n_unsur < 1:
        raise BadScores("jumlah unsur harus paling sedikit 1")
    for index, row in enumerate(rows, start=1):
        if len(row) == n_unsur and set(map(type, row)) == {int} and MIN_SCORE <= min(row) and max(row) <= MAX_SCORE:
            continue  # the common case, checked at C speed; the loop below names what is wrong
        if len(row) != n_unsur:
            raise BadScores(f"responden ke-{index}: {len(row)} nilai, padahal ada {n_unsur} unsur")
        for score in row:
            if isinstance(score, bool) or not isinstance(score, int) or not MIN_SCORE <= score <= MAX_SCORE:
                raise BadScores(f"responden ke-{index}: nilai {score!r} bukan bilangan bulat {MIN_SCORE}-{MAX_SCORE}")


def exact_ikm(nrr: Sequence[Fraction]) -> Fraction:
    """Σ (NRR × 1/n) × 25 with the weight exactly 1/n (PermenPANRB's 0,111 for 9 elements would lose 0,09 points)."""
    weight = Fraction(1, len(nrr))
    return sum((value * weight for value in nrr), Fraction(0)) * CONVERSION


def compute(rows: Sequence[Sequence[int]], n_unsur: int) -> IkmResult:
    """The index of rows of scores (one row per respondent, one score 1-4 per element); NoResponses when rows is empty."""
    _check(rows, n_unsur)
    if not rows:
        raise NoResponses("belum ada responden: IKM belum dapat dihitung")
    n = len(rows)
    nrr = tuple(Fraction(sum(row[k] for row in rows), n) for k in range(n_unsur))
    ikm = round_half_up(exact_ikm(nrr))
    mutu, kinerja = grade(ikm)
    return IkmResult(n=n, nrr=nrr, ikm=ikm, mutu=mutu, kinerja=kinerja)


def from_totals(totals: Sequence[int], respondents: int) -> IkmResult:
    """The same index from published sums per element (what content/ikm keeps), so a page never needs single answers."""
    if respondents < 1:
        raise NoResponses("belum ada responden: IKM belum dapat dihitung")
    if not totals or any(not MIN_SCORE * respondents <= t <= MAX_SCORE * respondents for t in totals):
        raise BadScores(f"jumlah per unsur harus antara {MIN_SCORE * respondents} dan {MAX_SCORE * respondents}")
    nrr = tuple(Fraction(t, respondents) for t in totals)
    ikm = round_half_up(exact_ikm(nrr))
    mutu, kinerja = grade(ikm)
    return IkmResult(n=respondents, nrr=nrr, ikm=ikm, mutu=mutu, kinerja=kinerja)
