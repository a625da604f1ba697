"""The monthly report in the back office over real HTTP: the Kepala Balai sets the year's targets, a TA writes the
month's obstacles and follow-up, the report downloads for the Kepala Balai (his Balai, photos in) and the Ditjen (any
Balai or all, no photos); everyone else, and another Balai's staff, get 403."""

from __future__ import annotations

import html

import pypdfium2 as pdfium
import pytest

from generator.intake.staff.accounts import Accounts, now_utc
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import PASSWORD, signed_in
from tests.intake_server import LiveServer, intake_project, settings_for
from tests.report_register import fill


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    app = create_app(settings_for(intake_project(tmp_path_factory.mktemp("laporan"))))
    store = app.state.intake.store
    fill(store)
    accounts = Accounts(store)
    accounts.set_password(accounts.add("ditjen", "Pemantau Ditjen", "ditjen", None, now_utc()), PASSWORD, now_utc())
    with LiveServer(app) as server:
        yield server


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_the_kepala_balai_sets_the_years_targets_and_others_only_read_them(desk):
    head, ta, other, ditjen = (signed_in(desk, u) for u in ("kepala", "ta.satu", "kepala.lain", "ditjen"))
    page = head.get("/staf/target?tahun=2026")
    assert page.status_code == 200 and 'name="t-konsultasi-11" id="t-konsultasi-11"' in page.text and 'value="8"' in page.text
    form = {"csrf": head.csrf("/staf/target"), "tahun": "2026", "t-konsultasi-11": "10", "t-informasi-11": "4", "t-pendampingan-1": "2"}
    saved = head.post("/staf/target", form)
    assert saved.status_code == 303 and saved.headers["location"] == "/staf/target?tahun=2026&tersimpan=1"
    shown = head.get("/staf/target?tahun=2026").text
    assert 'id="t-konsultasi-11" min="0" max="100000" inputmode="numeric" aria-labelledby="kol-uji-ii-konsultasi bln-uji-ii-11" value="10"' in shown
    bad = head.post("/staf/target", {**form, "t-konsultasi-12": "banyak", "csrf": head.csrf("/staf/target")})
    assert bad.status_code == 422 and "Target konsultasi bulan 12: tulis bilangan bulat" in html.unescape(bad.text)
    assert 'aria-invalid="true" value="banyak"' in bad.text  # what was typed is kept to correct
    read = ta.get("/staf/target?tahun=2026").text
    assert "Simpan target" not in read and "<td>10</td>" in read
    assert ta.post("/staf/target", {**form, "csrf": ta.csrf("/staf/target")}).status_code == 403
    assert other.get("/staf/target?tahun=2026").text.count("<td>10</td>") == 0  # uji-i's own, empty plan
    national = html.unescape(ditjen.get("/staf/target?tahun=2026").text)
    assert "Balai Uji II" in national and "Target 2026 belum ditetapkan." in national and "Simpan target" not in national
    assert head.post("/staf/target", {**form, "csrf": "palsu"}).status_code == 403


def test_a_ta_writes_the_months_notes_and_the_kepala_balai_reads_them(desk):
    ta, ata, head, other_ta = (signed_in(desk, u) for u in ("ta.satu", "ata", "kepala", "ta.lain"))
    form = {"csrf": ata.csrf("/staf/laporan"), "bulan": "2026-11", "kendala": "Printer Balai rusak.", "tindak_lanjut": "Minta perbaikan."}
    saved = ata.post("/staf/laporan", form)
    assert saved.status_code == 303 and saved.headers["location"] == "/staf/laporan?bulan=2026-11&tersimpan=1"
    again = ata.post("/staf/laporan", {**form, "csrf": ata.csrf("/staf/laporan"), "kendala": "Printer Balai masih rusak."})
    assert again.status_code == 303
    mine = html.unescape(ata.get("/staf/laporan?bulan=2026-11").text)
    assert "Printer Balai masih rusak.</textarea>" in mine and "Jaringan internet" not in mine  # a TA sees only his own
    empty = ata.post("/staf/laporan", {**form, "csrf": ata.csrf("/staf/laporan"), "kendala": " "})
    assert empty.status_code == 422 and 'aria-describedby="galat-kendala"' in empty.text
    assert ta.post("/staf/laporan", {**form, "bulan": "2026-13", "csrf": ta.csrf("/staf/laporan")}).status_code == 422
    seen = html.unescape(head.get("/staf/laporan?bulan=2026-11").text)
    assert "Printer Balai masih rusak." in seen and "Jaringan internet di kantor Balai terputus dua hari." in seen
    assert "Printer Balai" not in html.unescape(other_ta.get("/staf/laporan?bulan=2026-11").text)
    assert head.post("/staf/laporan", {**form, "csrf": head.csrf("/staf/laporan")}).status_code == 403  # TA and ATA write


def test_downloads_for_the_kepala_balai_and_the_ditjen_only(desk):
    head, ta, other, ditjen = (signed_in(desk, u) for u in ("kepala", "ta.satu", "kepala.lain", "ditjen"))
    pdf = head.get("/staf/laporan/unduh?bulan=2026-11&format=pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="laporan-bulanan-uji-ii-2026-11.pdf"'
    assert pdf.headers["cache-control"] == "no-store" and "Dokumen internal — memuat foto lapangan" in pdf_text(pdf.content)
    xlsx = head.get("/staf/laporan/unduh?bulan=2026-11&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert head.get("/staf/laporan/unduh?bulan=2026-11&format=pdf&balai=uji-i").status_code == 403
    assert other.get("/staf/laporan/unduh?bulan=2026-11&format=pdf&balai=uji-ii").status_code == 403
    assert ta.get("/staf/laporan/unduh?bulan=2026-11&format=pdf").status_code == 403
    national = ditjen.get("/staf/laporan/unduh?bulan=2026-11&format=pdf&balai=semua")
    assert national.status_code == 200 and "laporan-bulanan-semua-2026-11.pdf" in national.headers["content-disposition"]
    text = pdf_text(national.content)
    assert "seluruh Balai" in text and "Dokumen internal Klinik PKP" in text and "memuat foto" not in text
    assert ditjen.get("/staf/laporan/unduh?bulan=2026-11&format=xlsx&balai=uji-ii").status_code == 200
    assert ditjen.get("/staf/laporan/unduh?bulan=2026-11&format=pdf&balai=jawa-ix").status_code == 404
    assert ditjen.get("/staf/laporan/unduh?bulan=11-2026&format=pdf").status_code == 400
    assert ditjen.get("/staf/laporan/unduh?bulan=2026-11&format=json").status_code == 400
    links = html.unescape(ditjen.get("/staf/laporan?bulan=2026-11").text)
    assert "/staf/laporan/unduh?bulan=2026-11&format=pdf&balai=semua" in links and "Jaringan internet" in links  # reads every Balai's notes
