"""`klinik kurasi`: the TA's commands over submissions (a thin click layer over kurasi)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..errors import GeneratorError
from ..pipeline import Project
from . import kurasi as verbs


def _today() -> dt.date:
    """Today in WIB, the clinic's clock; tests replace this function."""
    from .submission_file import WIB

    return dt.datetime.now(WIB).date()


_project = click.option(
    "--proyek", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
    help="Folder proyek (berisi content/, site_config/, submissions/).",
)


@click.group()
def kurasi() -> None:
    """Pertanyaan warga: daftar yang terbuka, terbitkan jawaban menjadi FAQ."""


@kurasi.command("daftar")
@_project
def daftar(project_dir: Path) -> None:
    """Daftar pertanyaan terbuka (submissions/ dan cabang pertanyaan/*) dengan umur dan tenggat."""
    try:
        click.echo(verbs.daftar(Project(project_dir.resolve()), _today()))
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)


@kurasi.command("terbitkan")
@_project
@click.argument("tiket")
@click.option("--slug", required=True, help="Nama berkas FAQ tanpa .md.")
@click.option("--subtopik", default=None, help="Slug sub-bidang (bawaan: sub-bidang pertama bidangnya).")
@click.option("--pertanyaan", default=None, help="Rumusan pertanyaan FAQ (bawaan: pertanyaan warga yang sudah disamarkan).")
def terbitkan(project_dir: Path, tiket: str, slug: str, subtopik: str | None, pertanyaan: str | None) -> None:
    """Jadikan pertanyaan yang sudah dijawab FAQ di content/faq/<bidang>/<slug>.md."""
    project = Project(project_dir.resolve())
    try:
        written = verbs.terbitkan(project, tiket, slug, subtopik=subtopik, pertanyaan=pertanyaan, today=_today())
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"FAQ ditulis: {written[0]}")
    click.echo(f"Status {written[1]}: diterbitkan")
    click.echo(written[2])
