"""Financing reference implementation: KPR annuity and affordability, mirrored line by line in kalkulator.js.

Inputs are what a citizen types (strings such as "166.000.000" or "1,5") or plain numbers; `tabel` is
PembiayaanConfig.tabel(). Every function returns a plain dict, either the result or
{"galat": {field: message}}, so the shared vectors in tests/vectors/ compare both languages key by key.

Rounding rule: the down payment and the monthly instalment are rounded half up to whole rupiah; totals
are the rounded instalment times the number of months. Affordability rounds down (never promises more):
the instalment limit, the maximum loan and the maximum price are floored to whole rupiah.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from generator.util.money import bulat, rupiah

MAX_HARGA = 100_000_000_000
MAX_BUNGA = 30
MAX_TENOR = 35
STATUS_LABEL = {"kawin": "kawin", "lajang": "belum kawin"}


def angka(value: float) -> str:
    """A percentage or count the Indonesian way, without needless decimals: 5, 1,5."""
    return f"{value:g}".replace(".", ",")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def baca_rupiah(value: object, label: str, wajib: bool, galat: dict, kunci: str) -> int | None:
    """Read an amount typed as 166000000, "166.000.000" or "Rp 166.000.000"; empty optional amounts are 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or value != math.floor(value):
            galat[kunci] = f"Isi {label} dengan angka rupiah bulat, mis. 166.000.000."
            return None
        return int(value)
    text = re.sub(r"^rp\.?", "", _text(value), flags=re.I).replace(" ", "").replace(".", "")
    if text == "":
        if wajib:
            galat[kunci] = f"{label[0].upper()}{label[1:]} wajib diisi."
            return None
        return 0
    if not re.fullmatch(r"\d{1,15}", text):
        galat[kunci] = f"Isi {label} dengan angka rupiah bulat, mis. 166.000.000."
        return None
    return int(text)


