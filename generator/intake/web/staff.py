"""The clinic's back office under /staf/: sign-in, the Balai's queue, a case with its (audited) identity, the team."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from generator.intake.staff.accounts import ROLES, AccountError, Accounts, Staff, now_utc
from generator.intake.staff.audit import ADD_STAFF, SIGN_IN, VIEW_IDENTITY, Audit
from generator.intake.staff.sessions import COOKIE, Sessions, csrf_ok
from generator.intake.store.register import case, cases
from generator.intake.web.pages import environment
from generator.intake.web.submit import read_limited
from generator.util.dates import tanggal, waktu

router = APIRouter(prefix="/staf", include_in_schema=False)
FORM_LIMIT = 8 * 1024
PRE_COOKIE = "klinik_staf_pra"  # double-submit CSRF for the forms shown before a session exists
TEAM_ROLES = ("ta", "ata", "pendukung")
KANAL_NAMA = {"daring": "Daring (formulir)", "kantor": "Kantor (Buku Tamu)", "lapangan": "Kunjungan lapangan", "acara": "Acara"}
NO_STORE = {"Cache-Control": "no-store"}


def _cookie(response: Response, name: str, value: str, request: Request, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/staf", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https" or request.url.hostname in ("127.0.0.1", "localhost"))


def _page(request: Request, title: str, template: str, status: int = 200, **context) -> HTMLResponse:
    intake = request.app.state.intake
    body = environment().get_template(template).render(tanggal=tanggal, waktu=waktu, roles=ROLES, kanal=KANAL_NAMA, **context)
    return HTMLResponse(intake.pages.page(title, body), status_code=status, headers=NO_STORE)


async def _form(request: Request) -> dict[str, str] | None:
    body = await read_limited(request, FORM_LIMIT)
    if body is None:
        return None
    raw = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=20)
    return {k: v[0] for k, v in raw.items()}


def _session(request: Request) -> tuple[Staff, str] | None:
    return Sessions(request.app.state.intake.store).find(request.cookies.get(COOKIE), now_utc())


def _pre_form(request: Request, title: str, template: str, status: int = 200, **context) -> HTMLResponse:
    """A form shown without a session (sign-in, activation), with a fresh double-submit CSRF token."""
    token = secrets.token_urlsafe(24)
    response = _page(request, title, template, status, csrf=token, **context)
    _cookie(response, PRE_COOKIE, token, request, max_age=3600)
    return response


def _forbidden(request: Request, who: Staff, message: str) -> HTMLResponse:
    return _page(request, "Tidak diizinkan", "staf_galat.html.j2", 403, who=who, judul="Tidak diizinkan", pesan=message)


@router.get("/masuk")
def sign_in_form(request: Request) -> Response:
    return _pre_form(request, "Masuk petugas", "staf_masuk.html.j2")


@router.post("/masuk")
async def sign_in(request: Request) -> Response:
    data = await _form(request)
    if data is None:
        return _pre_form(request, "Masuk petugas", "staf_masuk.html.j2", 413, galat="Isian terlalu panjang.")
    if not csrf_ok(request.cookies.get(PRE_COOKIE, ""), data.get("csrf")):
        return _pre_form(request, "Masuk petugas", "staf_masuk.html.j2", 403,
                         galat="Formulir kedaluwarsa atau dibuka dari tempat lain. Silakan masuk lagi.")
    intake = request.app.state.intake
    accounts, now = Accounts(intake.store), now_utc()
    username = data.get("pengguna", "")
    who = accounts.sign_in(username, data.get("sandi", ""), now)
    if who is None:
        locked = accounts.locked(username, now)
        message = ("Akun dikunci 15 menit karena terlalu banyak percobaan yang salah." if locked
                   else "Nama pengguna atau kata sandi salah.")
        return _pre_form(request, "Masuk petugas", "staf_masuk.html.j2", 429 if locked else 401, galat=message, pengguna=username)
    token, _ = Sessions(intake.store).start(who, now)
    Audit(intake.store).write(who, SIGN_IN, who.balai, None, now)
    response = RedirectResponse("/staf/", status_code=303)
    _cookie(response, COOKIE, token, request)
    response.delete_cookie(PRE_COOKIE, path="/staf")
    return response


@router.get("/aktivasi/{token}")
def activation_form(request: Request, token: str) -> Response:
    who = Accounts(request.app.state.intake.store).by_setup_token(token, now_utc()) if len(token) <= 100 else None
    if who is None:
        return _page(request, "Aktivasi akun", "staf_galat.html.j2", 404, who=None, judul="Tautan aktivasi tidak berlaku",
                     pesan="Tautan ini sudah dipakai atau kedaluwarsa. Minta tautan baru kepada Kepala Balai.")
    return _pre_form(request, "Aktivasi akun", "staf_aktivasi.html.j2", akun=who, token=token)


@router.post("/aktivasi/{token}")
async def activate(request: Request, token: str) -> Response:
    data = await _form(request)
    accounts = Accounts(request.app.state.intake.store)
    who = accounts.by_setup_token(token, now_utc()) if len(token) <= 100 else None
    if data is None or who is None or not csrf_ok(request.cookies.get(PRE_COOKIE, ""), data.get("csrf")):
        return _page(request, "Aktivasi akun", "staf_galat.html.j2", 403, who=None, judul="Aktivasi gagal",
                     pesan="Tautan atau formulir tidak berlaku lagi. Buka lagi tautan aktivasi dari Kepala Balai.")
    if data.get("sandi", "") != data.get("ulang", ""):
        return _pre_form(request, "Aktivasi akun", "staf_aktivasi.html.j2", 422, akun=who, token=token,
                         galat="Kedua kata sandi tidak sama.")
    try:
        accounts.set_password(token, data.get("sandi", ""), now_utc())
    except AccountError as exc:
        return _pre_form(request, "Aktivasi akun", "staf_aktivasi.html.j2", 422, akun=who, token=token, galat=str(exc))
    return RedirectResponse("/staf/masuk?aktif=1", status_code=303)


@router.get("/")
def queue(request: Request) -> Response:
    found = _session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    who, csrf = found
    rows = cases(request.app.state.intake.store, None if who.peran == "ditjen" else who.balai)
    return _page(request, "Antrean layanan", "staf_antrean.html.j2", who=who, csrf=csrf, rows=rows,
                 balai=request.app.state.intake.balai)


@router.get("/kasus/{ticket}")
def case_page(request: Request, ticket: str) -> Response:
    found = _session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    who, csrf = found
    intake = request.app.state.intake
    row = case(intake.store, ticket) if len(ticket) <= 20 else None
    if row is None:
        return _page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, judul="Tiket tidak ditemukan",
                     pesan=f"Tidak ada layanan dengan nomor {ticket[:20]}.")
    if not who.sees_cases_of(row["balai"]):
        return _forbidden(request, who, "Kasus ini ditangani Balai lain; hanya petugas Balai itu yang dapat membukanya.")
    show_identity = who.sees_identity_of(row["balai"])
    if show_identity and row["identitas"]:
        Audit(intake.store).write(who, VIEW_IDENTITY, row["balai"], ticket, now_utc())
    return _page(request, f"Kasus {ticket}", "staf_kasus.html.j2", who=who, csrf=csrf, c=row, identitas=row["identitas"] if show_identity else None,
                 area=intake.areas.get(row["area"], row["area"]))


@router.get("/audit")
def audit_page(request: Request) -> Response:
    found = _session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    who, csrf = found
    if who.peran != "kepala-balai":
        return _forbidden(request, who, "Log akses hanya dapat dibaca Kepala Balai.")
    return _page(request, "Log akses identitas", "staf_audit.html.j2", who=who, csrf=csrf,
                 entries=Audit(request.app.state.intake.store).of_balai(who.balai))


@router.get("/tim")
def team_page(request: Request) -> Response:
    found = _session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    who, csrf = found
    if who.peran != "kepala-balai":
        return _forbidden(request, who, "Hanya Kepala Balai yang mengatur tim Balai.")
    return _page(request, "Tim Balai", "staf_tim.html.j2", who=who, csrf=csrf, team=Accounts(request.app.state.intake.store).of_balai(who.balai),
                 team_roles=TEAM_ROLES)


@router.post("/tim")
async def add_member(request: Request) -> Response:
    found = _session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    who, csrf = found
    data = await _form(request)
    if data is None or not csrf_ok(csrf, data.get("csrf")):
        return _forbidden(request, who, "Formulir kedaluwarsa atau dibuka dari tempat lain. Muat ulang halaman lalu coba lagi.")
    if who.peran != "kepala-balai":
        return _forbidden(request, who, "Hanya Kepala Balai yang mengatur tim Balai.")
    intake = request.app.state.intake
    accounts = Accounts(intake.store)
    context = {"who": who, "csrf": csrf, "team_roles": TEAM_ROLES}
    if data.get("peran") not in TEAM_ROLES:
        return _page(request, "Tim Balai", "staf_tim.html.j2", 422, team=accounts.of_balai(who.balai), galat="Pilih peran anggota tim.",
                     nilai=data, **context)
    now = now_utc()
    try:
        token = accounts.add(data.get("pengguna", ""), data.get("nama", ""), data["peran"], who.balai, now)
    except AccountError as exc:
        return _page(request, "Tim Balai", "staf_tim.html.j2", 422, team=accounts.of_balai(who.balai), galat=str(exc), nilai=data, **context)
    Audit(intake.store).write(who, ADD_STAFF, who.balai, None, now)
    link = f"{str(request.base_url).rstrip('/')}/staf/aktivasi/{token}"
    return _page(request, "Tim Balai", "staf_tim.html.j2", team=accounts.of_balai(who.balai), tautan=link, baru=data["nama"], **context)


@router.post("/keluar")
async def sign_out(request: Request) -> Response:
    found = _session(request)
    data = await _form(request)
    if found is not None and data is not None and csrf_ok(found[1], data.get("csrf")):
        Sessions(request.app.state.intake.store).end(request.cookies.get(COOKIE))
    response = RedirectResponse("/staf/masuk", status_code=303)
    response.delete_cookie(COOKIE, path="/staf")
    return response
