"""The Standar Pelayanan and Maklumat pages: drawn from site_config/standar_pelayanan.yml, with the deadline and fee the
intake computes with, so changing the one setting changes the pages and the intake's deadline together."""

from __future__ import annotations

from datetime import date, datetime, timezone

from generator.config.project import Project
from generator.intake.deadline import load_calendar
from generator.intake.web.context import load_intake
from generator.intake.web.pages import receipt_html
from generator.pages.inventory import generated_pages
from generator.pages.standar import INDEX, MAKLUMAT
from generator.pipeline import checked
from generator.util.dates import JAKARTA
from tests.conftest import ROOT
from tests.intake_server import settings_for

FILE = "site_config/standar_pelayanan.yml"
PAGES = [INDEX, "standar-pelayanan/informasi.md", "standar-pelayanan/konsultasi.md", "standar-pelayanan/pendampingan.md", MAKLUMAT]


def _with_standard(kecil, days: int | None = None, fee: int | None = None):
    text = (ROOT / FILE).read_text(encoding="utf-8")
    if days is not None:
        text = text.replace("jangka_waktu_hari_kerja: 3 ", f"jangka_waktu_hari_kerja: {days} ", 1)
    if fee is not None:
        text = text.replace("biaya_rupiah: 0 ", f"biaya_rupiah: {fee} ", 1)
    (kecil / FILE).write_text(text, encoding="utf-8")
    state = checked(Project(kecil))
    return state, state.renderer.generated()


def test_pages_exist_only_with_the_file(kecil):
    assert not set(PAGES) & set(generated_pages(checked(Project(kecil)).content))
    state, pages = _with_standard(kecil)
    assert [p for p in generated_pages(state.content) if p in PAGES] == PAGES and set(PAGES) <= set(pages)


def test_each_service_page_lists_all_fourteen_components_with_their_basis(kecil):
    _, pages = _with_standard(kecil)
    page = pages["standar-pelayanan/konsultasi.md"]
    for heading in ("Persyaratan", "Sistem, mekanisme, dan prosedur", "Jangka waktu pelayanan", "Biaya/tarif", "Produk pelayanan",
                    "Penanganan pengaduan, saran, dan masukan", "Dasar hukum", "Sarana dan prasarana, dan/atau fasilitas",
                    "Kompetensi pelaksana", "Pengawasan internal", "Jumlah pelaksana", "Jaminan pelayanan",
                    "Jaminan keamanan dan keselamatan pelayanan", "Evaluasi kinerja pelaksana"):
        assert f'<th scope="row">{heading}</th>' in page, heading
    assert page.count("<tr><td>") == 14 and page.count("</ul></td></tr>") == 14  # every row has its legal basis column
    assert "<li>SE 01/SE/Dt/2025 Lampiran I Bab II huruf C angka 2 huruf c</li>" in page
    assert "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi" in page
    assert "{" not in page.split("---", 2)[2].replace("{: ", "")  # every placeholder filled


def test_the_pages_deadline_and_the_intakes_deadline_change_with_the_one_setting(kecil):
    _, before = _with_standard(kecil)
    assert "paling lambat 3 (tiga) hari kerja sejak pertanyaan diterima" in before["standar-pelayanan/konsultasi.md"]
    assert "Menjawab setiap pertanyaan paling lambat 3 (tiga) hari kerja." in before[MAKLUMAT]
    assert "paling lambat **3 hari kerja**" in before["ajukan.md"]
    assert load_calendar(kecil / "site_config").deadline(date(2026, 11, 23)) == date(2026, 11, 26)

    _, after = _with_standard(kecil, days=5)
    konsultasi = after["standar-pelayanan/konsultasi.md"]
    assert "paling lambat 5 (lima) hari kerja sejak pertanyaan diterima" in konsultasi and "3 (tiga)" not in konsultasi
    assert "Menjawab setiap pertanyaan paling lambat 5 (lima) hari kerja." in after[MAKLUMAT]
    assert "paling lambat **5 hari kerja**" in after["ajukan.md"] and "paling lambat 5 hari kerja" in after["cari.md"]
    assert "paling lambat **5 hari kerja**" in after["layanan-pemda.md"]
    assert "paling lambat 5 (lima) hari kerja" in after[INDEX]
    # The intake reads the same file: Monday 23 November 2026 plus five working days is Monday the 30th.
    assert load_calendar(kecil / "site_config").deadline(date(2026, 11, 23)) == date(2026, 11, 30)
    intake = load_intake(settings_for(kecil))
    try:
        assert intake.calendar.deadline(datetime(2026, 11, 23, 9, 0, tzinfo=JAKARTA)) == date(2026, 11, 30)
        # ... and words it the same way on the receipt the citizen keeps
        receipt = receipt_html("KPKP-2026-000001", datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc), date(2026, 11, 30),
                               "Pembiayaan", "https://klinik.contoh.id/api/status/x", False, jangka=intake.calendar.jangka)
        assert "(5 (lima) hari kerja, tidak termasuk" in receipt and "3 hari kerja" not in receipt
    finally:
        intake.store.engine.dispose()


def test_a_fee_shows_on_every_page_that_promised_free(kecil):
    _, free = _with_standard(kecil)
    assert "Layanan ini **gratis**" in free["ajukan.md"] and "## Tiga layanan, gratis" in free["index.md"]
    _, paid = _with_standard(kecil, fee=10_000)
    assert "Layanan ini dikenai biaya Rp 10.000." in paid["standar-pelayanan/informasi.md"]
    assert "Layanan ini **dikenai biaya Rp 10.000**" in paid["ajukan.md"] and "## Tiga layanan\n" in paid["index.md"]
    assert "gratis" not in paid[INDEX]


def test_home_ask_and_standard_link_each_other(kecil):
    _, pages = _with_standard(kecil)
    assert "[Standar Pelayanan](standar-pelayanan/index.md)" in pages["index.md"]
    assert "[Maklumat Pelayanan](maklumat-pelayanan.md)" in pages["index.md"]
    assert "sesuai [standar pelayanan](standar-pelayanan/konsultasi.md)" in pages["ajukan.md"]
    assert "[Sampaikan di sini](../pengaduan-layanan.md)" in pages["standar-pelayanan/pendampingan.md"]


def test_the_maklumat_has_a_place_to_sign_and_cites_its_basis(kecil):
    _, pages = _with_standard(kecil)
    maklumat = pages[MAKLUMAT]
    assert "Dengan ini kami menyatakan sanggup" in maklumat and "<p>Kepala Balai P3KP,</p>" in maklumat
    assert "Dasar: UU 25/2009 Pasal 15 huruf b dan Pasal 22; PermenPANRB 15/2014." in maklumat


def test_the_real_project_has_the_standard():
    assert set(PAGES) <= set(generated_pages(checked(Project(ROOT)).content))


def test_the_home_pages_service_text_takes_the_same_figure(kecil):
    site = kecil / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("Tanya jawab dengan Tenaga Ahli.", "Dijawab paling lambat {jangka_waktu}."),
                    encoding="utf-8")
    _, pages = _with_standard(kecil, days=4)
    assert "Dijawab paling lambat 4 (empat) hari kerja." in pages["index.md"]
    assert "Tenaga Ahli menjawab paling lambat {jangka_waktu}." in (ROOT / "site_config" / "site.yml").read_text(encoding="utf-8")
