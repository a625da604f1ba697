"""/staf/pengaduan: the citizens' saran and pengaduan about the clinic, for the Kepala Balai of their Balai (and the Ditjen)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.identity import INVALID, clean
from generator.intake.model import JENIS_PENGADUAN, STATUS_PENGADUAN
from generator.intake.privacy.redact import redact
from generator.intake.staff.accounts import now_utc
from generator.intake.staff.audit import RESPOND_COMPLAINT, VIEW_IDENTITY, Audit
from generator.intake.store.complaints import Complaints
from generator.intake.web.staff import forbidden, page, posted, require

router = APIRouter(prefix="/staf", include_in_schema=False)
READERS = ("kepala-balai", "ditjen")
"""Complaints may be about the TA themselves, so only the Kepala Balai (and the Ditjen, who monitors) read them."""
REPLY_MAX = 4000
OTHER_BALAI = "Pesan ini ditujukan kepada Kepala Balai lain; hanya Kepala Balai itu yang dapat membukanya."


def _names() -> dict:
    """The words the pages print for the kinds and statuses."""
    return {"jenis_nama": JENIS_PENGADUAN, "status_nama": STATUS_PENGADUAN}


@router.get("/pengaduan")
def complaint_list(request: Request) -> Response:
    """The Balai's complaints (every Balai's for the Ditjen), open first."""
    found = require(request, READERS)
    if isinstance(found, Response):
        return found
    who, csrf = found
    rows = Complaints(request.app.state.intake.store).listed(who.balai)
    return page(request, "Saran dan pengaduan", "staf_pengaduan.html.j2", who=who, csrf=csrf, rows=rows, **_names())


def _show(request: Request, who, csrf: str, ticket: str, status: int = 200, galat: str | None = None, teks: str = "") -> Response:
    """One complaint: identity only to its own Balai's Kepala Balai, audit-logged; for the Ditjen the text redacted."""
    intake = request.app.state.intake
    row = Complaints(intake.store).get(ticket) if len(ticket) <= 20 else None
    if row is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Tiket tidak ditemukan",
                    pesan=f"Tidak ada saran atau pengaduan dengan nomor {ticket[:20]}.")
    if not who.sees_cases_of(row["balai"]):
        return forbidden(request, who, csrf, OTHER_BALAI)
    mine = who.sees_identity_of(row["balai"])
    if mine and row["identitas"]:
        Audit(intake.store).write(who, VIEW_IDENTITY, row["balai"], row["ticket"], now_utc())
    isi = row["isi"] if mine or not row["isi"] else redact(row["isi"])
    return page(request, f"Pengaduan {row['ticket']}", "staf_pengaduan_kasus.html.j2", status, who=who, csrf=csrf, c=row,
                identitas=row["identitas"] if mine else None, isi=isi, disamarkan=not mine, boleh_tanggapi=mine and not row["erased_at"],
                galat=galat, teks=teks, tanggapan_maks=REPLY_MAX, **_names())


@router.get("/pengaduan/{ticket}")
def complaint_page(request: Request, ticket: str) -> Response:
    """One complaint, through `_show`."""
    found = require(request, READERS)
    if isinstance(found, Response):
        return found
    return _show(request, *found, ticket)


@router.post("/pengaduan/{ticket}")
async def respond(request: Request, ticket: str) -> Response:
    """The Kepala Balai's status and reply (CSRF-checked, audit-logged), then back to the complaint."""
    found = await posted(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    status, reply = data.get("status", ""), clean(data.get("tanggapan", ""))
    if status not in STATUS_PENGADUAN:
        return _show(request, who, csrf, ticket, 422, "Pilih status dari daftar.", reply)
    if INVALID.search(reply):
        return _show(request, who, csrf, ticket, 422, "Tanggapan berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu.", reply)
    if len(reply) > REPLY_MAX:
        return _show(request, who, csrf, ticket, 422, f"Tanggapan terlalu panjang: maksimal {REPLY_MAX:,} karakter.".replace(",", "."), reply)
    now = now_utc()
    done = await run_in_threadpool(Complaints(intake.store).respond, ticket[:20], who.balai, status, reply or None, who.id, now)
    if not done:
        return forbidden(request, who, csrf, OTHER_BALAI)
    Audit(intake.store).write(who, RESPOND_COMPLAINT, who.balai, ticket[:20], now)
    return RedirectResponse(f"/staf/pengaduan/{quote(ticket[:20])}", status_code=303)
