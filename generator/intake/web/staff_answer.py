"""Answering a web question in the browser: the assigned TA writes, saves a draft, and marks it final."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.model import AnswerRefused, PublishError, PublishRetry
from generator.intake.staff.accounts import now_utc
from generator.intake.staff.answering import ANSWER_LIMIT, AnswerDesk, refusal
from generator.intake.staff.audit import ANSWER, Audit
from generator.intake.store.register import case
from generator.intake.web.staff import forbidden, page, posted, require

router = APIRouter(prefix="/staf", include_in_schema=False)
ANSWERERS = ("ta",)
BUSY = "Repositori tinjauan sedang tidak dapat dihubungi. Jawaban Anda belum tersimpan; coba lagi sebentar lagi."


def _load(request: Request, who, csrf: str, ticket: str) -> dict | Response:
    """The case, or the page that refuses it (unknown, another Balai, not this TA's)."""
    row = case(request.app.state.intake.store, ticket) if len(ticket) <= 20 else None
    if row is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Tiket tidak ditemukan",
                    pesan=f"Tidak ada layanan dengan nomor {ticket[:20]}.")
    if not who.sees_identity_of(row["balai"]):
        return forbidden(request, who, csrf, "Kasus ini ditangani Balai lain; hanya petugas Balai itu yang dapat membukanya.")
    reason = refusal(who, row)
    if reason:
        return forbidden(request, who, csrf, reason)
    return row


def _form(request: Request, who, csrf: str, row: dict, text: str, status: int = 200, **context) -> Response:
    intake = request.app.state.intake
    return page(request, f"Jawab {row['ticket']}", "staf_jawab.html.j2", status, who=who, csrf=csrf, c=row, jawaban=text,
                area=intake.areas.get(row["area"], row["area"]), batas=ANSWER_LIMIT,
                request_saved=request.query_params.get("tersimpan"), **context)


@router.get("/kasus/{ticket}/jawab")
async def answer_form(request: Request, ticket: str) -> Response:
    found = require(request, ANSWERERS)
    if isinstance(found, Response):
        return found
    who, csrf = found
    row = _load(request, who, csrf, ticket)
    if isinstance(row, Response):
        return row
    desk = AnswerDesk(request.app.state.intake.store, request.app.state.intake.publisher())
    try:
        draft = await run_in_threadpool(desk.draft, row)
    except (PublishRetry, PublishError, AnswerRefused):
        return _form(request, who, csrf, row, row["answer"] or "", 503, galat=BUSY)
    if draft is None:
        return _form(request, who, csrf, row, "", 409, galat="Pertanyaan ini belum masuk ke antrean tinjauan. Coba lagi sebentar lagi.")
    return _form(request, who, csrf, row, draft[0], final=draft[1])


@router.post("/kasus/{ticket}/jawab")
async def answer(request: Request, ticket: str) -> Response:
    found = await posted(request, ANSWERERS)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    row = _load(request, who, csrf, ticket)
    if isinstance(row, Response):
        return row
    intake = request.app.state.intake
    text, final, now = data.get("jawaban", ""), data.get("aksi") == "final", now_utc()
    desk = AnswerDesk(intake.store, intake.publisher())
    try:
        await run_in_threadpool(desk.save, who, row, text, final, now)
    except AnswerRefused as exc:
        return _form(request, who, csrf, row, text, 422, galat=str(exc))
    except (PublishRetry, PublishError):
        return _form(request, who, csrf, row, text, 503, galat=BUSY)
    Audit(intake.store).write(who, ANSWER, row["balai"], row["ticket"], now)
    done = "final" if final else "draf"
    return RedirectResponse(f"/staf/kasus/{quote(row['ticket'])}/jawab?tersimpan={done}", status_code=303)
