"""The minimum number of survey respondents for a period, by Krejcie and Morgan (1970), as PermenPANRB 14/2017 asks."""

from __future__ import annotations

from fractions import Fraction

from generator.util.errors import GeneratorError

CHI_SQUARE = Fraction("3.841")
"""χ² for 1 degree of freedom at 95% confidence."""
PROPORTION = Fraction(1, 2)
"""P = 0,5: the proportion that gives the largest sample."""
ACCURACY = Fraction("0.05")
"""d = 0,05: the degree of accuracy."""


def exact_sample(n: int) -> Fraction:
    """s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)), exactly."""
    spread = PROPORTION * (1 - PROPORTION)
    return CHI_SQUARE * n * spread / (ACCURACY**2 * (n - 1) + CHI_SQUARE * spread)


def minimum_sample(n: int) -> int:
    """Respondents needed for N services, rounded to the nearest whole number (halves up) as the published table is.

    Nearest rounding reproduces every entry of Krejcie and Morgan's Table 1 from N=10 to N=75,000 (rounding up would
    give 15 for N=15, where the table prints 14). The table's last row, N=100,000 → 384, is the formula's limit for an
    unbounded population (384,1); the formula itself gives 382,63 there, so this function returns 383.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise GeneratorError(f"jumlah layanan N harus bilangan bulat 0 atau lebih, bukan {n!r}")
    if n == 0:
        return 0
    exact = exact_sample(n)
    return (2 * exact.numerator + exact.denominator) // (2 * exact.denominator)
