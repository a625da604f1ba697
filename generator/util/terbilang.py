"""Whole numbers in Indonesian words, as official texts write a figure: 3 (tiga) hari kerja."""

from __future__ import annotations

ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")


def terbilang(number: int) -> str:
    """0 -> "nol", 12 -> "dua belas", 21 -> "dua puluh satu", 100 -> "seratus", 1500 -> "seribu lima ratus"."""
    if number < 0:
        return "minus " + terbilang(-number)
    if number < 12:
        return ONES[number]
    if number < 20:
        return f"{ONES[number - 10]} belas"
    for size, word in ((1_000_000_000, "miliar"), (1_000_000, "juta"), (1000, "ribu"), (100, "ratus"), (10, "puluh")):
        if number >= size:
            head, rest = divmod(number, size)
            lead = "se" + word if head == 1 and size in (100, 1000) else f"{terbilang(head)} {word}"
            return lead if rest == 0 else f"{lead} {terbilang(rest)}"
    raise AssertionError(number)  # unreachable: every number >= 20 is at least one ten


def angka_terbilang(number: int) -> str:
    """3 -> "3 (tiga)": the figure and its words, the way decrees and service standards write it."""
    return f"{number} ({terbilang(number)})"
