"""The `klinik` command: a thin click layer over commands/ and site/, with the one error boundary in options."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from generator.cli import kalkulator
from generator.cli.cms import cms
from generator.cli.kurasi import kurasi
from generator.cli.options import CONTENT_ERROR, BoundaryGroup, fail, project_of, project_option
from generator.commands.check import check as check_project
from generator.commands.check import describe_counts
from generator.commands.new_faq import new_faq as write_faq
from generator.commands.rab import rab_desain
from generator.commands.rapikan import rapikan as tidy_content
from generator.search import algolia
from generator.site.build import build as build_site
from generator.site.preview import preview as preview_site
from generator.site.serve import serve_site
from generator.util.dates import today
from generator.util.errors import summary

LAZY = {
    "intake": ("generator.cli.intake:intake", "Formulir pertanyaan warga: server, outbox, dan penghapusan data pribadi."),
    "ikm": ("generator.cli.ikm:ikm", "Indeks Kepuasan Masyarakat (IKM): hitung, ekspor dan terbitkan hasil survei (PermenPANRB 14/2017)."),
    "laporan": ("generator.cli.laporan:laporan", "Laporan bulanan Klinik PKP (SE Bab II D.4): per Balai atau nasional, JSON, XLSX atau PDF."),
    "layanan": ("generator.cli.layanan:layanan", "Register layanan Klinik PKP: impor Buku Tamu, rekap bulanan per Balai."),
    "pencarian": ("generator.cli.pencarian:pencarian", "Pencarian di situs yang gagal: kueri tanpa hasil atau tanpa klik, untuk sinonim atau FAQ baru."),
    "staf": ("generator.cli.staf:staf", "Akun petugas Klinik PKP (TA, ATA, petugas pendukung, Kepala Balai, Ditjen)."),
}
"""Verbs that need the web server or the database driver, imported only when they run; with each, its `--help` line
(tests/cli/test_main.py keeps it equal to the verb's own), so `klinik --help` lists them without importing them."""


@click.group(cls=BoundaryGroup, lazy=LAZY, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Generator konten dan situs Klinik PKP."""


@main.command()
@project_option
@click.option("--tanggal", "day", default=None, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Tanggal acuan umur tinjauan konten (YYYY-MM-DD); bawaan: hari ini (WIB).")
def check(project_dir: Path | None, day: datetime | None) -> None:
    """Periksa semua konten dan konfigurasi; laporkan setiap masalah sekaligus."""
    state, problems = check_project(project_of(project_dir), day.date() if day is not None else today())
    if problems:
        click.echo(summary(problems))
        raise SystemExit(CONTENT_ERROR)
    for warning in state.peringatan:
        click.echo(str(warning))
    click.echo(describe_counts(state))


@main.command()
@project_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder keluaran (bawaan: site/).")
@click.option("--no-strict", is_flag=True, help="Jangan gagalkan build karena peringatan MkDocs.")
def build(project_dir: Path | None, site_dir: Path | None, no_strict: bool) -> None:
    """Periksa konten lalu bangun situs statis ke site/."""
    out = build_site(project_of(project_dir), strict=not no_strict, site_dir=site_dir)
    click.echo(f"Situs dibangun di {out}")


@main.command()
@project_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(project_dir: Path | None, host: str, port: int) -> None:
    """Sajikan situs yang sudah dibangun (site/) melalui HTTP."""
    try:
        serve_site(project_of(project_dir).root / "site", host, port)
    except KeyboardInterrupt:
        pass


@main.command()
@project_option
@click.option("--alamat", default="127.0.0.1:8000", show_default=True, help="host:port pratinjau.")
def preview(project_dir: Path | None, alamat: str) -> None:
    """Pratinjau langsung untuk penyunting: halaman yang diubah dibangun ulang dan dimuat ulang."""
    preview_site(project_of(project_dir), alamat)


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
def new_faq(project_dir: Path | None, topik, subtopik, pertanyaan, jawaban, slug, draft, peran, peninjau) -> None:
    """Tulis FAQ baru ke content/faq/<topik>/ dan cetak path-nya."""
    project = project_of(project_dir)
    path = write_faq(
        project, topik=topik, subtopik=subtopik, pertanyaan=pertanyaan,
        jawaban=jawaban, slug=slug, draft=draft, peran=peran, peninjau=peninjau,
    )
    click.echo(path.relative_to(project.root).as_posix())


@main.group()
def search() -> None:
    """Indeks pencarian Algolia (opsional; diatur lewat variabel lingkungan ALGOLIA_*)."""


@search.command("push")
@project_option
@click.option("--full", is_flag=True, help="Ganti seluruh isi indeks (replace_all_objects), bukan sinkron bertahap.")
def search_push(project_dir: Path | None, full: bool) -> None:
    """Kirim konten terbit ke indeks Algolia: rekaman baru/berubah disimpan, yang hilang dihapus."""
    click.echo(algolia.push(project_of(project_dir), full=full).summary())


@main.command("rapikan")
@project_option
@click.option("--periksa", is_flag=True, help="Jangan menulis; keluar dengan kode 1 bila ada berkas yang belum rapi.")
def rapikan(project_dir: Path | None, periksa: bool) -> None:
    """Tulis ulang setiap berkas content/ dan berkas data editor (balai, pencarian, hari_libur) persis seperti editor CMS menulisnya (isinya tetap)."""
    result = tidy_content(project_of(project_dir), write=not periksa)
    verb = "Belum rapi" if periksa else "Dirapikan"
    for path in result.changed:
        click.echo(f"{verb}: {path.relative_to(project_of(project_dir).root).as_posix()}")
    click.echo(f"{len(result.changed)} berkas {verb.lower()}, {result.unchanged} sudah rapi.")
    if result.problems:
        click.echo(summary(result.problems))
    if result.problems or (periksa and result.changed):
        raise SystemExit(CONTENT_ERROR)


@main.command("rab")
@project_option
@click.argument("kode")
@click.option("--provinsi", default=None, help="Provinsi: slug (mis. jawa-barat) atau nama. Wajib.")
@click.option("--json", "as_json", is_flag=True, help="Cetak sebagai JSON.")
def rab(project_dir: Path | None, kode: str, provinsi: str, as_json: bool) -> None:
    """Cetak RAB desain KODE di satu provinsi: divisi, item, subtotal, total, biaya per m²."""
    if not provinsi:
        fail("sebutkan provinsi dengan --provinsi (mis. --provinsi jawa-barat).")
    click.echo(rab_desain(project_of(project_dir), kode, provinsi, as_json))


main.add_command(kurasi)
main.add_command(cms)
main.add_command(kalkulator.kpr)
main.add_command(kalkulator.mampu)
