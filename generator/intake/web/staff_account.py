"""Two-step verification in the back office: /staf/akun to turn it on or off and renew the recovery codes, the code
step of sign-in (a TOTP or a recovery code), the reset."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from generator.intake.staff.accounts import Accounts, Staff, now_utc
from generator.intake.staff.audit import RECOVERY_NEW, RECOVERY_USED, TOTP_OFF, TOTP_ON, TOTP_RESET, Audit
from generator.intake.staff.recovery_codes import RecoveryCodes, looks_like_code
from generator.intake.staff.sessions import csrf_ok
from generator.intake.staff.totp import TwoStep, new_secret, provisioning_uri, qr_svg, valid_secret
from generator.intake.web.staff import CODE_COOKIE, STALE_FORM, page, posted, read_form, require, start_session

router = APIRouter(prefix="/staf", include_in_schema=False)
LOCKED = "Akun dikunci 15 menit karena terlalu banyak percobaan yang salah."
WRONG_CODE = "Kode salah atau sudah dipakai. Masukkan kode 6 angka yang sedang tampil di aplikasi autentikator."
WRONG_SIGN_IN_CODE = (WRONG_CODE[:-1] + ", atau salah satu kode pemulihan Anda yang belum dipakai.")


def _account(request: Request, who: Staff, csrf: str, status: int = 200, secret: str | None = None, **context) -> Response:
    """The account page: the set-up (a fresh secret, its QR code and text) while off, the form to turn it off while on."""
    if not who.dua_langkah:
        secret = secret if secret and valid_secret(secret) else new_secret()
        context.update(rahasia=secret, rahasia_kelompok=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
                       qr=qr_svg(provisioning_uri(secret, who.username)))
    else:
        context.update(sisa_kode=RecoveryCodes(request.app.state.intake.store).remaining(who.id))
    return page(request, "Akun saya", "staf_akun.html.j2", status, who=who, csrf=csrf, **context)


def _second_factor(store, staff_id: int, code: str, now) -> bool:
    """The code step's proof: a TOTP code, or one unused recovery code (spent by this use)."""
    if looks_like_code(code):
        return RecoveryCodes(store).use(staff_id, code, now)
    return TwoStep(store).verify(staff_id, code, now)


def _refused(request: Request, who: Staff, csrf: str, now, message: str) -> Response:
    """A wrong password or code on the account page: 429 once the account is locked, else 422 with what stays as it was."""
    locked = Accounts(request.app.state.intake.store).locked(who.username, now)
    return _account(request, who, csrf, 429 if locked else 422, galat=LOCKED if locked else message)


@router.get("/akun")
def account_page(request: Request) -> Response:
    found = require(request)
    if isinstance(found, Response):
        return found
    return _account(request, *found, pesan={"aktif": "Verifikasi dua langkah aktif.",
                                            "mati": "Verifikasi dua langkah dimatikan."}.get(request.query_params.get("ok", "")))


