"""The report as a PDF drawn from HTML and CSS by WeasyPrint, charts as inline SVG; the same data gives the same bytes."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from PIL import ImageFile
from weasyprint import HTML

from generator.intake.model import JENIS_LAYANAN, JENIS_PENGADUAN, KANAL, PEMOHON_NAMA, STATUS_PENGADUAN
from generator.intake.report.gather import MonthlyReport
from generator.intake.report.indicators import JENIS_NAMA, indicator_lines, target_lines
from generator.intake.report.jsondoc import render_json
from generator.intake.report.labels import KANAL_NAMA, PERAN_NAMA
from generator.intake.report.xlsx import stamp
from generator.util.dates import tanggal
from generator.util.svgchart import bar_chart

ImageFile.LOAD_TRUNCATED_IMAGES = False
"""Importing WeasyPrint turns on, for all of Pillow, tolerance of cut-off images; a citizen's cut-off photo must be refused."""

TEMPLATES = Path(__file__).with_name("templates")
FOOTER_PHOTOS = "Dokumen internal — memuat foto lapangan"
FOOTER = "Dokumen internal Klinik PKP"
TOP_PAGES = 15


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2"], default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=False, keep_trailing_newline=True)


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def render_html(report: MonthlyReport) -> str:
    """The report page; photos are embedded only when the report was gathered with them."""
    per_kanal, per_jenis = report.rekap["per_kanal"], report.rekap["per_jenis"]
    photos = {key: _data_uri(mime, data) for key, (mime, data) in report.foto.items()}
    when = stamp(report)
    views = sorted((report.halaman or {}).items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_PAGES]
    return _environment().get_template("laporan.html.j2").render(
        r=report, tanggal=tanggal, kanal=KANAL_NAMA, jenis_nama=JENIS_NAMA, peran=PERAN_NAMA, bidang=report.bidang_nama,
        indikator=indicator_lines(report), target=target_lines(report), stamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        footer=FOOTER_PHOTOS if photos else FOOTER, foto=photos, foto_dimuat=bool(photos),
        jumlah_foto=sum(len(v.foto) for v in report.kunjungan), halaman_teratas=views,
        chart_kanal=bar_chart([KANAL_NAMA[k] for k in KANAL], [per_kanal[k] for k in KANAL], title="Layanan menurut kanal"),
        chart_jenis=bar_chart([JENIS_NAMA[k].capitalize() for k in JENIS_LAYANAN], [per_jenis[k] for k in JENIS_LAYANAN],
                              title="Layanan menurut jenis"),
        jenis_pengaduan=JENIS_PENGADUAN, status_pengaduan=STATUS_PENGADUAN,
        rincian=[("bidang", report.per_bidang, report.bidang_nama), ("pemohon", report.per_pemohon, PEMOHON_NAMA), ("provinsi", report.per_provinsi, {}),
                 ("kabupaten/kota", report.per_kabupaten, {})],
    )


def render_pdf(report: MonthlyReport) -> bytes:
    """PDF bytes; the dates come from the month (template meta) and the file identifier from the data, never from now."""
    digest = hashlib.sha256(render_json(report))
    for key in sorted(report.foto):
        digest.update(report.foto[key][1])
    identifier = digest.hexdigest()[:32].encode("ascii")
    return HTML(string=render_html(report), base_url=str(TEMPLATES)).write_pdf(pdf_identifier=identifier, pdf_tags=True)
