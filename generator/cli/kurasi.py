"""`klinik kurasi`: the TA's commands over submissions (a thin click layer over kurasi)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.options import KlinikGroup, project_of, project_option
from generator.commands import kurasi as verbs
from generator.commands.tinjau import tinjau as review_list
from generator.util.dates import today


def _today() -> dt.date:
    """Today in WIB, the clinic's clock; tests replace this function."""
    return today()


@click.group(cls=KlinikGroup)
def kurasi() -> None:
    """Pertanyaan warga: daftar yang terbuka, terbitkan jawaban menjadi FAQ."""


@kurasi.command("daftar")
@project_option
def daftar(project_dir: Path | None) -> None:
    """Daftar pertanyaan terbuka (submissions/ dan cabang pertanyaan/*) dengan Balai, umur dan tenggat."""
    click.echo(verbs.daftar(project_of(project_dir), _today()))


@kurasi.command("tinjau")
@project_option
@click.option("--tanggal", "day", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Tanggal acuan (YYYY-MM-DD); bawaan: hari ini (WIB).")
def tinjau(project_dir: Path | None, day: dt.datetime | None) -> None:
    """Konten terbit yang sudah lewat umur tinjauannya (site.yml tinjau_bulan), yang paling lama lebih dulu."""
    click.echo(review_list(project_of(project_dir), day.date() if day is not None else _today()))


@kurasi.command("terbitkan")
@project_option
@click.argument("tiket")
@click.option("--slug", required=True, help="Nama berkas FAQ tanpa .md.")
@click.option("--subtopik", default=None, help="Slug sub-bidang (bawaan: sub-bidang pertama bidangnya).")
@click.option("--pertanyaan", default=None, help="Rumusan pertanyaan FAQ (bawaan: pertanyaan warga yang sudah disamarkan).")
@click.option("--pr", "pull_request", type=click.Choice(["pending_review", "draft"]), default=None,
              help="Ajukan FAQ sebagai pull request di cabang cms/faq/<bidang>/<slug> (tampil di Alur tinjauan editor /admin/: "
                   "pending_review = kolom Ditinjau, draft = kolom Draf), bukan di folder kerja.")
def terbitkan(project_dir: Path | None, tiket: str, slug: str, subtopik: str | None, pertanyaan: str | None, pull_request: str | None) -> None:
    """Jadikan pertanyaan yang sudah dijawab FAQ di content/faq/<bidang>/<slug>.md (FAQ terdekat disebut dulu)."""
    lines = verbs.terbitkan(project_of(project_dir), tiket, slug, subtopik=subtopik, pertanyaan=pertanyaan, today=_today(),
                            pull_request=pull_request)
    for line in lines:
        click.echo(line)
