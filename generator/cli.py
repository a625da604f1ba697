"""The `klinik` command: a thin click layer over generator.commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import commands, kalkulator_cli
from .errors import GeneratorError, summary
from .intake.cli import intake
from .intake.kurasi_cli import kurasi
from .pipeline import Project

project_option = click.option(
    "--proyek",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Folder proyek (berisi content/, site_config/, mkdocs.yml).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Generator konten dan situs Klinik PKP."""


main.add_command(intake)


@main.command()
@project_option
def check(project_dir: Path) -> None:
    """Periksa semua konten dan konfigurasi; laporkan setiap masalah sekaligus."""
    state, problems = commands.check(Project(project_dir.resolve()))
    if problems:
        click.echo(summary(problems))
        sys.exit(1)
    for warning in state.peringatan:
        click.echo(str(warning))
    click.echo(commands.describe_counts(state))


@main.command()
@project_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder keluaran (bawaan: site/).")
@click.option("--no-strict", is_flag=True, help="Jangan gagalkan build karena peringatan MkDocs.")
def build(project_dir: Path, site_dir: Path | None, no_strict: bool) -> None:
    """Periksa konten lalu bangun situs statis ke site/."""
    try:
        out = commands.build(Project(project_dir.resolve()), strict=not no_strict, site_dir=site_dir)
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"Situs dibangun di {out}")


@main.command()
@project_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(project_dir: Path, host: str, port: int) -> None:
    """Sajikan situs yang sudah dibangun (site/) melalui HTTP."""
    try:
        commands.serve_site(project_dir.resolve() / "site", host, port)
    except GeneratorError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        pass


@main.command()
@project_option
@click.option("--alamat", default="127.0.0.1:8000", show_default=True, help="host:port pratinjau.")
def preview(project_dir: Path, alamat: str) -> None:
    """Pratinjau langsung untuk penyunting: halaman yang diubah dibangun ulang dan dimuat ulang."""
    commands.preview(Project(project_dir.resolve()), alamat)


@main.group()
def new() -> None:
    """Buat berkas konten baru yang sudah valid."""


@new.command("faq")
@project_option
@click.option("--topik", required=True, help="Slug bidang, mis. pembiayaan.")
@click.option("--subtopik", default=None, help="Slug sub-bidang (bawaan: sub-bidang pertama).")
@click.option("--pertanyaan", required=True, help="Pertanyaan warga.")
@click.option("--jawaban", required=True, help="Jawaban (Markdown).")
@click.option("--slug", default=None, help="Nama berkas tanpa .md (bawaan: dari pertanyaan).")
@click.option("--draft", is_flag=True, help="Simpan sebagai draft (tidak diterbitkan).")
@click.option("--peran", type=click.Choice(["TA", "ATA", "Ditjen"]), default="TA", show_default=True)
@click.option("--peninjau", default="Tim Tenaga Ahli Klinik PKP", show_default=True, help="Nama peninjau atau tim.")
def new_faq(project_dir: Path, topik, subtopik, pertanyaan, jawaban, slug, draft, peran, peninjau) -> None:
    """Tulis FAQ baru ke content/faq/<topik>/ dan cetak path-nya."""
    try:
        path = commands.new_faq(
            Project(project_dir.resolve()), topik=topik, subtopik=subtopik, pertanyaan=pertanyaan,
            jawaban=jawaban, slug=slug, draft=draft, peran=peran, peninjau=peninjau,
        )
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(path.relative_to(project_dir.resolve()).as_posix())


@main.group()
def search() -> None:
    """Indeks pencarian Algolia (opsional; diatur lewat variabel lingkungan ALGOLIA_*)."""


@search.command("push")
@project_option
@click.option("--full", is_flag=True, help="Ganti seluruh isi indeks (replace_all_objects), bukan sinkron bertahap.")
def search_push(project_dir: Path, full: bool) -> None:
    """Kirim konten terbit ke indeks Algolia: rekaman baru/berubah disimpan, yang hilang dihapus."""
    from . import algolia_sync  # imported here: the Algolia client is only needed by this command

    try:
        result = algolia_sync.push(Project(project_dir.resolve()), full=full)
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(result.summary())


kalkulator_cli.register(main, project_option)
main.add_command(kurasi)


@main.command("rab")
@project_option
@click.argument("kode")
@click.option("--provinsi", default=None, help="Provinsi: slug (mis. jawa-barat) atau nama. Wajib.")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON.")
def rab(project_dir: Path, kode: str, provinsi: str, as_json: bool) -> None:
    """Cetak RAB desain KODE di satu provinsi: divisi, item, subtotal, total, biaya per m²."""
    from .rab.perintah import ArgumenSalah, rab_desain

    if not provinsi:
        click.echo("Galat: sebutkan provinsi dengan --provinsi (mis. --provinsi jawa-barat).", err=True)
        sys.exit(2)
    try:
        click.echo(rab_desain(Project(project_dir.resolve()), kode, provinsi, as_json))
    except ArgumenSalah as exc:
        click.echo(f"Galat: {exc}", err=True)
        sys.exit(2)
    except GeneratorError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
