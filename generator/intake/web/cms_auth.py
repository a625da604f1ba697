"""GET /api/cms/auth and /api/cms/callback: the GitHub OAuth handshake Decap CMS's GitHub backend needs for /admin/.

Decap opens `{base_url}/api/cms/auth` in a popup; we redirect to GitHub with a signed, single-use `state` that is
also bound to the popup by a cookie; GitHub sends the popup back to the callback, which exchanges the code for a
token and answers a small page whose script (cms_masuk.js) talks Decap's popup protocol: it says
`authorizing:github` to `window.opener`, waits for the editor to echo it, then posts
`authorization:github:success:{"token": ..., "provider": "github"}` (or `...:error:{"message": ...}`) to the
configured site origin only. Neither the code nor the token is ever logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode, urlsplit

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from generator.intake.store.replay import Proof
from generator.intake.web.pages import environment
from generator.util.jsonscript import script_json
from generator.util.secure import same

log = logging.getLogger("klinik.intake.cms_auth")
router = APIRouter(include_in_schema=False)
PROVIDER = "github"
STATE_SECONDS = 600
"""How long a login may take between the redirect to GitHub and the callback."""
COOKIE = "klinik_cms_state"
COOKIE_PATH = "/api/cms/"
EXCHANGE_TIMEOUT_S = 15.0
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "Pragma": "no-cache"}
NOT_CONFIGURED = ("Masuk ke editor lewat GitHub belum diaktifkan di server ini: isi KLINIK_GITHUB_OAUTH_CLIENT_ID dan "
                  "KLINIK_GITHUB_OAUTH_CLIENT_SECRET, lalu jalankan ulang server.")
BAD_STATE = "Permintaan masuk tidak dikenali atau sudah kedaluwarsa. Tutup jendela ini dan klik lagi \"Masuk dengan GitHub\" di editor."
REUSED_STATE = "Tautan masuk ini sudah dipakai. Tutup jendela ini dan klik lagi \"Masuk dengan GitHub\" di editor."


def site_origin(settings, request: Request) -> str:
    """The origin of the /admin/ page that may receive the token: KLINIK_CMS_ORIGIN, else this server's public origin."""
    if settings.cms_origin:
        return settings.cms_origin.rstrip("/")
    parts = urlsplit(settings.public_url or str(request.base_url))
    return f"{parts.scheme}://{parts.netloc}"


def callback_url(settings, request: Request) -> str:
    """Where GitHub sends the popup back; it must equal the OAuth App's registered callback URL."""
    base = (settings.public_url or str(request.base_url)).rstrip("/")
    return f"{base}/api/cms/callback"


def _sign(key: bytes, nonce: str, issued: int) -> str:
    """HMAC of the state's parts under the intake key (the same key on every server of one database)."""
    mac = hmac.new(key, f"cms-state|{nonce}|{issued}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue_state(key: bytes, now: float | None = None) -> tuple[str, str]:
    """A fresh (state, nonce): the state carries the nonce and its time, signed; the nonce also goes in a cookie."""
    nonce, issued = secrets.token_urlsafe(24), int(now if now is not None else time.time())
    return f"{nonce}.{issued}.{_sign(key, nonce, issued)}", nonce


def state_nonce(key: bytes, state: str, now: float | None = None) -> str | None:
    """The nonce of a state we signed and that is still young, else None."""
    parts = state.split(".")
    if len(parts) != 3 or not parts[1].isascii() or not parts[1].isdigit() or len(state) > 200:
        return None
    nonce, issued, signature = parts[0], int(parts[1]), parts[2]
    age = (now if now is not None else time.time()) - issued
    if not 0 <= age <= STATE_SECONDS or not same(signature, _sign(key, nonce, issued)):
        return None
    return nonce


def message_page(origin: str, outcome: str, payload: dict, status: int, text: str) -> HTMLResponse:
    """The popup's answer: what it says to a person, and the one message cms_masuk.js hands to the editor."""
    message = f"authorization:{PROVIDER}:{outcome}:{script_json(payload, compact=True)}"
    data = script_json({"origin": origin, "provider": PROVIDER, "message": message})
    body = environment().get_template("cms_masuk.html.j2").render(data=data, text=text, ok=outcome == "success")
    headers = {**PRIVATE, "Cross-Origin-Opener-Policy": "unsafe-none"}  # the editor must keep its handle on this popup
    response = HTMLResponse(body, status_code=status, headers=headers)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
    return response


def error_page(origin: str, status: int, text: str) -> HTMLResponse:
    """A failure the person reads in the popup and Decap shows in the editor."""
    return message_page(origin, "error", {"message": text}, status, text)


@router.get("/api/cms/masuk.js")
def popup_script() -> Response:
    """The popup's script, a file of this server: the page carries no inline script, so the CSP stays as strict."""
    text = environment().get_template("cms_masuk.js.j2").render()
    return Response(text, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "no-cache"})


