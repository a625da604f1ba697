"""The three files of one report: JSON in the recap's shape, an XLSX with a sheet per section, a PDF with charts and
photos that renders to PNG; each the same bytes twice, and no photo or visit site ever in the JSON or XLSX."""

from __future__ import annotations

import io
import json

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from generator.intake.report.gather import gather
from generator.intake.report.jsondoc import render_json
from generator.intake.report.pdf import FOOTER, FOOTER_PHOTOS, render_html, render_pdf
from generator.intake.report.xlsx import render_xlsx
from generator.intake.store.db import Store, open_engine
from generator.intake.store.register import Register
from tests.report_register import AS_OF, MONTH, fill

AREAS = {"pembiayaan": "Pembiayaan", "perencanaan-rumah": "Perencanaan Rumah"}
SHEETS = ["a. Capaian target", "b. Kendala", "c. Rekapitulasi", "d. Dokumentasi", "e. Media informasi", "Indikator"]
HEADINGS = ["Indikator kinerja", "a. Capaian target layanan", "b. Kendala dan tindak lanjut", "c. Rekapitulasi layanan",
            "d. Dokumentasi kegiatan", "e. Media informasi yang diakses pengguna"]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    store = Store(open_engine(f"sqlite:///{tmp_path_factory.mktemp('render')}/klinik.db"))
    made = fill(store)
    return store, made


def report_of(store, balai="uji-ii", photos=False):
    return gather(store, balai, "Balai Uji II" if balai else "seluruh Balai", MONTH, AS_OF, AREAS, with_photos=photos,
                  balai_nama={"uji-i": "Balai Uji I", "uji-ii": "Balai Uji II"})


def test_json_starts_with_the_recap_and_names_visits_without_their_site_or_photos(filled):
    store, made = filled
    data = json.loads(render_json(report_of(store)))
    recap = Register(store).recap("uji-ii", MONTH)
    assert list(data)[:5] == list(recap) and {k: data[k] for k in recap} == recap
    assert list(data)[5:] == ["rincian", "target", "kendala", "pengaduan_layanan", "dokumentasi", "media", "indikator"]
    assert data["dokumentasi"]["kunjungan"] == 1 and data["dokumentasi"]["foto"] == 2
    assert data["dokumentasi"]["daftar"][0]["tiket"] == made["visit"]
    assert data["indikator"]["tepat_waktu"]["baris"] == "Persentase jawaban tepat waktu = 2 / 4 x 100 = 50,00%"
    assert data["media"] == {"acara": 1, "orang_acara": 120, "halaman": {"total": 0, "per_halaman": {}}, "keterangan": None}
    text = render_json(report_of(store, photos=True)).decode()
    assert "Jl. Rahasia" not in text and "Desa Uji" not in text and "base64" not in text and "081234567890" not in text


def test_xlsx_has_a_sheet_per_section_with_the_registers_counts_and_the_same_bytes_twice(filled):
    store, _ = filled
    report = report_of(store)
    data = render_xlsx(report)
    assert data == render_xlsx(report_of(store))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == SHEETS
    assert book.properties.created.date() == book.properties.modified.date() == MONTH.replace(day=30)
    recap = {row[0]: row[1] for row in book["c. Rekapitulasi"].iter_rows(min_row=4, values_only=True) if row and row[0]}
    assert recap["Jumlah seluruh layanan"] == 12
    assert [recap[k] for k in ("Daring (formulir situs)", "Kantor (Buku Tamu)", "Kunjungan lapangan", "Acara")] == [5, 5, 1, 1]
    assert [recap[k] for k in ("Layanan informasi", "Layanan konsultasi", "Layanan pendampingan")] == [2, 8, 2]
    assert recap["Pembiayaan"] == 10 and recap["Bali / Kabupaten Badung"] == 7
    target = list(book["a. Capaian target"].iter_rows(min_row=4, values_only=True))
    assert [r[:3] for r in target] == [("Layanan informasi", 4, 2), ("Layanan konsultasi", 8, 8), ("Layanan pendampingan", 4, 2)]
    lines = [r[5] for r in book["Indikator"].iter_rows(min_row=4, values_only=True) if r and r[0]]
    assert "Persentase jawaban tepat waktu = 2 / 4 x 100 = 50,00%" in lines
    assert book["b. Kendala"]["D4"].value.startswith("Jaringan internet") and book["d. Dokumentasi"]["I4"].value == 2
    assert book["a. Capaian target"].column_dimensions["E"].width == 70


def test_pdf_embeds_the_photos_renders_to_png_and_is_the_same_bytes_twice(filled, tmp_path):
    store, _ = filled
    report = report_of(store, photos=True)
    data = render_pdf(report)
    assert data.startswith(b"%PDF-") and data == render_pdf(report_of(store, photos=True))
    document = pdfium.PdfDocument(data)
    try:
        meta = document.get_metadata_dict()
        assert len(document) == 3  # indicators to the recap, recap and documentation, media
        text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        images = sum(1 for i in range(len(document)) for obj in document[i].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
        bitmap = document[0].render(scale=1).to_pil()
    finally:
        document.close()
    assert meta["CreationDate"].startswith("D:20261130000000") and meta["ModDate"] == meta["CreationDate"]
    assert meta["Title"] == report.judul and meta["Author"] == "Klinik PKP"
    for heading in HEADINGS:
        assert heading in text
    assert "Persentase jawaban tepat waktu = 2 / 4 x 100 = 50,00%" in text and FOOTER_PHOTOS in text
    assert images == 2
    bitmap.save(tmp_path / "halaman-1.png")
    assert abs(bitmap.size[0] - 595) <= 1 and abs(bitmap.size[1] - 842) <= 1 and len(bitmap.getcolors(1 << 20)) > 10  # A4 at 72 dpi, with ink on it


def test_without_photos_the_pdf_says_so_and_the_national_report_names_each_visits_balai(filled):
    store, _ = filled
    page = render_html(report_of(store, balai=None))
    assert f'content: "{FOOTER}"' in page and "data:image" not in page and "Foto tidak dimuat dalam salinan ini." in page
    assert "Kabupaten Badung, Bali · Balai Uji II" in page and "<svg" in page and "Layanan menurut kanal" in page
