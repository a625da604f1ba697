"""Field visits in the back office: the Kepala Balai assigns, the TA reports the result with photos from a phone."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.photos import MAX_BYTES, MAX_VISIT_PHOTOS, reencode_all
from generator.intake.staff.accounts import Accounts, Staff, now_utc
from generator.intake.staff.audit import ASSIGN_VISIT, REPORT_VISIT, VIEW_IDENTITY, Audit
from generator.intake.staff.lapangan import JENIS_KUNJUNGAN, Lapangan, check_visit
from generator.intake.staff.roster import Roster
from generator.intake.staff.sessions import csrf_ok
from generator.intake.store.photos import photos_of
from generator.intake.web.staff import FORM_LIMIT, STALE_FORM, forbidden, page, posted, require
from generator.intake.web.submit import read_limited
from generator.intake.web.uploads import photos_from_multipart
from generator.util.dates import today

router = APIRouter(prefix="/staf", include_in_schema=False)
BALAI_STAFF = ("ta", "ata", "pendukung", "kepala-balai")
REPORT_LIMIT = FORM_LIMIT + MAX_VISIT_PHOTOS * (MAX_BYTES + 4096)
OTHER_BALAI = "Kunjungan ini milik Balai lain; hanya petugas Balai itu yang dapat membukanya."


def _tas(request: Request, who: Staff) -> list[Staff]:
    return [m for m in Accounts(request.app.state.intake.store).of_balai(who.balai) if m.peran == "ta"] if who.balai else []


def _list(request: Request, who: Staff, csrf: str, status: int = 200, values: dict | None = None, errors: dict | None = None) -> Response:
    intake = request.app.state.intake
    return page(request, "Kunjungan lapangan", "staf_lapangan.html.j2", status, who=who, csrf=csrf, rows=Lapangan(intake.store).of_balai(who.balai),
                tas=_tas(request, who), wilayah=intake.wilayah, areas=intake.areas, jenis_pilihan=JENIS_KUNJUNGAN,
                nilai=values or {}, galat=errors or {})


@router.get("/lapangan")
def visits_page(request: Request) -> Response:
    found = require(request, BALAI_STAFF)
    if isinstance(found, Response):
        return found
    who, csrf = found
    values = {"tanggal": today().isoformat(), "jenis_layanan": "konsultasi"}
    followed = Lapangan(request.app.state.intake.store).followed(request.query_params.get("kasus", ""))
    if followed is not None and who.sees_identity_of(followed["balai"]):  # prefilled from the case it follows
        values.update(kasus=followed["ticket"], bidang=followed["area"], provinsi=followed["provinsi"],
                      kabupaten_kota=followed["kabupaten_kota"] or "")
    return _list(request, who, csrf, values=values)


@router.post("/lapangan")
async def assign(request: Request) -> Response:
    found = await posted(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    values = {k: " ".join(v.split()) for k, v in data.items() if k != "csrf"}
    lapangan, tas = Lapangan(intake.store), _tas(request, who)
    followed = lapangan.followed(values.get("kasus", "").upper())
    visit, errors = check_visit(values, who, tas, intake.wilayah, intake.areas, followed, today())
    if visit is None:
        return _list(request, who, csrf, 422, values, errors)
    now = now_utc()
    ta_name = next(t.nama for t in tas if t.id == visit.ta_id)
    ticket = lapangan.assign(who, visit, ta_name, now)
    Audit(intake.store).write(who, ASSIGN_VISIT, who.balai, ticket, now)
    return RedirectResponse(f"/staf/lapangan/{ticket}", status_code=303)


@router.get("/lapangan/{ticket}")
def visit_page(request: Request, ticket: str) -> Response:
    found = require(request, BALAI_STAFF + ("ditjen",))
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    visit = Lapangan(intake.store).get(ticket)
    if visit is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Kunjungan tidak ditemukan",
                    pesan=f"Tidak ada kunjungan lapangan dengan nomor {ticket[:20]}.")
    if not who.sees_identity_of(visit["balai"]):  # the site is private like identity: the Ditjen sees counts only
        return forbidden(request, who, csrf, OTHER_BALAI)
    if not visit["erased_at"]:
        Audit(intake.store).write(who, VIEW_IDENTITY, visit["balai"], ticket, now_utc())
    open_for_me = visit["ta_id"] == who.id and visit["selesai"] is None and not visit["erased_at"]
    return page(request, f"Kunjungan {ticket}", "staf_lapangan_kunjungan.html.j2", who=who, csrf=csrf, v=visit,
                area=intake.areas.get(visit["area"], visit["area"]), fotos=photos_of(intake.store, ticket),
                riwayat=Roster(intake.store).history(ticket), lapor=open_for_me, foto_max=MAX_VISIT_PHOTOS,
                foto_mb=MAX_BYTES // (1024 * 1024), galat=request.query_params.get("galat"))


def _back(ticket: str, problem: str | None = None) -> Response:
    return RedirectResponse(f"/staf/lapangan/{quote(ticket)}" + (f"?galat={quote(problem)}" if problem else ""), status_code=303)


@router.post("/lapangan/{ticket}/hasil")
async def report(request: Request, ticket: str) -> Response:
    found = require(request, ("ta",))
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    visit = Lapangan(intake.store).get(ticket)
    if visit is None or not who.sees_identity_of(visit["balai"]):
        return forbidden(request, who, csrf, OTHER_BALAI)
    body = await read_limited(request, REPORT_LIMIT)
    if body is None:
        return _back(ticket, f"Kiriman terlalu besar: paling banyak {MAX_VISIT_PHOTOS} foto, {MAX_BYTES // (1024 * 1024)} MB per foto.")
    upload, problem = photos_from_multipart(request.headers.get("content-type", ""), body)
    if upload is None or not csrf_ok(csrf, upload.fields.get("csrf")):
        return forbidden(request, who, csrf, problem or STALE_FORM)
    photos, refused = await run_in_threadpool(reencode_all, upload.files_of("foto"), MAX_VISIT_PHOTOS)  # before any lock
    if refused:
        return _back(ticket, refused)
    now = now_utc()
    close = upload.fields.get("aksi") == "selesai"
    refused = await run_in_threadpool(Lapangan(intake.store).report, who, ticket, upload.fields.get("uraian", ""), photos, close, now)
    if refused is None:
        Audit(intake.store).write(who, REPORT_VISIT, who.balai, ticket, now)
    return _back(ticket, refused)
