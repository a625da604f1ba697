"""`klinik cms`: the browser editor's configuration, a thin click layer over commands/cms."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import IndonesianCommand, project_of, project_option
from generator.commands.cms import cms as write_cms


@click.command("cms", cls=IndonesianCommand)
@project_option
@click.option("--keluaran", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis config.yml ke berkas ini (bawaan: site/admin/config.yml).")
@click.option("--server-lokal", "local_backend", default=None, metavar="URL",
              help="Alamat API decap-server untuk penyuntingan di komputer sendiri (bawaan: http://localhost:8081/api/v1).")
def cms(project_dir: Path | None, keluaran: Path | None, local_backend: str | None) -> None:
    """Tulis konfigurasi editor /admin/ (Decap CMS) dan .github/CODEOWNERS dari skema konten dan site_config/."""
    project = project_of(project_dir)
    for path in write_cms(project, output=keluaran, local_backend=local_backend):
        click.echo(f"Ditulis: {path}")
