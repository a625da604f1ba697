"""site_config/harga_satuan/ikk.yml: validated with lines, cross-checked with the price tables and wilayah.yml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.config.harga import load_price_book
from generator.config.ikk import harga_perkiraan
from tests.conftest import ROOT, check_problems


def _ikk(project: Path, old: str, new: str) -> None:
    path = project / "site_config" / "harga_satuan" / "ikk.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("harga", "ikk", "basis", "expected"),
    [
        (1, "150.00", "100.00", 2),  # 1,5: half up
        (3, "150.00", "100.00", 5),  # 4,5: half up, not to even
        (125000, "96.61", "105.30", 114684),  # 114.684,24...
        (1290, "35.00", "100.00", 452),  # 451,5 exactly; 1290 * 0.35 in binary fractions is 451.49999999999994
    ],
)
def test_estimated_price_is_exact_and_rounds_half_up(harga, ikk, basis, expected):
    assert harga_perkiraan(harga, Decimal(ikk), Decimal(basis)) == expected


def test_valid_file_gives_an_estimate_for_every_unpriced_province(rumah):
    book = load_price_book(rumah / "site_config", problems := [])
    assert problems == []
    assert [(p.slug, p.perkiraan is None) for p in book.provinsi] == [("alfa", True), ("beta", True), ("bali", False)]
    bali = book.by_slug("bali")
    assert bali.tabel.harga_dasar == {"pekerja": 150000, "tukang": 225000, "semen": 2250, "bata": 1500, "molen": 30000}
    assert (bali.tabel.provinsi, bali.tabel.biaya_umum_keuntungan, bali.perkiraan.basis.slug, bali.perkiraan.rasio) == ("Bali", 10, "alfa", "150,00 / 100,00")
    assert "Perkiraan dari harga dasar Alfa 2025 dikali IKK 2024 Bali / IKK Alfa (150,00 / 100,00)" in bali.tabel.sumber


def test_schema_mistakes_are_reported_with_their_lines(rumah):
    _ikk(rumah, "ikk: 80.00, tabel: beta", "ikk: 80.005, tabel: beta")
    _ikk(rumah, "ikk: 150.00}", "ikk: -3}")
    _ikk(rumah, "tautan: \"https://contoh.go.id/ikk\"", "tautan: \"http://contoh.go.id/ikk\"")
    assert check_problems(rumah) == [
        "site_config/harga_satuan/ikk.yml:5: sumber.0.tautan: format tidak valid: 'http://contoh.go.id/ikk'",
        "site_config/harga_satuan/ikk.yml:9: provinsi.1.ikk: IKK ditulis paling banyak dua angka desimal, seperti di tabel BPS (tertulis 80.005)",
        "site_config/harga_satuan/ikk.yml:10: provinsi.2.ikk: IKK harus lebih dari 0 dan paling banyak 1000 (tertulis -3)",
    ]


def test_tables_and_base_must_exist_and_every_table_be_used(rumah):
    _ikk(rumah, "basis: alfa", "basis: gamma")
    _ikk(rumah, "tabel: beta}", "tabel: delta}")
    assert check_problems(rumah) == [
        "site_config/harga_satuan/ikk.yml:6: basis: basis 'gamma' harus tabel harga yang ada (provinsi/gamma.yml) dan dipakai sebuah "
        "provinsi di sini (tabel: gamma); tabel yang ada: alfa, beta",
        "site_config/harga_satuan/ikk.yml:9: provinsi.1.tabel: tabel harga provinsi/delta.yml tidak ada; tabel yang ada: alfa, beta",
        "site_config/harga_satuan/provinsi/beta.yml:1: provinsi: tabel beta.yml tidak dipakai di harga_satuan/ikk.yml: "
        "tulis tabel: beta pada provinsinya",
    ]


def test_every_province_of_wilayah_must_have_an_index_under_its_name(rumah):
    """A province missing from ikk.yml (and so its kabupaten/kota), a name that differs, a code wilayah.yml lacks."""
    _ikk(rumah, "  - {kode: \"51\", nama: Bali, ikk: 150.00}\n", "  - {kode: \"52\", nama: Nusa Tenggara Barat, ikk: 104.09}\n")
    _ikk(rumah, "nama: Daerah Istimewa Yogyakarta", "nama: DI Yogyakarta")
    assert check_problems(rumah) == [
        "site_config/harga_satuan/ikk.yml:7: provinsi: provinsi 51 Bali (9 kabupaten/kota di wilayah.yml) belum punya IKK",
        "site_config/harga_satuan/ikk.yml:9: provinsi.1.nama: nama provinsi 34 harus sama dengan wilayah.yml: "
        "'Daerah Istimewa Yogyakarta' (tertulis 'DI Yogyakarta')",
        "site_config/harga_satuan/ikk.yml:10: provinsi.2.kode: kode provinsi 52 (Nusa Tenggara Barat) tidak ada di wilayah.yml",
    ]


def test_real_index_covers_all_38_provinces_and_514_kabupaten_kota():
    """The project's own data: three priced tables kept, 35 provinces estimated, every kabupaten/kota reached through its province."""
    problems: list = []
    book = load_price_book(ROOT / "site_config", problems)
    assert problems == []
    assert len(book.provinsi) == 38
    assert [p.slug for p in book.langsung] == ["dki-jakarta", "jawa-barat", "nusa-tenggara-timur"]
    assert {p.perkiraan.basis.slug for p in book.provinsi if p.perkiraan} == {"jawa-barat"}
    assert book.ikk.tahun == 2024 and len(book.ikk.provinsi) == 38
    mean = sum(p.ikk for p in book.ikk.provinsi) / 38
    assert round(mean, 2) == Decimal("110.71")  # the national average of 2024 (Databoks), a check on the transcription
    state_problems = check_problems(ROOT)
    assert not [p for p in state_problems if "ikk.yml" in p]
