"""site_config/wilayah.yml feeds the form; `klinik check` reports its mistakes with file, line and field."""

from __future__ import annotations

from generator.commands.check import check
from generator.config.project import Project
from generator.config.wilayah import load_wilayah
from tests.conftest import ROOT


def test_project_file_is_valid_and_consistent():
    wilayah = load_wilayah(ROOT / "site_config", [])
    assert wilayah is not None and wilayah.sumber.startswith("Kepmendagri")
    assert wilayah.has("Bali", "Kota Denpasar") and not wilayah.has("Bali", "Kabupaten Sleman")
    for province in wilayah.provinsi:
        assert all(k.kode.startswith(province.kode + ".") for k in province.kabupaten_kota)


def test_duplicate_provinces_are_refused(kecil):
    text = (kecil / "site_config/wilayah.yml").read_text(encoding="utf-8")
    bali = text[text.index('  - kode: "51"'):]
    (kecil / "site_config/wilayah.yml").write_text(text + bali, encoding="utf-8")
    _, problems = check(Project(kecil))
    assert [str(p) for p in problems] == ["site_config/wilayah.yml:4: provinsi: provinsi ganda: 51, Bali"]


def test_check_reports_wilayah_and_holiday_mistakes(kecil):
    (kecil / "site_config/wilayah.yml").write_text(
        'sumber: "Kepmendagri uji"\nprovinsi:\n  - kode: "51"\n    nama: Bali\n    kabupaten_kota:\n'
        '      - {kode: "52.01", nama: Kabupaten Salah}\n      - {kode: "51.01", nama: Kabupaten Jembrana}\n'
        '  - kode: "51"\n    nama: Bali\n    kabupaten_kota: []\n', encoding="utf-8")
    (kecil / "site_config/hari_libur.yml").write_text("tambah:\n  - {tanggal: 2026-11-24, keterangan: Cuti}\n", encoding="utf-8")
    _, problems = check(Project(kecil))
    assert [str(p) for p in problems] == [
        "site_config/wilayah.yml:3: provinsi.0: kode kabupaten/kota tidak diawali kode provinsi 51: 52.01",
        "site_config/wilayah.yml:10: provinsi.1.kabupaten_kota: daftar tidak boleh kosong",
        "site_config/hari_libur.yml:2: tambah.0.sumber: wajib diisi",
    ]
