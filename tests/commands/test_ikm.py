"""`klinik ikm hitung` on real CSV files: the result in text and JSON, and every bad cell named before any result."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import ROOT, VECTORS

HEADER9 = ",".join(f"U{i}" for i in range(1, 10))
CASES = json.loads((VECTORS / "ikm.json").read_text(encoding="utf-8"))["ikm"]


@pytest.fixture
def here(tmp_path, monkeypatch):
    """The working directory, so reported paths are the file names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["ikm", "hitung", *args, "--proyek", str(ROOT)])


def csv_file(folder, name: str, text: str | bytes):
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return name


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["nama"])
def test_json_meets_the_shared_vectors(here, case):
    unsur = "permenpanrb-2017" if case["unsur"] == 9 else "se-2025"
    header = ",".join(f"U{i}" for i in range(1, case["unsur"] + 1))
    name = csv_file(here, "jawaban.csv", header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in case["baris"]))
    result = run(name, "--unsur", unsur, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["n", "nrr", "ikm", "mutu", "kinerja"]
    expected = case["hasil"]
    assert data["n"] == expected["n"] and data["mutu"] == expected["mutu"] and data["kinerja"] == expected["kinerja"]
    assert f'"ikm": {expected["ikm"]},' in result.stdout  # a number written with its 2 decimals: 87.50, 100.00
    assert len(data["nrr"]) == case["unsur"]


def test_text_names_each_element_and_gives_ikm_with_a_comma(here):
    rows = "no;nama_kolom_lain;" + HEADER9.replace(",", ";") + "\n" + "1;x;" + ";".join(["3"] * 9) + "\n2;y;" + ";".join(["4"] * 9) + "\n"
    name = csv_file(here, "semester.csv", "\ufeff" + rows)  # Excel's BOM and ';', extra columns ignored
    result = run(name, "--unsur", "permenpanrb-2017")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2 responden, set permenpanrb-2017" in out
    assert "  U1  Persyaratan" in out and "3,5000" in out and "  U9  Sarana dan prasarana" in out
    assert "IKM = Σ(NRR × 1/9) × 25 = 87,50\nMutu pelayanan: B\nKinerja unit pelayanan: Baik\n" in out


def test_columns_are_read_by_name_in_the_set_s_order(here):
    header = "U2,U1," + ",".join(f"U{i}" for i in range(3, 10))
    name = csv_file(here, "acak.csv", header + "\n1,4,4,4,4,4,4,4,4\n")
    data = json.loads(run(name, "--unsur", "permenpanrb-2017", "--json").stdout)
    assert data["nrr"][:2] == [4, 1]


def test_every_bad_cell_is_reported_at_once_and_nothing_else_printed(here):
    rows = [HEADER9, "3,3,3,3,3,3,3,3,3", ",3,5,abc,3.5,3,0,-1,2,", "4,4,4", "4,4,4,4,4,4,4,4,4,extra", "1,2,3,4,4,3,2,1,3,5"]
    name = csv_file(here, "salah.csv", "\n".join(rows) + "\n")
    result = run(name, "--unsur", "permenpanrb-2017")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "salah.csv:3: U1: kosong; isi nilai 1-4",
        "salah.csv:3: U3: nilai 5 di luar 1-4",
        "salah.csv:3: U4: 'abc' bukan angka; isi nilai 1-4",
        "salah.csv:3: U5: '3.5' bukan bilangan bulat; isi nilai 1-4",
        "salah.csv:3: U7: nilai 0 di luar 1-4",
        "salah.csv:3: U8: nilai -1 di luar 1-4",
        "salah.csv:4: U4: kosong; isi nilai 1-4",
        "salah.csv:4: U5: kosong; isi nilai 1-4",
        "salah.csv:4: U6: kosong; isi nilai 1-4",
        "salah.csv:4: U7: kosong; isi nilai 1-4",
        "salah.csv:4: U8: kosong; isi nilai 1-4",
        "salah.csv:4: U9: kosong; isi nilai 1-4",
        "Dibatalkan: 12 masalah di 1 berkas.",
    ]


def test_a_decimal_comma_is_fractional_too(here):
    name = csv_file(here, "koma.csv", HEADER9.replace(",", ";") + "\n" + ";".join(["3"] * 8 + ["3,5"]) + "\n")
    result = run(name, "--unsur", "permenpanrb-2017")
    assert result.exit_code == 1 and "koma.csv:2: U9: '3,5' bukan bilangan bulat; isi nilai 1-4" in result.stderr


