"""`klinik kpr` and `klinik mampu` print exact figures, and bad arguments end with one Indonesian line and exit 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import ROOT

PROJECT = ["--proyek", str(ROOT)]

KPR_TEXT = """\
Harga rumah                    Rp 166.000.000
Uang muka (1%)                 Rp 1.660.000
Pinjaman                       Rp 164.340.000
Bunga                          5% per tahun, tetap (anuitas)
Jangka waktu                   20 tahun (240 bulan)
Angsuran per bulan             Rp 1.084.571
Total dibayar                  Rp 260.297.040
Total bunga                    Rp 95.957.040
Batas harga Jawa dan Sumatera  Rp 166.000.000 (harga dalam batas)
"""

MAMPU_TEXT = """\
Penghasilan rumah tangga   Rp 11.500.000
Batas angsuran             Rp 3.833.333
Cicilan lain               Rp 1.000.000
Angsuran paling besar      Rp 2.833.333
Pinjaman paling besar      Rp 429.321.669 (bunga 5%, 20 tahun)
Harga rumah paling tinggi  Rp 433.658.251 (uang muka 1%)
KPR FLPP                   tidak memenuhi: Penghasilan gabungan suami-istri Rp 11.500.000 per bulan melebihi batas Rp 11.000.000 untuk status kawin di Zona 2.
"""


def run(*args: str):
    return CliRunner().invoke(main, [*args, *PROJECT])


def test_kpr_prints_the_check_value():
    result = run("kpr", "--harga", "166.000.000", "--dp", "1", "--bunga", "5", "--tenor", "20", "--zona", "jawa-sumatera")
    assert result.exit_code == 0, result.output
    assert result.output == KPR_TEXT


def test_kpr_defaults_to_flpp_terms_and_prints_json():
    result = run("kpr", "--harga", "166000000", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["dp"], data["bunga"], data["tenor"], data["angsuran"], data["total_bunga"]) == (1, 5, 20, 1_084_571, 95_957_040)


def test_kpr_over_the_price_cap_says_so():
    result = run("kpr", "--harga", "200.000.000", "--zona", "jawa-sumatera")
    assert result.output.splitlines()[-1] == "Batas harga Jawa dan Sumatera  Rp 166.000.000 (harga melebihi batas, tidak dapat KPR FLPP)"


def test_mampu_prints_affordability_and_eligibility():
    result = run(
        "mampu", "--penghasilan", "7.000.000", "--penghasilan-pasangan", "4.500.000", "--cicilan-lain", "1.000.000", "--status", "kawin", "--zona", "2"
    )
    assert result.exit_code == 0, result.output
    assert result.output == MAMPU_TEXT


def test_mampu_json():
    result = run("mampu", "--penghasilan", "4000000", "--penghasilan-pasangan", "3000000", "--status", "kawin", "--zona", "1", "--json")
    data = json.loads(result.output)
    assert (data["angsuran_maks"], data["plafon_maks"], data["harga_maks"], data["layak_flpp"]) == (2_333_333, 353_559_013, 357_130_316, True)


@pytest.mark.parametrize("args, line", [
    (["kpr"], "Galat: Harga rumah wajib diisi."),
    (["kpr", "--harga", "seratus"], "Galat: Isi harga rumah dengan angka rupiah bulat, mis. 166.000.000."),
    (["kpr", "--harga", "166000000", "--dp", "120"], "Galat: Uang muka harus antara 0 dan 100 persen."),
    (["kpr", "--harga", "166000000", "--tenor", "2,5"], "Galat: Jangka waktu harus bilangan bulat 1 sampai 35 tahun."),
    (
        ["kpr", "--harga", "166000000", "--zona", "bulan"],
        "Galat: Wilayah 'bulan' tidak dikenal; pilih: jawa-sumatera, kalimantan, sulawesi-babel-kepri, maluku-bali-nusra-jabodetabek, papua.",
    ),
    (["kpr", "--harga", "1", "--kurs", "2"], "Galat: opsi --kurs tidak dikenal; lihat `klinik kpr --help`."),
    (["kpr", "lebih"], "Galat: argumen tidak dikenal; semua masukan memakai opsi, lihat `klinik kpr --help`."),
    (["mampu", "--zona", "1"], "Galat: Penghasilan per bulan wajib diisi."),
    (["mampu", "--penghasilan", "5000000", "--penghasilan-pasangan", "1000000", "--zona", "1"], "Galat: Penghasilan pasangan hanya diisi bila status kawin."),
    (["mampu", "--penghasilan", "5000000", "--status", "duda", "--zona", "1"], "Galat: Pilih status perkawinan: kawin atau lajang."),
    (["mampu", "--penghasilan", "5000000", "--zona", "9"], "Galat: Zona '9' tidak dikenal; pilih: 1, 2, 3, 4."),
])
def test_bad_arguments_exit_2_with_one_line(args, line):
    result = CliRunner().invoke(main, [*args[:1], *PROJECT, *args[1:]])
    assert result.exit_code == 2
    assert result.output == line + "\n"


def test_option_without_value_exits_2():
    result = CliRunner().invoke(main, ["kpr", *PROJECT, "--harga"])
    assert (result.exit_code, result.output) == (2, "Galat: opsi --harga perlu diisi nilai; lihat `klinik kpr --help`.\n")