@router.post("/akun/aktifkan")
async def turn_on(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    store, now = request.app.state.intake.store, now_utc()
    if who.dua_langkah:
        return RedirectResponse("/staf/akun", status_code=303)
    secret = data.get("rahasia", "")
    if not TwoStep(store).enable(who, secret, data.get("kode", ""), now):
        return _account(request, who, csrf, 422, secret=secret, galat=WRONG_CODE)
    Audit(store).write(who, TOTP_ON, who.balai, None, now)
    return _codes_page(request, who, csrf, RecoveryCodes(store).issue(who.id, now), "Verifikasi dua langkah aktif.")


def _codes_page(request: Request, who: Staff, csrf: str, codes: list[str], message: str) -> Response:
    """The new recovery codes, shown this once (no-store page; only their hashes are kept)."""
    return page(request, "Kode pemulihan", "staf_kode_pemulihan.html.j2", who=who, csrf=csrf, kode=codes, pesan=message)


@router.post("/akun/kode-pemulihan")
async def renew_codes(request: Request) -> Response:
    """New recovery codes for the password and a current TOTP (or an unused recovery) code; the old ones stop working."""
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    store, now = request.app.state.intake.store, now_utc()
    if not who.dua_langkah:
        return RedirectResponse("/staf/akun", status_code=303)
    accounts = Accounts(store)
    if not accounts.password_ok(who.id, data.get("sandi", "")):
        accounts.failed(who.id, now)
        ok = False
    else:
        ok = _second_factor(store, who.id, data.get("kode", ""), now)
    if not ok:
        return _refused(request, who, csrf, now, "Kata sandi atau kode salah; kode pemulihan lama tetap berlaku.")
    Audit(store).write(who, RECOVERY_NEW, who.balai, None, now)
    return _codes_page(request, who, csrf, RecoveryCodes(store).issue(who.id, now), "Kode pemulihan baru dibuat; kode lama tidak berlaku lagi.")


@router.post("/akun/matikan")
async def turn_off(request: Request) -> Response:
    found = await posted(request)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    store, now = request.app.state.intake.store, now_utc()
    if not who.dua_langkah:
        return RedirectResponse("/staf/akun", status_code=303)
    if not TwoStep(store).disable(who, data.get("sandi", ""), data.get("kode", ""), now):
        return _refused(request, who, csrf, now, "Kata sandi atau kode salah; verifikasi dua langkah tetap aktif.")
    Audit(store).write(who, TOTP_OFF, who.balai, None, now)
    return RedirectResponse("/staf/akun?ok=mati", status_code=303)


def _code_form(request: Request, csrf: str, status: int = 200, galat: str | None = None) -> Response:
    return page(request, "Kode verifikasi", "staf_kode.html.j2", status, who=None, csrf=csrf, galat=galat)


def _start_over(request: Request, message: str, status: int = 403) -> Response:
    response = page(request, "Kode verifikasi", "staf_galat.html.j2", status, who=None, judul="Masuk lagi", pesan=message)
    response.delete_cookie(CODE_COOKIE, path="/staf")
    return response


@router.get("/masuk/kode")
def code_form(request: Request) -> Response:
    found = TwoStep(request.app.state.intake.store).waiting(request.cookies.get(CODE_COOKIE), now_utc())
    if found is None:
        return RedirectResponse("/staf/masuk", status_code=303)
    return _code_form(request, found[1])


@router.post("/masuk/kode")
async def code_step(request: Request) -> Response:
    store, now = request.app.state.intake.store, now_utc()
    two_step, token = TwoStep(store), request.cookies.get(CODE_COOKIE, "")
    found = two_step.waiting(token, now)
    data = await read_form(request)
    if found is None:
        return _start_over(request, "Waktu memasukkan kode habis (5 menit). Masuk lagi dengan nama pengguna dan kata sandi.")
    staff_id, csrf = found
    if data is None or not csrf_ok(csrf, data.get("csrf")):
        return _code_form(request, csrf, 403, STALE_FORM)
    accounts, code = Accounts(store), data.get("kode", "")
    who = accounts.get(staff_id)
    if who is None or not _second_factor(store, staff_id, code, now):
        if who is not None and accounts.locked(who.username, now):
            two_step.done_waiting(token)
            return _start_over(request, LOCKED, 429)
        return _code_form(request, csrf, 401, WRONG_SIGN_IN_CODE)
    two_step.done_waiting(token)
    if looks_like_code(code):  # the phone was not used: the member and their Kepala Balai see it in the audit log
        Audit(store).write(who, RECOVERY_USED, who.balai, None, now)
    return start_session(request, who, now)


@router.post("/tim/dua-langkah")
async def reset(request: Request) -> Response:
    """The Kepala Balai turns a team member's two-step verification off (a lost phone); audited."""
    found = await posted(request, ("kepala-balai",))
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    store = request.app.state.intake.store
    member = next((m for m in Accounts(store).of_balai(who.balai) if str(m.id) == data.get("staf") and m.id != who.id), None)
    if member is None:
        return page(request, "Tidak ditemukan", "staf_galat.html.j2", 422, who=who, csrf=csrf, judul="Anggota tidak ditemukan",
                    pesan="Pilih anggota tim Balai ini.")
    TwoStep(store).reset(member.id)
    Audit(store).write(who, TOTP_RESET, who.balai, None, now_utc(), sasaran=member.id)
    return RedirectResponse("/staf/tim", status_code=303)
