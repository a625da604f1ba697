"""A citizen's photo for staff only: served to the case's own Balai, never cached, every view in the audit log."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from generator.intake.staff.accounts import now_utc
from generator.intake.staff.audit import VIEW_PHOTO, Audit
from generator.intake.store.photos import photo_bytes
from generator.intake.store.register import case
from generator.intake.web.staff import forbidden, page, require

router = APIRouter(prefix="/staf", include_in_schema=False)
PHOTO_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Cross-Origin-Resource-Policy": "same-origin"}


def _missing(request: Request, who, csrf: str, ticket: str) -> Response:
    return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Foto tidak ditemukan",
                pesan=f"Tidak ada foto itu pada layanan {ticket[:20]}.")


@router.get("/kasus/{ticket}/foto/{urutan}")
def photo(request: Request, ticket: str, urutan: str) -> Response:
    found = require(request)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    row = case(intake.store, ticket) if len(ticket) <= 20 and urutan.isdigit() and len(urutan) <= 3 else None
    if row is None:
        return _missing(request, who, csrf, ticket)
    if not who.sees_identity_of(row["balai"]):
        return forbidden(request, who, csrf, "Foto warga hanya dapat dilihat petugas Balai yang menangani kasus ini.")
    with intake.store.reading() as conn:
        got = photo_bytes(conn, ticket, int(urutan))
    if got is None:
        return _missing(request, who, csrf, ticket)
    Audit(intake.store).write(who, VIEW_PHOTO, row["balai"], ticket, now_utc())
    mime, data = got
    return Response(data, media_type=mime, headers={**PHOTO_HEADERS, "Content-Disposition": f'inline; filename="{ticket}-{int(urutan)}.jpg"'})
