"""The clinic's back office under /staf/: sign-in, the Balai's queue, a case with its (audited) identity, the team."""

from __future__ import annotations

import functools
import secrets
from datetime import datetime
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from generator.intake.model import BENTUK_PENDAMPINGAN, KANAL_NAMA, PEMOHON_NAMA
from generator.intake.staff.accounts import ROLES, AccountError, Accounts, Staff, now_utc
from generator.intake.staff.audit import ADD_STAFF, FORWARD, SET_ROSTER, SIGN_IN, VIEW_IDENTITY, Audit
from generator.intake.staff.roster import Roster
from generator.intake.staff.sessions import COOKIE, Sessions, csrf_ok
from generator.intake.staff.totp import PENDING, TwoStep
from generator.intake.store.photos import photos_of
from generator.intake.store.register import case, cases
from generator.intake.web.pages import environment
from generator.intake.web.submit import read_limited
from generator.util.dates import tanggal, waktu

router = APIRouter(prefix="/staf", include_in_schema=False)
FORM_LIMIT = 8 * 1024
PRE_COOKIE = "klinik_staf_pra"  # double-submit CSRF for the forms shown before a session exists
CODE_COOKIE = "klinik_staf_kode"  # a sign-in waiting for its two-step code (staff/totp.py), never a session
TEAM_ROLES = ("ta", "ata", "pendukung")
NO_STORE = {"Cache-Control": "no-store"}


def cookie(response: Response, name: str, value: str, request: Request, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/staf", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https" or request.url.hostname in ("127.0.0.1", "localhost"))


def balai_name(balai, slug: str) -> str:
    """A Balai as staff know it ("Balai P3KP Jawa III"), its slug only if the list no longer has it."""
    known = balai.by_slug(slug)
    return known.nama if known else slug


def page(request: Request, title: str, template: str, status: int = 200, **context) -> HTMLResponse:
    intake = request.app.state.intake
    body = environment().get_template(template).render(tanggal=tanggal, waktu=waktu, roles=ROLES, kanal=KANAL_NAMA,
                                                               bentuk=BENTUK_PENDAMPINGAN, nama_balai=functools.partial(balai_name, intake.balai),
                                                               pemohon=PEMOHON_NAMA, jangka=intake.calendar.jangka,
                                                               **context)
    return HTMLResponse(intake.pages.page(title, body), status_code=status, headers=NO_STORE)


async def read_form_lists(request: Request) -> dict[str, list[str]] | None:
    """Every field with all its values (check boxes), or None for a body over FORM_LIMIT."""
    body = await read_limited(request, FORM_LIMIT)
    if body is None:
        return None
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=50)


async def read_form(request: Request) -> dict[str, str] | None:
    raw = await read_form_lists(request)
    return None if raw is None else {k: v[0] for k, v in raw.items()}


def session(request: Request) -> tuple[Staff, str] | None:
    return Sessions(request.app.state.intake.store).find(request.cookies.get(COOKIE), now_utc())


def _pre_form(request: Request, title: str, template: str, status: int = 200, **context) -> HTMLResponse:
    """A form shown without a session (sign-in, activation), with a fresh double-submit CSRF token."""
    token = secrets.token_urlsafe(24)
    response = page(request, title, template, status, csrf=token, **context)
    cookie(response, PRE_COOKIE, token, request, max_age=3600)
    return response


def forbidden(request: Request, who: Staff, csrf: str, message: str) -> HTMLResponse:
    return page(request, "Tidak diizinkan", "staf_galat.html.j2", 403, who=who, csrf=csrf, judul="Tidak diizinkan", pesan=message)


def require(request: Request, roles: tuple[str, ...] | None = None) -> tuple[Staff, str] | Response:
    """The signed-in staff member and CSRF token, a redirect to sign in, or 403 for a role not in `roles`."""
    found = session(request)
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    if roles is not None and found[0].peran not in roles:
        return forbidden(request, *found, "Halaman ini bukan untuk peran Anda.")
    return found

STALE_FORM = "Formulir kedaluwarsa atau dibuka dari tempat lain. Muat ulang halaman lalu coba lagi."


