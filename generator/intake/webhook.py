"""POST /api/webhook/github: a merged review PR means an answer landed; record it without waiting a scan."""

from __future__ import annotations

import json
import logging
import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from .submit import read_limited

log = logging.getLogger("klinik.intake.webhook")
router = APIRouter()
MAX_EVENT_BYTES = 2 * 1024 * 1024
BRANCH = re.compile(r"^pertanyaan/(KPKP-\d{4}-\d{6})$")


def merged_ticket(event: str, payload: object) -> str | None:
    """The ticket of a merged `pertanyaan/TICKET` pull request, else None."""
    if event != "pull_request" or not isinstance(payload, dict) or payload.get("action") != "closed":
        return None
    pull = payload.get("pull_request")
    if not isinstance(pull, dict) or not pull.get("merged"):
        return None
    head = pull.get("head") if isinstance(pull.get("head"), dict) else {}
    match = BRANCH.match(str(head.get("ref", "")))
    return match.group(1) if match else None


@router.post("/api/webhook/github", include_in_schema=False)
async def github_webhook(request: Request) -> JSONResponse:
    intake = request.app.state.intake
    secret = intake.settings.webhook_secret
    if secret is None:
        return JSONResponse({"galat": "Webhook tidak diaktifkan (KLINIK_WEBHOOK_SECRET kosong)."}, status_code=404)
    body = await read_limited(request, MAX_EVENT_BYTES)
    if body is None:
        return JSONResponse({"galat": "Peristiwa terlalu besar."}, status_code=413)
    from .publish_github import verify_signature  # the publishing side owns GitHub's signature scheme

    if not verify_signature(secret.get_secret_value(), body, request.headers.get("x-hub-signature-256")):
        return JSONResponse({"galat": "Tanda tangan webhook tidak cocok."}, status_code=401)
    try:
        payload = json.loads(body)
    except ValueError:
        return JSONResponse({"galat": "Badan peristiwa bukan JSON."}, status_code=400)
    ticket = merged_ticket(request.headers.get("x-github-event", ""), payload)
    if ticket is None:
        return JSONResponse({"hasil": "diabaikan"})
    if intake.outbox is None:
        return JSONResponse({"galat": "Pekerja outbox tidak berjalan; jawaban akan dicatat saat pemeriksaan berikutnya."}, status_code=503)
    answer = await run_in_threadpool(intake.outbox.publisher.fetch_answer, ticket)
    if answer is None:
        return JSONResponse({"hasil": "belum ada jawaban", "tiket": ticket})
    await run_in_threadpool(intake.outbox.record, [answer])
    log.info("jawaban dari webhook", extra={"ticket": ticket})
    return JSONResponse({"hasil": "jawaban dicatat", "tiket": ticket})
