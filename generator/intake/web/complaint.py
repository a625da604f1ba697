"""The complaint intake: /pengaduan-layanan/ (the form), POST /api/pengaduan, and the private status page by token."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.store.complaints import Complaints
from generator.intake.store.db import item_error
from generator.intake.web import spam
from generator.intake.web.complaint_form import FIELDS, validate_complaint
from generator.intake.web.complaint_pages import FOLDER, complaint_form_html, complaint_status_html, lapor_html
from generator.intake.web.pages import TOKEN_MARKER, SitePages
from generator.intake.web.submit import FORM_TYPE, JSON_TYPE, TOO_MANY, parse_body, public_base, read_limited, spam_reason
from generator.util.dates import JAKARTA, utc

log = logging.getLogger("klinik.intake.pengaduan")
router = APIRouter()
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
SENT_KEY, SENT_VALUE = "pesan", "terkirim"
TITLE = "Saran dan pengaduan layanan"
UNSTORABLE = "Pesan tidak dapat disimpan karena ada isian yang tidak dapat diterima. Periksa kembali isian Anda lalu kirim lagi."


def shell(request: Request) -> SitePages:
    """The built /pengaduan-layanan/ page, read once per app, as the frame of every complaint page."""
    state = request.app.state
    if not hasattr(state, "complaint_pages"):
        state.complaint_pages = SitePages(state.intake.settings.site, FOLDER)
    return state.complaint_pages


def balai_name(intake, slug: str) -> str:
    """The Balai as citizens read it ("Balai P3KP Nusa Tenggara I")."""
    found = intake.balai.by_slug(slug)
    return found.nama if found else "Balai P3KP"


@router.get("/pengaduan-layanan/", include_in_schema=False)
@router.get("/pengaduan-layanan/index.html", include_in_schema=False)
def complaint_page(request: Request) -> HTMLResponse:
    """The built form page with a fresh signed token, or the bare form when the site was not built."""
    intake, pages = request.app.state.intake, shell(request)
    token = spam.issue_form_token(intake.key)
    if TOKEN_MARKER in pages.shell:
        return HTMLResponse(pages.shell.replace(TOKEN_MARKER, token), headers={"Cache-Control": "no-store"})
    body = f"<h1>{TITLE}</h1>" + complaint_form_html(intake.wilayah, token=token, pow=intake.settings.pow)
    return HTMLResponse(pages.page(TITLE, body), headers={"Cache-Control": "no-store"})


def refuse(request: Request, as_html: bool, status: int, errors: dict[str, str], values: dict[str, str] | None = None,
           headers: dict[str, str] | None = None) -> Response:
    """JSON {"galat": {field: message}} for scripts; the form again with each mistake next to its field for browsers."""
    if not as_html:
        return JSONResponse({"galat": errors}, status_code=status, headers=headers)
    intake, pages = request.app.state.intake, shell(request)
    if values is None:  # 413: nothing usable was read
        body = f"<h1>Pesan belum terkirim</h1><p>{' '.join(errors.values())}</p><p><a href=\"./\">Kembali ke formulir</a></p>"
    else:
        kept = {k: values.get(k, "") for k in FIELDS}
        body = f"<h1>{TITLE}</h1>" + lapor_html() + complaint_form_html(intake.wilayah, values=kept, errors=errors,
                                                                       token=values.get("token_formulir", ""), pow=intake.settings.pow)
    return HTMLResponse(pages.page("Perbaiki isian", body), status_code=status, headers={**(headers or {}), "Cache-Control": "no-store"})


async def submit_complaint(request: Request) -> Response:
    """Never a 5xx for any input: 415, 413, 429, 422 each with its Indonesian reason; stored before the reply."""
    intake = request.app.state.intake
    s = intake.settings
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    as_html = kind == FORM_TYPE and JSON_TYPE not in request.headers.get("accept", "")
    if kind not in (FORM_TYPE, JSON_TYPE):
        return refuse(request, False, 415, {"formulir": "Jenis konten tidak didukung: kirim application/x-www-form-urlencoded "
                                                        "atau application/json."})
    body = await read_limited(request, s.max_body_bytes)
    if body is None:
        return refuse(request, as_html, 413, {"formulir": f"Kiriman terlalu besar (maksimal {s.max_body_bytes // 1024:,} KB).".replace(",", ".")})
    ip = spam.client_ip(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), s.trusted_proxies)
    data, problem = parse_body(kind, body)
    wait = await run_in_threadpool(intake.limiter.retry_after, ip, s.rate_limit, s.rate_window_seconds)
    if wait:
        return refuse(request, as_html, 429, {"formulir": TOO_MANY.format(menit=max(1, round(wait / 60)))}, data,
                      headers={"Retry-After": str(wait)})
    if data is None:
        return refuse(request, False, 422, {"formulir": problem})
    reason, no_pow_wait, proofs = await run_in_threadpool(spam_reason, intake, data, ip)
    item, errors = validate_complaint(data, intake.wilayah)
    if reason:
        await run_in_threadpool(intake.limiter.hit, ip)
        trapped = s.honeypot and bool(data.get("situs_web"))
        return refuse(request, as_html, 422, {**({} if trapped else errors), "formulir": reason}, data)
    if no_pow_wait:
        return refuse(request, as_html, 429, {"formulir": TOO_MANY.format(menit=max(1, round(no_pow_wait / 60)))}, data,
                      headers={"Retry-After": str(no_pow_wait)})
    if item is None:
        return refuse(request, as_html, 422, errors, data)
    replayed = await run_in_threadpool(intake.seen.spend, proofs)
    if replayed is not None:
        await run_in_threadpool(intake.limiter.hit, ip)
        return refuse(request, as_html, 422, {"formulir": spam.REPLAYED[replayed.kind]}, data)
    item = replace(item, balai=intake.balai_of(item.provinsi))  # the Kepala Balai of the province's Balai, never a TA
    hits = (ip, "tanpa-pow:" + ip) if s.pow and not data.get("altcha") else (ip,)
    received = datetime.now(timezone.utc).astimezone(JAKARTA)
    try:
        stored = await run_in_threadpool(Complaints(intake.store).add, item, received, intake.limiter.writes(*hits))
    except Exception as exc:
        await run_in_threadpool(intake.seen.release, proofs)
        if not item_error(exc):
            raise
        await run_in_threadpool(intake.limiter.hit, *hits)
        log.warning("pengaduan tidak dapat disimpan", extra={"error": type(exc).__name__})
        return refuse(request, as_html, 422, {"formulir": UNSTORABLE}, data)
    log.info("pengaduan diterima", extra={"ticket": stored.ticket})
    if as_html:
        return RedirectResponse(f"/api/pengaduan/{stored.token}?{SENT_KEY}={SENT_VALUE}", status_code=303, headers={"Cache-Control": "no-store"})
    url = f"{public_base(s, request)}/api/pengaduan/{stored.token}"
    return JSONResponse({"tiket": stored.ticket, "tautan_status": url, "kepada": f"Kepala {balai_name(intake, item.balai)}"},
                        status_code=201, headers={"Cache-Control": "no-store"})


@router.get("/api/pengaduan/{token}", summary="Status pribadi saran atau pengaduan (dari tanda terima)")
def complaint_status(token: str, request: Request) -> Response:
    """The citizen's private page (or JSON) for one complaint; the receipt right after sending."""
    intake = request.app.state.intake
    row = Complaints(intake.store).by_token(token) if len(token) <= 100 else None
    wants_json = JSON_TYPE in request.headers.get("accept", "")
    if row is None:
        if wants_json:
            return JSONResponse({"galat": "Tautan status tidak dikenal."}, status_code=404, headers=PRIVATE)
        body = "<h1>Tautan status tidak dikenal</h1><p>Periksa kembali tautan pada tanda terima Anda.</p>"
        return HTMLResponse(shell(request).page(TITLE, body), status_code=404, headers=PRIVATE)
    if wants_json:
        return JSONResponse({"tiket": row["ticket"], "jenis": row["jenis"], "status": row["status"], "tanggapan": row["tanggapan"],
                             "diterima": utc(row["diterima"]).astimezone(JAKARTA).isoformat(timespec="seconds")}, headers=PRIVATE)
    receipt = request.query_params.get(SENT_KEY) == SENT_VALUE and row["status"] == "diterima"
    url = f"{public_base(intake.settings, request)}/api/pengaduan/{token}"
    body = complaint_status_html(row, balai_name(intake, row["balai"]), status_url=url, receipt=receipt)
    return HTMLResponse(shell(request).page(f"Status {row['ticket']}", body), headers=PRIVATE)
