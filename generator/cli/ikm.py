"""`klinik ikm`: the satisfaction index (IKM) from the command line; one group, so later verbs sit beside `hitung`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.intake import settings_for
from generator.cli.options import KlinikGroup, project_of, project_option
from generator.commands import ikm as verbs
from generator.commands.ikm_ekspor import ekspor as export_answers
from generator.commands.ikm_terbitkan import terbitkan as publish_release
from generator.util.dates import today


@click.group(cls=KlinikGroup)
def ikm() -> None:
    """Indeks Kepuasan Masyarakat (IKM): hitung, ekspor dan terbitkan hasil survei (PermenPANRB 14/2017)."""


@ikm.command("hitung")
@project_option
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unsur", "slug", required=True, help="Set unsur di site_config/ikm.yml, mis. se-2025 atau permenpanrb-2017.")
@click.option("--json", "as_json", is_flag=True, help='Cetak sebagai JSON: {"n", "nrr", "ikm", "mutu", "kinerja"}.')
def hitung(project_dir: Path | None, berkas: Path, slug: str, as_json: bool) -> None:
    """Hitung NRR per unsur, IKM, mutu dan kinerja dari CSV berkolom U1..Un (nilai 1-4, satu baris per responden)."""
    click.echo(verbs.hitung(project_of(project_dir), berkas, slug, as_json))


@ikm.command("ekspor")
@project_option
@click.option("--periode", required=True, help="Periode survei YYYY-S1 (Januari-Juni) atau YYYY-S2 (Juli-Desember).")
@click.option("--balai", default="semua", show_default=True, help="Slug Balai, atau 'semua' untuk seluruh Indonesia.")
@click.option("-o", "--keluaran", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Berkas CSV tujuan.")
def ekspor(project_dir: Path | None, periode: str, balai: str, out: Path) -> None:
    """Tulis jawaban survei satu periode ke CSV (balai, kanal, jenis_layanan, bulan, U1..Un) untuk `klinik ikm hitung`."""
    settings = settings_for(project_dir)
    click.echo(export_answers(project_of(project_dir or settings.project_dir), settings, periode, balai, out))


@ikm.command("terbitkan")
@project_option
@click.option("--periode", required=True, help="Periode yang sudah berakhir: YYYY-S1 (Januari-Juni) atau YYYY-S2 (Juli-Desember).")
def terbitkan(project_dir: Path | None, periode: str) -> None:
    """Tulis hasil survei satu periode (jumlah per unsur per Balai, bukan jawaban perorangan) ke content/ikm/ di cabang ikm/PERIODE untuk ditinjau."""
    settings = settings_for(project_dir)
    click.echo(publish_release(project_of(project_dir or settings.project_dir), settings, periode, today()))
