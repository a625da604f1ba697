"""CSV and XLSX downloads of every RAB, written into the site byte-identically on every build."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from generator.config.harga import BukuHarga
from generator.content.desain import DIVISI
from generator.content.loader import Document
from generator.rab.pages import RabProvinsi, download_name, rab_per_provinsi

HEADER = ["Divisi", "Uraian pekerjaan", "Kode analisa", "Volume", "Satuan", "Harga satuan (Rp)", "Jumlah (Rp)"]
FIXED_TIME = dt.datetime(2000, 1, 1)
"""Timestamp written into XLSX metadata and zip entries, so two builds give the same bytes."""


def rows(doc: Document, rp: RabProvinsi) -> list[list]:
    """The RAB as rows: a title block, items per division with subtotals, total and cost per m²."""
    tabel = rp.provinsi.tabel
    out: list[list] = [
        [f"RAB {doc.entry.nama} (tipe {doc.entry.tipe})"],  # type: ignore[attr-defined]
        [f"Provinsi {tabel.provinsi}, harga {tabel.tahun}, INDIKATIF. {tabel.sumber}"],
        [f"Biaya umum dan keuntungan {tabel.biaya_umum_keuntungan:g}% sudah termasuk dalam harga satuan."],
        [],
        HEADER,
    ]
    for divisi, subtotal in rp.hasil["subtotal"].items():
        for row in (r for r in rp.hasil["baris"] if r["divisi"] == divisi):
            out.append([DIVISI[divisi], row["uraian"], row["kode_analisa"], row["volume"], row["satuan"], row["harga_satuan"], row["jumlah"]])
        out.append([DIVISI[divisi], "Subtotal", "", "", "", "", subtotal])
    out.append(["", "TOTAL", "", "", "", "", rp.hasil["total"]])
    out.append(["", "Biaya per m²", "", "", "", "", rp.hasil["per_m2"]])
    return out


def csv_bytes(table: list[list]) -> bytes:
    """CSV with a UTF-8 byte-order mark so spreadsheet programs read the Indonesian text right."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(table: list[list]) -> bytes:
    """An XLSX workbook with fixed metadata times and zip entry times (deterministic bytes)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "RAB"
    for row in table:
        sheet.append(row)
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (34, 52, 12, 10, 8, 18, 18), strict=False):
        sheet.column_dimensions[letter].width = width
    book.properties.creator = "Klinik PKP"
    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry times (openpyxl stamps the time of saving)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _fix_core_times(payload)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), payload, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _fix_core_times(xml: bytes) -> bytes:
    """openpyxl sets dcterms:modified to now when saving; pin it to the fixed time."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", xml)


def write_downloads(designs: list[Document], book: BukuHarga, site_dir: Path) -> list[Path]:
    """Write rab-<provinsi>.csv and .xlsx next to every design page; return the paths."""
    written = []
    for doc in designs:
        folder = site_dir / "desain-rumah" / doc.slug
        folder.mkdir(parents=True, exist_ok=True)
        for rp in rab_per_provinsi(doc.entry, book):  # type: ignore[arg-type]
            table = rows(doc, rp)
            for suffix, data in (("csv", csv_bytes(table)), ("xlsx", xlsx_bytes(table))):
                path = folder / download_name(rp.slug, suffix)
                path.write_bytes(data)
                written.append(path)
    return written
