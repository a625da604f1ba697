"""RAB: hand-computed arithmetic, shared vectors, Indonesian amounts, every validation class, CLI, downloads."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.check import check
from generator.config.project import Project
from generator.pipeline import checked
from generator.rab.compute import hitung, rab
from generator.rab.table import angka, rupiah
from tests.conftest import FIXTURES, ROOT, VECTORS

RAB_VECTORS = json.loads((VECTORS / "rab.json").read_text(encoding="utf-8"))["vektor"]
KLINIK = Path(sys.executable).parent / "klinik"


@pytest.fixture
def rumah(kecil: Path) -> Path:
    """The small project plus one tiny design and two province price tables (tests/fixtures/rab)."""
    shutil.copytree(FIXTURES / "rab", kecil, dirs_exist_ok=True)
    taxonomy = kecil / "site_config" / "taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("      - {slug: pbg, nama: PBG}", "      - {slug: pbg, nama: PBG}\n      - {slug: desain-rab, nama: Desain dan RAB}"), encoding="utf-8"
    )
    return kecil


def _problems(project: Path) -> list[str]:
    return [str(p) for p in sorted(check(Project(project))[1])]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_rab_of_the_fixture_matches_hand_computation(rumah):
    """Alfa: X.01 = (0,5×100.000 + 10×1.500)×1,10 = 71.500; Y.01 = (0,1×150.000 + 70×1.000 + 0,5×20.000)×1,10 = 104.500."""
    state = checked(Project(rumah))
    book = state.content.config.harga
    design = state.content.by_slug[("desain-rumah", "mini")].entry
    alfa = rab(design, book, book.by_slug("alfa"))
    assert alfa["harga_satuan"] == {"X.01": 71500, "Y.01": 104500}
    assert [r["jumlah"] for r in alfa["baris"]] == [178750, 347985]
    assert alfa["subtotal"] == {"persiapan": 347985, "dinding": 178750}
    assert list(alfa["subtotal"]) == ["persiapan", "dinding"]
    assert (alfa["total"], alfa["per_m2"]) == (526735, 25083)
    beta = rab(design, book, book.by_slug("beta"))
    assert (beta["total"], beta["per_m2"]) == (150000 + 283050, 20621)


@pytest.mark.parametrize("vector", RAB_VECTORS, ids=[v["nama"] for v in RAB_VECTORS])
def test_shared_vectors_in_python(vector):
    """The same vectors run in Chromium against klinik-rab.js (tests/rab/test_rab_browser.py)."""
    hasil = hitung(vector["masukan"])
    assert {k: hasil[k] for k in vector["hasil"]} == vector["hasil"]


def test_amounts_are_written_the_indonesian_way():
    assert rupiah(1084571) == "Rp 1.084.571"
    assert rupiah(0) == "Rp 0"
    assert rupiah(-2500) == "-Rp 2.500"
    assert angka(25.92) == "25,92"
    assert angka(1234.5) == "1.234,5"
    assert angka(4.0) == "4"


def test_check_reports_every_class_of_design_mistake_at_once(rumah):
    """Unknown analysis, unit mismatch, unpriced in a province, non-positive volume, bad plan: one run, exact lines."""
    design = rumah / "content" / "desain-rumah" / "mini.md"
    _edit(design, "satuan: m2, volume: 2.5, kode_analisa: X.01", "satuan: m3, volume: 2.5, kode_analisa: X.01")
    _edit(
        design,
        "boq:\n",
        "boq:\n  - {divisi: atap, uraian: Atap, satuan: m2, volume: 1, kode_analisa: Z.09}\n"
        "  - {divisi: atap, uraian: Nok, satuan: m', volume: 0, kode_analisa: X.01}\n",
    )
    _edit(rumah / "site_config" / "harga_satuan" / "provinsi" / "beta.yml", "bata: 1000, ", "")
    (rumah / "content" / "desain-rumah" / "mini.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><title>Denah</title></svg>', encoding="utf-8")
    assert _problems(rumah) == [
        "content/desain-rumah/mini.md:15: boq.1.volume: volume harus lebih dari 0 (tertulis 0)",
    ]
    _edit(design, "volume: 0, kode_analisa: X.01}\n", "volume: 1, kode_analisa: X.01}\n")
    assert _problems(rumah) == [
        "content/desain-rumah/mini.md:10: denah: SVG denah wajib punya <desc> berisi teks",
        "content/desain-rumah/mini.md:14: boq.0.kode_analisa: analisa 'Z.09' tidak ada di site_config/harga_satuan/analisa.yml",
        "content/desain-rumah/mini.md:15: boq.1.satuan: satuan \"m'\" tidak sama dengan satuan analisa X.01 ('m2')",
        "content/desain-rumah/mini.md:16: boq.2.satuan: satuan 'm3' tidak sama dengan satuan analisa X.01 ('m2')",
        "content/desain-rumah/mini.md:17: boq.3.kode_analisa: desain mini, item 'Dinding sementara': tidak berharga di provinsi Beta "
        "(harga dasar bata tidak ada di site_config/harga_satuan/provinsi/beta.yml)",
    ]


def test_price_tables_are_validated(rumah):
    """Overhead above 15 %, a table not marked indicative, an analysis naming an unknown resource."""
    prices = rumah / "site_config" / "harga_satuan"
    _edit(prices / "provinsi" / "alfa.yml", "biaya_umum_keuntungan: 10", "biaya_umum_keuntungan: 20")
    _edit(prices / "provinsi" / "beta.yml", "indikatif: true", "indikatif: false")
    _edit(prices / "analisa.yml", "bahan: {bata: 70}", "bahan: {batu: 70}")
    problems = _problems(rumah)
    assert "site_config/harga_satuan/analisa.yml:8: analisa: analisa Y.01: sumber daya 'batu' tidak ada di sumber_daya" in problems
    assert "site_config/harga_satuan/provinsi/alfa.yml:5: biaya_umum_keuntungan: harus paling banyak 15" in problems
    assert "site_config/harga_satuan/provinsi/beta.yml:4: indikatif: nilai False tidak dikenal; pilih salah satu: True" in problems


def test_cost_outside_the_band_is_a_warning_not_a_failure(rumah):
    _edit(rumah / "site_config" / "harga_satuan" / "batas.yml", "biaya_per_m2_min: 10000", "biaya_per_m2_min: 21000")
    proc = subprocess.run([KLINIK, "check"], capture_output=True, text=True, cwd=rumah)
    assert proc.returncode == 0, proc.stdout
    lines = proc.stdout.splitlines()
    assert lines[0] == (
        "content/desain-rumah/mini.md:5: tipe: PERINGATAN: biaya per m² di provinsi Beta Rp 20.621 di luar rentang wajar Rp 21.000–Rp 100.000 "
        "(site_config/harga_satuan/batas.yml)"
    )
    assert lines[-1].endswith(" 1 peringatan.")
    _edit(rumah / "content" / "desain-rumah" / "mini.md", "kode: mini", "kode: lain")
    proc = subprocess.run([KLINIK, "check"], capture_output=True, text=True, cwd=rumah)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "Dibatalkan: 1 masalah di 1 berkas. Ditambah 1 peringatan."


def test_cli_prints_the_rab_table_and_json(rumah):
    proc = subprocess.run([KLINIK, "rab", "mini", "--provinsi", "alfa"], capture_output=True, text=True, cwd=rumah)
    assert proc.returncode == 0
    out = proc.stdout.splitlines()
    assert out[0] == "RAB Rumah Mini Uji (tipe 21), provinsi Alfa, harga 2025 (indikatif; biaya umum dan keuntungan 10%)"
    assert out[2] == "I. Pekerjaan persiapan"
    assert out[-2:] == ["TOTAL Rp 526.735", "Biaya per m²: Rp 25.083"]
    data = json.loads(subprocess.run([KLINIK, "rab", "mini", "--provinsi", "Beta", "--json"], capture_output=True, text=True, cwd=rumah).stdout)
    assert (data["provinsi"], data["total"], data["per_m2"], data["indikatif"]) == ("beta", 433050, 20621, True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rab", "tidak-ada", "--provinsi", "alfa"], "Galat: Desain 'tidak-ada' tidak ada; pilih salah satu: mini"),
        (["rab", "mini", "--provinsi", "gamma"], "Galat: Provinsi 'gamma' tidak punya tabel harga; pilih salah satu: alfa, beta"),
        (["rab", "mini"], "Galat: sebutkan provinsi dengan --provinsi (mis. --provinsi jawa-barat)."),
    ],
)
def test_cli_bad_arguments_give_one_line_and_exit_2(rumah, args, message):
    proc = subprocess.run([KLINIK, *args], capture_output=True, text=True, cwd=rumah)
    assert (proc.returncode, proc.stderr.strip(), proc.stdout) == (2, message, "")


def test_real_designs_are_priced_in_every_province_within_the_band():
    """The starter data: at least four designs, three priced provinces, every priced RAB inside the plausible band without warnings
    (the estimated provinces follow the index instead: tests/rab/test_perkiraan.py)."""
    state = checked(Project(ROOT))
    book = state.content.config.harga
    designs = state.content.section("desain-rumah")
    assert len(designs) >= 4 and len(book.langsung) >= 3
    assert not [w for w in state.peringatan if "desain-rumah" in w.path]
    for doc in designs:
        for provinsi in book.langsung:
            assert 2_500_000 <= rab(doc.entry, book, provinsi)["per_m2"] <= 7_000_000


def test_design_pages_and_downloads_are_identical_in_split_and_single_builds(rumah, tmp_path):
    """One process writes the downloads; pages and files match a one-process build byte for byte."""
    from generator.site.build import build

    one = build(Project(rumah), site_dir=tmp_path / "one", jobs=1)
    two = build(Project(rumah), site_dir=tmp_path / "two", jobs=2)
    downloads = [f"mini/rab-mini-{slug}.{suffix}" for slug in ("alfa", "beta") for suffix in ("csv", "xlsx")]
    names = ["index.html", "mini/index.html", *downloads, "mini.svg"]
    for name in names:
        assert (one / "desain-rumah" / name).read_bytes() == (two / "desain-rumah" / name).read_bytes(), name
    page = (one / "desain-rumah" / "mini" / "index.html").read_text(encoding="utf-8")
    assert "Rp 526.735" in page and 'href="rab-mini-beta.xlsx"' in page
