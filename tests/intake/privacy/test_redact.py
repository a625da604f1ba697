"""Redaction: every common way Indonesians write personal data is masked; amounts and laws are kept."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.intake.privacy.normalise import normalise
from generator.intake.privacy.redact import MASK, MAX_CHARS, TextTooLong, find_personal_data, redact
from generator.intake.privacy.redact_limit import LimitedRedactor
from tests.redact_probes import timed

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
    "gaji Rp 1,500,000 per bulan",
    "harga 150,000 per meter",
    "harga 62,500,000,000",
    "bunga 0,5 persen tahun 2019,2020,2021",
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
    """Five times the form's 4,000 characters (the redactor's cap): a quadratic pattern would take minutes."""
    text = unit * (MAX_CHARS // len(unit))
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 5


# Spellings that looked like text to the old detectors: non-breaking and other Unicode spaces, zero-width and
# format characters inside numbers, commas as group separators, full-width and other scripts' digits, full-width @.
SPELLED = [
    ("HP 0812\u00a03456\u00a07890 ya", f"HP {M} ya", "telepon"),
    ("HP 0812\u202f3456\u202f7890 ya", f"HP {M} ya", "telepon"),
    ("nomor 0812\u20033456\u30007890", f"nomor {M}", "telepon"),
    ("nomor 08\u200b12\u200b3456\u200b7890", f"nomor {M}", "telepon"),
    ("nomor 0812\u00ad3456\u20607890\ufeff", f"nomor {M}", "telepon"),
    ("nomor 0812,3456,7890", f"nomor {M}", "telepon"),
    ("nomor 081234567890,081298765432", f"nomor {M},{M}", "telepon"),
    ("nomor \uff10\uff18\uff11\uff12 \uff13\uff14\uff15\uff16 \uff17\uff18\uff19\uff10", f"nomor {M}", "telepon"),
    ("nomor \u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660", f"nomor {M}", "telepon"),
    ("nomor \u06f0\u06f8\u06f1\u06f2-\u06f3\u06f4\u06f5\u06f6-\u06f7\u06f8\u06f9\u06f0", f"nomor {M}", "telepon"),
    ("nomor \u0966\u096e\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f\u0966", f"nomor {M}", "telepon"),
    ("nomor \U0001d7ce\U0001d7d6\U0001d7cf\U0001d7d0 3456 7890", f"nomor {M}", "telepon"),
    ("nomor 0812\u20113456\u20137890", f"nomor {M}", "telepon"),
    ("nomor 0\u03018\u03011\u03012 3456 7890", f"nomor {M}", "telepon"),
    ("nomor 0\ufe0f\u20e38\ufe0f\u20e31\ufe0f\u20e32\ufe0f\u20e3 3456 7890", f"nomor {M}", "telepon"),
    ("NIK 3201\u00a00123\u00a04567\u00a00001", f"NIK {M}", "nik"),
    ("NIK 3201\u202f0123\u202f4567\u202f0001", f"NIK {M}", "nik"),
    ("NIK 3201\u200b0123\u200b4567\u200b0001", f"NIK {M}", "nik"),
    ("NIK 3201,0123,4567,0001", f"NIK {M}", "nik"),
    ("NIK \uff13\uff12\uff10\uff11\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff10\uff10\uff10\uff11", f"NIK {M}", "nik"),
    ("tahun 2021 3201012345670001", f"tahun 2021 {M}", "nik"),
    ("NIK 3201012345670001 tahun 2021 3201012345670002,3201012345670003", f"NIK {M} tahun 2021 {M},{M}", "nik"),
    ("email budi\uff20gmail.com", f"email {M}", "email"),
    ("email budi\ufe6bgmail.com", f"email {M}", "email"),
    ("email budi@gmail\u3002com", f"email {M}", "email"),
    ("email bu\u200bdi@gm\u200bail.com", f"email {M}", "email"),
    ("email budi\u00a0(at)\u00a0gmail\u00a0titik\u00a0com", f"email {M}", "email"),
    ("rekening BCA 1234\u00a05678\u00a090", f"rekening BCA {M}", "rekening"),
    ("di Jl.\u00a0Merdeka\u00a0No.\u00a012", f"di {M}", "alamat"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), SPELLED)
def test_unicode_spellings_are_masked_too(text, expected, kind):
    assert kind in find_personal_data(text)
    assert redact(text) == expected
    assert find_personal_data(redact(text)) == []


def test_normalisation_spells_every_digit_space_and_at_sign_one_way():
    assert normalise("\uff10\u0661\u06f2\u0969\U0001d7d2") == "01234"
    assert normalise("a\u00a0b\u2009c\u202fd\u205fe\u3000f\u2800g") == "a b c d e f g"
    assert normalise("1\u200b2\u200c3\u200d4\u20605\ufeff6\u00ad7\u200e8") == "12345678"
    assert normalise("budi\uff20contoh.id") == "budi@contoh.id"
    assert normalise("Caf\u0065\u0301 \u00b2") == "Caf\u00e9 2"  # letters keep their accents
    assert normalise("1\u0301\u0316") == "1"  # a digit does not
    assert normalise("baris\r\nbaru\u2028lagi\tya\x00") == "baris\nbaru\nlagi ya"
    assert redact("harga Rp\u00a01.500.000,\u2060- per bulan") == "harga Rp 1.500.000,- per bulan"  # kept, normalised


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=60))
def test_normalisation_is_idempotent_and_redaction_leaves_nothing_for_the_guard(text):
    once = normalise(text)
    assert normalise(once) == once
    assert find_personal_data(redact(text)) == []


def test_text_longer_than_the_cap_is_refused_with_a_message_not_the_text():
    with pytest.raises(TextTooLong, match=r"^teks 20\.001 karakter, melebihi batas penyamaran 20\.000 karakter$"):
        redact("0812 " + "a" * (MAX_CHARS - 4))
    with pytest.raises(TextTooLong, match="36.000 karakter"):  # NFKC turns this ligature into 18 letters
        redact("\ufdfa" * 2000)
    assert redact("a" * MAX_CHARS) == "a" * MAX_CHARS


def _rep(unit: str, head: str = "", tail: str = "") -> str:
    """head + unit repeated + tail, MAX_CHARS long at most."""
    return head + unit * ((MAX_CHARS - len(head) - len(tail)) // len(unit)) + tail


HOSTILE = {
    "issue: 0, 25 digits, a letter": "0" + "1" * 25 + "a",
    "0, 40 digits, a letter": "0" + "1" * 40 + "a",
    "0, 4,000 digits, a letter": "0" + "1" * 4000 + "a",
    "0, digits to the cap, a letter": _rep("1", "0", "a"),
    "digits and spaces": _rep(" 1", "0", "a"),
    "digits and dashes": _rep("-1", "0", "a"),
    "digits and dots": _rep(".1", "0", "a"),
    "digits and commas": _rep(",1", "0", "a"),
    "digits in brackets": _rep("(1)", "0", "a"),
    "zeros and spaces": _rep("0 ", "", "a"),
    "+62 again and again": _rep("+62 "),
    "(+62) again and again": _rep("(+62)"),
    "jalan, one long word": _rep("a", "jalan "),
    "jalan, thousands of words": _rep("a ", "jalan "),
    "jalan, thousands of dots": _rep(".", "jalan a"),
    "jalan, thousands of spaces": _rep(" ", "jalan a", "x"),
    "jalan Aa again and again": _rep("jalan Aa "),
    "jl., one long word": _rep("a", "jl. "),
    "gg, one long word": _rep("ab", "gg "),
    "perumahan, capitalised words": _rep("A ", "perumahan ", ","),
    "rt, spaces": _rep(" ", "rt", "x"),
    "rt 1, spaces": _rep(" ", "rt 1", "x"),
    "rt/rw, spaces": _rep(" ", "rt/rw", "x"),
    "rt and zeros": _rep("0", "rt ", "a"),
    "nik, spaces": _rep(" ", "nik", "x"),
    "nik, filler words": _rep("no ", "nik "),
    "npwp, spaces": _rep(" ", "npwp", "x"),
    "bank word, spaced digits": _rep("1 ", "bca ", "a"),
    "bank words, then digits": _rep("va 1 "),
    "@ flood": _rep("@"),
    "a@ flood": _rep("a@"),
    "dotted words, then @": _rep("a.", "", "@"),
    "x at a dot a dot ...": _rep(" dot a", "x at a"),
    "x@a.a.a ...": _rep(".a", "x@a", "@"),
    "spaces only": _rep(" "),
    "dashes only": _rep("-"),
    "dots only": _rep("."),
    "commas only": _rep(","),
    "brackets only": _rep("("),
    "plus signs only": _rep("+"),
    "slashes only": _rep("/"),
    "non-breaking spaces": _rep("\u00a0"),
    "zero-width spaces": _rep("\u200b"),
    "Arabic-Indic digits": _rep("\u0661", "\u0660", "a"),
    "full-width digits": _rep("\uff11", "\uff10", "a"),
    "full-width at signs": _rep("\uff20"),
    "a digit under 20,000 accents": _rep("\u0301", "1"),
    "zalgo: alternating accents": _rep("\u0301\u0316", "a"),
}
TOKENS = ["0", "1", "8", "62", "+", "(", ")", " ", ".", ",", "-", "/", "@", "\n", "a", "A", "at", "dot", "titik", "[",
          "]", "jalan", "jl", "gg", "gang", "perumahan", "blok", "no", "nomor", "rt", "rw", "nik", "kk", "npwp", "hp",
          "wa", "bca", "rek", "rp", "juta", "com", "id", "\u00a0", "\u200b", "\uff10", "\u0661", "\uff20", "\u0301",
          ":", "#", "'", "&", "_", "saya"]
FAST = 2.0  # seconds for a cap-sized input; linear detectors need a tenth of that


@pytest.fixture(scope="module")
def clock():
    """timed() in a child killed after 10 s, so a freezing detector fails its test instead of hanging the run."""
    runner = LimitedRedactor(timed, seconds=10)
    yield lambda text: json.loads(runner(text))
    runner.close()


@pytest.mark.parametrize("name", HOSTILE)
def test_worst_inputs_are_redacted_in_linear_time(clock, name):
    result = clock(HOSTILE[name])
    assert result["leftover"] == []
    assert result["seconds"] < FAST, f"{name}: {result['seconds']:.2f} s"


HEADS = ["", "0", "+62", "(021)", "8", "62", "rt", "rt 1", "rt/rw", "rw", "jalan ", "jalan a", "Jalan A", "jl. ", "gg ",
         "perumahan ", "blok A1", "nik", "no", "kk ", "npwp", "hp", "wa ", "bca ", "rek ", "x at a", "x@a", "a (", "a"]
FILLERS = ["1", "0", " ", "  1", " 1", "-1", ".1", ",1", "(1)", "0 ", "a", "a ", "A ", "a.", ".", "-", ",", ":", "no ",
           " dot a", ".a", "@", "a@", "\u00a0", "\u00a01", "\u200b", "\uff11", "\u0661", "\u0301"]
TAILS = ["", "a", "x", "1", "@", ",", "/", ". "]


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(HEADS), st.sampled_from(FILLERS), st.sampled_from(TAILS))
def test_any_prefix_flood_and_ending_is_redacted_in_linear_time(clock, head, filler, tail):
    """The shape of every freeze found so far: something a detector starts on, a long run, an ending that fails."""
    result = clock(_rep(filler, head, tail))
    assert result["leftover"] == []
    assert result["seconds"] < FAST, f"{head!r} + {filler!r}... + {tail!r}: {result['seconds']:.2f} s"


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=10).map("".join))
def test_any_repeated_mix_of_tricky_pieces_is_redacted_in_linear_time(clock, unit):
    """Hypothesis picks a short mix of the pieces the detectors react to; repeated to the cap it must stay fast."""
    result = clock((unit * (MAX_CHARS // len(unit) + 1))[:MAX_CHARS])
    assert result["leftover"] == []
    assert result["seconds"] < FAST, f"{unit!r}: {result['seconds']:.2f} s"
