"""`klinik staf`: create the first staff accounts (a Kepala Balai, the Ditjen) from the server's command line."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_option
from generator.config import read_site_config
from generator.intake.staff.accounts import ROLES, AccountError, Accounts, now_utc
from generator.intake.store.db import Store, open_engine
from generator.util.errors import UsageProblem


@click.group(cls=KlinikGroup)
def staf() -> None:
    """Akun petugas Klinik PKP (TA, ATA, petugas pendukung, Kepala Balai, Ditjen)."""


@staf.command("tambah")
@project_option
@click.option("--nama", required=True, help="Nama lengkap petugas.")
@click.option("--pengguna", required=True, help="Nama pengguna untuk masuk, mis. budi.santoso.")
@click.option("--peran", required=True, type=click.Choice(list(ROLES)), help="Peran dalam Tim Klinik PKP.")
@click.option("--balai", default=None, help="Slug Balai (site_config/balai.yml); wajib kecuali untuk ditjen.")
def tambah(project_dir: Path | None, nama: str, pengguna: str, peran: str, balai: str | None) -> None:
    """Buat akun dan cetak tautan aktivasi sekali pakai (72 jam) untuk membuat kata sandi."""
    settings = settings_for(project_dir)
    config = read_site_config(settings.project_dir)
    if balai is not None and config.balai.by_slug(balai) is None:
        raise UsageProblem(f"Balai {balai!r} tidak ada di site_config/balai.yml; pilih: {', '.join(b.slug for b in config.balai.balai)}")
    try:
        token = Accounts(Store(open_engine(settings.db_url))).add(pengguna, nama, peran, balai, now_utc())
    except AccountError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"Akun {pengguna.strip().lower()} ({ROLES[peran]}) dibuat. Tautan aktivasi, sekali pakai, berlaku 72 jam:")
    click.echo(f"{settings.base_url}staf/aktivasi/{token}")
