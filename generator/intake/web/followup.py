"""The citizen's private status page: the case, its answers, and up to three follow-up questions on it."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.model import NewSubmission
from generator.intake.photos import MAX_BYTES, MAX_QUESTION_PHOTOS, reencode_all
from generator.intake.store.db import Unstorable
from generator.intake.store.followups import FOLLOW_UP_LIMIT, FollowUpRefused, asker_of, follow_ups
from generator.intake.store.survey import invite
from generator.intake.web import spam
from generator.intake.web.api_schema import STATUS_DOC
from generator.intake.web.forms import QUESTION_MAX, QUESTION_MIN, invalid_characters
from generator.intake.web.pages import receipt_html, status_html
from generator.intake.web.submit import FORM_TYPE, JSON_TYPE, RECEIPT_KEY, RECEIPT_VALUE, TOO_MANY, public_base, read_limited, spam_reason
from generator.intake.web.uploads import MULTIPART_TYPE, REATTACH, UPLOAD_ALLOWANCE, photos_from_multipart
from generator.util.dates import JAKARTA, utc

router = APIRouter()
FOLLOW_UP_BODY = 16 * 1024
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
UNKNOWN = "<h1>Tautan status tidak dikenal</h1><p>Periksa kembali tautan pada tanda terima Anda, atau " \
          '<a href="/api/status/pulihkan">minta tautan baru</a> dengan nomor tiket dan nomor telepon Anda.</p>'


def _page(request: Request, row: dict, status_token: str, status: int = 200, errors: dict | None = None, text: str = "") -> HTMLResponse:
    """The status page with the case's follow-ups, and the follow-up form while the case may take one more."""
    intake = request.app.state.intake
    later = follow_ups(intake.store, row["ticket"])
    open_for_more = row.get("erased_at") is None and len(later) < FOLLOW_UP_LIMIT and row.get("token_hash")
    answered = row.get("erased_at") is None and (row.get("answered_at") or any(f["answered_at"] for f in later))
    survey = invite(intake.store, intake.key, row["ticket"], lambda day: intake.ikm.set_for_day(day).slug,
                    datetime.now(timezone.utc)) if answered else None  # the case's one survey, once it has an answer
    area = intake.areas.get(row["area"], row["area"])
    receipt = None
    if request.query_params.get(RECEIPT_KEY) == RECEIPT_VALUE and not later \
            and row["status"] == "menunggu-jawaban" and row.get("erased_at") is None:  # just sent: the receipt, until answered
        status_url = f"{public_base(intake.settings, request)}/api/status/{status_token}"
        receipt = receipt_html(row["ticket"], utc(row["received"]), row["deadline"], area, status_url,
                               intake.store.email_of(row["ticket"]) is not None, here=True,
                               jangka=intake.calendar.jangka)
    body = status_html(row, area, later=later, site=intake.pages.site, receipt=receipt, token=spam.issue_form_token(intake.key),
                       can_follow_up=bool(open_for_more), limit=FOLLOW_UP_LIMIT, foto_max=MAX_QUESTION_PHOTOS,
                       foto_mb=MAX_BYTES // (1024 * 1024), errors=errors or {}, text=text,
                       sent=request.query_params.get("lanjutan") == "terkirim", qmin=QUESTION_MIN, qmax=QUESTION_MAX,
                       token_status=status_token, survei_url=f"/survei/{survey}" if survey else None,
                       jangka=intake.calendar.jangka)
    return HTMLResponse(intake.pages.page(f"Status {row['ticket']}", body), status_code=status, headers=PRIVATE)


def wib(value: datetime) -> str:
    """A stored moment (UTC, naive from SQLite) as ISO 8601 in WIB, exactly as the submission file writes it."""
    return utc(value).astimezone(JAKARTA).isoformat(timespec="seconds")


def _unknown(request: Request, wants_json: bool) -> Response:
    if wants_json:
        return JSONResponse({"galat": "Tautan status tidak dikenal."}, status_code=404)
    return HTMLResponse(request.app.state.intake.pages.page("Status pertanyaan", UNKNOWN), status_code=404, headers=PRIVATE)


