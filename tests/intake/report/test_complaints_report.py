"""The monthly report counts the month's saran and pengaduan about the clinic beside the TA's obstacles (section b)
and the services by requester type (section c), in JSON, XLSX and the PDF's page, on SQLite and PostgreSQL; counts
only, never who complained or what they wrote."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from openpyxl import load_workbook

from generator.intake.model import NewComplaint
from generator.intake.report.gather import gather
from generator.intake.report.jsondoc import render_json
from generator.intake.report.pdf import render_html
from generator.intake.report.xlsx import render_xlsx
from generator.intake.store.complaints import Complaints
from generator.intake.store.db import Store, open_engine
from tests.intake_server import ITEM
from tests.report_register import AS_OF, MONTH, fill

AREAS = {"pembiayaan": "Pembiayaan", "perencanaan-rumah": "Perencanaan Rumah"}
COMPLAINT = NewComplaint(jenis="pengaduan", nama="Made Wirawan", telepon="081338889900", email=None, provinsi="Bali",
                         isi="Jawaban datang terlambat seminggu dari janji.", balai="uji-ii")
IN_MONTH = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request, tmp_path_factory):
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else f"sqlite:///{tmp_path_factory.mktemp('aduan')}/klinik.db"
    store = Store(open_engine(url))
    made = fill(store)
    pemda = replace(ITEM, balai="uji-ii", jenis_pemohon="pemda", instansi="Dinas Perkim Kabupaten Badung")
    store.add(pemda, IN_MONTH, IN_MONTH.date())
    store.add(replace(pemda, jenis_pemohon="lembaga", instansi="Yayasan Rumah Layak"), IN_MONTH, IN_MONTH.date())
    complaints = Complaints(store)
    complaints.add(COMPLAINT, IN_MONTH)
    answered = complaints.add(replace(COMPLAINT, jenis="saran"), IN_MONTH)
    complaints.respond(answered.ticket, "uji-ii", "selesai", "Terima kasih atas sarannya.", made["ids"]["kepala"], IN_MONTH)
    complaints.add(replace(COMPLAINT, balai="uji-i", provinsi="DKI Jakarta"), IN_MONTH)  # another Balai
    complaints.add(COMPLAINT, datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc))  # next month
    return store


def report_of(store, balai="uji-ii"):
    return gather(store, balai, "Balai Uji II" if balai else "seluruh Balai", MONTH, AS_OF, AREAS,
                  balai_nama={"uji-i": "Balai Uji I", "uji-ii": "Balai Uji II"})


def test_the_month_counts_complaints_apart_from_the_services(filled):
    report = report_of(filled)
    assert report.pengaduan == {"total": 2, "per_jenis": {"saran": 1, "masukan": 0, "pengaduan": 1},
                                "per_status": {"diterima": 1, "ditindaklanjuti": 0, "selesai": 1}}
    assert report.rekap["total"] == 14  # the 12 services of the month and the two questions; no complaint among them
    assert report.per_pemohon == {"perorangan": 12, "pemda": 1, "lembaga": 1}
    assert report_of(filled, None).pengaduan["total"] == 3


def test_json_and_xlsx_carry_the_counts_and_nothing_private(filled):
    report = report_of(filled)
    data = json.loads(render_json(report))
    assert data["pengaduan_layanan"] == report.pengaduan
    assert data["rincian"]["per_pemohon"] == {"perorangan": 12, "pemda": 1, "lembaga": 1}
    text = render_json(report).decode("utf-8")
    for private in ("Made Wirawan", "081338889900", "terlambat seminggu", "Dinas Perkim", "Yayasan Rumah"):
        assert private not in text
    book = load_workbook(io.BytesIO(render_xlsx(report)))
    notes = [row for row in book["b. Kendala"].iter_rows(values_only=True) if row and row[0]]
    assert [r[0] for r in notes].count("Saran dan pengaduan tentang layanan Klinik PKP: 2 diterima") == 1
    counted = {r[0]: r[1] for r in notes if len(r) > 1 and isinstance(r[1], int)}
    assert (counted["Pengaduan layanan"], counted["Saran"], counted["Masukan"]) == (1, 1, 0)
    assert counted["Status kini: Selesai ditanggapi"] == 1
    recap = {row[0]: row[1] for row in book["c. Rekapitulasi"].iter_rows(min_row=4, values_only=True) if row and row[0]}
    assert (recap["Perorangan"], recap["Pemerintah daerah (Pemda)"], recap["Lembaga/organisasi"]) == (12, 1, 1)


def test_the_pdf_page_lists_them_in_section_b_and_the_requester_types_in_section_c(filled):
    page = render_html(report_of(filled))
    b, c = page.index("b. Kendala dan tindak lanjut"), page.index("c. Rekapitulasi layanan")
    assert b < page.index("Saran dan pengaduan tentang layanan Klinik PKP") < c
    assert "2 diterima bulan ini" in page and "Pengaduan layanan" in page
    assert c < page.index("Menurut pemohon") and "Pemerintah daerah (Pemda)" in page
    assert "Made Wirawan" not in page and "terlambat seminggu" not in page
