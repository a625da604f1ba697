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
Batas harga rumah subsidi  Rp 173.000.000 sampai Rp 185.000.000 di Zona 2, menurut wilayah
KPR FLPP                   tidak memenuhi: Penghasilan gabungan suami-istri Rp 11.500.000 per bulan melebihi batas Rp 11.000.000 untuk status kawin di Zona 2.
""" + (
    "Catatan harga              Rumah subsidi di Zona 2 paling mahal Rp 173.000.000 sampai Rp 185.000.000 menurut wilayah, lebih rendah "
    "dari harga paling tinggi yang terjangkau (Rp 433.658.251). KPR FLPP hanya membiayai rumah sampai batas itu; rumah yang lebih mahal "
    "memerlukan KPR biasa dengan bunga pasar.\n"
)


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


def test_amounts_are_read_as_people_write_them():
    """`--harga "Rp 166 jt"` and `--penghasilan "4 juta"` work like 166.000.000 and 4.000.000."""
    result = run("kpr", "--harga", "Rp 166 jt", "--zona", "jawa-sumatera")
    assert result.exit_code == 0 and result.output == KPR_TEXT
    result = run("mampu", "--penghasilan", "4 juta", "--zona", "1", "--wilayah", "jawa-sumatera")
    assert result.exit_code == 0, result.output
    lines = dict(line.split("  ", 1) for line in result.output.splitlines())
    assert lines["Harga rumah paling tinggi"].strip() == "Rp 204.074.444 (uang muka 1%)"
    assert lines["Batas harga rumah subsidi"].strip() == "Rp 166.000.000 (Jawa dan Sumatera)"
    assert lines["Catatan harga"].strip().startswith("Rumah subsidi di wilayah Jawa dan Sumatera paling mahal Rp 166.000.000, lebih rendah")


def test_mampu_json():
    result = run("mampu", "--penghasilan", "4000000", "--penghasilan-pasangan", "3000000", "--status", "kawin", "--zona", "1", "--json")
    data = json.loads(result.output)
    assert (data["angsuran_maks"], data["plafon_maks"], data["harga_maks"], data["layak_flpp"]) == (2_333_333, 353_559_013, 357_130_316, True)


@pytest.mark.parametrize("args, line", [
    (["kpr"], "Galat: Harga rumah wajib diisi."),
    (["kpr", "--harga", "seratus"], "Galat: Isi harga rumah dengan angka rupiah, mis. 166.000.000 atau 166 juta."),
    (["kpr", "--harga", "999999999999999"], "Galat: Harga rumah terlalu besar, paling banyak Rp 10.000.000.000."),
    (["kpr", "--harga", "1.5 juta"], "Galat: Titik di harga rumah memisahkan ribuan, mis. 4.500.000; untuk pecahan pakai koma, mis. 4,5 juta."),
    (["kpr", "--harga", "166000000", "--dp", "120"], "Galat: Uang muka harus paling sedikit 0 dan kurang dari 100 persen."),
    (
        ["kpr", "--harga", "Rp 150 jt", "--dp", "100"],
        "Galat: Uang muka sebesar harga rumah berarti rumah dibayar tunai, tanpa KPR; isi uang muka kurang dari 100 persen.",
    ),
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
    (["mampu", "--penghasilan", "abc", "--zona", "1"], "Galat: Isi penghasilan per bulan dengan angka rupiah, mis. 4.500.000 atau 4,5 juta."),
    (["mampu", "--penghasilan", "999999999999999", "--zona", "1"], "Galat: Penghasilan per bulan terlalu besar, paling banyak Rp 1.000.000.000."),
    (
        ["mampu", "--penghasilan", "4 juta", "--zona", "4", "--wilayah", "papua"],
        "Galat: Wilayah 'papua' tidak termasuk Zona 4; pilih: maluku-bali-nusra-jabodetabek.",
    ),
])
def test_bad_arguments_exit_2_with_one_line(args, line):
    result = CliRunner().invoke(main, [*args[:1], *PROJECT, *args[1:]])
    assert result.exit_code == 2
    assert result.output == line + "\n"


def test_option_without_value_exits_2():
    result = CliRunner().invoke(main, ["kpr", *PROJECT, "--harga"])
    assert (result.exit_code, result.output) == (2, "Galat: opsi --harga perlu diisi nilai; lihat `klinik kpr --help`.\n")
