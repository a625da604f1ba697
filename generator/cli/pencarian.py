"""`klinik pencarian`: what the site's search fails to find, from the command line (counted by the intake server)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_option
from generator.commands import pencarian as verbs


@click.group(cls=KlinikGroup)
def pencarian() -> None:
    """Pencarian di situs yang gagal: kueri tanpa hasil atau tanpa klik, untuk sinonim atau FAQ baru."""


@pencarian.command("laporan")
@project_option
@click.option("--sejak", default=None, help="Tanggal awal, YYYY-MM-DD (bawaan: 30 hari terakhir).")
@click.option("--batas", default=None, help="Jumlah kueri teratas yang ditampilkan (bawaan: 20).")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON.")
def laporan(project_dir: Path | None, sejak: str | None, batas: str | None, as_json: bool) -> None:
    """Kueri gagal yang paling sering, dengan jenis, jumlah, hari pertama dan terakhir."""
    click.echo(verbs.laporan(settings_for(project_dir), sejak, as_json, batas))
