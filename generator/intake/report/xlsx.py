"""The report as an XLSX workbook: one sheet per section a-e plus the indicators, the same bytes for the same data."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.intake.model import JENIS_LAYANAN, JENIS_PENGADUAN, KANAL, PEMOHON_NAMA, STATUS_PENGADUAN
from generator.intake.report.gather import MonthlyReport, month_span
from generator.intake.report.indicators import JENIS_NAMA, indicator_lines, target_lines
from generator.intake.report.jsondoc import NO_PAGE_VIEWS
from generator.intake.report.labels import KANAL_NAMA, PERAN_NAMA
from generator.util.dates import tanggal

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def stamp(report: MonthlyReport) -> dt.datetime:
    """The moment written into the file: the last day of the reported month, so the same data gives the same bytes."""
    return dt.datetime.combine(month_span(report.bulan)[1] - dt.timedelta(days=1), dt.time(0, 0))


class _PinnedZip(zipfile.ZipFile):
    """A zip whose every entry carries one fixed time (openpyxl would stamp the time of saving)."""

    def __init__(self, file, when: dt.datetime):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.when = when.timetuple()[:6]

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(info, data)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as handle:
            self.writestr(arcname or str(filename), handle.read())


def _sheet(book: Workbook, title: str, report: MonthlyReport, header: list[str], widths: list[int]) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append([report.judul])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = BOLD
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A4"
    return sheet


def _target(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "a. Capaian target", report, ["Jenis layanan", "Target bulan ini", "Realisasi", "Capaian (%)", "Perhitungan"],
                   [26, 16, 12, 13, 70])
    for line in target_lines(report):
        sheet.append([JENIS_NAMA[line.kode].capitalize(), line.penyebut or None, line.pembilang, line.nilai, line.teks])


def _notes(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "b. Kendala", report, ["Balai", "Nama", "Peran", "Kendala", "Tindak lanjut"], [16, 24, 16, 60, 60])
    for note in report.catatan:
        sheet.append([report.balai_nama.get(note.balai, note.balai), note.nama, PERAN_NAMA.get(note.peran, note.peran), note.kendala, note.tindak_lanjut])
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
    if not report.catatan:
        sheet.append(["Belum ada kendala dan tindak lanjut yang ditulis untuk bulan ini."])
    complaints = report.pengaduan
    sheet.append([])
    sheet.append([f"Saran dan pengaduan tentang layanan Klinik PKP: {complaints['total']} diterima"])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for key, name in JENIS_PENGADUAN.items():
        sheet.append([name, complaints["per_jenis"][key]])
    for key, name in STATUS_PENGADUAN.items():
        sheet.append([f"Status kini: {name}", complaints["per_status"][key]])


def _block(sheet: Worksheet, title: str, counts: dict[str, int], names: dict[str, str] | None = None) -> None:
    sheet.append([])
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = BOLD
    for key, count in counts.items():
        sheet.append([(names or {}).get(key, key), count])


def _recap(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "c. Rekapitulasi", report, ["Uraian", "Jumlah layanan"], [52, 16])
    sheet.append(["Jumlah seluruh layanan", report.rekap["total"]])
    _block(sheet, "Menurut kanal", {k: report.rekap["per_kanal"][k] for k in KANAL}, KANAL_NAMA)
    _block(sheet, "Menurut jenis layanan", {k: report.rekap["per_jenis"][k] for k in JENIS_LAYANAN},
           {k: v.capitalize() for k, v in JENIS_NAMA.items()})
    _block(sheet, "Menurut bidang", report.per_bidang, report.bidang_nama)
    _block(sheet, "Menurut pemohon", report.per_pemohon, PEMOHON_NAMA)
    _block(sheet, "Menurut provinsi", report.per_provinsi)
    _block(sheet, "Menurut kabupaten/kota", report.per_kabupaten)


def _documentation(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "d. Dokumentasi", report, ["Tiket", "Balai", "Tanggal", "Jenis", "Bidang", "Provinsi", "Kabupaten/kota", "Status",
                                                    "Foto"], [20, 14, 18, 14, 24, 22, 26, 10, 7])
    for v in report.kunjungan:
        sheet.append([v.ticket, report.balai_nama.get(v.balai, v.balai), tanggal(v.tanggal), v.jenis, report.bidang_nama.get(v.area, v.area), v.provinsi,
                      v.kabupaten_kota or "", "selesai" if v.selesai else "ditugaskan", len(v.foto)])
    if not report.kunjungan:
        sheet.append(["Tidak ada kunjungan lapangan bulan ini."])
    sheet.append([])
    sheet.append(["Foto lapangan tidak dimuat di berkas ini; lihat laporan PDF atau halaman kasus di kantor belakang."])


def _media(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "e. Media informasi", report, ["Media", "Jumlah"], [60, 14])
    sheet.append(["Acara (pameran, sosialisasi) yang diselenggarakan", report.acara])
    sheet.append(["Orang yang mendapat informasi di acara", report.orang_acara])
    if report.halaman is None:
        sheet.append(["Kunjungan halaman situs Klinik PKP (seluruh situs, tidak per Balai)", NO_PAGE_VIEWS])
        return
    sheet.append(["Kunjungan halaman situs Klinik PKP (seluruh situs, tidak per Balai)", sum(report.halaman.values())])
    _block(sheet, "Menurut halaman", dict(sorted(report.halaman.items(), key=lambda kv: (-kv[1], kv[0]))))


def _indicators(book: Workbook, report: MonthlyReport) -> None:
    sheet = _sheet(book, "Indikator", report, ["Kode", "Indikator", "Nilai", "Pembilang", "Penyebut", "Perhitungan"], [12, 62, 10, 11, 10, 90])
    for line in indicator_lines(report):
        sheet.append([line.kode, line.label, line.nilai, line.pembilang, line.penyebut, line.teks])
    sheet.append([])
    sheet.append([f"Data per {tanggal(report.per_tanggal)}; "
                  "jawaban tepat waktu: paling lambat pada tenggat yang dicatat saat pertanyaan diterima (jangka waktu Standar Pelayanan)."])


def render_xlsx(report: MonthlyReport) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section in (_target, _notes, _recap, _documentation, _media, _indicators):
        section(book, report)
    when = stamp(report)
    book.properties.creator = book.properties.lastModifiedBy = "Klinik PKP"
    book.properties.title = report.judul
    book.properties.created = book.properties.modified = when
    out = io.BytesIO()
    with _PinnedZip(out, when) as archive:
        ExcelWriter(book, archive).save()
    return out.getvalue()
