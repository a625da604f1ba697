"""The financing reference implementation meets the shared vectors, and bad site_config tables are named by file and line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config.pembiayaan import load_pembiayaan
from generator.tools.pembiayaan import kemampuan_mengangsur, rupiah, simulasi_kpr
from tests.conftest import ROOT, VECTORS, write

TABEL = load_pembiayaan(ROOT / "site_config", []).tabel()


def vectors(name: str) -> list[dict]:
    return json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", vectors("kpr"), ids=lambda c: c["nama"])
def test_kpr_vectors(case):
    """Every shared KPR vector, results and error messages alike."""
    assert simulasi_kpr(case["masukan"], TABEL) == case["hasil"]


@pytest.mark.parametrize("case", vectors("mampu"), ids=lambda c: c["nama"])
def test_mampu_vectors(case):
    """Every shared affordability vector."""
    assert kemampuan_mengangsur(case["masukan"], TABEL) == case["hasil"]


def test_check_value_from_the_brief():
    """Rp 166 jt, 1% down, 5%, 20 years: Rp 1.084.571 a month (domain facts 1.7)."""
    hasil = simulasi_kpr({"harga": 166_000_000, "dp": 1, "bunga": 5, "tenor": 20}, TABEL)
    assert hasil["angsuran"] == 1_084_571
    assert rupiah(hasil["angsuran"]) == "Rp 1.084.571"


def test_vectors_cover_the_edges():
    """The shared vectors keep the check value, 0% interest, a 100% down payment refused, and error cases."""
    kpr = vectors("kpr")
    assert any(c["hasil"].get("angsuran") == 1_084_571 for c in kpr)
    assert any(c["masukan"].get("bunga") == "0" and c["hasil"]["angsuran"] * c["hasil"]["bulan"] == c["hasil"]["plafon"] for c in kpr)
    assert any(c["masukan"].get("dp") == "100" and "dp" in c["hasil"].get("galat", {}) for c in kpr)
    assert sum("galat" in c["hasil"] for c in kpr) >= 4
    assert sum("galat" in c["hasil"] for c in vectors("mampu")) >= 3


def test_a_full_down_payment_needs_no_loan():
    """100% down (or a down payment that rounds to the whole price) is refused with a reason, never 'Rp 0 for 20 years'."""
    for masukan in ({"harga": "150.000.000", "dp": "100"}, {"harga": "1", "dp": "60"}):
        hasil = simulasi_kpr(masukan, TABEL)
        assert hasil == {"galat": {"dp": "Uang muka sebesar harga rumah berarti rumah dibayar tunai, tanpa KPR; isi uang muka kurang dari 100 persen."}}


@pytest.mark.parametrize("typed, amount", [("4 juta", 4_000_000), ("Rp 4 jt", 4_000_000), ("4,5 juta", 4_500_000), ("rp. 4.000.000", 4_000_000)])
def test_incomes_are_read_as_people_write_them(typed, amount):
    assert kemampuan_mengangsur({"penghasilan": typed, "status": "lajang", "zona": "1"}, TABEL)["penghasilan_total"] == amount


def test_income_errors_give_an_income_example_and_huge_amounts_are_too_large():
    """Not 'mis. 166.000.000' (a house price) for an income; 999999999999999 is 'terlalu besar', not 'lebih dari Rp 0'."""
    galat = kemampuan_mengangsur({"penghasilan": "abc", "status": "lajang", "zona": "1"}, TABEL)["galat"]
    assert galat["penghasilan"] == "Isi penghasilan per bulan dengan angka rupiah, mis. 4.500.000 atau 4,5 juta."
    galat = kemampuan_mengangsur({"penghasilan": "999999999999999", "status": "lajang", "zona": "1"}, TABEL)["galat"]
    assert galat["penghasilan"] == "Penghasilan per bulan terlalu besar, paling banyak Rp 1.000.000.000."
    galat = simulasi_kpr({"harga": "999999999999999"}, TABEL)["galat"]
    assert galat["harga"] == "Harga rumah terlalu besar, paling banyak Rp 10.000.000.000."


def test_affordable_price_is_compared_with_the_subsidised_price_cap():
    """A 4-million income can borrow for Rp 204 jt, above every cap in Zona 1: the result says so and names the cap."""
    hasil = kemampuan_mengangsur({"penghasilan": "4.000.000", "status": "lajang", "zona": "1"}, TABEL)
    assert hasil["harga_maks"] == 204_074_444 and hasil["layak_flpp"]
    assert (hasil["batas_harga"], hasil["batas_harga_tertinggi"], hasil["melebihi_batas_harga"]) == (166_000_000, 185_000_000, True)
    assert hasil["catatan_harga"].startswith("Rumah subsidi di Zona 1 paling mahal Rp 166.000.000 sampai Rp 185.000.000 menurut wilayah")
    dipilih = kemampuan_mengangsur({"penghasilan": "4.000.000", "status": "lajang", "zona": "1", "wilayah": "jawa-sumatera"}, TABEL)
    assert dipilih["catatan_harga"].startswith("Rumah subsidi di wilayah Jawa dan Sumatera paling mahal Rp 166.000.000,")
    assert kemampuan_mengangsur({"penghasilan": "4 jt", "status": "lajang", "zona": "1", "wilayah": "papua"}, TABEL) == {
        "galat": {"wilayah": "Wilayah 'papua' tidak termasuk Zona 1; pilih: jawa-sumatera, sulawesi-babel-kepri, maluku-bali-nusra-jabodetabek."}
    }


def test_every_income_zone_names_known_price_regions():
    """Each zone of the real table maps to price regions (Kepmen PUPR 689/KPTS/M/2023) that exist."""
    kode = {w["kode"] for w in TABEL["wilayah"]}
    assert all(z["wilayah_harga"] and set(z["wilayah_harga"]) <= kode for z in TABEL["zona"])


@pytest.mark.parametrize("amount, text", [(0, "Rp 0"), (999, "Rp 999"), (1000, "Rp 1.000"), (1_084_571, "Rp 1.084.571"), (-5_000, "-Rp 5.000")])
def test_rupiah_format(amount, text):
    assert rupiah(amount) == text


def test_half_up_rounding():
    """Half a rupiah rounds up, unlike Python's round() (which would give 1_000_000 for 1_000_000.5)."""
    hasil = simulasi_kpr({"harga": "200.000.001", "dp": "50", "bunga": "0", "tenor": "1"}, TABEL)
    assert hasil["uang_muka"] == 100_000_001  # 100_000_000.5 rounded half up