def test_missing_columns_are_named(here):
    name = csv_file(here, "kurang.csv", "U1,U2,U3\n1,2,3\n")
    result = run(name, "--unsur", "permenpanrb-2017")
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "kurang.csv:1: judul kolom: kolom U4 (Biaya/tarif) tidak ada; baris pertama harus memuat U1 sampai U9 untuk set permenpanrb-2017"
    assert len(lines) == 7 and lines[-1] == "Dibatalkan: 6 masalah di 1 berkas."


@pytest.mark.parametrize(("content", "message"), [
    (b"", "kosong.csv:1: berkas: berkas kosong; baris pertama harus judul kolom U1 sampai U9"),
    (b"\n\n", "kosong.csv:1: berkas: berkas kosong; baris pertama harus judul kolom U1 sampai U9"),
    (HEADER9.encode() + b"\n", "kosong.csv:2: berkas: tidak ada baris jawaban di bawah judul kolom; IKM belum dapat dihitung"),
    (HEADER9.encode() + b"\n,,,,,,,,\n", "kosong.csv:2: berkas: tidak ada baris jawaban di bawah judul kolom; IKM belum dapat dihitung"),
    (HEADER9.encode() + b"\n3,3,3,3,3,3,3,3,\xe9\n", "kosong.csv:1: berkas: bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa5", "kosong.csv:1: berkas: bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)"),  # an XLSX
    (HEADER9.encode() + b"\n3\x00\n", "kosong.csv:2: berkas: berisi karakter NUL; ini bukan berkas CSV teks"),
])
def test_unreadable_or_empty_files_are_one_clear_line(here, content, message):
    name = csv_file(here, "kosong.csv", content)
    result = run(name, "--unsur", "permenpanrb-2017")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"{message}\nDibatalkan: 1 masalah di 1 berkas.\n"


def test_a_missing_file_and_an_unknown_set(here):
    result = run("tidak-ada.csv", "--unsur", "se-2025")
    assert result.exit_code == 1 and result.stderr.startswith("tidak-ada.csv:1: berkas: berkas tidak ditemukan\n")
    name = csv_file(here, "a.csv", HEADER9 + "\n" + ",".join(["3"] * 9) + "\n")
    result = run(name, "--unsur", "se-2024")
    assert result.exit_code == 2
    assert result.stderr == "Galat: --unsur 'se-2024' tidak ada di site_config/ikm.yml; pilih: permenpanrb-2017, se-2025\n"
    result = CliRunner().invoke(main, ["ikm", "hitung", name])
    assert result.exit_code == 2 and result.stderr == "Galat: --unsur wajib diisi; lihat `klinik ikm hitung --help`.\n"


def test_the_twelve_element_set_reads_u1_to_u12(here):
    header = ",".join(f"U{i}" for i in range(1, 13))
    name = csv_file(here, "se.csv", header + "\n" + ",".join(["4"] * 12) + "\n" + ",".join(["2"] * 12) + "\n")
    result = run(name, "--unsur", "se-2025")
    assert result.exit_code == 0
    assert "  U12 Keamanan pelayanan" in result.stdout and "× 1/12) × 25 = 75,00\nMutu pelayanan: C\nKinerja unit pelayanan: Kurang baik" in result.stdout


def test_spaces_and_leading_zeros_are_still_scores(here):
    name = csv_file(here, "spasi.csv", HEADER9 + "\n" + ",".join([" 3 ", "04", "+3", "1", "2", "3", "4", "4", "4"]) + "\n")
    result = run(name, "--unsur", "permenpanrb-2017", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nrr"] == [3, 4, 3, 1, 2, 3, 4, 4, 4]


def test_a_file_of_the_wrong_kind_stops_after_200_cells(here):
    name = csv_file(here, "teks.csv", HEADER9 + "\n" + "".join(",".join(["x"] * 9) + "\n" for _ in range(100)))
    result = run(name, "--unsur", "permenpanrb-2017")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == 209  # 23 rows × 9 cells (207 ≥ 200), the stop line, the count
    assert "teks.csv:24: berkas: berhenti setelah 200 sel salah; perbaiki yang di atas lalu hitung lagi" in lines
