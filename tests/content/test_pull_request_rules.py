"""The rules the editor cannot express, as the pull-request workflow meets them: `klinik check` names each with
`path:line: field: message` (sub-area of another area, a published page pointing at a draft, broken links)."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import write

SAVED_BY_THE_EDITOR = """\
---
status: terbit
pertanyaan: Berapa uang muka KPR subsidi?
topik: pembiayaan
subtopik: pbg
ditinjau: 2026-11-25
peninjau: {peran: TA, nama: Tim Uji}
terkait: [rancangan]
---
Mulai 1 persen. Lihat juga [PBG](../rancangan.md) dan [syarat](syarat-kpr.md#tidak-ada).

Daftar harga ada di [halaman harga](../harga-rumah.md).
"""


def test_each_rule_the_editor_cannot_check_is_one_line(kecil):
    write(kecil, {"content/faq/pembiayaan/uang-muka.md": SAVED_BY_THE_EDITOR})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    path = "content/faq/pembiayaan/uang-muka.md"
    assert result.output == "".join(f"{path}:{line}\n" for line in [
        "5: subtopik: sub-bidang 'pbg' tidak ada di bidang pembiayaan; pilih: kredit-rumah, rumah-subsidi",
        "8: terkait: faq 'rancangan' masih draft; konten terbit tidak boleh menautkan draft",
        "10: tautan: '../rancangan.md' menunjuk konten draft",
        "10: tautan: 'syarat-kpr.md#tidak-ada': tidak ada judul bagian dengan anchor #tidak-ada",
        "12: tautan: '../harga-rumah.md' menunjuk halaman yang tidak ada",
    ]) + "Dibatalkan: 5 masalah di 1 berkas.\n"


def test_a_draft_may_point_at_a_draft(kecil):
    """Work in progress links work in progress; only publishing it would expose the draft."""
    text = SAVED_BY_THE_EDITOR.replace("status: terbit", "status: draft").replace("subtopik: pbg", "subtopik: kredit-rumah")
    text = text.replace(" dan [syarat](syarat-kpr.md#tidak-ada)", "").replace("Daftar harga ada di [halaman harga](../harga-rumah.md).\n", "")
    write(kecil, {"content/faq/pembiayaan/uang-muka.md": text})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
