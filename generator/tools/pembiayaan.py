"""Financing reference implementation: KPR annuity and affordability, mirrored line by line in kalkulator.js.

Inputs are what a citizen types (strings such as "166.000.000", "Rp 150 jt" or "1,5") or plain numbers; amounts are
read by util/money.baca_isian (its docstring has the rules), percentages and years here; `tabel` is
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

from generator.util.money import baca_isian, bulat, rupiah

MAX_HARGA = 10_000_000_000
MAX_PENGHASILAN = 1_000_000_000
MAX_BUNGA = 30
MAX_TENOR = 35
STATUS_LABEL = {"kawin": "kawin", "lajang": "belum kawin"}
TUNAI = "Uang muka sebesar harga rumah berarti rumah dibayar tunai, tanpa KPR; isi uang muka kurang dari 100 persen."
ISIAN = {
    "harga": {"label": "harga rumah", "contoh": "166.000.000 atau 166 juta", "wajib": True, "maks": MAX_HARGA, "positif": True},
    "penghasilan": {"label": "penghasilan per bulan", "contoh": "4.500.000 atau 4,5 juta", "wajib": True, "maks": MAX_PENGHASILAN, "positif": True},
    "penghasilan_pasangan": {
        "label": "penghasilan pasangan", "contoh": "3.000.000 atau 3 juta", "wajib": False, "maks": MAX_PENGHASILAN, "positif": False,
    },
    "cicilan_lain": {"label": "cicilan lain", "contoh": "500.000 atau 500 ribu", "wajib": False, "maks": MAX_PENGHASILAN, "positif": False},
}
"""Each amount field's reading rules (util/money.baca_isian): its name in messages, an example like what belongs
in it, and a sensible largest amount (a house up to Rp 10 miliar, a monthly income or instalment up to Rp 1 miliar)."""


def angka(value: float) -> str:
    """A percentage or count the Indonesian way, without needless decimals: 5, 1,5."""
    return f"{value:g}".replace(".", ",")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def baca_rupiah(masukan: Mapping[str, object], kunci: str, galat: dict) -> int | None:
    """Read one amount field through util/money ("Rp 166.000.000", "166 jt", "4,5 juta"); empty optional ones are 0."""
    hasil = baca_isian(masukan.get(kunci), ISIAN[kunci])
    if "pesan" in hasil:
        galat[kunci] = hasil["pesan"]
        return None
    return hasil["nilai"]


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
    if bunga == 0:
        return bulat(plafon / bulan)
    i = bunga / 100 / 12
    return bulat(plafon * i / (1 - (1 + i) ** -bulan))


def simulasi_kpr(masukan: Mapping[str, object], tabel: Mapping) -> dict:
    """Monthly annuity instalment, loan and totals; with `zona`, also the subsidised-house price cap there."""
    flpp = tabel["flpp"]
    galat: dict[str, str] = {}
    harga = baca_rupiah(masukan, "harga", galat)
    dp = baca_desimal(_default(masukan, "dp", flpp["uang_muka_min"]), "uang muka", "1 atau 10", galat, "dp")
    bunga = baca_desimal(_default(masukan, "bunga", flpp["bunga"]), "suku bunga", "5", galat, "bunga")
    tenor = baca_desimal(_default(masukan, "tenor", flpp["tenor_maks"]), "jangka waktu", "20", galat, "tenor")
    if dp is not None and not 0 <= dp < 100:
        galat["dp"] = TUNAI if dp == 100 else "Uang muka harus paling sedikit 0 dan kurang dari 100 persen."
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
    if plafon == 0:
        return {"galat": {"dp": TUNAI}}
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


def _wilayah_zona(zona: Mapping, kode: str, tabel: Mapping, galat: dict) -> list[dict]:
    """The price regions that apply: the one chosen, or else every region the income zone overlaps."""
    pilihan = [w for w in tabel["wilayah"] if w["kode"] in zona["wilayah_harga"]]
    if not kode:
        return pilihan
    dipilih = [w for w in pilihan if w["kode"] == kode]
    if not dipilih:
        dikenal = any(w["kode"] == kode for w in tabel["wilayah"])
        galat["wilayah"] = (f"Wilayah '{kode}' tidak termasuk {zona['nama']}" if dikenal else f"Wilayah '{kode}' tidak dikenal") + (
            f"; pilih: {', '.join(w['kode'] for w in pilihan)}."
        )
    return dipilih


def _batas_harga(harga: int, zona: Mapping, wilayah: list[dict], dipilih: bool) -> dict:
    """Compare the highest affordable price with the subsidised-house price cap of the chosen region, or of the zone."""
    rendah = min(w["batas_harga"] for w in wilayah)
    tinggi = max(w["batas_harga"] for w in wilayah)
    tempat = f"wilayah {wilayah[0]['nama']}" if dipilih else zona["nama"]
    batas = rupiah(rendah) if rendah == tinggi else f"{rupiah(rendah)} sampai {rupiah(tinggi)} menurut wilayah"
    if harga <= rendah:
        catatan = f"Harga paling tinggi ini masih dalam batas harga rumah subsidi di {tempat}: {batas}."
    elif harga > tinggi:
        catatan = (
            f"Rumah subsidi di {tempat} paling mahal {batas}, lebih rendah dari harga paling tinggi yang terjangkau "
            f"({rupiah(harga)}). KPR FLPP hanya membiayai rumah sampai batas itu; rumah yang lebih mahal memerlukan KPR biasa "
            "dengan bunga pasar."
        )
    else:
        catatan = (
            f"Rumah subsidi di {tempat} paling mahal {batas}; di sebagian wilayah batas itu lebih rendah dari harga paling "
            f"tinggi yang terjangkau ({rupiah(harga)}). Pilih wilayah batas harga untuk hasil yang pasti."
        )
    return {
        "wilayah_harga": wilayah[0]["nama"] if len(wilayah) == 1 else None, "batas_harga": rendah,
        "batas_harga_tertinggi": tinggi, "melebihi_batas_harga": harga > rendah, "catatan_harga": catatan,
    }


def kemampuan_mengangsur(masukan: Mapping[str, object], tabel: Mapping) -> dict:
    """Largest affordable instalment, loan and house price at FLPP terms, FLPP eligibility by income, and the price cap."""
    flpp, rasio = tabel["flpp"], tabel["rasio"]
    galat: dict[str, str] = {}
    sendiri = baca_rupiah(masukan, "penghasilan", galat)
    pasangan = baca_rupiah(masukan, "penghasilan_pasangan", galat)
    cicilan = baca_rupiah(masukan, "cicilan_lain", galat)
    status = _text(masukan.get("status"))
    kode = _text(masukan.get("zona"))
    zona = next((z for z in tabel["zona"] if z["kode"] == kode), None)
    if status not in STATUS_LABEL:
        galat["status"] = "Pilih status perkawinan: kawin atau lajang."
    elif status == "lajang" and pasangan:
        galat["penghasilan_pasangan"] = "Penghasilan pasangan hanya diisi bila status kawin."
    if zona is None:
        pilihan = ", ".join(z["kode"] for z in tabel["zona"])
        galat["zona"] = f"Pilih zona penghasilan ({pilihan})." if not kode else f"Zona '{kode}' tidak dikenal; pilih: {pilihan}."
    kode_wilayah = _text(masukan.get("wilayah"))
    wilayah = _wilayah_zona(zona, kode_wilayah, tabel, galat) if zona is not None else []
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
        **_batas_harga(harga, zona, wilayah, bool(kode_wilayah)),
    }