async def posted(request: Request, roles: tuple[str, ...] | None = None, lists: bool = False):
    """(staff, CSRF token, form) of a signed-in POST whose CSRF token matches, or the Response that refuses it."""
    found = require(request, roles)
    if isinstance(found, Response):
        return found
    who, csrf = found
    data = await (read_form_lists(request) if lists else read_form(request))
    given = (data or {}).get("csrf")
    if data is None or not csrf_ok(csrf, given[0] if lists and given else given):
        return forbidden(request, who, csrf, STALE_FORM)
    return who, csrf, data


@router.get("/masuk")
def sign_in_form(request: Request) -> Response:
    return _pre_form(request, "Masuk petugas", "staf_masuk.html.j2")


@router.post("/masuk")
async def sign_in(request: Request) -> Response:
    data = await read_form(request)
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
    if who.dua_langkah:  # right password, yet no session until the code is right (web/staff_account.py)
        pending, _ = TwoStep(intake.store).wait_for_code(who, now)
        response = RedirectResponse("/staf/masuk/kode", status_code=303)
        cookie(response, CODE_COOKIE, pending, request, max_age=int(PENDING.total_seconds()))
        response.delete_cookie(PRE_COOKIE, path="/staf")
        return response
    return start_session(request, who, now)


def start_session(request: Request, who: Staff, now: datetime) -> Response:
    """The signed-in session (audited) once every step of the sign-in passed, and the way to the queue."""
    intake = request.app.state.intake
    token, _ = Sessions(intake.store).start(who, now)
    Audit(intake.store).write(who, SIGN_IN, who.balai, None, now)
    response = RedirectResponse("/staf/", status_code=303)
    cookie(response, COOKIE, token, request)
    response.delete_cookie(PRE_COOKIE, path="/staf")
    response.delete_cookie(CODE_COOKIE, path="/staf")
    return response


@router.get("/aktivasi/{token}")
def activation_form(request: Request, token: str) -> Response:
    who = Accounts(request.app.state.intake.store).by_setup_token(token, now_utc()) if len(token) <= 100 else None
    if who is None:
        return page(request, "Aktivasi akun", "staf_galat.html.j2", 404, who=None, judul="Tautan aktivasi tidak berlaku",
                     pesan="Tautan ini sudah dipakai atau kedaluwarsa. Minta tautan baru kepada Kepala Balai.")
    return _pre_form(request, "Aktivasi akun", "staf_aktivasi.html.j2", akun=who, token=token)


@router.post("/aktivasi/{token}")
async def activate(request: Request, token: str) -> Response:
    data = await read_form(request)
    accounts = Accounts(request.app.state.intake.store)
    who = accounts.by_setup_token(token, now_utc()) if len(token) <= 100 else None
    if data is None or who is None or not csrf_ok(request.cookies.get(PRE_COOKIE, ""), data.get("csrf")):
        return page(request, "Aktivasi akun", "staf_galat.html.j2", 403, who=None, judul="Aktivasi gagal",
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
    found = require(request)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    if who.balai is not None:
        Roster(intake.store).assign_open(who.balai, now_utc())  # questions that came in while no TA covered them
    rows = cases(intake.store, who.balai)
    mine = request.query_params.get("saya") == "1"
    if mine:
        rows = [r for r in rows if r["ta_id"] == who.id]
    return page(request, "Antrean layanan", "staf_antrean.html.j2", who=who, csrf=csrf, rows=rows, balai=intake.balai, mine=mine)


@router.get("/kasus/{ticket}")
def case_page(request: Request, ticket: str) -> Response:
    found = require(request)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    row = case(intake.store, ticket) if len(ticket) <= 20 else None
    if row is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 404, who=who, csrf=csrf, judul="Tiket tidak ditemukan",
                    pesan=f"Tidak ada layanan dengan nomor {ticket[:20]}.")
    if not who.sees_cases_of(row["balai"]):
        return forbidden(request, who, csrf, "Kasus ini ditangani Balai lain; hanya petugas Balai itu yang dapat membukanya.")
    show_identity = who.sees_identity_of(row["balai"])
    if show_identity and row["identitas"]:
        Audit(intake.store).write(who, VIEW_IDENTITY, row["balai"], ticket, now_utc())
    roster = Roster(intake.store)
    tas = [m for m in Accounts(intake.store).of_balai(row["balai"]) if m.peran == "ta"] if show_identity else []
    return page(request, f"Kasus {ticket}", "staf_kasus.html.j2", who=who, csrf=csrf, c=row,
                identitas=row["identitas"] if show_identity else None, area=intake.areas.get(row["area"], row["area"]),
                riwayat=roster.history(ticket), tas=tas, galat=request.query_params.get("galat"),
                fotos=photos_of(intake.store, ticket) if show_identity else [])


