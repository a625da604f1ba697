"""The RAB as an XLSX workbook: live formulas with the page's figures as their saved values, Rupiah formats, fixed bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

from generator.rab.lembar import HEADER, Lembar

FIXED_TIME = dt.datetime(2000, 1, 1)
"""Timestamp written into XLSX metadata and zip entries, so two builds give the same bytes."""
RUPIAH = '"Rp" #,##0'
"""Whole rupiah; Excel shows the thousands separator of its language (Rp 1.084.571 in Indonesian)."""
VOLUME = "#,##0.00##"
"""Two to four decimals: 3,33 or 25,92 or 1,00."""
FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]{0,200})><f>([^<]{0,500})</f><v ?/></c>')
"""A formula cell as openpyxl writes it, with an empty saved value (bounded parts: nothing to backtrack over)."""


def xlsx_bytes(sheet_data: Lembar) -> bytes:
    """One sheet: Jumlah = ROUND(volume x harga satuan), subtotals and total = SUM, per m² = ROUND(total / luas)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "RAB"
    for line in sheet_data.judul:
        sheet.append([line])
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    saved: dict[str, int] = {}
    subtotals = []
    for bagian in sheet_data.bagian:
        first = sheet.max_row + 1
        for row in bagian.baris:
            r = sheet.max_row + 1
            sheet.append([bagian.nama, row["uraian"], row["kode_analisa"], float(row["volume"]), row["satuan"], row["harga_satuan"], f"=ROUND(D{r}*F{r},0)"])
            sheet[f"D{r}"].number_format = VOLUME
            sheet[f"F{r}"].number_format = sheet[f"G{r}"].number_format = RUPIAH
            saved[f"G{r}"] = row["jumlah"]
        r = sheet.max_row + 1
        sheet.append([bagian.nama, "Subtotal", None, None, None, None, f"=SUM(G{first}:G{r - 1})"])
        sheet[f"G{r}"].number_format = RUPIAH
        saved[f"G{r}"] = bagian.subtotal
        subtotals.append(f"G{r}")
    total = sheet.max_row + 1
    sheet.append([None, "TOTAL", None, None, None, None, f"=SUM({','.join(subtotals)})"])
    per_m2 = total + 1
    sheet.append([None, "Biaya per m²", None, sheet_data.tipe, "m2", None, f"=ROUND(G{total}/D{per_m2},0)"])
    for r in (total, per_m2):
        sheet[f"G{r}"].number_format = RUPIAH
        sheet[f"B{r}"].font = sheet[f"G{r}"].font = Font(bold=True)
    saved[f"G{total}"], saved[f"G{per_m2}"] = sheet_data.total, sheet_data.per_m2
    for letter, width in zip("ABCDEFG", (34, 52, 12, 10, 8, 18, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    book.calculation.fullCalcOnLoad = True  # Excel and LibreOffice recompute on opening; the saved values serve previews
    book.properties.creator = "Klinik PKP"
    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _normalise_zip(raw.getvalue(), saved)


def _normalise_zip(data: bytes, saved: dict[str, int]) -> bytes:
    """Rewrite the zip with fixed entry times (openpyxl stamps the time of saving) and the formulas' saved values."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                payload = _fix_core_times(payload)
            elif info.filename == "xl/worksheets/sheet1.xml":
                payload = _saved_values(payload, saved)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), payload, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _saved_values(xml: bytes, saved: dict[str, int]) -> bytes:
    """Give each formula the value the page shows, so a viewer that does not calculate shows the same figure."""

    def fill(match: re.Match[bytes]) -> bytes:
        value = saved.get(match[1].decode())
        if value is None:
            return match[0]
        return b'<c r="' + match[1] + b'"' + match[2] + b"><f>" + match[3] + b"</f><v>" + str(value).encode() + b"</v></c>"

    return FORMULA_CELL.sub(fill, xml)


def _fix_core_times(xml: bytes) -> bytes:
    """openpyxl sets dcterms:modified to now when saving; pin it to the fixed time."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", xml)
