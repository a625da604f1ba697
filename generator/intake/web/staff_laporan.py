"""The monthly report in the back office: the Kepala Balai's targets (/staf/target), the TA's notes (/staf/laporan), downloads."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.model import JENIS_LAYANAN
from generator.intake.report.indicators import JENIS_NAMA
from generator.intake.report.plan import (
    WRITERS,
    check_note,
    check_targets,
    month_of,
    notes_of,
    planned_balai,
    save_note,
    set_targets,
    targets_of,
)
from generator.intake.report.render import ALL_NAME, FORMATS, file_name, report_bytes
from generator.intake.staff.accounts import Staff, now_utc
from generator.intake.staff.audit import Audit
from generator.intake.web.staff import forbidden, page, posted, require
from generator.util.dates import MONTHS, today

router = APIRouter(prefix="/staf", include_in_schema=False)
BALAI_STAFF = ("ta", "ata", "pendukung", "kepala-balai")
READERS = (*BALAI_STAFF, "ditjen")
DOWNLOADERS = ("kepala-balai", "ditjen")
SET_TARGETS = "atur-target"
WRITE_NOTE = "tulis-kendala"
DOWNLOAD = "unduh-laporan"
ALL = "semua"


def _year_of(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100 else None


def _year(request: Request) -> int:
    return _year_of(request.query_params.get("tahun", "")) or today().year


def _targets(request: Request, who: Staff, csrf: str, year: int, status: int = 200, values: dict | None = None,
             errors: dict | None = None) -> Response:
    intake = request.app.state.intake
    if who.balai is None:  # the Ditjen: every Balai's plan, read only
        plans = {b.slug: targets_of(intake.store, b.slug, year) for b in intake.balai.balai}
        planned = set(planned_balai(intake.store, year))
    else:
        plans, planned = {who.balai: targets_of(intake.store, who.balai, year)}, set()
    return page(request, "Target layanan", "staf_target.html.j2", status, who=who, csrf=csrf, tahun=year, plans=plans, planned=planned,
                jenis=JENIS_LAYANAN, jenis_nama=JENIS_NAMA, bulan_nama=MONTHS,
                ubah=who.peran == "kepala-balai", nilai=values, galat=errors or {})


@router.get("/target")
def targets_page(request: Request) -> Response:
    found = require(request, READERS)
    if isinstance(found, Response):
        return found
    return _targets(request, *found, _year(request))


@router.post("/target")
async def save_targets(request: Request) -> Response:
    found = await posted(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    year = _year_of(data.get("tahun", ""))
    targets, errors = check_targets(data)
    if year is None:
        errors["tahun"] = "Tahun rencana kerja tidak valid."
    if errors:
        return _targets(request, who, csrf, year or today().year, 422, values=data, errors=errors)
    now = now_utc()
    set_targets(request.app.state.intake.store, who.balai, year, targets, who.id, now)
    Audit(request.app.state.intake.store).write(who, SET_TARGETS, who.balai, None, now)
    return RedirectResponse(f"/staf/target?tahun={year}&tersimpan=1", status_code=303)


def _month(request: Request) -> date:
    return month_of(request.query_params.get("bulan", "")) or today().replace(day=1)


def _notes(request: Request, who: Staff, csrf: str, month: date, status: int = 200, values: dict | None = None,
           errors: dict | None = None) -> Response:
    store = request.app.state.intake.store
    key = f"{month:%Y-%m}"
    mine = notes_of(store, who.balai, key, who.id) if who.peran in WRITERS else []
    if values is None and mine:
        values = {"kendala": mine[0].kendala, "tindak_lanjut": mine[0].tindak_lanjut}
    shown = notes_of(store, who.balai, key) if who.peran in DOWNLOADERS else mine
    return page(request, "Laporan bulanan", "staf_laporan.html.j2", status, who=who, csrf=csrf, bulan=month, kunci=key,
                bulan_nama=MONTHS, catatan=shown, menulis=who.peran in WRITERS, unduh=who.peran in DOWNLOADERS,
                balai_list=request.app.state.intake.balai.balai, formats=("pdf", "xlsx"), nilai=values or {}, galat=errors or {},
                tersimpan=request.query_params.get("tersimpan") == "1")


@router.get("/laporan")
def notes_page(request: Request) -> Response:
    found = require(request, (*WRITERS, *DOWNLOADERS))
    if isinstance(found, Response):
        return found
    return _notes(request, *found, _month(request))


@router.post("/laporan")
async def save_notes(request: Request) -> Response:
    found = await posted(request, WRITERS)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    month = month_of(data.get("bulan", ""))
    note, errors = check_note(data)
    if month is None:
        errors["bulan"] = "Pilih bulan laporan (YYYY-MM)."
    if note is None or month is None:
        return _notes(request, who, csrf, month or today().replace(day=1), 422, values=data, errors=errors)
    now = now_utc()
    save_note(request.app.state.intake.store, who.id, who.balai, f"{month:%Y-%m}", *note, now)
    Audit(request.app.state.intake.store).write(who, WRITE_NOTE, who.balai, None, now)
    return RedirectResponse(f"/staf/laporan?bulan={month:%Y-%m}&tersimpan=1", status_code=303)


@router.get("/laporan/unduh")
async def download(request: Request) -> Response:
    """The report file: a Kepala Balai his own Balai's (with field photos), the Ditjen any Balai or all (counts, no photos)."""
    found = require(request, DOWNLOADERS)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake, query = request.app.state.intake, request.query_params
    month, fmt = month_of(query.get("bulan", "")), query.get("format", "")
    asked = query.get("balai", who.balai or ALL)[:64]
    if month is None or fmt not in ("pdf", "xlsx"):
        return page(request, "Permintaan tidak valid", "staf_galat.html.j2", 400, who=who, csrf=csrf, judul="Permintaan tidak valid",
                    pesan="Pilih bulan (YYYY-MM) dan format pdf atau xlsx.")
    if who.balai is not None and asked != who.balai:
        return forbidden(request, who, csrf, "Kepala Balai hanya mengunduh laporan Balai-nya sendiri.")
    balai = None if asked == ALL else intake.balai.by_slug(asked)
    if asked != ALL and balai is None:
        return page(request, "Balai tidak dikenal", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Balai tidak dikenal",
                    pesan="Tidak ada Balai dengan slug itu di site_config/balai.yml.")
    photos = balai is not None and who.sees_identity_of(balai.slug)  # field photos only for the Balai's own staff
    _, data = await run_in_threadpool(report_bytes, intake.store, balai.slug if balai else None, balai.nama if balai else ALL_NAME,
                                      month, today(), intake.areas, fmt, photos, {b.slug: b.nama for b in intake.balai.balai})
    Audit(intake.store).write(who, DOWNLOAD, balai.slug if balai else None, None, now_utc())
    name = file_name(asked, month, fmt)
    return Response(data, media_type=FORMATS[fmt][1], headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
