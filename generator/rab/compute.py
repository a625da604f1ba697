"""The RAB reference arithmetic: unit prices from AHSP coefficients, then volume x unit price.

Inputs and outputs are plain JSON-like data so that klinik-rab.js implements the very same function
and tests/vectors/rab.json checks both. Every step is IEEE double arithmetic in a fixed order with
half-up rounding to whole rupiah, which JavaScript reproduces exactly.
"""

from __future__ import annotations

from generator.config.harga import JENIS, BukuHarga, Provinsi
from generator.content.desain import DIVISI, Desain
from generator.util.money import bulat


def harga_satuan(analisa: dict, harga_dasar: dict, biaya_umum: float) -> int:
    """HSP = (labour + materials + equipment) x (1 + overhead and profit %), to whole rupiah."""
    dasar = 0.0
    for jenis in JENIS:
        for kode, koef in analisa.get(jenis, {}).items():
            dasar += koef * harga_dasar[kode]
    return bulat(dasar * (100 + biaya_umum) / 100)


def hitung(masukan: dict) -> dict:
    """Compute a RAB from {items, analisa, harga_dasar, biaya_umum, tipe, harga_sendiri?}."""
    sendiri = masukan.get("harga_sendiri") or {}
    hsp: dict[str, int] = {}
    for item in masukan["items"]:
        kode = item["kode_analisa"]
        if kode not in hsp:
            hsp[kode] = int(sendiri[kode]) if kode in sendiri else harga_satuan(masukan["analisa"][kode], masukan["harga_dasar"], masukan["biaya_umum"])
    baris, subtotal = [], {}
    for item in masukan["items"]:
        jumlah = bulat(item["volume"] * hsp[item["kode_analisa"]])
        baris.append({**item, "harga_satuan": hsp[item["kode_analisa"]], "jumlah": jumlah})
        subtotal[item["divisi"]] = subtotal.get(item["divisi"], 0) + jumlah
    total = sum(subtotal.values())
    ordered = {d: subtotal[d] for d in DIVISI if d in subtotal}
    return {"harga_satuan": hsp, "baris": baris, "subtotal": ordered, "total": total, "per_m2": bulat(total / masukan["tipe"])}


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
