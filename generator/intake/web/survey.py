"""The citizen's one-screen satisfaction survey at /survei/{token}: plain HTML radios, one use, no JavaScript needed."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.config.ikm import UnsurSet
from generator.intake.identity import INVALID
from generator.intake.store.survey import EXPIRED, KOMENTAR_MAX, OPEN, STORED, TOKEN_CHARS, UNKNOWN, USED, VALID_FOR, find, take
from generator.intake.web import spam
from generator.intake.web.pages import environment
from generator.intake.web.submit import FORM_TYPE, TOO_MANY, read_limited, spam_reason

router = APIRouter(include_in_schema=False)
THANKS = "/survei/terima-kasih"
SURVEY_BODY = 8 * 1024
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}  # the token is in the address
STATUS = {OPEN: 200, STORED: 200, USED: 410, EXPIRED: 410, UNKNOWN: 404}
CHOOSE = "Pilih salah satu jawaban untuk pertanyaan ini."


def _page(request: Request, state: str, token: str = "", unsur: UnsurSet | None = None, status: int | None = None,
          errors: dict | None = None, values: dict | None = None) -> HTMLResponse:
    intake = request.app.state.intake
    body = environment().get_template("survei.html.j2").render(
        state=state, token=token, set=unsur, errors=errors or {}, values=values or {}, komentar_max=KOMENTAR_MAX,
        form_token=spam.issue_form_token(intake.key), days=VALID_FOR.days, chars=TOKEN_CHARS)
    title = "Terima kasih" if state == STORED else "Nilai layanan"
    return HTMLResponse(intake.pages.page(title, body), status_code=status or STATUS[state], headers=PRIVATE)


def _opened(request: Request, token: str) -> tuple[str, UnsurSet | None]:
    """The invitation's state and element set; a set no longer in ikm.yml makes the link unusable (410)."""
    if len(token) != TOKEN_CHARS or not token.isascii():
        return UNKNOWN, None
    state, invitation = find(request.app.state.intake.store, token, datetime.now(timezone.utc))
    if invitation is None:
        return state, None
    unsur = request.app.state.intake.ikm.sets.get(invitation.unsur)
    return (OPEN, unsur) if unsur is not None else (EXPIRED, None)


@router.get(THANKS)
def thanks(request: Request) -> Response:
    return _page(request, STORED)


@router.get("/survei/{token}")
def survey_form(request: Request, token: str) -> Response:
    token = token.lower()  # typed from a printed receipt, perhaps in capitals
    state, unsur = _opened(request, token)
    return _page(request, state, token, unsur)


def check_answers(data: dict[str, str], unsur: UnsurSet) -> tuple[list[int], dict[str, str]]:
    """The scores in the set's order, or {field: Indonesian message} for each element left out or out of range."""
    scores, errors = [], {}
    for u in unsur.unsur:
        value = data.get(u.kode, "")
        if value in ("1", "2", "3", "4"):
            scores.append(int(value))
        else:
            errors[u.kode] = CHOOSE if not value else "Jawaban tidak dikenal: pilih salah satu dari empat pilihan."
    komentar = data.get("komentar", "")
    if INVALID.search(komentar):
        errors["komentar"] = "Komentar berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu."
    elif len(komentar.replace("\r\n", "\n").strip()) > KOMENTAR_MAX:
        errors["komentar"] = f"Komentar terlalu panjang: maksimal {KOMENTAR_MAX:,} karakter (sekarang {len(komentar):,}).".replace(",", ".")
    if errors:
        missing = sum(1 for u in unsur.unsur if u.kode in errors)
        errors["formulir"] = (f"{missing} pertanyaan belum dijawab atau tidak valid. Jawaban lain tetap tersimpan di formulir ini."
                              if missing else "Periksa komentar Anda lalu kirim lagi.")
    return scores, errors


@router.post("/survei/{token}")
async def survey_submit(request: Request, token: str) -> Response:
    """Every refusal has its own 4xx; a stored answer goes to the thanks page (303), which holds no token."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    token = token.lower()
    state, unsur = await run_in_threadpool(_opened, request, token)
    if state != OPEN or unsur is None:
        return _page(request, state, token)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != FORM_TYPE:
        return _page(request, OPEN, token, unsur, 415, {"formulir": "Kirim penilaian lewat formulir di halaman ini."})
    body = await read_limited(request, SURVEY_BODY)
    if body is None:
        return _page(request, OPEN, token, unsur, 413, {"formulir": "Kiriman terlalu besar: komentar paling banyak "
                                                                     f"{KOMENTAR_MAX} karakter."})
    data = {k: v[0] for k, v in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=40).items()}
    values = {k: data[k] for k in [u.kode for u in unsur.unsur] + ["komentar"] if k in data}
    ip = spam.client_ip(request.client.host if request.client else None, request.headers.get("x-forwarded-for"), s.trusted_proxies)
    wait = await run_in_threadpool(intake.limiter.retry_after, "survei:" + ip, s.rate_limit, s.rate_window_seconds)
    if wait:
        return _page(request, OPEN, token, unsur, 429, {"formulir": TOO_MANY.format(menit=max(1, round(wait / 60)))}, values)
    await run_in_threadpool(intake.limiter.hit, "survei:" + ip)
    reason, _, proofs = await run_in_threadpool(spam_reason, intake, data, ip)
    if reason:
        return _page(request, OPEN, token, unsur, 422, {"formulir": reason}, values)
    scores, errors = check_answers(data, unsur)
    if errors:
        return _page(request, OPEN, token, unsur, 422, errors, values)
    if await run_in_threadpool(intake.seen.spend, proofs) is not None:
        return _page(request, OPEN, token, unsur, 422, {"formulir": "Formulir ini sudah dikirim. Muat ulang halaman lalu kirim lagi."}, values)
    result = await run_in_threadpool(take, intake.store, token, scores, data.get("komentar"), datetime.now(timezone.utc))
    if result != STORED:
        return _page(request, result, token)
    return RedirectResponse(THANKS, status_code=303)
