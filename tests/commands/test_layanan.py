"""`klinik layanan impor` and `rekap`: a Balai's guest book joins the register once, and the recap counts it."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import select

from generator.cli.main import main
from generator.intake.model import NewSubmission
from generator.intake.settings import load_settings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.schema import layanan, layanan_identitas

HEADER = "tanggal,nama,telepon,jenis_layanan,kanal,bidang,provinsi,kabupaten_kota,uraian,jenis_pemohon,jumlah_orang"
ROWS = [
    "2026-11-03,Budi Santoso,0812 3456 7890,konsultasi,kantor,pembiayaan,Bali,Kota Denpasar,Tanya KPR FLPP,,",
    "04/11/2026,Sri Wahyuni,+62 813 1111 2222,pendampingan,lapangan,perencanaan-rumah,Bali,Kabupaten Badung,Cek retak dinding,,",
    "2026-11-05,,,informasi,acara,pembiayaan,Bali,,Pameran perumahan,,120",
    "2026-11-06,Pemkab Badung,,konsultasi,kantor,perencanaan-rumah,Bali,Kabupaten Badung,PBG rumah MBR,pemda,",
]


def run(*args):
    return CliRunner().invoke(main, list(args))


def store_of(project) -> Store:
    return Store(open_engine(load_settings(project_dir=project).db_url))


def write_csv(path, rows, header=HEADER, sep=","):
    path.write_text("\n".join([header.replace(",", sep), *(r.replace(",", sep) for r in rows)]) + "\n", encoding="utf-8")
    return path


def test_import_then_recap_counts_every_kind_and_channel(kecil):
    book = write_csv(kecil / "bukutamu.csv", ROWS)
    result = run("layanan", "impor", str(book), "--balai", "uji-ii")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 layanan dicatat untuk Balai uji-ii (tiket KPKP-2026-000001 s.d. KPKP-2026-000004).")
    recap = json.loads(run("layanan", "rekap", "--balai", "uji-ii", "--bulan", "2026-11", "--json").output)
    assert recap == {"balai": "uji-ii", "bulan": "2026-11", "total": 4,
                     "per_jenis": {"informasi": 1, "konsultasi": 2, "pendampingan": 1},
                     "per_kanal": {"daring": 0, "kantor": 2, "lapangan": 1, "acara": 1}}
    assert json.loads(run("layanan", "rekap", "--balai", "uji-i", "--bulan", "2026-11", "--json").output)["total"] == 0
    assert json.loads(run("layanan", "rekap", "--balai", "semua", "--bulan", "2026-10", "--json").output)["total"] == 0
    with store_of(kecil).engine.connect() as conn:
        people = dict(conn.execute(select(layanan_identitas.c.nama, layanan_identitas.c.telepon)).all())
        event = conn.execute(select(layanan.c.jumlah_orang).where(layanan.c.kanal == "acara")).scalar_one()
    assert people == {"Budi Santoso": "081234567890", "Sri Wahyuni": "081311112222", "Pemkab Badung": None}
    assert event == 120  # an event keeps how many were informed, never who


def test_importing_the_same_book_again_adds_nothing(kecil):
    book = write_csv(kecil / "bukutamu.csv", ROWS)
    assert run("layanan", "impor", str(book), "--balai", "uji-ii").exit_code == 0
    again = run("layanan", "impor", str(book), "--balai", "uji-ii")
    assert again.exit_code == 0 and again.output == "0 layanan dicatat untuk Balai uji-ii; 4 baris sudah diimpor sebelumnya.\n"
    grown = write_csv(kecil / "bukutamu.csv", [ROWS[0], ROWS[0], *ROWS[1:]])  # a second, identical visit the same day
    assert run("layanan", "impor", str(grown), "--balai", "uji-ii").output.startswith("1 layanan dicatat")
    recap = json.loads(run("layanan", "rekap", "--balai", "uji-ii", "--bulan", "2026-11", "--json").output)
    assert recap["total"] == 5


def test_semicolon_csv_and_xlsx_with_dates_as_cells_read_alike(kecil):
    book = write_csv(kecil / "excel.csv", ROWS[:1], sep=";")
    assert run("layanan", "impor", str(book), "--balai", "uji-ii").output.startswith("1 layanan dicatat")
    sheet = Workbook()
    sheet.active.append(HEADER.split(","))
    sheet.active.append([datetime(2026, 11, 7), "Made Ayu", "081299998888", "konsultasi", "kantor", "pembiayaan", "Bali",
                         "Kota Denpasar", "Tanya uang muka", None, None])
    sheet.save(kecil / "bukutamu.xlsx")
    assert run("layanan", "impor", str(kecil / "bukutamu.xlsx"), "--balai", "uji-ii").output.startswith("1 layanan dicatat")
    assert json.loads(run("layanan", "rekap", "--balai", "uji-ii", "--bulan", "2026-11", "--json").output)["total"] == 2


def test_every_bad_row_is_reported_and_nothing_is_imported(kecil):
    bad = [
        ROWS[0],
        "2026-13-40,Ani,0812 3456 7890,konsultasi,kantor,pembiayaan,Bali,Kota Denpasar,Tanya,,",
        "2026-11-03,Ani,12345,tanya,kantin,listrik,Bali,Kota Bandung,Tanya,,",
        "2026-11-03,Ani,0812 3456 7890,informasi,acara,pembiayaan,Atlantis,,Pameran,,nol",
        "2099-01-01,A,,konsultasi,kantor,pembiayaan,Bali,Kota Denpasar,,warga,",
    ]
    book = write_csv(kecil / "salah.csv", bad)
    result = run("layanan", "impor", str(book), "--balai", "uji-ii")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "salah.csv:3: tanggal: '2026-13-40' bukan tanggal (YYYY-MM-DD atau DD/MM/YYYY)",
        "salah.csv:4: bidang: 'listrik' bukan slug bidang; pilih: pembiayaan, perencanaan-rumah",
        "salah.csv:4: jenis_layanan: 'tanya' tidak dikenal; pilih: informasi, konsultasi, pendampingan",
        "salah.csv:4: kabupaten_kota: 'Kota Bandung' tidak ada di provinsi Bali",
        "salah.csv:4: kanal: 'kantin' tidak dikenal; pilih: daring, kantor, lapangan, acara",
        "salah.csv:4: telepon: '12345' bukan nomor Indonesia (mis. 0812 3456 7890)",
        "salah.csv:5: jumlah_orang: 'nol' bukan bilangan bulat 1-100000",
        "salah.csv:5: nama: layanan di acara tidak mencatat identitas: kosongkan nama dan telepon, isi jumlah_orang",
        "salah.csv:5: provinsi: 'Atlantis' tidak ada di wilayah.yml (tulis persis, mis. Jawa Tengah)",
        "salah.csv:6: jenis_pemohon: 'warga' tidak dikenal; pilih: perorangan, pemda, lembaga",
        "salah.csv:6: nama: wajib diisi (2-100 karakter)",
        "salah.csv:6: tanggal: 2099-01-01 belum terjadi",
        "salah.csv:6: uraian: wajib diisi: apa yang ditanyakan atau dilayani",
        "Dibatalkan: 13 masalah di 1 berkas.",
    ]
    assert json.loads(run("layanan", "rekap", "--balai", "semua", "--bulan", "2026-11", "--json").output)["total"] == 0


@pytest.mark.parametrize(("header", "message"), [
    ("tanggal,nama,telepon", "salah.csv:1: judul kolom: kolom wajib tidak ada: jenis_layanan, kanal, bidang, provinsi, kabupaten_kota, uraian"),
    (HEADER + ",catatan", "salah.csv:1: judul kolom: kolom tidak dikenal: catatan; kolom yang dikenal: "
                          "tanggal, nama, telepon, jenis_layanan, kanal, bidang, provinsi, kabupaten_kota, uraian, jenis_pemohon, "
                          "jumlah_orang, bentuk_pendampingan, menindaklanjuti"),
])
def test_a_wrong_header_is_named(kecil, header, message):
    book = write_csv(kecil / "salah.csv", [], header=header)
    result = run("layanan", "impor", str(book), "--balai", "uji-ii")
    assert result.exit_code == 1 and result.output.splitlines()[0] == message


def test_usage_mistakes_exit_2(kecil):
    book = write_csv(kecil / "bukutamu.csv", ROWS)
    assert run("layanan", "impor", str(book), "--balai", "tidak-ada").output == (
        "Galat: Balai 'tidak-ada' tidak ada di site_config/balai.yml; pilih: uji-i, uji-ii\n")
    wrong_month = run("layanan", "rekap", "--balai", "semua", "--bulan", "11-2026")
    assert (wrong_month.exit_code, wrong_month.output) == (2, "Galat: --bulan '11-2026' tidak valid; tulis tahun-bulan, mis. 2026-11\n")


def test_web_questions_are_in_the_register_under_their_province_balai(kecil):
    """A question from the form is a konsultasi on the daring channel, counted for the Balai of its province."""
    store = store_of(kecil)
    received = datetime(2026, 11, 30, 20, 0, tzinfo=timezone.utc)  # 1 December in WIB: counted in December
    item = NewSubmission(nama="Rina", telepon="081234567890", email=None, provinsi="Bali", kabupaten_kota="Kota Denpasar",
                         area="pembiayaan", question="Bagaimana mengajukan KPR FLPP pertama?", balai="uji-ii")
    store.add(item, received, received.date())
    december = json.loads(run("layanan", "rekap", "--balai", "uji-ii", "--bulan", "2026-12", "--json").output)
    assert december["total"] == 1 and december["per_kanal"]["daring"] == 1 and december["per_jenis"]["konsultasi"] == 1


def test_erasing_a_walk_in_forgets_the_person_and_keeps_the_count(kecil):
    book = write_csv(kecil / "bukutamu.csv", ROWS[:1])
    assert run("layanan", "impor", str(book), "--balai", "uji-ii").exit_code == 0
    erased = run("intake", "hapus-data", "KPKP-2026-000001")
    assert erased.exit_code == 0, erased.output
    with store_of(kecil).engine.connect() as conn:
        assert conn.execute(select(layanan_identitas)).all() == []
        row = conn.execute(select(layanan)).mappings().one()
    assert row["uraian"] is None and row["erased_at"] is not None and row["provinsi"] == "Bali"
    assert json.loads(run("layanan", "rekap", "--balai", "uji-ii", "--bulan", "2026-11", "--json").output)["total"] == 1


def test_an_import_may_name_the_form_of_pendampingan_and_the_consultation_it_follows(kecil):
    header = HEADER + ",bentuk_pendampingan,menindaklanjuti"
    rows = [ROWS[0] + ",,", ROWS[1] + ",pengawasan,KPKP-2026-000001"]
    result = run("layanan", "impor", str(write_csv(kecil / "pendampingan.csv", rows, header=header)), "--balai", "uji-ii")
    assert result.exit_code == 0, result.output
    with store_of(kecil).engine.connect() as conn:
        row = conn.execute(select(layanan.c.bentuk, layanan.c.menindaklanjuti).where(layanan.c.jenis == "pendampingan")).one()
    assert tuple(row) == ("pengawasan", "KPKP-2026-000001")
    bad = [ROWS[0] + ",rab,", ROWS[1] + ",menjahit,KPKP-1"]
    result = run("layanan", "impor", str(write_csv(kecil / "salah-bentuk.csv", bad, header=header)), "--balai", "uji-ii")
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "salah-bentuk.csv:2: bentuk_pendampingan: hanya untuk jenis_layanan pendampingan",
        "salah-bentuk.csv:3: bentuk_pendampingan: 'menjahit' tidak dikenal; pilih: perancangan, rab, bahan-bangunan, pembiayaan, "
        "pelaksanaan, pengawasan, pemberdayaan",
        "salah-bentuk.csv:3: menindaklanjuti: 'KPKP-1' bukan nomor tiket (KPKP-TAHUN-NOMOR)",
    ]
