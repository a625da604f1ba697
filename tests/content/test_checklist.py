"""A procedure's printed document checklist: every tick box a whole item, each document once (file, line and field on a fault)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.config.project import Project
from generator.pipeline import checked
from tests.conftest import ROOT, write

STEPS = """\
langkah:
  - judul: Siapkan tanah
    uraian: Kumpulkan bukti tanah.
    dokumen:
      - KTP pemohon
      - Sertifikat tanah atau bukti hak atas tanah lain yang diakui
      - "Pilihan desain prototipe, atau"
      - KTP pemohon
    durasi: 1 hari
    biaya: Gratis
    instansi: Pemohon
  - judul: Ajukan
    uraian: Ajukan di SIMBG.
    dokumen:
      - Bukti hak atas tanah
      - ktp  PEMOHON.
      - Dokumen PBG dan
    durasi: 1 hari
    biaya: Gratis
    instansi: Dinas
"""


def procedure(steps: str) -> str:
    return ("---\njudul: Prosedur uji\nringkasan: Ringkasan prosedur uji.\ntopik: perencanaan-rumah\nsubtopik: pbg\n"
            "ditinjau: 2026-11-01\ndurasi_total: 2 hari\n" + steps + "status: terbit\n---\nPengantar prosedur uji.\n")


def test_unfinished_and_repeated_items_fail_with_file_line_and_field(kecil: Path):
    write(kecil, {"content/prosedur/uji.md": procedure(STEPS)})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = [line.split(": butir", 1)[0] for line in result.output.splitlines()[:-1]]
    assert lines == [
        "content/prosedur/uji.md:14: langkah.0.dokumen.2",  # ends in "atau"
        "content/prosedur/uji.md:15: langkah.0.dokumen.3",  # twice in one step
        "content/prosedur/uji.md:22: langkah.1.dokumen.0",  # inside the land title item of step 1
        "content/prosedur/uji.md:24: langkah.1.dokumen.2",  # ends in "dan"
    ]
    assert "'Bukti hak atas tanah' dan 'Sertifikat tanah atau bukti hak atas tanah lain yang diakui' (langkah 'Siapkan tanah')" in result.output
    assert "belum lengkap" in result.output and "tertulis dua kali di langkah ini" in result.output
    assert result.output.splitlines()[-1] == "Dibatalkan: 4 masalah di 1 berkas."


def test_the_same_item_in_two_steps_is_printed_once(kecil: Path):
    """Case, spacing and a final full stop do not make another document: the checklist keeps the first spelling."""
    steps = STEPS.replace('      - "Pilihan desain prototipe, atau"\n      - KTP pemohon\n', "").replace(
        "      - Bukti hak atas tanah\n", "").replace("      - Dokumen PBG dan\n", "")
    write(kecil, {"content/prosedur/uji.md": procedure(steps)})
    state = checked(Project(kecil))
    doc = state.content.by_slug[("prosedur", "uji")]
    assert doc.entry.dokumen() == ["KTP pemohon", "Sertifikat tanah atau bukti hak atas tanah lain yang diakui"]
    page = state.renderer.document(doc)
    assert page.count("<label for=\"dokumen-") == 2


def test_the_real_pbg_checklist_has_whole_items_each_once():
    """content/prosedur/pbg.md as printed: no tick box reads "..., atau", the land title and the PBG appear once."""
    state = checked(Project(ROOT))
    items = state.content.by_slug[("prosedur", "pbg")].entry.dokumen()
    assert len(items) == len({i.casefold() for i in items})
    assert not [i for i in items if i.rstrip().endswith(("atau", "dan", ","))]
    assert sum("hak atas tanah" in i for i in items) == 1 and sum(i.startswith("Dokumen PBG") for i in items) == 1
