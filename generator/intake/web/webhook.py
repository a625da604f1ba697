"""POST /api/webhook/github: a merged review PR means an answer landed; record it without waiting a scan."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from generator.intake.publish.github import verify_signature  # the publishing side owns the signature scheme
from generator.intake.store.replay import Proof
from generator.intake.web.submit import read_limited

log = logging.getLogger("klinik.intake.webhook")
router = APIRouter()
MAX_EVENT_BYTES = 2 * 1024 * 1024
MAX_DELIVERY_CHARS = 100
DELIVERY_KEPT = timedelta(days=90)  # far past GitHub's redelivery window; a later replay finds the answer recorded
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
    if not verify_signature(secret.get_secret_value(), body, request.headers.get("x-hub-signature-256")):
        return JSONResponse({"galat": "Tanda tangan webhook tidak cocok."}, status_code=401)
    delivery = request.headers.get("x-github-delivery", "").strip()
    if not delivery or len(delivery) > MAX_DELIVERY_CHARS or not delivery.isascii():
        return JSONResponse({"galat": "Header X-GitHub-Delivery tidak ada atau tidak valid."}, status_code=400)
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return JSONResponse({"galat": "Badan peristiwa bukan JSON."}, status_code=400)
    proofs = delivery_proofs(delivery, body)
    if await run_in_threadpool(intake.seen.spend, proofs) is not None:
        return JSONResponse({"hasil": "sudah diterima"})
    try:
        reply = await handle_event(intake, request.headers.get("x-github-event", ""), payload)
    except Exception:
        await run_in_threadpool(intake.seen.release, proofs)  # GitHub's redelivery of a failed event must work
        raise
    if reply.status_code >= 500:
        await run_in_threadpool(intake.seen.release, proofs)
    return reply


def delivery_proofs(delivery: str, body: bytes) -> list[Proof]:
    """A delivery is spent by its id and by its body: the id header is not signed, so a replay with a fresh id
    still carries the same signed body."""
    expires = datetime.now(timezone.utc) + DELIVERY_KEPT
    return [Proof("webhook", delivery, expires), Proof("webhook-body", hashlib.sha256(body).hexdigest(), expires)]


async def handle_event(intake, event: str, payload: object) -> JSONResponse:
    """Record the answer of a merged review pull request; every other event is acknowledged and ignored."""
    ticket = merged_ticket(event, payload)
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
