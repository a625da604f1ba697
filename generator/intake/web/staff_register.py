"""Recording an off-line service in the back office: a Buku Tamu walk-in, a field visit or an event, on a phone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from generator.intake.guestbook import check_service
from generator.intake.model import BENTUK_PENDAMPINGAN, JENIS_LAYANAN, JENIS_PEMOHON
from generator.intake.staff.accounts import now_utc
from generator.intake.staff.audit import RECORD_SERVICE, Audit
from generator.intake.store.register import Register
from generator.intake.web.staff import KANAL_NAMA, page, posted, require
from generator.util.dates import today

router = APIRouter(prefix="/staf", include_in_schema=False)
OFFLINE = ("kantor", "lapangan", "acara")
RECORDERS = ("ta", "ata", "pendukung", "kepala-balai")


def _form(request: Request, who, csrf: str, status: int = 200, values: dict | None = None, errors: dict | None = None,
          recorded: str | None = None, recorded_kanal: str | None = None) -> Response:
    intake = request.app.state.intake
    return page(request, "Catat layanan", "staf_catat.html.j2", status, who=who, csrf=csrf, wilayah=intake.wilayah,
                areas=intake.areas, kanal_pilihan={k: KANAL_NAMA[k] for k in OFFLINE}, jenis_pilihan=JENIS_LAYANAN,
                pemohon_pilihan=JENIS_PEMOHON, bentuk_pilihan=BENTUK_PENDAMPINGAN, nilai=values or {}, galat=errors or {}, tercatat=recorded,
                tercatat_kanal=recorded_kanal)


@router.get("/catat")
def record_form(request: Request) -> Response:
    found = require(request, RECORDERS)
    if isinstance(found, Response):
        return found
    who, csrf = found
    follows = request.query_params.get("menindaklanjuti", "")[:20]
    if follows:  # "Catat pendampingan" from a consultation's case page
        return _form(request, who, csrf, values={"kanal": "kantor", "jenis_layanan": "pendampingan", "menindaklanjuti": follows})
    return _form(request, who, csrf, values={"kanal": "kantor", "jenis_layanan": "konsultasi"})


def _pendampingan_errors(intake, values: dict, balai: str) -> dict[str, str]:
    """On the form (not in imports, whose column list the issue fixed) a pendampingan names its form and a real consultation."""
    if values.get("jenis_layanan") != "pendampingan":
        return {}
    errors = {}
    if not values.get("bentuk_pendampingan"):
        errors["bentuk_pendampingan"] = "Pilih bentuk pendampingan (SE Bab II C.3)."
    follows = values.get("menindaklanjuti", "").upper()
    if follows and not Register(intake.store).consultation_of(follows, balai):
        errors["menindaklanjuti"] = f"{follows} bukan konsultasi Balai ini."
    return errors


@router.post("/catat")
async def record(request: Request) -> Response:
    found = await posted(request, RECORDERS)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    values = {k: v.strip() for k, v in data.items() if k != "csrf"}
    if values.get("kanal") not in OFFLINE:
        return _form(request, who, csrf, 422, values, {"kanal": "Pilih kantor, lapangan atau acara."})
    values["tanggal"] = values.get("tanggal") or today().isoformat()
    service, errors = check_service(values, intake.wilayah, intake.areas, who.balai, today())
    errors.update(_pendampingan_errors(intake, values, who.balai))
    if service is None or errors:
        return _form(request, who, csrf, 422, values, errors)
    now = now_utc()
    ticket = Register(intake.store).record(service, now)
    Audit(intake.store).write(who, RECORD_SERVICE, who.balai, ticket, now)
    return _form(request, who, csrf, 201, {"kanal": values["kanal"], "jenis_layanan": values["jenis_layanan"]}, recorded=ticket,
                 recorded_kanal=values["kanal"])
