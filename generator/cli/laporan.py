"""`klinik laporan`: the monthly report of the register for a Balai or the Ditjen, from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_of, project_option
from generator.commands import laporan as verbs


@click.group(cls=KlinikGroup)
def laporan() -> None:
    """Laporan bulanan Klinik PKP (SE Bab II D.4): per Balai atau nasional, JSON, XLSX atau PDF."""


@laporan.command("bulanan")
@project_option
@click.option("--balai", required=True, help="Slug Balai, atau 'semua' untuk rekap nasional Ditjen.")
@click.option("--bulan", required=True, help="Bulan, YYYY-MM.")
@click.option("--format", "fmt", required=True, help="xlsx, pdf atau json.")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path), help="Berkas yang ditulis.")
def bulanan(project_dir: Path | None, balai: str, bulan: str, fmt: str, output: Path) -> None:
    """Tulis laporan bulanan: capaian target, kendala, rekap, dokumentasi, media informasi, dan indikator kinerja."""
    settings = settings_for(project_dir)
    click.echo(verbs.bulanan(project_of(project_dir or settings.project_dir), settings, balai, bulan, fmt, output))
