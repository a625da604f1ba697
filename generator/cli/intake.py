"""`klinik intake`: run the question endpoint, drain the outbox once, send the staff digests, erase a person's data."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click
import uvicorn
from sqlalchemy.exc import SQLAlchemyError

from generator.cli.options import KlinikGroup, project_option
from generator.intake.digest import Digests
from generator.intake.outbox import make_publisher, outbox_for
from generator.intake.settings import IntakeSettings, load_settings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.erasure import EraseIncomplete
from generator.intake.store.forget import erase_person
from generator.intake.web.app import create_app
from generator.intake.web.context import load_intake
from generator.intake.web.observe import setup_logging
from generator.intake.web.server import uvicorn_options
from generator.util.dates import tanggal, today
from generator.util.errors import GeneratorError


def settings_for(project_dir: Path | None, **overrides) -> IntakeSettings:
    """Settings from KLINIK_*; a bad value is a GeneratorError with one Indonesian line."""
    if project_dir is not None:
        overrides["project_dir"] = project_dir.resolve()
    return load_settings(**{k: v for k, v in overrides.items() if v is not None})


@click.group(cls=KlinikGroup)
def intake() -> None:
    """Formulir pertanyaan warga: server, outbox, dan penghapusan data pribadi."""


@intake.command()
@project_option
@click.option("--host", default=None, help="Alamat dengar (bawaan: KLINIK_HOST atau 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (bawaan: KLINIK_PORT atau 8000).")
def serve(project_dir: Path | None, host: str | None, port: int | None) -> None:
    """Sajikan situs (site/) dan API pertanyaan di /api/, dengan pekerja outbox."""
    settings = settings_for(project_dir, host=host, port=port)
    setup_logging()
    app = create_app(settings)
    click.echo(f"Klinik PKP melayani di http://{settings.host}:{settings.port}/ (API di /api/)", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=False,
                proxy_headers=False, server_header=False, **uvicorn_options(settings))


@intake.command()
@project_option
def kirim(project_dir: Path | None) -> None:
    """Publikasikan sekali semua pertanyaan yang sudah waktunya, lalu periksa jawaban baru."""
    settings = settings_for(project_dir)
    loaded = load_intake(settings)
    box = outbox_for(settings, loaded.store, make_publisher(settings))
    tried = box.drain()
    answers = box.check_answers()
    expired = box.expire()
    stats = loaded.store.stats(datetime.now(timezone.utc))
    click.echo(f"{tried} pertanyaan diproses, {answers} jawaban baru; antrean {stats['queue_depth']}, gagal permanen {stats['dead_letters']}."
               + (f" Data pribadi {expired} kasus dihapus: masa simpan {settings.retention_months} bulan berakhir." if expired else ""))


@intake.command("hapus-data")
@project_option
@click.argument("ticket")
def hapus_data(project_dir: Path | None, ticket: str) -> None:
    """Hapus identitas dan pertanyaan asli satu tiket (UU 27/2022); statistik tanpa identitas tetap."""
    settings = settings_for(project_dir)
    try:
        store = Store(open_engine(settings.db_url))
        found = erase_person(settings, store, ticket.strip().upper(), datetime.now(timezone.utc))
    except EraseIncomplete:
        raise GeneratorError(f"Data tiket {ticket.strip().upper()} sudah dihapus dari basis data, tetapi salinan lamanya di berkas "
                             "WAL belum dapat dibersihkan karena basis data sedang dipakai. Jalankan perintah ini sekali lagi.") from None
    except (SQLAlchemyError, OSError) as exc:  # the type only: driver messages can quote stored values
        raise GeneratorError(f"Basis data tidak dapat dipakai ({type(exc).__name__}); data belum dihapus. Periksa KLINIK_DATABASE_URL.") from None
    if not found:
        raise GeneratorError(f"Tiket {ticket} tidak ditemukan. Periksa nomor tiket (contoh: KPKP-2026-000123).")
    click.echo(f"Data pribadi tiket {ticket.strip().upper()} sudah dihapus: nama, telepon, email, kabupaten/kota, "
               "pertanyaan asli, dan tautan status. Statistik tanpa identitas (bidang, provinsi, tanggal, status) tetap disimpan.")


@intake.command()
@project_option
@click.option("--tanggal", "day", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Hari (YYYY-MM-DD, WIB) yang dikirim; bawaan: hari ini.")
def ringkasan(project_dir: Path | None, day: datetime | None) -> None:
    """Kirim sekali peringatan tenggat untuk Kepala Balai dan ringkasan harian untuk TA (untuk cron)."""
    settings = settings_for(project_dir)
    loaded = load_intake(settings)
    when = day.date() if day is not None else today()
    digests = Digests(settings, loaded.store, loaded.calendar, loaded.areas, {b.slug: b.nama for b in loaded.balai.balai})
    if not loaded.calendar.is_working_day(when):
        click.echo(f"{tanggal(when)} bukan hari kerja: peringatan dan ringkasan tidak dikirim.")
        return
    done = digests.run(when)
    click.echo(f"Peringatan dan ringkasan {tanggal(when)}: {done.terkirim} terkirim, {done.tertunda} tertunda (coba lagi nanti), "
               f"{done.gagal} gagal, {done.tanpa_kontak} petugas tanpa email atau telepon.")
