"""RAB downloads: CSV that Excel in Indonesian reads, XLSX with live formulas and Rupiah formats, names per design."""

from __future__ import annotations

import io
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from generator.config.project import Project
from generator.pipeline import checked
from generator.rab.checks import designs
from generator.rab.downloads import write_downloads
from generator.rab.lembar import lembar
from generator.rab.pages import rab_per_provinsi
from generator.rab.xlsx import xlsx_bytes
from tests.conftest import FIXTURES, ROOT


@pytest.fixture
def unduhan(kecil: Path, tmp_path: Path) -> tuple[dict[str, bytes], dict, object]:
    """Every download of the small RAB fixture (tests/fixtures/rab) by file name, the page's RAB per province, a rewriter."""
    shutil.copytree(FIXTURES / "rab", kecil, dirs_exist_ok=True)
    taxonomy = kecil / "site_config" / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    area = "      - {slug: pbg, nama: PBG}"
    taxonomy.write_text(text.replace(area, area + "\n      - {slug: desain-rab, nama: Desain dan RAB}"), encoding="utf-8")
    state = checked(Project(kecil))
    book = state.content.config.harga
    doc = state.content.by_slug[("desain-rumah", "mini")]

    def tulis(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in write_downloads([doc], book, site)}

    return tulis(tmp_path / "site"), {rp.slug: rp.hasil for rp in rab_per_provinsi(doc.entry, book)}, tulis


def test_file_names_carry_the_design_and_the_province(unduhan):
    """Two designs no longer download as the same rab-<provinsi>.xlsx."""
    files, _, _ = unduhan
    assert sorted(files) == [
        "desain-rumah/mini/rab-mini-alfa.csv", "desain-rumah/mini/rab-mini-alfa.xlsx",
        "desain-rumah/mini/rab-mini-beta.csv", "desain-rumah/mini/rab-mini-beta.xlsx",
    ]


def test_csv_is_what_excel_in_indonesian_reads(unduhan):
    """UTF-8 with a byte-order mark, semicolons between fields, a decimal comma, whole rupiah without separators."""
    files, hasil, _ = unduhan
    data = files["desain-rumah/mini/rab-mini-alfa.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "RAB Rumah Mini Uji (tipe 21)"
    assert "Divisi;Uraian pekerjaan;Kode analisa;Volume;Satuan;Harga satuan (Rp);Jumlah (Rp)" in lines
    assert "I. Pekerjaan persiapan;Dinding sementara;Y.01;3,33;m2;104500;347985" in lines
    assert "V. Pekerjaan dinding;Plesteran;X.01;2,5;m2;71500;178750" in lines
    assert "V. Pekerjaan dinding;Subtotal;;;;;178750" in lines
    assert f";TOTAL;;;;;{hasil['alfa']['total']}" in lines
    assert ";Biaya per m²;;21;m2;;25083" in lines
    numbers = [field for line in lines if line.count(";") == 6 for field in line.split(";")[3:] if field[:1].isdigit()]
    assert numbers and not [n for n in numbers if "." in n]  # no decimal point and no thousands dot anywhere


def _excel_value(sheet, ref: str, memo: dict) -> Decimal:
    """Evaluate one cell the way a spreadsheet does for the formulas the RAB uses (decimal, half away from zero)."""
    if ref in memo:
        return memo[ref]
    value = sheet[ref].value
    if not (isinstance(value, str) and value.startswith("=")):
        memo[ref] = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return memo[ref]
    body = value[1:]
    if m := re.fullmatch(r"ROUND\(([A-Z][0-9]+)([*/])([A-Z][0-9]+),0\)", body):
        a, b = _excel_value(sheet, m[1], memo), _excel_value(sheet, m[3], memo)
        result = (a * b if m[2] == "*" else a / b).quantize(Decimal(1), ROUND_HALF_UP)
    elif m := re.fullmatch(r"SUM\(([A-Z])([0-9]+):([A-Z])([0-9]+)\)", body):
        result = sum((_excel_value(sheet, f"{m[1]}{row}", memo) for row in range(int(m[2]), int(m[4]) + 1)), Decimal(0))
    elif m := re.fullmatch(r"SUM\(([A-Z0-9,]+)\)", body):
        result = sum((_excel_value(sheet, part, memo) for part in m[1].split(",")), Decimal(0))
    else:
        raise AssertionError(f"rumus tak terduga di {ref}: {value}")
    memo[ref] = result
    return result


@pytest.mark.parametrize("slug", ["alfa", "beta"])
def test_xlsx_totals_are_live_formulas_that_give_the_page_totals(unduhan, slug):
    """=ROUND(volume x harga satuan), =SUM per division and in total, per m² from the floor area, Rupiah formats."""
    files, hasil, _ = unduhan
    data = files[f"desain-rumah/mini/rab-mini-{slug}.xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True).active
    rows = {sheet.cell(row=r, column=2).value: r for r in range(1, sheet.max_row + 1)}
    item = rows["Dinding sementara"]
    assert sheet[f"G{item}"].value == f"=ROUND(D{item}*F{item},0)"
    assert '"Rp"' in sheet[f"F{item}"].number_format and '"Rp"' in sheet[f"G{item}"].number_format
    assert sheet[f"D{item}"].number_format == "#,##0.00##"
    assert isinstance(sheet[f"D{item}"].value, float)
    memo: dict = {}
    totals = {name: _excel_value(sheet, f"G{row}", memo) for name, row in rows.items() if name in ("TOTAL", "Biaya per m²")}
    assert totals == {"TOTAL": hasil[slug]["total"], "Biaya per m²": hasil[slug]["per_m2"]}
    assert sheet[f"G{rows['TOTAL']}"].value.startswith("=SUM(")
    subtotals = [_excel_value(sheet, f"G{r}", memo) for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == "Subtotal"]
    assert subtotals == list(hasil[slug]["subtotal"].values())
    # the values shown before recalculation (file previews) are the same figures
    assert cached[f"G{rows['TOTAL']}"].value == hasil[slug]["total"]
    assert cached[f"G{item}"].value == hasil[slug]["baris"][1]["jumlah"]


def test_xlsx_is_byte_stable_and_recalculates_on_open(unduhan, tmp_path):
    """Same input, same bytes (fixed times in the workbook and the zip); Excel recomputes every formula on opening."""
    files, _, tulis = unduhan
    assert tulis(tmp_path / "lagi") == files
    first = files["desain-rumah/mini/rab-mini-alfa.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.calculation.fullCalcOnLoad is True
    assert book.properties.created.year == 2000


def test_real_workbooks_compute_the_page_figures_in_every_province():
    """Every design in all 38 provinces: the formulas, evaluated as a spreadsheet does, give the page's subtotals and totals."""
    state = checked(Project(ROOT))
    book = state.content.config.harga
    count = 0
    for doc in designs(state.content, published_only=True):
        for rp in rab_per_provinsi(doc.entry, book):
            sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(lembar(doc, rp, book)))).active
            memo: dict = {}
            column_b = [(sheet.cell(row=r, column=2).value, r) for r in range(1, sheet.max_row + 1)]
            subtotals = [_excel_value(sheet, f"G{r}", memo) for name, r in column_b if name == "Subtotal"]
            rows = dict(column_b)
            figures = (subtotals, _excel_value(sheet, f"G{rows['TOTAL']}", memo), _excel_value(sheet, f"G{rows['Biaya per m²']}", memo))
            assert figures == (list(rp.hasil["subtotal"].values()), rp.hasil["total"], rp.hasil["per_m2"]), (doc.slug, rp.slug)
            count += 1
    assert count == 5 * 38
