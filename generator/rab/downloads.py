"""CSV and XLSX downloads of every RAB, named by design and province, written byte-identically on every build.

The CSV is what Excel in an Indonesian locale opens by double-click: UTF-8 with a byte-order mark, a semicolon
between fields (the list separator of id-ID) and a decimal comma, whole rupiah without thousands separators.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.config.harga import BukuHarga
from generator.content.loader import Document
from generator.rab.lembar import HEADER, Lembar, lembar
from generator.rab.pages import download_name, rab_per_provinsi
from generator.rab.xlsx import xlsx_bytes


def desimal(value: float | int) -> str:
    """A volume with a decimal comma and no thousands separator: 3,33; 2,5; 21."""
    text = f"{value:.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", ",")


def csv_rows(sheet: Lembar) -> list[list[str]]:
    """The same lines as the XLSX, as text: title block, header, items and subtotals, total, cost per m²."""
    out: list[list[str]] = [[line] for line in sheet.judul] + [[], HEADER]
    for bagian in sheet.bagian:
        for row in bagian.baris:
            out.append([bagian.nama, row["uraian"], row["kode_analisa"], desimal(row["volume"]), row["satuan"], str(row["harga_satuan"]), str(row["jumlah"])])
        out.append([bagian.nama, "Subtotal", "", "", "", "", str(bagian.subtotal)])
    out.append(["", "TOTAL", "", "", "", "", str(sheet.total)])
    out.append(["", "Biaya per m²", "", str(sheet.tipe), "m2", "", str(sheet.per_m2)])
    return out


def csv_bytes(sheet: Lembar) -> bytes:
    """Semicolon-separated, decimal comma, UTF-8 with a byte-order mark (Excel id-ID reads it as numbers and text)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(csv_rows(sheet))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_downloads(designs: list[Document], book: BukuHarga, site_dir: Path) -> list[Path]:
    """Write rab-<desain>-<provinsi>.csv and .xlsx next to every design page; return the paths."""
    written = []
    for doc in designs:
        folder = site_dir / "desain-rumah" / doc.slug
        folder.mkdir(parents=True, exist_ok=True)
        for rp in rab_per_provinsi(doc.entry, book):  # type: ignore[arg-type]
            sheet = lembar(doc, rp, book)
            for suffix, data in (("csv", csv_bytes(sheet)), ("xlsx", xlsx_bytes(sheet))):
                path = folder / download_name(doc.slug, rp.slug, suffix)
                path.write_bytes(data)
                written.append(path)
    return written
