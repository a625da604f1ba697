"""The RAB reference arithmetic: unit prices from AHSP coefficients, then volume x unit price.

Inputs and outputs are plain JSON-like data so that klinik-rab.js implements the very same function
and tests/vectors/rab.json checks both. Every number is taken at its decimal value (2.55 is 255/100,
not the binary fraction just below it) and every step is exact, rounded half up to whole rupiah only
where the RAB shows a figure: JavaScript does the same with BigInt, and a spreadsheet's ROUND agrees.
"""

from __future__ import annotations

import math
from fractions import Fraction

from generator.config.harga import JENIS, BukuHarga, Provinsi
from generator.content.desain import DIVISI, Desain

HALF = Fraction(1, 2)


def pecahan(value: float | int) -> Fraction:
    """A number from YAML or JSON at its decimal value: the shortest text that reads back as it (2.55 -> 51/20)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def bulat_tepat(value: Fraction) -> int:
    """Round an exact non-negative amount half up to whole rupiah."""
    return math.floor(value + HALF)


def harga_satuan(analisa: dict, harga_dasar: dict, biaya_umum: float) -> int:
    """HSP = (labour + materials + equipment) x (1 + overhead and profit %), to whole rupiah."""
    dasar = Fraction(0)
    for jenis in JENIS:
        for kode, koef in analisa.get(jenis, {}).items():
            dasar += pecahan(koef) * harga_dasar[kode]
    return bulat_tepat(dasar * (100 + pecahan(biaya_umum)) / 100)


def hitung(masukan: dict) -> dict:
    """Compute a RAB from {items, analisa, harga_dasar, biaya_umum, tipe, harga_sendiri?}."""
    sendiri = masukan.get("harga_sendiri") or {}
    hsp: dict[str, int] = {}
    for item in masukan["items"]:
        kode = item["kode_analisa"]
        if kode not in hsp:
            own = kode in sendiri and math.isfinite(float(sendiri[kode]))
            hsp[kode] = int(sendiri[kode]) if own else harga_satuan(masukan["analisa"][kode], masukan["harga_dasar"], masukan["biaya_umum"])
    baris, subtotal = [], {}
    for item in masukan["items"]:
        jumlah = bulat_tepat(pecahan(item["volume"]) * hsp[item["kode_analisa"]])
        baris.append({**item, "harga_satuan": hsp[item["kode_analisa"]], "jumlah": jumlah})
        subtotal[item["divisi"]] = subtotal.get(item["divisi"], 0) + jumlah
    total = sum(subtotal.values())
    ordered = {d: subtotal[d] for d in DIVISI if d in subtotal}
    return {"harga_satuan": hsp, "baris": baris, "subtotal": ordered, "total": total, "per_m2": bulat_tepat(total / pecahan(masukan["tipe"]))}


def masukan_desain(desain: Desain, buku: BukuHarga, provinsi: Provinsi, harga_sendiri: dict | None = None) -> dict:
    """The plain-data input of `hitung` for one design priced in one province."""
    used = {item.kode_analisa for item in desain.boq}
    analisa = {k: buku.analisa.analisa[k].model_dump(include={"satuan", *JENIS}) for k in sorted(used)}  # type: ignore[union-attr]
    needed = {name for a in analisa.values() for jenis in JENIS for name in a[jenis]}
    tabel = provinsi.tabel
    return {
        "items": [item.model_dump() for item in desain.boq],
        "analisa": analisa,
        "harga_dasar": {k: tabel.harga_dasar[k] for k in sorted(needed)},
        "biaya_umum": tabel.biaya_umum_keuntungan,
        "tipe": desain.tipe,
        "harga_sendiri": harga_sendiri or {},
    }


def rab(desain: Desain, buku: BukuHarga, provinsi: Provinsi) -> dict:
    """The RAB of a design in a province (the design must have passed the price checks)."""
    return hitung(masukan_desain(desain, buku, provinsi))
