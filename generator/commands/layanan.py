"""`klinik layanan`: import a Balai's guest book into the register, and count a month's services."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from generator.config import SiteConfig, read_site_config
from generator.config.project import Project
from generator.intake.guestbook import read_guestbook
from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.register import Register
from generator.util.dates import today
from generator.util.errors import ContentErrors, UsageProblem

ALL = "semua"
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def balai_named(config: SiteConfig, slug: str, allow_all: bool = False) -> str | None:
    """The Balai a command names (or None for the whole country), or a usage error listing the choices."""
    if allow_all and slug == ALL:
        return None
    if config.balai.by_slug(slug) is None:
        choices = ", ".join(b.slug for b in config.balai.balai) + (f", {ALL}" if allow_all else "")
        raise UsageProblem(f"Balai {slug!r} tidak ada di site_config/balai.yml; pilih: {choices}")
    return slug


def _register(settings: IntakeSettings) -> Register:
    return Register(Store(open_engine(settings.db_url)))


def impor(project: Project, settings: IntakeSettings, path: Path, balai: str) -> str:
    """Check every row first; import all of them (rows imported before are skipped) or none, and say what happened."""
    config = read_site_config(project.root)
    slug = balai_named(config, balai)
    services, problems = read_guestbook(path, config, slug or "", today())
    if problems:
        raise ContentErrors(problems)
    tickets, skipped = _register(settings).record_many(services, dt.datetime.now(dt.timezone.utc))
    note = f"; {skipped} baris sudah diimpor sebelumnya" if skipped else ""
    span = f" (tiket {tickets[0]} s.d. {tickets[-1]})" if tickets else ""
    return f"{len(tickets)} layanan dicatat untuk Balai {slug}{span}{note}."


def parse_month(text: str) -> dt.date:
    """YYYY-MM as the first day of that month, or a usage error."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise UsageProblem(f"--bulan {text!r} tidak valid; tulis tahun-bulan, mis. 2026-11")
    return dt.date(int(match[1]), int(match[2]), 1)


def rekap(project: Project, settings: IntakeSettings, balai: str, bulan: str, as_json: bool) -> str:
    """A month's services for one Balai or the whole country, by kind and by channel."""
    config = read_site_config(project.root)
    month = parse_month(bulan)
    counts = _register(settings).recap(balai_named(config, balai, allow_all=True), month)
    if as_json:
        return json.dumps(counts, ensure_ascii=False)
    who = "seluruh Balai" if counts["balai"] == ALL else config.balai.by_slug(counts["balai"]).nama  # type: ignore[union-attr]
    return "\n".join([
        f"Rekap layanan {who}, {counts['bulan']}: {counts['total']} layanan",
        "  menurut jenis: " + ", ".join(f"{k} {v}" for k, v in counts["per_jenis"].items()),
        "  menurut kanal: " + ", ".join(f"{k} {v}" for k, v in counts["per_kanal"].items()),
    ])
