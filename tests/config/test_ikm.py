"""The survey element sets in site_config/ikm.yml: the regulation's wording, 4 labels, U1..Un, periods by semester."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config import read_site_config
from generator.config.ikm import DEFAULT_FILE, BadPeriod, IkmConfig, load_ikm, months_of, periode_bounds, periode_of
from generator.util.errors import ContentErrors, Problem
from tests.conftest import ROOT, write

REPOSITORY = read_site_config(ROOT).ikm

SET = """  {slug}:
    nama: Set uji
    sumber: Peraturan uji nomor 1
    unsur:
      - kode: U1
        nama: Persyaratan
        pertanyaan: Bagaimana pendapat Saudara tentang persyaratan?
        pilihan: [Tidak sesuai, Kurang sesuai, Sesuai, Sangat sesuai]
      - kode: {second}
        nama: Biaya
        pertanyaan: Bagaimana pendapat Saudara tentang biaya?
        pilihan: {labels}
"""


def ikm_text(bawaan="uji", periode="", second="U2", labels="[Sangat mahal, Cukup mahal, Murah, Gratis]", slug="uji") -> str:
    return f"unsur_bawaan: {bawaan}\n{periode}sets:\n" + SET.format(slug=slug, second=second, labels=labels)


@pytest.fixture
def load(tmp_path, monkeypatch):
    """Write an ikm.yml in an empty folder (the working directory, so problems name `ikm.yml`) and load it."""
    monkeypatch.chdir(tmp_path)

    def loader(text: str) -> tuple[IkmConfig | None, list[str]]:
        (tmp_path / "ikm.yml").write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        return load_ikm(tmp_path, problems), [str(p) for p in problems]
    return loader


def test_the_repository_sets_are_the_se_s_12_and_the_regulation_s_9():
    ikm = REPOSITORY
    se, permen = ikm.sets["se-2025"], ikm.sets["permenpanrb-2017"]
    assert [u.kode for u in se.unsur] == [f"U{i}" for i in range(1, 13)]
    assert [u.nama for u in se.unsur][:2] == ["Prosedur pelayanan", "Persyaratan pelayanan"] and se.unsur[-1].nama == "Keamanan pelayanan"
    assert len(permen.unsur) == 9 and permen.unsur[3].pilihan == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")
    assert permen.unsur[0].pertanyaan == "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"
    assert "diturunkan" in se.sumber and "14 Tahun 2017" in permen.sumber
    assert all(len(u.pilihan) == 4 for s in ikm.sets.values() for u in s.unsur)
    assert ikm.unsur_bawaan == "permenpanrb-2017"
    assert ikm.set_for_periode("2026-S2") is se and ikm.set_for_periode("2027-S1") is permen
    assert ikm.set_for_day(date(2026, 7, 1)) is se and ikm.set_for_day(date(2026, 6, 30)) is permen


def test_a_project_without_the_file_gets_the_packaged_sets(kecil):
    """The packaged copy has the same sets as this repository's file, and no period of its own."""
    assert not (kecil / "site_config" / "ikm.yml").exists()
    ikm = read_site_config(kecil).ikm
    assert ikm.sets == REPOSITORY.sets
    assert ikm.unsur_periode == {} and ikm.set_for_periode("2026-S2").slug == "permenpanrb-2017"
    assert DEFAULT_FILE.name == "ikm_bawaan.yml"


def test_a_valid_small_file_loads_and_fills_slugs_from_keys(load):
    config, problems = load(ikm_text(periode='unsur_periode:\n  "2026-S1": uji\n'))
    assert problems == [] and config is not None
    assert config.sets["uji"].slug == "uji" and config.set_for_periode("2026-S1").unsur[1].nama == "Biaya"


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"second": "U3"}, "ikm.yml:3: sets.uji: kode unsur harus berurutan U1, U2; tertulis U1, U3"),
    ({"second": "U1"}, "ikm.yml:3: sets.uji: kode unsur ganda: U1"),
    ({"labels": "[Mahal, Murah, Gratis]"}, "ikm.yml:14: sets.uji.unsur.1.pilihan: pilihan harus tepat 4 jawaban (nilai 1 sampai 4), bukan 3"),
    ({"labels": "[A, B, C, D, E]"}, "ikm.yml:14: sets.uji.unsur.1.pilihan: pilihan harus tepat 4 jawaban (nilai 1 sampai 4), bukan 5"),
    ({"bawaan": "lain"}, "ikm.yml:1: unsur_bawaan: set 'lain' tidak ada di sets; pilih: uji"),
    ({"periode": 'unsur_periode:\n  "2026-S2": se-2025\n'},
     "ikm.yml:2: unsur_periode: set tidak ada di sets (2026-S2: 'se-2025'); pilih: uji"),
    ({"periode": 'unsur_periode:\n  "2026-S3": uji\n'}, "ikm.yml:3: unsur_periode.2026-S3.[key]: format tidak valid: '2026-S3'"),
    ({"slug": "Uji Besar"}, "ikm.yml:3: sets.Uji Besar.[key]: format tidak valid: 'Uji Besar'"),
])
def test_mistakes_are_named_by_file_line_and_field(load, kwargs, expected):
    config, problems = load(ikm_text(**kwargs))
    assert config is None
    assert expected in problems, problems


def test_unknown_keys_and_markup_are_refused(load):
    _, problems = load(ikm_text().replace("    nama: Set uji\n", "    nama: Set uji\n    judul: x\n"))
    assert problems == ["ikm.yml:5: sets.uji.judul: kunci tidak dikenal (periksa ejaan)"]
    _, problems = load(ikm_text().replace("tentang biaya?", "tentang <b>biaya</b>?"))
    assert len(problems) == 1 and problems[0].startswith("ikm.yml:13: sets.uji.unsur.1.pertanyaan: ")


def test_klinik_check_reports_a_bad_ikm_file(kecil):
    write(kecil, {"site_config/ikm.yml": ikm_text(second="U5")})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == "site_config/ikm.yml:3: sets.uji: kode unsur harus berurutan U1, U2; tertulis U1, U5\nDibatalkan: 1 masalah di 1 berkas.\n"
    with pytest.raises(ContentErrors):
        read_site_config(kecil)


@pytest.mark.parametrize(("day", "slug"), [
    (date(2026, 1, 1), "2026-S1"), (date(2026, 6, 30), "2026-S1"), (date(2026, 7, 1), "2026-S2"), (date(2026, 12, 31), "2026-S2"),
])
def test_periode_of(day, slug):
    assert periode_of(day) == slug


def test_periode_bounds_and_months():
    assert periode_bounds("2026-S1") == (date(2026, 1, 1), date(2026, 6, 30))
    assert periode_bounds("2026-S2") == (date(2026, 7, 1), date(2026, 12, 31))
    assert months_of("2026-S2") == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert months_of("2027-S1")[0] == "2027-01" and len(months_of("2027-S1")) == 6


@pytest.mark.parametrize("bad", ["2026-S3", "2026-s1", "2026S1", "26-S1", "0000-S1", "", "2026-S1\n", "２０２６-S1"])
def test_bad_period_slugs_are_a_clear_error(bad):
    with pytest.raises(BadPeriod, match="periode .* tidak valid"):
        periode_bounds(bad)
    with pytest.raises(BadPeriod):
        months_of(bad)
    with pytest.raises(BadPeriod):
        REPOSITORY.set_for_periode(bad)