def _configured(settings) -> bool:
    """Whether the OAuth App is set (both halves): else every step answers 503."""
    return bool(settings.github_oauth_client_id and settings.github_oauth_client_secret
                and settings.github_oauth_client_secret.get_secret_value())


@router.get("/api/cms/auth")
def start(request: Request) -> Response:
    """Send the popup to GitHub's authorize page with our client id, the configured scope and a fresh state."""
    settings = request.app.state.intake.settings
    origin = site_origin(settings, request)
    if not _configured(settings):
        return error_page(origin, 503, NOT_CONFIGURED)
    provider = request.query_params.get("provider", PROVIDER)
    if provider != PROVIDER:
        return error_page(origin, 400, f"Penyedia masuk {provider[:40]!r} tidak didukung; editor ini memakai GitHub.")
    state, nonce = issue_state(request.app.state.intake.key)
    query = urlencode({"client_id": settings.github_oauth_client_id, "redirect_uri": callback_url(settings, request),
                       "scope": settings.github_oauth_scope, "state": state, "allow_signup": "false"})
    response = RedirectResponse(f"{settings.github_oauth_url.rstrip('/')}/login/oauth/authorize?{query}", status_code=302,
                                headers={**PRIVATE, "Cross-Origin-Opener-Policy": "unsafe-none"})
    response.set_cookie(COOKIE, nonce, max_age=STATE_SECONDS, path=COOKIE_PATH, httponly=True, samesite="lax",
                        secure=callback_url(settings, request).startswith("https://"))
    return response


@router.get("/api/cms/callback")
async def callback(request: Request) -> Response:
    """Check the state (ours, young, unused, this popup's), exchange the code, answer the message page."""
    intake = request.app.state.intake
    settings = intake.settings
    origin = site_origin(settings, request)
    if not _configured(settings):
        return error_page(origin, 503, NOT_CONFIGURED)
    params = request.query_params
    nonce = state_nonce(intake.key, params.get("state", ""))
    if nonce is None or not same(request.cookies.get(COOKIE, ""), nonce):
        log.warning("masuk editor ditolak", extra={"reason": "state"})
        return error_page(origin, 400, BAD_STATE)
    proof = Proof("cms-state", nonce, datetime.now(timezone.utc) + timedelta(seconds=STATE_SECONDS))
    if await run_in_threadpool(intake.seen.spend, [proof]) is not None:
        log.warning("masuk editor ditolak", extra={"reason": "state-reused"})
        return error_page(origin, 400, REUSED_STATE)
    if params.get("error"):  # the person pressed Cancel on GitHub, or the app is suspended
        log.info("masuk editor dibatalkan", extra={"reason": params.get("error", "")[:40]})
        return error_page(origin, 403, "Masuk dibatalkan di GitHub; editor tidak mendapat akses. Tutup jendela ini untuk kembali.")
    code = params.get("code", "")
    if not code or len(code) > 200:
        return error_page(origin, 400, "GitHub tidak mengirim kode otorisasi. Tutup jendela ini dan coba masuk lagi.")
    token, problem = await exchange(settings, code, callback_url(settings, request))
    if token is None:
        log.warning("masuk editor gagal", extra={"reason": problem})
        return error_page(origin, 502, f"GitHub tidak memberi token ({problem}). Tutup jendela ini dan coba masuk lagi.")
    log.info("masuk editor berhasil", extra={"reason": "token"})
    return message_page(origin, "success", {"token": token, "provider": PROVIDER}, 200,
                        "Berhasil masuk. Jendela ini tertutup sendiri; bila tidak, tutup dan kembali ke editor.")


async def exchange(settings, code: str, redirect_uri: str) -> tuple[str | None, str]:
    """POST the code to GitHub's token URL: (token, "") or (None, a short reason without code or token)."""
    form = {"client_id": settings.github_oauth_client_id, "client_secret": settings.github_oauth_client_secret.get_secret_value(),
            "code": code, "redirect_uri": redirect_uri}
    url = f"{settings.github_oauth_url.rstrip('/')}/login/oauth/access_token"
    try:
        async with httpx.AsyncClient(timeout=EXCHANGE_TIMEOUT_S) as client:
            reply = await client.post(url, data=form, headers={"Accept": "application/json", "User-Agent": "klinik-pkp-cms"})
    except httpx.TimeoutException:
        return None, "waktu habis"
    except httpx.HTTPError as exc:
        return None, f"tidak terjangkau: {type(exc).__name__}"
    try:
        data = reply.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, f"jawaban {reply.status_code} bukan JSON"
    token = data.get("access_token")
    if reply.status_code == 200 and isinstance(token, str) and token:
        return token, ""
    error = str(data.get("error") or reply.status_code)
    return None, error[:60] if error.isascii() else "galat"