@router.get("/api/status/{token}", summary="Halaman status pribadi (dari tanda terima)", openapi_extra=STATUS_DOC)
def status(token: str, request: Request) -> Response:
    intake = request.app.state.intake
    row = intake.store.by_token(token) if len(token) <= 100 else None
    wants_json = JSON_TYPE in request.headers.get("accept", "")
    if row is None:
        return _unknown(request, wants_json)
    if wants_json:
        later = follow_ups(intake.store, row["ticket"])
        return JSONResponse({
            "tiket": row["ticket"], "bidang": row["area"], "diterima": wib(row["received"]),
            "tenggat": row["deadline"].isoformat(), "status": row["status"], "jawaban": row["answer"],
            "lanjutan": [{"tiket": f["ticket"], "diterima": wib(f["received"]), "tenggat": f["deadline"].isoformat(), "status": f["status"],
                          "jawaban": f["answer"]} for f in later],
        }, headers=PRIVATE)
    return _page(request, row, token)


def _check_question(text: str) -> str | None:
    if invalid_characters({"pertanyaan": text}):
        return "Pertanyaan berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi."
    if len(text) < QUESTION_MIN:
        return f"Pertanyaan lanjutan terlalu pendek: minimal {QUESTION_MIN} karakter (sekarang {len(text)})."
    if len(text) > QUESTION_MAX:
        return f"Pertanyaan lanjutan terlalu panjang: maksimal {QUESTION_MAX:,} karakter (sekarang {len(text):,}).".replace(",", ".")
    return None


@router.post("/api/status/{token}/lanjutan", include_in_schema=False)
async def follow_up(token: str, request: Request) -> Response:
    """A follow-up on the same case: its own ticket and fresh deadline, the same asker, the same TA."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    row = await run_in_threadpool(intake.store.by_token, token) if len(token) <= 100 else None
    if row is None:
        return _unknown(request, False)
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";")[0].strip().lower()
    if kind not in (FORM_TYPE, MULTIPART_TYPE):
        return _page(request, row, token, 415, {"formulir": "Kirim pertanyaan lanjutan lewat formulir di halaman ini."})
    body = await read_limited(request, FOLLOW_UP_BODY + (UPLOAD_ALLOWANCE if kind == MULTIPART_TYPE else 0))
    if body is None:
        return _page(request, row, token, 413, {"formulir": "Kiriman terlalu besar: paling banyak 3 foto, masing-masing 5 MB."})
    upload, broken = photos_from_multipart(content_type, body)
    if upload is None:
        return _page(request, row, token, 422, {"formulir": broken})
    data, files = upload.fields, upload.files_of("foto")
    text = data.get("pertanyaan", "").replace("\r\n", "\n").strip()
    ip = spam.client_ip(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), s.trusted_proxies)
    wait = await run_in_threadpool(intake.limiter.retry_after, ip, s.rate_limit, s.rate_window_seconds)
    if wait:
        return _page(request, row, token, 429, {"formulir": TOO_MANY.format(menit=max(1, round(wait / 60)))}, text)
    reason, _, proofs = await run_in_threadpool(spam_reason, intake, data, ip)
    problem = reason or _check_question(text)
    if problem:
        errors = {"formulir" if reason else "pertanyaan": problem, **({"foto": REATTACH} if files else {})}
        return _page(request, row, token, 422, errors, text)
    photos, refused = await run_in_threadpool(reencode_all, files, MAX_QUESTION_PHOTOS) if files else ([], None)
    if refused:
        return _page(request, row, token, 422, {"foto": refused}, text)
    asker = await run_in_threadpool(asker_of, intake.store, row["ticket"])
    if asker is None or row.get("erased_at") is not None:
        return _page(request, row, token, 410, {"formulir": "Data kasus ini sudah dihapus; ajukan pertanyaan baru lewat formulir."})
    item = NewSubmission(nama=asker["nama"], telepon=asker["telepon"], email=asker["email"], provinsi=row["provinsi"],
                         kabupaten_kota=row["kabupaten_kota"] or "", area=row["area"], question=text, balai=asker["balai"],
                         follows=row["ticket"], photos=tuple(photos), jenis_pemohon=asker["jenis_pemohon"], instansi=asker["instansi"])
    replayed = await run_in_threadpool(intake.seen.spend, proofs)
    if replayed is not None:
        return _page(request, row, token, 422, {"formulir": spam.REPLAYED[replayed.kind]}, text)
    received = datetime.now(timezone.utc).astimezone(JAKARTA)
    try:
        await run_in_threadpool(intake.store.add, item, received, intake.calendar.deadline(received), intake.limiter.writes(ip))
    except (FollowUpRefused, Unstorable) as exc:
        await run_in_threadpool(intake.seen.release, proofs)
        message = str(exc) if isinstance(exc, FollowUpRefused) else Unstorable.message
        return _page(request, row, token, 409 if isinstance(exc, FollowUpRefused) else 422, {"formulir": message}, text)
    return RedirectResponse(f"/api/status/{token}?lanjutan=terkirim", status_code=303)
