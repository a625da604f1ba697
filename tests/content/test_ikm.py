"""content/ikm/<periode>.yml: aggregates a reviewer merges; every mistake named with file, line and field in one run."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import write

GOOD = """\
periode: 2026-S1
unsur: permenpanrb-2017
diterbitkan: 2026-07-03
hasil:
  - balai: nasional
    layanan: 120
    responden: 40
    jumlah: [130, 128, 120, 160, 126, 131, 140, 110, 125]
  - balai: uji-i
    layanan: 20
    responden: 3
"""

BAD = """\
periode: 2026-S2
unsur: permenpanrb-2017
diterbitkan: 2027-01-04
hasil:
  - balai: uji-ii
    layanan: 10
    responden: 6
    jumlah: [6, 7, 30, 8]
  - balai: balai-hantu
    layanan: 5
    responden: 2
    jumlah: [4, 4, 4, 4, 4, 4, 4, 4, 4]
"""


def test_a_release_is_counted_by_the_check(kecil):
    write(kecil, {"content/ikm/2026-S1.yml": GOOD})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output == "Konten valid: 8 berkas (1 artikel, 3 faq, 1 ikm, 1 infografis, 1 modul, 1 prosedur).\n"


def test_every_mistake_in_releases_is_reported_in_one_run(kecil):
    write(kecil, {"content/ikm/2026-S2.yml": BAD, "content/ikm/2025-S1.yml": GOOD,
                  "content/ikm/2026-S2-lain.yml": GOOD.replace("2026-S1", "2026-S2").replace("permenpanrb-2017", "tidak-ada")})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "content/ikm/2025-S1.yml:1: periode: nama berkas harus 2026-S1.yml" in lines
    assert any(line.startswith("content/ikm/2026-S2.yml:9: hasil.1:") and "jumlah per unsur hanya diterbitkan bila responden minimal 5" in line
               for line in lines), lines
    assert "content/ikm/2026-S2-lain.yml:1: periode: nama berkas harus 2026-S2.yml" in lines
    assert lines[-1].startswith("Dibatalkan:")


def test_cross_checks_name_the_row(kecil):
    fixed = BAD.replace("[6, 7, 30, 8]", "[6, 7, 8, 9]").replace("    responden: 2\n    jumlah: [4, 4, 4, 4, 4, 4, 4, 4, 4]",
                                                              "    responden: 5\n    jumlah: [20, 20, 20, 20, 20, 20, 20, 20, 20]")
    write(kecil, {"content/ikm/2026-S2.yml": fixed})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert not any("'uji-ii'" in line for line in lines), lines
    assert "content/ikm/2026-S2.yml:8: hasil.0.jumlah: harus 9 angka (satu per unsur permenpanrb-2017), ada 4" in lines
    assert "content/ikm/2026-S2.yml:9: hasil.1.balai: Balai 'balai-hantu' tidak ada di site_config/balai.yml" in lines
    assert "content/ikm/2026-S2.yml:4: hasil: baris 'nasional' wajib ada" in lines


def test_sums_outside_what_the_respondents_could_give_are_refused(kecil):
    write(kecil, {"content/ikm/2026-S1.yml": GOOD.replace("[130, 128,", "[161, 39,")})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert "jumlah U1, U2 harus antara 40 dan 160" in result.output
