"""Rupiah arithmetic and display shared by the financing calculators and the RAB, so both round and print alike."""

from __future__ import annotations

import math


def bulat(value: float) -> int:
    """Round half up to whole rupiah (Python's round() rounds half to even; JavaScript has no such rule)."""
    return int(math.floor(value + 0.5))


def rupiah(amount: float) -> str:
    """Format whole rupiah the Indonesian way: Rp 1.084.571."""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")
