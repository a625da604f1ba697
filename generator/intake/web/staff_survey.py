"""The survey receipt of an office or field service: a page the ATA prints or shows on the phone, QR code and short link."""

from __future__ import annotations

import segno
from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from generator.intake.staff.accounts import now_utc
from generator.intake.store.survey import NO_SURVEY, find, invite, service
from generator.intake.web.staff import forbidden, page, require
from generator.util.dates import JAKARTA

router = APIRouter(prefix="/staf", include_in_schema=False)
RECEIPT_ROLES = ("ta", "ata", "pendukung", "kepala-balai")
OTHER_BALAI = "Layanan ini milik Balai lain; hanya petugas Balai itu yang dapat membuat tanda terimanya."


def survey_url(request: Request, token: str) -> str:
    """The link the QR code carries: the public address when configured, else the one this request came to."""
    s = request.app.state.intake.settings
    base = s.public_url.rstrip("/") if s.public_url else str(request.base_url).rstrip("/")
    return f"{base}/survei/{token}"


def qr_svg(url: str) -> Markup:
    """The link as an inline SVG QR code (no image request, no script), large enough to scan from a phone screen."""
    return Markup(segno.make(url, error="m").svg_inline(scale=6, omitsize=True, dark="#000", light="#fff", title="Kode QR survei kepuasan"))


@router.get("/layanan/{ticket}/tanda-terima")
def receipt(request: Request, ticket: str) -> Response:
    found = require(request, RECEIPT_ROLES)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    row = service(intake.store, ticket.upper()) if len(ticket) <= 20 else None
    if row is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Layanan tidak ditemukan",
                    pesan=f"Tidak ada layanan dengan nomor {ticket[:20]}.")
    if who.balai != row["balai"]:
        return forbidden(request, who, csrf, OTHER_BALAI)
    if row["kanal"] == "daring" or row["kanal"] in NO_SURVEY:
        message = ("Penanya daring mendapat tautan survei di halaman status dan email jawabannya." if row["kanal"] == "daring"
                   else "Acara tidak mencatat peserta perorangan, jadi tidak ada survei per orang.")
        return page(request, "Tanpa tanda terima survei", "staf_galat.html.j2", 409, who=who, csrf=csrf,
                    judul="Tanda terima survei tidak dibuat", pesan=message)
    now = now_utc()
    token = invite(intake.store, intake.key, row["ticket"], lambda day: intake.ikm.set_for_day(day).slug, now)
    url = survey_url(request, token) if token else None
    invitation = find(intake.store, token, now)[1] if token else None
    return page(request, f"Tanda terima {row['ticket']}", "staf_tanda_terima.html.j2", 200 if url else 410, who=who, csrf=csrf,
                s=row, url=url, qr=qr_svg(url) if url else None, balai=intake.balai.by_slug(row["balai"]),
                berlaku=invitation.expires.astimezone(JAKARTA).date() if invitation else None)
