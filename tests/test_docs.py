"""The documentation stays true: every content key, command and quick-start step is described."""

from __future__ import annotations

from generator.cli import main
from generator.rab.desain import Desain, ItemBoq, Ruang
from generator.rab.harga import Analisa, BatasBiaya, DaftarAnalisa, SumberDaya, TabelHarga
from generator.schemas import SECTION_SCHEMAS, LangkahProsedur, Peninjau, RiwayatVersi
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTENT = (ROOT / "CONTENT.md").read_text(encoding="utf-8")


def test_every_front_matter_key_is_documented():
    """TA can look up every key the schemas accept in CONTENT.md."""
    rab = (Desain, ItemBoq, Ruang, Analisa, BatasBiaya, DaftarAnalisa, SumberDaya, TabelHarga)
    for model in (*SECTION_SCHEMAS.values(), LangkahProsedur, Peninjau, RiwayatVersi, *rab):
        for name in model.model_fields:
            assert f"| `{name}` |" in CONTENT, f"{model.__name__}.{name} tidak ada di CONTENT.md"


def test_every_cli_command_is_in_the_readme():
    """Each `klinik` verb appears in the README's command table."""
    for name, command in main.commands.items():
        subcommands = getattr(command, "commands", {name: None})
        for sub in subcommands:
            words = f"klinik {name}" if sub == name else f"klinik {name} {sub}"
            assert words in README, words


def test_quick_start_has_the_two_commands():
    """The README promises exactly `make run` and `make test` in its quick start."""
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick and "make test" in quick
