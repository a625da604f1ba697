"""The documentation stays true: every content key, command and quick-start step is described."""

from __future__ import annotations

import click

from generator.cli.main import main
from generator.config.balai import Balai, BalaiDirectory
from generator.config.harga import Analisa, BatasBiaya, DaftarAnalisa, SumberDaya, TabelHarga
from generator.config.hari_libur import HariLibur, Koreksi
from generator.config.kartu_kendali import ButirPeriksa, KartuKendali, SumberKartu, TahapKartu
from generator.config.pembiayaan import BatasHarga, BatasPenghasilan, Flpp, PembiayaanConfig, RasioAngsuran, WilayahHarga, ZonaPenghasilan
from generator.config.pencarian import SearchDictionary
from generator.config.standar_pelayanan import Bagian, Ketentuan, Layanan, Maklumat, Peraturan, Rujukan, StandarPelayanan
from generator.content.desain import Desain, ItemBoq, Ruang
from generator.content.schemas import SECTION_SCHEMAS, LangkahProsedur, LayananDaring, Peninjau, Retribusi, RiwayatVersi
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTENT = (ROOT / "CONTENT.md").read_text(encoding="utf-8")


def test_every_front_matter_key_is_documented():
    """TA can look up every key the schemas accept in CONTENT.md."""
    rab = (Desain, ItemBoq, Ruang, Analisa, BatasBiaya, DaftarAnalisa, SumberDaya, TabelHarga)
    for model in (*SECTION_SCHEMAS.values(), LangkahProsedur, Retribusi, LayananDaring, Peninjau, RiwayatVersi, *rab):
        for name in model.model_fields:
            assert f"| `{name}` |" in CONTENT, f"{model.__name__}.{name} tidak ada di CONTENT.md"


SITE_CONFIG_MODELS = {
    "pembiayaan.yml": (PembiayaanConfig, Flpp, RasioAngsuran, BatasHarga, WilayahHarga, BatasPenghasilan, ZonaPenghasilan),
    "kartu-kendali.yml": (KartuKendali, SumberKartu, TahapKartu, ButirPeriksa),
    "standar_pelayanan.yml": (StandarPelayanan, Ketentuan, Peraturan, Layanan, Bagian, Rujukan, Maklumat),
    "balai.yml": (BalaiDirectory, Balai),
    "pencarian.yml": (SearchDictionary,),
    "hari_libur.yml": (HariLibur, Koreksi),
}


def test_every_site_config_table_key_is_documented():
    """Each key of the financing and control-card tables is in its own CONTENT.md section."""
    for name, models in SITE_CONFIG_MODELS.items():
        section = CONTENT.split(f"### `site_config/{name}`", 1)[1].split("\n### ", 1)[0]
        for model in models:
            for field in model.model_fields:
                assert f"| `{field}` |" in section, f"{model.__name__}.{field} tidak ada di bagian {name} CONTENT.md"


def test_every_cli_command_is_in_the_readme():
    """Each `klinik` verb appears in the README's command table."""
    ctx = click.Context(main)
    for name in main.list_commands(ctx):  # lazily loaded verbs (intake) included
        command = main.get_command(ctx, name)
        subcommands = getattr(command, "commands", {name: None})
        for sub in subcommands:
            words = f"klinik {name}" if sub == name else f"klinik {name} {sub}"
            assert words in README, words


def test_quick_start_has_the_two_commands():
    """The README promises exactly `make run` and `make test` in its quick start."""
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick and "make test" in quick
