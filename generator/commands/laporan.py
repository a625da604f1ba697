"""`klinik laporan bulanan`: the monthly report of SE Bab II D.4 for one Balai or the whole country, as JSON, XLSX or PDF."""

from __future__ import annotations

from pathlib import Path

from generator.commands.layanan import balai_named, parse_month
from generator.config import read_site_config
from generator.config.project import Project
from generator.intake.report.render import ALL_NAME, FORMATS, report_bytes
from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store, open_engine
from generator.util.dates import today
from generator.util.errors import GeneratorError, UsageProblem


def bulanan(project: Project, settings: IntakeSettings, balai: str, bulan: str, fmt: str, output: Path) -> str:
    """Check the arguments, gather the month, write one file and say what is in it."""
    config = read_site_config(project.root)
    month = parse_month(bulan)
    slug = balai_named(config, balai, allow_all=True)
    if fmt not in FORMATS:
        raise UsageProblem(f"--format {fmt!r} tidak dikenal; pilih: {', '.join(FORMATS)}")
    if output.is_dir():
        raise GeneratorError(f"Galat: tidak dapat menulis {output}: itu folder; tulis nama berkas, mis. laporan.{fmt}")
    nama = ALL_NAME if slug is None else config.balai.by_slug(slug).nama  # type: ignore[union-attr]
    store = Store(open_engine(settings.db_url))
    report, data = report_bytes(store, slug, nama, month, today(), {b.slug: b.nama for b in config.taxonomy.bidang}, fmt,
                                balai_nama={b.slug: b.nama for b in config.balai.balai})
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise GeneratorError(f"Galat: tidak dapat menulis {output}: {exc.strerror or exc}") from None
    return f"Laporan bulanan {nama}, {month:%Y-%m}: {report.rekap['total']} layanan, {len(report.kunjungan)} kunjungan lapangan -> {output}"
