"""Performance indicators written the way seed 004 writes them: a percentage with its numerator and denominator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from generator.measure.ikm import round_half_up
from generator.util.errors import GeneratorError

NO_DATA = "- (belum ada data)"
"""What a percentage of nothing reads: with a denominator of 0 there is no percentage, and 0% would be a lie."""


def decimal_id(value: Decimal, places: int = 2) -> str:
    """A decimal the Indonesian way, half up: 1.234,50 (dot between thousands, comma before the decimals)."""
    rounded = round_half_up(Fraction(value), places)
    text = f"{abs(rounded):,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return ("-" if rounded < 0 else "") + text


def whole_id(value: int) -> str:
    """A whole number with a dot between thousands: 1.234."""
    return f"{value:,}".replace(",", ".")


def percent(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator × 100, half up to 2 decimals; None when the denominator is 0."""
    for name, value in (("pembilang", numerator), ("penyebut", denominator)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise GeneratorError(f"{name} indikator harus bilangan bulat 0 atau lebih, bukan {value!r}")
    if denominator == 0:
        return None
    return round_half_up(Fraction(numerator * 100, denominator))


def percent_line(label: str, numerator: int, denominator: int) -> str:
    """`Persentase jawaban tepat waktu = 47 / 50 x 100 = 94,00%`; with denominator 0, `... = 0 / 0 x 100 = - (belum ada data)`."""
    value = percent(numerator, denominator)
    shown = NO_DATA if value is None else f"{decimal_id(value)}%"
    return f"{label} = {whole_id(numerator)} / {whole_id(denominator)} x 100 = {shown}"


@dataclass(frozen=True)
class Indicator:
    """One indicator of a monthly report: what is counted, how many met it, out of how many."""

    label: str
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        """The percentage, 2 decimals half up; None when there is nothing to count yet."""
        return percent(self.numerator, self.denominator)

    @property
    def line(self) -> str:
        """The seed-004 line of this indicator."""
        return percent_line(self.label, self.numerator, self.denominator)
