"""`klinik staf`: create the first staff accounts (a Kepala Balai, the Ditjen) from the server's command line."""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_option
from generator.config import read_site_config
from generator.intake.staff.accounts import ROLES, AccountError, Accounts, now_utc
from generator.intake.staff.audit import TOTP_RESET, Audit
from generator.intake.staff.totp import TwoStep
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
@click.option("--email", default=None, help="Email kerja untuk ringkasan harian dan peringatan tenggat (opsional).")
@click.option("--telepon", default=None, help="Nomor WhatsApp kerja untuk ringkasan harian (opsional), mis. 0812 3456 7890.")
def tambah(project_dir: Path | None, nama: str, pengguna: str, peran: str, balai: str | None, email: str | None,
           telepon: str | None) -> None:
    """Buat akun dan cetak tautan aktivasi sekali pakai (72 jam) untuk membuat kata sandi."""
    settings = settings_for(project_dir)
    config = read_site_config(settings.project_dir)
    if balai is not None and config.balai.by_slug(balai) is None:
        raise UsageProblem(f"Balai {balai!r} tidak ada di site_config/balai.yml; pilih: {', '.join(b.slug for b in config.balai.balai)}")
    try:
        token = Accounts(Store(open_engine(settings.db_url))).add(pengguna, nama, peran, balai, now_utc(), email=email, telepon=telepon)
    except AccountError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"Akun {pengguna.strip().lower()} ({ROLES[peran]}) dibuat. Tautan aktivasi, sekali pakai, berlaku 72 jam:")
    click.echo(f"{settings.base_url}staf/aktivasi/{token}")


def operator(oleh: str | None) -> str:
    """Who ran the command, for the audit log: "cli:" and --oleh, or the server's OS user when it is not given."""
    name = (oleh or "").strip() or getpass.getuser()
    return f"cli:{name}"[:80]


@staf.command("atur-ulang-dua-langkah")
@project_option
@click.option("--pengguna", required=True, help="Nama pengguna yang ponselnya hilang.")
@click.option("--oleh", default=None, help="Siapa yang menjalankan perintah ini, untuk log audit (bawaan: pengguna sistem operasi).")
def atur_ulang_dua_langkah(project_dir: Path | None, pengguna: str, oleh: str | None) -> None:
    """Matikan verifikasi dua langkah satu akun (mis. ponsel Kepala Balai hilang); ia masuk dengan kata sandi saja.
    Tercatat di log audit Balai akun itu: tindakan atur-ulang-dua-langkah oleh "cli:<operator>"."""
    settings = settings_for(project_dir)
    store = Store(open_engine(settings.db_url))
    who = TwoStep(store).reset_username(pengguna)
    if who is None:
        raise UsageProblem(f"akun {pengguna.strip().lower()!r} tidak ada atau verifikasi dua langkahnya tidak aktif")
    Audit(store).write_operator(operator(oleh), TOTP_RESET, who, now_utc())
    click.echo(f"Verifikasi dua langkah akun {who.username} dimatikan (tercatat di log audit); aktifkan lagi di /staf/akun.")
