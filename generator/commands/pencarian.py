"""`klinik pencarian laporan`: the most frequent failed searches, so TA know which synonym or FAQ the site lacks."""

from __future__ import annotations

import datetime as dt
import json
import re

from generator.intake.settings import IntakeSettings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.search_misses import Miss, miss_rows
from generator.util.dates import tanggal, today
from generator.util.errors import UsageProblem

DEFAULT_DAYS = 30
"""Without --sejak: the last 30 days, today included."""
DEFAULT_LIMIT = 20
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[0-9]{1,6}")
HINT = ("Tindak lanjut: kueri yang memakai kata lain untuk jawaban yang sudah ada -> tambahkan sinonim di "
        "site_config/pencarian.yml; pertanyaan yang belum terjawab -> tulis FAQ baru dengan `klinik new faq`.")
KIND_WORDS = {"kosong": "tanpa hasil", "tanpa-klik": "tanpa klik"}


def parse_since(text: str | None) -> dt.date:
    """--sejak YYYY-MM-DD as a date (DEFAULT_DAYS ago when absent), or a usage error."""
    if text is None:
        return today() - dt.timedelta(days=DEFAULT_DAYS - 1)
    try:
        if not _DATE.fullmatch(text.strip()):
            raise ValueError(text)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"--sejak {text!r} tidak valid; tulis tanggal YYYY-MM-DD, mis. 2026-11-01") from None


def parse_limit(text: str | None) -> int:
    """--batas N (1-999999; DEFAULT_LIMIT when absent), or a usage error."""
    if text is None:
        return DEFAULT_LIMIT
    if not _NUMBER.fullmatch(text.strip()) or int(text) < 1:
        raise UsageProblem(f"--batas {text!r} tidak valid; tulis bilangan bulat 1 atau lebih, mis. 20")
    return int(text)


def _table(rows: list[Miss], since: dt.date) -> str:
    head = f"Pencarian gagal sejak {tanggal(since)}, {len(rows)} kueri teratas:"
    header = ("jumlah", "jenis", "pertama", "terakhir", "kueri")
    lines = [(str(m.count), KIND_WORDS[m.kind], m.first.isoformat(), m.last.isoformat(), m.query) for m in rows]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(4)]
    out = [head]
    for row in [header, *lines]:
        cells = [row[0].rjust(widths[0]), *(cell.ljust(w) for cell, w in zip(row[1:4], widths[1:], strict=True)), row[4]]
        out.append("  " + "  ".join(cells))
    return "\n".join([*out, HINT])


def laporan(settings: IntakeSettings, sejak: str | None, as_json: bool, batas: str | None) -> str:
    """The most frequent failures since a day: a table with a hint how to act, or JSON."""
    since, limit = parse_since(sejak), parse_limit(batas)
    engine = open_engine(settings.db_url)
    try:
        rows = miss_rows(Store(engine), since, limit)
    finally:
        engine.dispose()
    if as_json:
        return json.dumps({"sejak": since.isoformat(), "gagal": [
            {"kueri": m.query, "jenis": m.kind, "jumlah": m.count, "pertama": m.first.isoformat(),
             "terakhir": m.last.isoformat()} for m in rows]}, ensure_ascii=False)
    if not rows:
        return f"Belum ada pencarian gagal sejak {tanggal(since)}."
    return _table(rows, since)
