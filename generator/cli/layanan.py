"""`klinik layanan`: the register of every service, from the command line (import a guest book, monthly recap)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_of, project_option
from generator.commands import layanan as verbs


@click.group(cls=KlinikGroup)
def layanan() -> None:
    """Register layanan Klinik PKP: impor Buku Tamu, rekap bulanan per Balai."""


@layanan.command("impor")
@project_option
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--balai", required=True, help="Slug Balai pemilik Buku Tamu (site_config/balai.yml), mis. jawa-iii.")
def impor(project_dir: Path | None, berkas: Path, balai: str) -> None:
    """Impor Buku Tamu (CSV atau XLSX): semua baris diperiksa dulu; satu baris salah, tidak ada yang diimpor."""
    settings = settings_for(project_dir)
    click.echo(verbs.impor(project_of(project_dir or settings.project_dir), settings, berkas, balai))


@layanan.command("rekap")
@project_option
@click.option("--balai", required=True, help="Slug Balai, atau 'semua' untuk seluruh Indonesia.")
@click.option("--bulan", required=True, help="Bulan, YYYY-MM.")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON.")
def rekap(project_dir: Path | None, balai: str, bulan: str, as_json: bool) -> None:
    """Jumlah layanan satu bulan menurut jenis dan kanal."""
    settings = settings_for(project_dir)
    click.echo(verbs.rekap(project_of(project_dir or settings.project_dir), settings, balai, bulan, as_json))
