"""A lost status link asked for again with ticket + phone: the new link goes only to that phone or the case's email."""

from __future__ import annotations

import logging
import re
import smtplib
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.identity import normalise_phone
from generator.intake.notify import deliver
from generator.intake.store.status_link import asker_for, new_status_token
from generator.intake.web import spam
from generator.intake.web.pages import environment
from generator.intake.web.submit import TOO_MANY, read_limited, spam_reason
from generator.intake.whatsapp import configured, send_status_link, wa_number
from generator.util.fields import TICKET_PATTERN

log = logging.getLogger("klinik.intake.recovery")
router = APIRouter(include_in_schema=False)
PATH = "/api/status/pulihkan"
RECOVERY_LIMIT = 5
"""Requests per address per rate window: enough for typing mistakes, too few to guess phone numbers."""
TICKET_RE = re.compile(TICKET_PATTERN)
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def link_email(settings, to: str, ticket: str, link: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"] = settings.mail_from, to
    msg["Subject"] = f"Tautan status baru untuk tiket {ticket} - Klinik PKP"
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="klinik.pkp.go.id")
    msg.set_content(
        f"Yth. penanya,\n\nAnda (atau seseorang yang mengetahui nomor tiket dan telepon Anda) meminta tautan status baru untuk "
        f"tiket {ticket}. Tautan pribadi Anda sekarang:\n\n{link}\n\nTautan lama tidak berlaku lagi. Jangan bagikan tautan ini.\n\n"
        "Email ini dikirim otomatis; mohon tidak membalas.\nKlinik PKP\n"
    )
    return msg


def _page(request: Request, status: int = 200, errors: dict | None = None, values: dict | None = None, done: bool = False) -> HTMLResponse:
    intake = request.app.state.intake
    body = environment().get_template("pulihkan.html.j2").render(
        token=spam.issue_form_token(intake.key), errors=errors or {}, values=values or {}, done=done, action=PATH)
    return HTMLResponse(intake.pages.page("Minta tautan status", body), status_code=status, headers=PRIVATE)


@router.get(PATH)
def recovery_form(request: Request) -> Response:
    return _page(request)


def _send(request: Request, ticket: str, phone: str) -> None:
    """Rotate and send when the case matches and a channel can carry the link; otherwise nothing changes."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    asker = asker_for(intake.store, ticket, phone)
    if asker is None:
        return
    by_whatsapp = configured(s) and wa_number(asker["telepon"]) is not None
    if not by_whatsapp and not asker["email"]:
        log.info("tautan status tidak dapat dikirim: tidak ada saluran", extra={"ticket": asker["ticket"]})
        return  # keep the old link: a new one nobody receives would only lock the asker out
    token = new_status_token(intake.store, asker["ticket"])
    base = s.public_url.rstrip("/") if s.public_url else str(request.base_url).rstrip("/")
    link = f"{base}/api/status/{token}"
    sent = by_whatsapp and send_status_link(s, asker["telepon"], asker["ticket"], link)
    if asker["email"]:
        try:
            deliver(s, link_email(s, asker["email"], asker["ticket"], link), f"{asker['ticket']}-tautan")
            sent = True
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("email tautan status belum terkirim", extra={"ticket": asker["ticket"], "error": type(exc).__name__})
    log.info("tautan status baru dibuat", extra={"ticket": asker["ticket"], "sent": bool(sent)})


@router.post(PATH)
async def recover(request: Request) -> Response:
    """The same answer whether or not the pair matched, so the form reveals nobody's ticket or phone."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    body = await read_limited(request, 4096)
    if body is None:
        return _page(request, 413, {"formulir": "Kiriman terlalu besar."})
    data = {k: v[0].strip() for k, v in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=10).items()}
    values = {"tiket": data.get("tiket", "")[:40].upper(), "telepon": data.get("telepon", "")[:40]}
    ip = spam.client_ip(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), s.trusted_proxies)
    wait = await run_in_threadpool(intake.limiter.retry_after, "pulihkan:" + ip, RECOVERY_LIMIT, s.rate_window_seconds)
    if wait:
        return _page(request, 429, {"formulir": TOO_MANY.format(menit=max(1, round(wait / 60)))}, values)
    reason, _, proofs = await run_in_threadpool(spam_reason, intake, data, ip)
    errors = {"formulir": reason} if reason else {}
    if not errors and not _ticket_ok(values["tiket"]):
        errors["tiket"] = "Nomor tiket berbentuk KPKP-TAHUN-NOMOR, mis. KPKP-2026-000123 (lihat tanda terima)."
    phone = normalise_phone(values["telepon"]) if not errors else None
    if not errors and phone is None:
        errors["telepon"] = "Nomor telepon/WhatsApp tidak valid. Tulis nomor yang Anda isi di formulir, mis. 0812 3456 7890."
    if errors:
        return _page(request, 422, errors, values)
    await run_in_threadpool(intake.limiter.hit, "pulihkan:" + ip)
    if await run_in_threadpool(intake.seen.spend, proofs) is not None:
        return _page(request, 422, {"formulir": "Formulir ini sudah dipakai. Muat ulang halaman lalu kirim lagi."}, values)
    await run_in_threadpool(_send, request, values["tiket"], phone)
    return _page(request, 200, done=True)


def _ticket_ok(text: str) -> bool:
    return len(text) == 16 and bool(TICKET_RE.fullmatch(text))
