"""site_config/standar_pelayanan.yml: every component of every service, its legal basis, and the figures given only once."""

from __future__ import annotations

import shutil

import pytest

from generator.config import read_site_config
from generator.config.standar_pelayanan import JANGKA_WAKTU_HARI_KERJA, KOMPONEN, Bagian, Ketentuan
from generator.util.errors import ContentErrors
from tests.conftest import ROOT

FILE = "site_config/standar_pelayanan.yml"


def test_the_repository_standard_has_every_component_of_every_service_with_its_basis():
    standar = read_site_config(ROOT).standar
    assert [item.slug for item in standar.layanan] == ["informasi", "konsultasi", "pendampingan"]
    for item in standar.layanan:
        parts = standar.komponen(item)
        assert [key for key, *_ in parts] == [key for key, *_ in KOMPONEN]
        for key, _, _, value in parts:
            assert value, (item.slug, key)
            if isinstance(value, Bagian):
                assert value.isi and value.dasar and all(r.peraturan in standar.peraturan for r in value.dasar), (item.slug, key)
    names = {p.singkat for p in standar.peraturan.values()}
    assert {"UU 25/2009", "PermenPANRB 15/2014", "SE 01/SE/Dt/2025", "UU 27/2022"} <= names


def test_the_deadline_and_fee_are_the_circulars_and_read_from_one_place():
    config = read_site_config(ROOT)
    assert config.ketentuan.jangka_waktu_hari_kerja == JANGKA_WAKTU_HARI_KERJA == 3
    assert config.ketentuan.jangka_waktu == "3 (tiga) hari kerja" and config.ketentuan.hari_kerja == "3 hari kerja"
    assert config.ketentuan.gratis and config.ketentuan.biaya == "gratis, tidak dipungut biaya apa pun (Rp 0)"
    assert config.ketentuan.isi("paling lambat {jangka_waktu}; {biaya}") == "paling lambat 3 (tiga) hari kerja; gratis, tidak dipungut biaya apa pun (Rp 0)"
    assert Ketentuan(biaya_rupiah=25_000).biaya == "dikenai biaya Rp 25.000"


def test_without_the_file_there_is_no_standard_and_the_circulars_deadline(kecil):
    config = read_site_config(kecil)
    assert config.standar is None and config.ketentuan == Ketentuan()


def _problems(kecil, old: str, new: str) -> list[str]:
    target = kecil / FILE
    shutil.copyfile(ROOT / FILE, target)
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_site_config(kecil)
    return [str(p) for p in caught.value.problems]


def _line(kecil, needle: str) -> int:
    return next(i for i, line in enumerate((kecil / FILE).read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def test_a_typed_deadline_is_refused_where_it_is_written(kecil):
    found = _problems(kecil, "Pertanyaan lanjutan dijawab dengan jangka waktu yang sama.", "Pertanyaan lanjutan dijawab dalam 5 hari kerja.")
    line = _line(kecil, "dalam 5 hari kerja")
    assert found == [f"{FILE}:{line}: layanan.1.jangka_waktu.isi.1: tenggat jawaban dan biaya ditulis {{jangka_waktu}} dan {{biaya}} "
                     "(angkanya di ketentuan standar_pelayanan.yml); tenggat lain ditulis dengan huruf, mis. lima hari kerja"]


def test_a_typed_fee_and_an_unknown_placeholder_are_refused(kecil):
    found = _problems(kecil, "Layanan ini {biaya}.", "Layanan ini {tarif} atau Rp 10.000.")
    assert len(found) == 1 and ": umum.biaya.isi.0: penanda {tarif} tidak dikenal; pakai {jangka_waktu} atau {biaya}" in found[0]


def test_an_unknown_regulation_and_a_missing_component_name_file_line_and_field(kecil):
    found = _problems(kecil, "      - {peraturan: perpres-76-2013}\n", "      - {peraturan: perpres-76-2031}\n")
    line = _line(kecil, "perpres-76-2031")
    assert found == [f"{FILE}:{line}: umum.pengaduan.dasar.1.peraturan: peraturan 'perpres-76-2031' tidak ada di daftar peraturan; "
                     "pilih: " + ", ".join(sorted(read_site_config(ROOT).standar.peraturan))]
    found = _problems(kecil, "  sarana:\n", "  sarana_lain:\n")
    assert f"{FILE}:{_line(kecil, 'sarana_lain:')}: umum.sarana_lain: kunci tidak dikenal (periksa ejaan)" in found


def test_a_component_given_nowhere_is_named_per_service(kecil):
    text = (ROOT / FILE).read_text(encoding="utf-8")
    start = text.index("  jumlah_pelaksana:\n")
    end = text.index("  jaminan_pelayanan:\n")
    (kecil / FILE).write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_site_config(kecil)
    found = [str(p) for p in caught.value.problems]
    assert [p.split(": ", 1)[1] for p in found] == [
        f"layanan.{i}.jumlah_pelaksana: Jumlah pelaksana wajib diisi di layanan ini atau di bagian umum" for i in range(3)]
    assert found[1].startswith(f"{FILE}:{_line(kecil, '- slug: konsultasi')}:")


def test_the_fee_must_be_the_placeholder(kecil):
    found = _problems(kecil, '      - "Layanan ini {biaya}. Petugas', '      - "Layanan ini tanpa pungutan. Petugas')
    assert [p.split(": ", 1)[1] for p in found] == [
        f"layanan.{i}.biaya: tulis {{biaya}} di salah satu butir: biayanya diambil dari ketentuan" for i in range(3)]


def test_the_site_files_service_texts_may_not_type_the_deadline(kecil):
    site = kecil / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("Tanya jawab dengan Tenaga Ahli.", "Dijawab dalam 3 hari kerja."), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        read_site_config(kecil)
    assert [str(p) for p in caught.value.problems] == [
        "site_config/site.yml:11: layanan.1.uraian: tenggat jawaban dan biaya ditulis {jangka_waktu} dan {biaya} "
        "(angkanya di ketentuan standar_pelayanan.yml); tenggat lain ditulis dengan huruf, mis. lima hari kerja"]
