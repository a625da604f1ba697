"""`klinik ikm ekspor`: a period's anonymous survey answers as the CSV `klinik ikm hitung` reads (U1..Un per row)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.config import read_site_config
from generator.config.ikm import months_of
from generator.config.project import Project
from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.survey import survey_responses
from generator.util.errors import GeneratorError, UsageProblem

ALL = "semua"
FIELDS = ("balai", "kanal", "jenis_layanan", "bulan")


def ekspor(project: Project, settings: IntakeSettings, periode: str, balai: str, out: Path) -> str:
    """Write the period's answers (one Balai, or every Balai with "semua") with the period's element set; say what was written.

    Answers given with another set (the configuration changed within the period) cannot share the columns: counted, not written."""
    config = read_site_config(project.root)
    chosen = config.ikm.set_for_periode(periode)  # BadPeriod (a usage error) for anything but YYYY-S1/S2
    if balai != ALL and config.balai.by_slug(balai) is None:
        choices = ", ".join(b.slug for b in config.balai.balai)
        raise UsageProblem(f"Balai {balai!r} tidak ada di site_config/balai.yml; pilih: {choices}, {ALL}")
    if not out.parent.is_dir():
        raise GeneratorError(f"{out}: folder {out.parent} tidak ada")
    responses = survey_responses(Store(open_engine(settings.db_url)), None if balai == ALL else balai, months_of(periode))
    width = len(chosen.unsur)
    kept = [r for r in responses if r.unsur == chosen.slug and len(r.nilai) == width]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*FIELDS, *(u.kode for u in chosen.unsur)])
    writer.writerows([r.balai, r.kanal, r.jenis_layanan, r.bulan, *r.nilai] for r in kept)
    try:
        out.write_text(buffer.getvalue(), encoding="utf-8")
    except OSError as exc:
        raise GeneratorError(f"{out}: tidak dapat ditulis ({exc.strerror or type(exc).__name__})") from None
    who = "seluruh Balai" if balai == ALL else balai
    lines = [f"{len(kept)} jawaban survei periode {periode} ({who}, set {chosen.slug}, U1-U{width}) ditulis ke {out}",
             f"Hitung: klinik ikm hitung {out} --unsur {chosen.slug}"]
    if len(kept) != len(responses):
        lines.insert(1, f"{len(responses) - len(kept)} jawaban memakai set unsur lain dan tidak ikut ditulis")
    return "\n".join(lines)