BAD_TABLE = """\
flpp:
  bunga: 5
  tenor_maks: 20
  uang_muka_min: 1
  sumber: "uji"
  terkonfirmasi: yes please
rasio_angsuran: {bagian: 3, dari: 3, sumber: uji, terkonfirmasi: false}
batas_harga:
  sumber: uji
  terkonfirmasi: true
  tahun_acuan: 2025
  wilayah:
    - {kode: jawa, nama: Jawa, cakupan: Jawa, harga: {2024: 166000000}}
    - {kode: jawa, nama: Jawa lagi, cakupan: Jawa, harga: {2025: 170000000}}
batas_penghasilan:
  sumber: uji
  terkonfirmasi: true
  zona:
    - {kode: "1", nama: Zona 1, cakupan: Jawa, tidak_kawin: 0, kawin: 10000000}
"""

UNKNOWN_REGION = """\
flpp: {bunga: 5, tenor_maks: 20, uang_muka_min: 1, sumber: uji, terkonfirmasi: true}
rasio_angsuran: {bagian: 1, dari: 3, sumber: uji, terkonfirmasi: false}
batas_harga:
  sumber: uji
  terkonfirmasi: true
  tahun_acuan: 2024
  wilayah:
    - {kode: jawa, nama: Jawa, cakupan: Jawa, harga: {2024: 166000000}}
batas_penghasilan:
  sumber: uji
  terkonfirmasi: true
  zona:
    - {kode: "1", nama: Zona 1, cakupan: Jawa, tidak_kawin: 8500000, kawin: 10000000, peserta_tapera: 10000000, wilayah_harga: [jawa, bali]}
"""

BAD_CARD = """\
judul: Kartu
pengantar: Uji
sumber:
  - {kode: pedoman, nama: Pedoman, terkonfirmasi: true}
tahap:
  - kode: pondasi
    nama: Pondasi
    tujuan: Uji
    periksa:
      - {butir: Lebar atas 30 cm, sumber: pedoman}
      - {butir: Adukan 1:4, sumber: tidak-ada}
  - kode: kolom
    nama: Kolom
    tujuan: Uji
    periksa: []
"""


def test_check_names_every_mistake_in_the_tables(kecil):
    """`klinik check` reports bad financing and control-card tables with file, line and field."""
    write(kecil, {"site_config/pembiayaan.yml": BAD_TABLE, "site_config/kartu-kendali.yml": BAD_CARD})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == (
        "site_config/kartu-kendali.yml:15: tahap.1.periksa: daftar tidak boleh kosong\n"
        "site_config/pembiayaan.yml:6: flpp.terkonfirmasi: harus true atau false\n"
        "site_config/pembiayaan.yml:7: rasio_angsuran: rasio angsuran harus kurang dari 1 (bagian < dari)\n"
        "site_config/pembiayaan.yml:8: batas_harga: kode wilayah ganda: jawa\n"
        "site_config/pembiayaan.yml:19: batas_penghasilan.zona.0.peserta_tapera: wajib diisi\n"
        "site_config/pembiayaan.yml:19: batas_penghasilan.zona.0.tidak_kawin: harus lebih dari 0\n"
        "site_config/pembiayaan.yml:19: batas_penghasilan.zona.0.wilayah_harga: wajib diisi\n"
        "Dibatalkan: 7 masalah di 2 berkas.\n"
    )


def test_zone_must_name_known_price_regions(kecil):
    """An income zone pointing at a price region the table lacks is named, with the regions there are."""
    write(kecil, {"site_config/pembiayaan.yml": UNKNOWN_REGION})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "wilayah_harga tidak ada di batas_harga.wilayah: bali; pilih: jawa" in result.output


def test_card_source_must_exist(kecil):
    """A check item citing an unknown source is named with its line."""
    write(kecil, {"site_config/kartu-kendali.yml": BAD_CARD.replace("    periksa: []\n", "    periksa: [{butir: Sengkang 15 cm, sumber: pedoman}]\n")})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == (
        "site_config/kartu-kendali.yml:11: tahap.0.periksa.1.sumber: sumber 'tidak-ada' tidak ada di daftar sumber; pilih: pedoman\n"
        "Dibatalkan: 1 masalah di 1 berkas.\n"
    )
