"""HTML of the complaint form and the complaint's private status page, from the intake's autoescaping templates."""

from __future__ import annotations

from generator.config.wilayah import Wilayah
from generator.intake.model import JENIS_PENGADUAN, STATUS_PENGADUAN
from generator.intake.web.complaint_form import ISI_MAX, ISI_MIN
from generator.intake.web.pages import TOKEN_MARKER, environment
from generator.util.dates import utc, waktu

FOLDER = "pengaduan-layanan"
"""The built page's folder: /pengaduan-layanan/ holds the form (pages/inventory.py lists pengaduan-layanan.md)."""


def complaint_form_html(wilayah: Wilayah, *, values: dict[str, str] | None = None, errors: dict[str, str] | None = None,
                        token: str = TOKEN_MARKER, pow: bool = True) -> str:
    """The complaint form; the built page carries TOKEN_MARKER, which the intake app fills per request."""
    return environment().get_template("pengaduan_form.html.j2").render(
        wilayah=wilayah, values=values or {}, errors=errors or {}, token=token, pow=pow, jenis_pilihan=JENIS_PENGADUAN,
        isi_min=ISI_MIN, isi_max=ISI_MAX)


def complaint_status_html(row: dict, balai_name: str, *, status_url: str = "", receipt: bool = False) -> str:
    """The citizen's page for one complaint: kind, Balai, status, what they wrote and the Kepala Balai's reply."""
    return environment().get_template("pengaduan_status.html.j2").render(
        c=row, jenis=JENIS_PENGADUAN.get(row["jenis"], row["jenis"]), status=STATUS_PENGADUAN.get(row["status"], row["status"]),
        diterima=waktu(utc(row["diterima"])), ditanggapi=waktu(utc(row["ditanggapi"])) if row.get("ditanggapi") else "",
        balai=balai_name, receipt=receipt, status_url=status_url)


def lapor_html() -> str:
    """The SP4N-LAPOR! box the form page and the receipt both show (the national complaint channel)."""
    return environment().get_template("pengaduan_lapor.html.j2").render()
