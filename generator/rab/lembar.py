"""One RAB laid out as the downloads show it: title lines (an estimate says so), divisions with items, totals."""

from __future__ import annotations

from dataclasses import dataclass

from generator.config.harga import BukuHarga
from generator.config.ikk import IndeksKemahalan
from generator.content.desain import DIVISI
from generator.content.loader import Document
from generator.rab.pages import RabProvinsi

HEADER = ["Divisi", "Uraian pekerjaan", "Kode analisa", "Volume", "Satuan", "Harga satuan (Rp)", "Jumlah (Rp)"]


@dataclass(frozen=True)
class Bagian:
    """One division: its name, its items (the RAB's rows) and its subtotal."""

    nama: str
    baris: list[dict]
    subtotal: int


@dataclass(frozen=True)
class Lembar:
    """A RAB ready to write: the CSV and the XLSX lay out the same lines in the same order."""

    judul: list[str]
    bagian: list[Bagian]
    total: int
    per_m2: int
    tipe: int


def judul(doc: Document, rp: RabProvinsi, ikk: IndeksKemahalan | None) -> list[str]:
    """The title block: design, province and where its prices come from; an estimate is named as one, with its index."""
    tabel = rp.provinsi.tabel
    lines = [f"RAB {doc.entry.nama} (tipe {doc.entry.tipe})"]  # type: ignore[attr-defined]
    if rp.perkiraan is None:
        lines.append(f"Provinsi {tabel.provinsi}, harga {tabel.tahun}, INDIKATIF. {tabel.sumber}")
    else:
        lines.append(f"Provinsi {tabel.provinsi}: PERKIRAAN, bukan harga survei di provinsi ini. {tabel.sumber}.")
        if ikk is not None:
            lines.append(f"IKK: {ikk.judul}; kota acuan {ikk.kota_acuan}. IKK provinsi berlaku untuk semua kabupaten/kota di provinsi ini.")
    lines.append(f"Biaya umum dan keuntungan {tabel.biaya_umum_keuntungan:g}% sudah termasuk dalam harga satuan.")
    return lines


def lembar(doc: Document, rp: RabProvinsi, book: BukuHarga) -> Lembar:
    """The RAB of one design in one province, divisions in the RAB's order."""
    hasil = rp.hasil
    bagian = [
        Bagian(DIVISI[divisi], [r for r in hasil["baris"] if r["divisi"] == divisi], subtotal)
        for divisi, subtotal in hasil["subtotal"].items()
    ]
    return Lembar(judul(doc, rp, book.ikk), bagian, hasil["total"], hasil["per_m2"], doc.entry.tipe)  # type: ignore[attr-defined]
