"""Redaction: every common way Indonesians write personal data is masked; amounts and laws are kept."""

from __future__ import annotations

import time

import pytest

from generator.intake.redact import MASK, find_personal_data, redact

M = MASK
POSITIVE = [
    ("Nomor saya 0812 3456 7890 tolong dihubungi", f"Nomor saya {M} tolong dihubungi", "telepon"),
    ("WA +62 812-3456-7890 ya", f"WA {M} ya", "telepon"),
    ("hubungi 6281234567890", f"hubungi {M}", "telepon"),
    ("nomor 0812.3456.7890", f"nomor {M}", "telepon"),
    ("HP: 081234567890 tahun 2021", f"HP: {M} tahun 2021", "telepon"),
    ("telp (021) 555-1234", f"telp {M}", "telepon"),
    ("kantor 0274 512345", f"kantor {M}", "telepon"),
    ("+62 21 555 1234", M, "telepon"),
    ("(0361) 223344 sore", f"{M} sore", "telepon"),
    ("81234567890 (wa)", f"{M} (wa)", "telepon"),
    ("WA 812-3456-7890", f"WA {M}", "telepon"),
    ("wa saya 0812345678901", f"wa saya {M}", "telepon"),
    ("email saya budi.santoso@gmail.com", f"email saya {M}", "email"),
    ("kirim ke budi_s@mail.co.id ya", f"kirim ke {M} ya", "email"),
    ("email budi at gmail dot com", f"email {M}", "email"),
    ("budi [at] yahoo [dot] co [dot] id", M, "email"),
    ("siti(at)gmail(dot)com", M, "email"),
    ("NIK 3201012345670001", f"NIK {M}", "nik"),
    ("NIK saya 3201 0123 4567 0001", f"NIK saya {M}", "nik"),
    ("3201.0123.4567.0001", M, "nik"),
    ("KTP: 320101-234567-0001", f"KTP: {M}", "nik"),
    ("no KK 3201012345670002", f"no KK {M}", "kk"),
    ("kartu keluarga 32010123456700", f"kartu keluarga {M}", "kk"),
    ("NPWP 12.345.678.9-012.345", f"NPWP {M}", "npwp"),
    ("rekening BRI 0123-01-012345-50-1", f"rekening BRI {M}", "rekening"),
    ("transfer ke rek 1234567890 a/n saya", f"transfer ke rek {M} a/n saya", "rekening"),
    ("BCA 1234567890", f"BCA {M}", "rekening"),
    ("nomor rekening mandiri 123 000 456 7890", f"nomor rekening mandiri {M}", "rekening"),
    ("saya di Jl. Merdeka No. 12, RT 03/RW 05, Kel. Sukamaju", f"saya di {M}, {M}, Kel. Sukamaju", "alamat"),
    ("di jalan mawar no 5 dekat masjid", f"di {M} dekat masjid", "alamat"),
    ("Jln. Kenanga Raya No.7", M, "alamat"),
    ("Jl. Merdeka sudah rusak", f"{M} sudah rusak", "alamat"),
    ("rumah di Gg. Mawar II", f"rumah di {M}", "alamat"),
    ("Jalan Sudirman Gang Kelinci No. 5", M, "alamat"),
    ("Perumahan Griya Asri Blok C2 No. 5 Bekasi", f"{M} Bekasi", "alamat"),
    ("beli di Perum Bumi Indah blok D-5", f"beli di {M}", "alamat"),
    ("Blok C2 No. 5", M, "alamat"),
    ("RT.003 RW.005", M, "alamat"),
    ("rt/rw 003/005", M, "alamat"),
]
NEGATIVE = [
    "gaji saya Rp 5.000.000 per bulan",
    "gaji 5 juta, cicilan Rp 1.500.000,-",
    "Rp5.500.000 dan rp 1.200.000,00",
    "harga Rp 62.000.000.000",
    "harga 850.000.000 tunai",
    "KPR BTN 150.000.000 tenor 15 tahun",
    "beli tahun 2021 luas 72 m2",
    "luas tanah 120 m2 bangunan 45 m2",
    "PP 16/2021 dan Permen PUPR 8/2023",
    "UU 27/2022 tentang Pelindungan Data Pribadi",
    "Peraturan Pemerintah Nomor 12 Tahun 2021",
    "Nomor 04/PRT/M/2024",
    "Kementerian Perumahan dan Kawasan Permukiman",
    "jalan desa rusak parah",
    "blok bangunan retak",
    "ketua RT bilang harus urus PBG",
    "rumah tipe 36/72 harga 150 juta",
    "ukuran 6x12 meter tahun 2019 2020",
    "SHM nomor 1234",
    "Apakah rumah subsidi boleh disewakan setelah 5 tahun?",
]


@pytest.mark.parametrize(("text", "expected", "kind"), POSITIVE)
def test_personal_data_is_masked(text, expected, kind):
    assert kind in find_personal_data(text)
    assert redact(text) == expected
    assert find_personal_data(redact(text)) == []


@pytest.mark.parametrize("text", NEGATIVE)
def test_amounts_years_areas_and_laws_are_kept(text):
    assert find_personal_data(text) == []
    assert redact(text) == text


def test_a_long_question_keeps_its_substance():
    question = (
        "Saya Budi, NIK 3201012345670001, tinggal di Jl. Melati No. 4 RT 02/RW 07. Gaji Rp 4.500.000, "
        "mau KPR FLPP rumah tipe 36 harga Rp 166.000.000 (PP 12/2021). Hubungi 0812-3456-7890 "
        "atau budi@contoh.id."
    )
    assert redact(question) == (
        f"Saya Budi, NIK {M}, tinggal di {M} {M}. Gaji Rp 4.500.000, "
        f"mau KPR FLPP rumah tipe 36 harga Rp 166.000.000 (PP 12/2021). Hubungi {M} "
        f"atau {M}."
    )


@pytest.mark.parametrize("unit", ["1.", "a.", "1 ", "rek 1-", "a at b dot ", "Jl. ", "jalan Aa ", "Blok A ", "+62 ", "a_"])
def test_hostile_input_takes_linear_time(unit):
    """Ten times the 4,000-character limit: a quadratic pattern would take minutes, a linear one milliseconds."""
    text = unit * (40_000 // len(unit))
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 5