@router.post("/kasus/{ticket}/alihkan")
async def forward(request: Request, ticket: str) -> Response:
    found = await posted(request, ("ta", "ata", "kepala-balai"))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    to = data.get("ta", "")
    note = " ".join(data.get("catatan", "").split())[:500]
    refused = Roster(intake.store).forward(who, ticket[:20], int(to), note, now_utc()) if to.isdigit() else "Pilih TA tujuan."
    if refused == "Kasus ini bukan milik Balai Anda.":
        return forbidden(request, who, csrf, refused)
    if refused is None:
        Audit(intake.store).write(who, FORWARD, who.balai, ticket[:20], now_utc())
    suffix = "" if refused is None else "?galat=" + quote(refused)
    return RedirectResponse(f"/staf/kasus/{quote(ticket[:20])}{suffix}", status_code=303)


@router.get("/audit")
def audit_page(request: Request) -> Response:
    found = require(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf = found
    return page(request, "Log akses identitas", "staf_audit.html.j2", who=who, csrf=csrf,
                entries=Audit(request.app.state.intake.store).of_balai(who.balai))


def _team(request: Request, who: Staff, csrf: str, status: int = 200, **context) -> Response:
    intake = request.app.state.intake
    roster = Roster(intake.store)
    team = Accounts(intake.store).of_balai(who.balai)
    return page(request, "Tim Balai", "staf_tim.html.j2", status, who=who, csrf=csrf, team=team, team_roles=TEAM_ROLES,
                areas=intake.areas, keahlian={m.id: roster.areas_of(m.id) for m in team if m.peran == "ta"}, **context)


@router.get("/tim")
def team_page(request: Request) -> Response:
    found = require(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    return _team(request, *found)


@router.post("/tim")
async def add_member(request: Request) -> Response:
    found = await posted(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    if data.get("peran") not in TEAM_ROLES:
        return _team(request, who, csrf, 422, galat="Pilih peran anggota tim.", nilai=data)
    now = now_utc()
    try:
        token = Accounts(intake.store).add(data.get("pengguna", ""), data.get("nama", ""), data["peran"], who.balai, now,
                                           email=data.get("email"), telepon=data.get("telepon"))
    except AccountError as exc:
        return _team(request, who, csrf, 422, galat=str(exc), nilai=data)
    Audit(intake.store).write(who, ADD_STAFF, who.balai, None, now)
    return _team(request, who, csrf, tautan=f"{str(request.base_url).rstrip('/')}/staf/aktivasi/{token}", baru=data["nama"])


@router.post("/tim/keahlian")
async def set_roster(request: Request) -> Response:
    found = await posted(request, ("kepala-balai",), lists=True)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake = request.app.state.intake
    member = (data.get("staf") or [""])[0]
    ta = next((m for m in Accounts(intake.store).of_balai(who.balai) if str(m.id) == member and m.peran == "ta"), None)
    if ta is None:
        return _team(request, who, csrf, 422, galat="Pilih TA dari Balai ini.")
    areas = [a for a in data.get("bidang", []) if a in intake.areas]
    Roster(intake.store).set_areas(ta.id, areas)
    Audit(intake.store).write(who, SET_ROSTER, who.balai, None, now_utc())
    Roster(intake.store).assign_open(who.balai, now_utc())
    return RedirectResponse("/staf/tim", status_code=303)


@router.post("/keluar")
async def sign_out(request: Request) -> Response:
    found = session(request)
    data = await read_form(request)
    if found is not None and data is not None and csrf_ok(found[1], data.get("csrf")):
        Sessions(request.app.state.intake.store).end(request.cookies.get(COOKIE))
    response = RedirectResponse("/staf/masuk", status_code=303)
    response.delete_cookie(COOKIE, path="/staf")
    return response
