"""POST /api/pertanyaan: check the request, the spam defences and the fields, then store before replying."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime, timezone
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.identity import clean
from generator.intake.photos import MAX_QUESTION_PHOTOS, reencode_all
from generator.intake.store.db import Unstorable
from generator.intake.web import spam
from generator.intake.web.context import Intake
from generator.intake.web.forms import FIELDS, validate
from generator.intake.web.pages import form_html, receipt_html
from generator.intake.web.uploads import MULTIPART_TYPE, REATTACH, UPLOAD_ALLOWANCE, form_fields
from generator.util.dates import JAKARTA

log = logging.getLogger("klinik.intake.submit")
FORM_TYPE, JSON_TYPE = "application/x-www-form-urlencoded", "application/json"
RECEIPT_KEY, RECEIPT_VALUE = "pertanyaan", "terkirim"
"""Added to the status address right after sending: the status page then shows the receipt until the answer comes."""
TOO_MANY = "Terlalu banyak kiriman dari jaringan Anda. Coba lagi dalam {menit} menit."


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is larger than `limit` (never reads a huge body into memory)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def reply_error(intake, as_html: bool, status: int, errors: dict[str, str], values: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Response:
    """JSON {"galat": {field: message}} for scripts; the form page with inline errors for plain browsers."""
    if as_html:
        if values is None:  # 413/415: nothing usable was read, so show a short page
            message = " ".join(errors.values())
            return HTMLResponse(intake.pages.page("Pertanyaan belum terkirim", f"<h1>Pertanyaan belum terkirim</h1><p>{message}</p>"
                                                  '<p><a href="./">Kembali ke formulir</a></p>'), status_code=status, headers=headers)
        kept = {k: values.get(k, "") for k in (*FIELDS, "token_formulir")}
        return HTMLResponse(render_form_page(intake, kept, errors), status_code=status, headers=headers)
    return JSONResponse({"galat": errors}, status_code=status, headers=headers)


def too_many(intake, as_html: bool, seconds: int, values: dict[str, str] | None) -> Response:
    message = TOO_MANY.format(menit=max(1, round(seconds / 60)))
    return reply_error(intake, as_html, 429, {"formulir": message}, values, headers={"Retry-After": str(seconds)})


def spam_reason(intake, data: dict[str, str], ip: str) -> tuple[str | None, int, list[spam.Proof]]:
    """(Indonesian reason, 0, []) for a rejected post, else (None, retry_after for the no-JS limit, single-use
    proofs the post carries); the proofs are spent only once the question is about to be stored."""
    s = intake.settings
    proofs: list[spam.Proof] = []
    if s.honeypot and data.get("situs_web"):
        return "Kiriman ditolak karena terdeteksi sebagai spam.", 0, []
    if s.min_fill_seconds > 0:
        reason, proof = spam.form_token_proof(intake.key, data.get("token_formulir", ""), s.min_fill_seconds)
        if reason:
            return reason, 0, []
        proofs.append(proof)
    wait = 0
    if s.pow:
        payload = data.get("altcha", "")
        if payload:
            proof = spam.altcha_proof(intake.key, payload)
            if proof is None:
                return spam.ALTCHA_FAILED, 0, []
            proofs.append(proof)
        elif s.rate_limit_no_pow == 0:
            return "Aktifkan JavaScript untuk mengirim pertanyaan (pemeriksaan anti-spam).", 0, []
        else:  # no JavaScript, so no proof of work: allowed, under a stricter per-IP limit
            wait = intake.limiter.retry_after("tanpa-pow:" + ip, s.rate_limit_no_pow, s.rate_window_seconds)
    replayed = intake.seen.spent(proofs)
    if replayed is not None:
        return spam.REPLAYED[replayed.kind], 0, []
    return None, wait, proofs


async def handle(intake, metrics, request: Request) -> Response:
    """Never a 5xx for any input: every way a request can be wrong has its own 4xx."""
    s = intake.settings
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    as_html = kind in (FORM_TYPE, MULTIPART_TYPE) and JSON_TYPE not in request.headers.get("accept", "")
    if kind not in (FORM_TYPE, JSON_TYPE, MULTIPART_TYPE):
        metrics.submissions.labels("415").inc()
        return reply_error(intake, False, 415, {"formulir": "Jenis konten tidak didukung: kirim application/x-www-form-urlencoded, "
                                                            "multipart/form-data (dengan foto) atau application/json."})
    body_limit = s.max_body_bytes + (UPLOAD_ALLOWANCE if kind == MULTIPART_TYPE else 0)  # room for three photos only
    body = await read_limited(request, body_limit)
    if body is None:
        metrics.submissions.labels("413").inc()
        return reply_error(intake, as_html, 413, {"formulir": f"Kiriman terlalu besar (maksimal {body_limit // 1024:,} KB).".replace(",", ".")})
    ip = spam.client_ip(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), s.trusted_proxies)
    limit = (ip, s.rate_limit, s.rate_window_seconds)  # counted in the store, so shared by all servers
    wait = intake.limiter.retry_after(*limit) if intake.limiter.inline else await run_in_threadpool(intake.limiter.retry_after, *limit)
    data, problem, files = form_fields(request.headers["content-type"], body) if kind == MULTIPART_TYPE else (*parse_body(kind, body), [])
    if wait:
        metrics.submissions.labels("429").inc()
        return too_many(intake, as_html, wait, data)
    if data is None:
        metrics.submissions.labels("422").inc()
        return reply_error(intake, False, 422, {"formulir": problem})
    reason, no_pow_wait, proofs = await run_in_threadpool(spam_reason, intake, data, ip)
    item, errors = validate(data, intake.wilayah, intake.areas)
    if reason:
        await run_in_threadpool(intake.limiter.hit, ip)
        metrics.submissions.labels("spam").inc()
        trapped = s.honeypot and bool(data.get("situs_web"))  # a bot filled the honeypot: it learns nothing of the fields
        return reply_error(intake, as_html, 422, {**({} if trapped else errors), "formulir": reason}, data)
    if no_pow_wait:
        metrics.submissions.labels("429").inc()
        return too_many(intake, as_html, no_pow_wait, data)
    if item is None:
        metrics.submissions.labels("422").inc()
        return reply_error(intake, as_html, 422, {**errors, "foto": REATTACH} if files and as_html else errors, data)
    photos, refused = await run_in_threadpool(reencode_all, files, MAX_QUESTION_PHOTOS) if files else ([], None)
    if refused:  # re-encoded here, outside the store's write lock: EXIF and GPS never reach the database
        metrics.submissions.labels("422").inc()
        return reply_error(intake, as_html, 422, {"foto": refused}, data)
    item = replace(item, balai=intake.balai_of(item.provinsi), photos=tuple(photos))  # routed to the Balai of the asker's province
    replayed = await run_in_threadpool(intake.seen.spend, proofs)
    if replayed is not None:  # a concurrent post carried the same proof and spent it first
        await run_in_threadpool(intake.limiter.hit, ip)
        metrics.submissions.labels("spam").inc()
        return reply_error(intake, as_html, 422, {"formulir": spam.REPLAYED[replayed.kind]}, data)
    hits = (ip, "tanpa-pow:" + ip) if s.pow and not data.get("altcha") else (ip,)
    received = datetime.now(timezone.utc).astimezone(JAKARTA)
    try:  # the hits are counted in the question's own transaction: no commit of their own
        stored = await run_in_threadpool(intake.store.add, item, received, intake.calendar.deadline(received), intake.limiter.writes(*hits))
    except Exception as exc:  # not stored: give the proofs back so the citizen can simply send again
        await run_in_threadpool(intake.seen.release, proofs)
        if not isinstance(exc, Unstorable):
            raise
        await run_in_threadpool(intake.limiter.hit, *hits)  # a refused post still counts, as before
        metrics.submissions.labels("422").inc()  # the database refused this post's values: only this post fails
        log.warning("pertanyaan tidak dapat disimpan", extra={"error": exc.kind})
        return reply_error(intake, as_html, 422, {"formulir": Unstorable.message}, data)
    metrics.submissions.labels("diterima").inc()
    log.info("pertanyaan diterima", extra={"ticket": stored.ticket})
    if as_html:  # the browser moves to the status page, the receipt whose address the citizen keeps
        return RedirectResponse(f"/api/status/{stored.token}?{RECEIPT_KEY}={RECEIPT_VALUE}", status_code=303, headers={"Cache-Control": "no-store"})
    status_url = f"{public_base(s, request)}/api/status/{stored.token}"
    return JSONResponse({
        "tiket": stored.ticket, "tenggat": stored.deadline.isoformat(), "tautan_status": status_url,
        "html": receipt_html(stored.ticket, stored.received, stored.deadline, intake.areas[item.area], status_url, bool(item.email),
                             jangka=intake.calendar.jangka),
    }, status_code=201, headers={"Cache-Control": "no-store"})


def render_form_page(intake: Intake, values: dict[str, str], errors: dict[str, str]) -> str:
    """The form again, with the citizen's input kept and each mistake next to its field."""
    body = "<h1>Ajukan pertanyaan</h1>" + form_html(
        intake.wilayah, intake.areas, values=values, errors=errors, token=values.get("token_formulir", ""),
        pow=intake.settings.pow)
    return intake.pages.page("Perbaiki isian", body)


def public_base(settings, request: Request) -> str:
    """The site's public address (for links a citizen keeps), or the one this request came in on."""
    return settings.public_url.rstrip("/") if settings.public_url else str(request.base_url).rstrip("/")


def parse_body(kind: str, body: bytes) -> tuple[dict[str, str] | None, str | None]:
    """Form or JSON body as {field: clean text}; (None, reason) when it cannot be read."""
    if kind == FORM_TYPE:
        try:
            raw = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=50)
        except ValueError:
            return None, "Terlalu banyak isian dalam formulir."
        return {k: clean(v) for k, v in raw.items()}, None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "Badan permintaan bukan JSON yang valid."
    except RecursionError:  # "[[[[..." within the size limit still nests past the decoder's depth
        return None, "Badan permintaan JSON bersarang terlalu dalam."
    if not isinstance(data, dict):
        return None, "Badan permintaan harus berupa objek JSON."
    return {str(k): clean(v) for k, v in data.items()}, None
