"""One report in the format asked for, for the CLI and the back office alike: gathered once, then written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from generator.intake.report.gather import MonthlyReport, gather
from generator.intake.report.jsondoc import render_json
from generator.intake.report.pdf import render_pdf
from generator.intake.report.xlsx import render_xlsx
from generator.intake.store.db import Store

FORMATS: dict[str, tuple[Callable[[MonthlyReport], bytes], str]] = {
    "json": (render_json, "application/json"),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (render_pdf, "application/pdf"),
}
"""Format -> (renderer, media type)."""
ALL_NAME = "seluruh Balai"


def file_name(slug: str, month: date, fmt: str) -> str:
    return f"laporan-bulanan-{slug}-{month:%Y-%m}.{fmt}"


def report_bytes(store: Store, balai: str | None, nama: str, month: date, as_of: date, bidang_nama: dict[str, str], fmt: str,
                 with_photos: bool = True, balai_nama: dict[str, str] | None = None) -> tuple[MonthlyReport, bytes]:
    """The gathered report and its file; photos are read (and embedded) only for a PDF `with_photos`."""
    render, _ = FORMATS[fmt]
    report = gather(store, balai, nama, month, as_of, bidang_nama, with_photos=with_photos and fmt == "pdf", balai_nama=balai_nama)
    return report, render(report)
