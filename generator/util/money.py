"""Rupiah arithmetic, display and reading shared by the calculators and the RAB, so both round, print and read alike.

`baca_jumlah` reads an amount the way people write it; klinik-format.js bacaJumlah is the same scanner, and
tests/vectors/rupiah.json keeps the two in step. The rules, decided once for every amount field:

- "Rp", "Rp." or "IDR" may come first and the word "rupiah" last; upper or lower case; spaces between parts;
- a dot or a space separates thousands, in groups of exactly three digits: 166.000.000, 166 000 000, 166000000;
- a comma is the decimal separator: "1,5 juta" = 1.500.000; ",00" and ",-" may end a whole amount (150.000,-);
- units: rb, ribu, k = 1.000; jt, juta = 1.000.000; m, miliar, milyar = 1.000.000.000; triliun = 10^12.
  "M" is miliar, as in Indonesian price lists ("1,2 M"); there is no unit for the English "million";
- a dot followed by anything but three digits ("1.5 juta", "4.50") is refused with its own message, not guessed;
- the amount must come out in whole rupiah, below 10^15 (exact in JavaScript too); a leading "-" makes it negative.

The scanner walks the text once, character by character: no regular expression, so nothing can backtrack.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

SPASI = frozenset(" \t\n\r\f\v\u00a0\u2007\u202f")
MINUS = frozenset("-\u2212")
SATUAN = {"rb": 3, "ribu": 3, "k": 3, "jt": 6, "juta": 6, "m": 9, "miliar": 9, "milyar": 9, "triliun": 12}
"""Unit words and their power of ten."""
BATAS_DIGIT = 15
"""Amounts of 10^15 rupiah or more are 'too large' whatever the field: JavaScript still counts them exactly."""


def bulat(value: float) -> int:
    """Round half up to whole rupiah (Python's round() rounds half to even; JavaScript has no such rule)."""
    return int(math.floor(value + 0.5))


def rupiah(amount: float) -> str:
    """Format whole rupiah the Indonesian way: Rp 1.084.571."""
    value = int(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


def _spasi(t: str, i: int) -> int:
    while i < len(t) and t[i] in SPASI:
        i += 1
    return i


def _digit(t: str, i: int) -> int:
    while i < len(t) and "0" <= t[i] <= "9":
        i += 1
    return i


def _kata(t: str, i: int) -> int:
    while i < len(t) and "a" <= t[i] <= "z":
        i += 1
    return i


def _awalan(t: str, i: int) -> int:
    """Skip "rp", "rp." or "idr" and the spaces after it."""
    j = _kata(t, i)
    if t[i:j] == "rp":
        return _spasi(t, j + 1 if j < len(t) and t[j] == "." else j)
    return _spasi(t, j) if t[i:j] == "idr" else i


def _dari_angka(value: float) -> dict:
    """A number given as a number (JSON, the CLI's tests): the same verdicts as typed text."""
    if not math.isfinite(value):
        return {"galat": "format"}
    if value < 0:
        return {"galat": "negatif"}
    if value != math.floor(value):
        return {"galat": "pecahan"}
    if value >= 10**BATAS_DIGIT:
        return {"galat": "terlalu_besar"}
    return {"nilai": int(value)}


def baca_jumlah(value: object) -> dict:
    """{"nilai": whole rupiah} or {"galat": kosong | format | titik | negatif | pecahan | terlalu_besar}."""
    if isinstance(value, bool):
        return {"galat": "format"}
    if isinstance(value, (int, float)):
        return _dari_angka(value)
    t = ("" if value is None else str(value)).lower()
    i = _spasi(t, 0)
    if i == len(t):
        return {"galat": "kosong"}
    negatif = t[i] in MINUS
    i = _awalan(t, _spasi(t, i + 1) if negatif else i)
    if not negatif and i < len(t) and t[i] in MINUS:
        negatif, i = True, _spasi(t, i + 1)
    j = _digit(t, i)
    if j == i:
        return {"galat": "format"}
    kelompok = [t[i:j]]
    i = j
    while i < len(t) and (t[i] == "." or t[i] in SPASI):
        k = i + 1 if t[i] == "." else _spasi(t, i)
        j = _digit(t, k)
        if j - k != 3:
            if t[i] == ".":
                return {"galat": "titik" if j > k else "format"}
            break  # spaces before a unit or the end
        kelompok.append(t[k:j])
        i = j
    if len(kelompok) > 1 and len(kelompok[0]) > 3:
        return {"galat": "format"}  # 1000.000: a first group of more than three digits is no thousands grouping
    utuh = "".join(kelompok)
    pecahan = ""
    if i < len(t) and t[i] == ",":
        if i + 1 < len(t) and t[i + 1] in MINUS:
            i += 2
        else:
            j = _digit(t, i + 1)
            if j == i + 1:
                return {"galat": "format"}
            pecahan, i = t[i + 1:j], j
    i = _spasi(t, i)
    j = _kata(t, i)
    pangkat = SATUAN.get(t[i:j])
    if pangkat is not None:
        i = _spasi(t, j + 1 if j < len(t) and t[j] == "." else j)
        j = _kata(t, i)
    if t[i:j] == "rupiah":
        i = _spasi(t, j)
    if i != len(t):
        return {"galat": "format"}
    return _nilai(utuh.lstrip("0"), pecahan.rstrip("0"), pangkat or 0, negatif)


def _nilai(utuh: str, pecahan: str, pangkat: int, negatif: bool) -> dict:
    """Whole rupiah from the digits before and after the comma and the unit's power of ten."""
    if negatif and (utuh or pecahan):
        return {"galat": "negatif"}
    if len(pecahan) > pangkat:
        return {"galat": "pecahan"}
    if utuh and len(utuh) + pangkat > BATAS_DIGIT:
        return {"galat": "terlalu_besar"}
    nilai = int(utuh or "0") * 10**pangkat + (int(pecahan) * 10 ** (pangkat - len(pecahan)) if pecahan else 0)
    return {"nilai": nilai}


def _kapital(label: str) -> str:
    return label[:1].upper() + label[1:]


def pesan_jumlah(galat: str, aturan: Mapping) -> str:
    """The Indonesian message for one reading error, naming the field and giving its example."""
    label, contoh = aturan["label"], aturan["contoh"]
    return {
        "kosong": f"{_kapital(label)} wajib diisi.",
        "format": f"Isi {label} dengan angka rupiah, mis. {contoh}.",
        "titik": f"Titik di {label} memisahkan ribuan, mis. 4.500.000; untuk pecahan pakai koma, mis. 4,5 juta.",
        "pecahan": f"Isi {label} dalam rupiah bulat tanpa sen, mis. {contoh}.",
        "negatif": f"{_kapital(label)} tidak boleh negatif.",
        "nol": f"{_kapital(label)} harus lebih dari Rp 0.",
        "terlalu_besar": f"{_kapital(label)} terlalu besar, paling banyak {rupiah(aturan['maks'])}.",
    }[galat]


def baca_isian(value: object, aturan: Mapping) -> dict:
    """One amount field by its rules (label, contoh, wajib, maks, positif): {"nilai": n} or {"pesan": message}.

    An empty optional field is 0; `positif` refuses 0; `maks` is the field's sensible largest amount."""
    hasil = baca_jumlah(value)
    galat = hasil.get("galat")
    if galat == "kosong" and not aturan["wajib"]:
        return {"nilai": 0}
    if galat is None and hasil["nilai"] > aturan["maks"]:
        galat = "terlalu_besar"
    elif galat is None and hasil["nilai"] == 0 and aturan["positif"]:
        galat = "nol"
    return {"pesan": pesan_jumlah(galat, aturan)} if galat else hasil