def baca_desimal(value: object, label: str, contoh: str, galat: dict, kunci: str) -> float | None:
    """Read a percentage or a number of years typed with a decimal comma or point ("1,5", "5", 7.25)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            galat[kunci] = f"Isi {label} dengan angka, mis. {contoh}."
            return None
        return float(value)
    text = _text(value).replace(",", ".").rstrip("%").strip()
    if text == "":
        galat[kunci] = f"{label[0].upper()}{label[1:]} wajib diisi."
        return None
    if not re.fullmatch(r"\d{1,6}(\.\d{1,6})?", text):
        galat[kunci] = f"Isi {label} dengan angka, mis. {contoh}."
        return None
    return float(text)


def _default(masukan: Mapping[str, object], kunci: str, nilai: float) -> object:
    """Use the FLPP default when a field was left empty."""
    value = masukan.get(kunci)
    return nilai if value is None or _text(value) == "" else value


def _angsuran(plafon: int, bunga: float, bulan: int) -> int:
    if plafon == 0:
        return 0
    if bunga == 0:
        return bulat(plafon / bulan)
    i = bunga / 100 / 12
    return bulat(plafon * i / (1 - (1 + i) ** -bulan))


def simulasi_kpr(masukan: Mapping[str, object], tabel: Mapping) -> dict:
    """Monthly annuity instalment, loan and totals; with `zona`, also the subsidised-house price cap there."""
    flpp = tabel["flpp"]
    galat: dict[str, str] = {}
    harga = baca_rupiah(masukan.get("harga"), "harga rumah", True, galat, "harga")
    dp = baca_desimal(_default(masukan, "dp", flpp["uang_muka_min"]), "uang muka", "1 atau 10", galat, "dp")
    bunga = baca_desimal(_default(masukan, "bunga", flpp["bunga"]), "suku bunga", "5", galat, "bunga")
    tenor = baca_desimal(_default(masukan, "tenor", flpp["tenor_maks"]), "jangka waktu", "20", galat, "tenor")
    if harga is not None and not 0 < harga <= MAX_HARGA:
        galat["harga"] = f"Harga rumah harus lebih dari Rp 0 dan paling banyak {rupiah(MAX_HARGA)}."
    if dp is not None and not 0 <= dp <= 100:
        galat["dp"] = "Uang muka harus antara 0 dan 100 persen."
    if bunga is not None and not 0 <= bunga <= MAX_BUNGA:
        galat["bunga"] = f"Suku bunga harus antara 0 dan {MAX_BUNGA} persen per tahun."
    if tenor is not None and (tenor != math.floor(tenor) or not 1 <= tenor <= MAX_TENOR):
        galat["tenor"] = f"Jangka waktu harus bilangan bulat 1 sampai {MAX_TENOR} tahun."
    kode = _text(masukan.get("zona"))
    wilayah = next((w for w in tabel["wilayah"] if w["kode"] == kode), None)
    if kode and wilayah is None:
        galat["zona"] = f"Wilayah '{kode}' tidak dikenal; pilih: {', '.join(w['kode'] for w in tabel['wilayah'])}."
    if galat:
        return {"galat": galat}
    bulan = int(tenor) * 12
    uang_muka = bulat(harga * dp / 100)
    plafon = harga - uang_muka
    angsuran = _angsuran(plafon, bunga, bulan)
    total = angsuran * bulan
    hasil = {
        "harga": harga, "dp": dp, "bunga": bunga, "tenor": int(tenor), "bulan": bulan,
        "uang_muka": uang_muka, "plafon": plafon, "angsuran": angsuran,
        "total_bayar": total, "total_bunga": total - plafon,
        "wilayah": None, "batas_harga": None, "dalam_batas": None,
    }
    if wilayah is not None:
        hasil.update(wilayah=wilayah["nama"], batas_harga=wilayah["batas_harga"], dalam_batas=harga <= wilayah["batas_harga"])
    return hasil


def kemampuan_mengangsur(masukan: Mapping[str, object], tabel: Mapping) -> dict:
    """Largest affordable instalment, loan and house price at FLPP terms, and FLPP eligibility by income."""
    flpp, rasio = tabel["flpp"], tabel["rasio"]
    galat: dict[str, str] = {}
    sendiri = baca_rupiah(masukan.get("penghasilan"), "penghasilan per bulan", True, galat, "penghasilan")
    pasangan = baca_rupiah(masukan.get("penghasilan_pasangan"), "penghasilan pasangan", False, galat, "penghasilan_pasangan")
    cicilan = baca_rupiah(masukan.get("cicilan_lain"), "cicilan lain", False, galat, "cicilan_lain")
    status = _text(masukan.get("status"))
    kode = _text(masukan.get("zona"))
    zona = next((z for z in tabel["zona"] if z["kode"] == kode), None)
    if sendiri is not None and not 0 < sendiri <= MAX_HARGA:
        galat["penghasilan"] = "Penghasilan per bulan harus lebih dari Rp 0."
    if status not in STATUS_LABEL:
        galat["status"] = "Pilih status perkawinan: kawin atau lajang."
    elif status == "lajang" and pasangan:
        galat["penghasilan_pasangan"] = "Penghasilan pasangan hanya diisi bila status kawin."
    if zona is None:
        pilihan = ", ".join(z["kode"] for z in tabel["zona"])
        galat["zona"] = f"Pilih zona penghasilan ({pilihan})." if not kode else f"Zona '{kode}' tidak dikenal; pilih: {pilihan}."
    if galat:
        return {"galat": galat}
    total = sendiri + pasangan
    batas_kotor = math.floor(total * rasio["bagian"] / rasio["dari"])
    angsuran = max(0, batas_kotor - cicilan)
    i = flpp["bunga"] / 100 / 12
    bulan = flpp["tenor_maks"] * 12
    plafon = math.floor(angsuran * (1 - (1 + i) ** -bulan) / i) if angsuran else 0
    harga = math.floor(plafon / (1 - flpp["uang_muka_min"] / 100))
    batas = zona["kawin"] if status == "kawin" else zona["tidak_kawin"]
    layak = total <= batas
    siapa = "gabungan suami-istri" if status == "kawin" else "Anda"
    alasan = None if layak else (
        f"Penghasilan {siapa} {rupiah(total)} per bulan melebihi batas {rupiah(batas)} "
        f"untuk status {STATUS_LABEL[status]} di {zona['nama']}."
    )
    peringatan = None if angsuran else (
        f"Cicilan lain {rupiah(cicilan)} sudah mencapai batas angsuran {rupiah(batas_kotor)}; bank kemungkinan menolak kredit baru."
    )
    return {
        "penghasilan_total": total, "batas_angsuran": batas_kotor, "cicilan_lain": cicilan,
        "angsuran_maks": angsuran, "plafon_maks": plafon, "harga_maks": harga,
        "bunga": flpp["bunga"], "tenor": flpp["tenor_maks"], "dp": flpp["uang_muka_min"],
        "zona": zona["nama"], "status": status, "batas_penghasilan": batas,
        "layak_flpp": layak, "alasan": alasan, "peringatan": peringatan,
    }
