"""The guards every anonymous beacon from the site shares: the site's own origin, text/plain, a size limit, a rate limit."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from generator.intake.web import spam
from generator.intake.web.submit import read_limited

NO_STORE = {"Cache-Control": "no-store"}


def empty(status: int, headers: dict[str, str] | None = None) -> Response:
    """Every answer is empty: a refusal says only its status, never what was sent or why in detail."""
    return Response(status_code=status, headers={**NO_STORE, **(headers or {})})


def allowed_origin(request: Request) -> str | None:
    """The Origin a browser sent if it is this server's own or the site's public address; "" when none was sent;
    None for any other site (whose pages must not count here)."""
    origin = request.headers.get("origin")
    if origin is None:
        return ""
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.netloc == request.headers.get("host", ""):
        return origin
    public = urlsplit(request.app.state.intake.settings.public_url or "")
    return origin if public.netloc and (public.scheme, public.netloc) == (parts.scheme, parts.netloc) else None


def cors(origin: str) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}


def preflight(request: Request) -> Response:
    """A browser asking before a cross-origin beacon from the site (text/plain needs none, but some clients ask)."""
    origin = allowed_origin(request)
    if not origin:
        return empty(403)
    return empty(204, {**cors(origin), "Access-Control-Allow-Methods": "POST",
                       "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "86400"})


async def received(request: Request, max_body: int) -> tuple[dict[str, str], bytes | Response]:
    """The CORS headers for the answer and the body, or an empty 403 (other site), 415 (not text/plain) or 413."""
    origin = allowed_origin(request)
    if origin is None:
        return {}, empty(403)
    headers = cors(origin)
    if request.headers.get("content-type", "").split(";", 1)[0].strip().lower() != "text/plain":
        return headers, empty(415, headers)
    body = await read_limited(request, max_body)
    return headers, empty(413, headers) if body is None else body


async def admitted(request: Request, prefix: str, limit: int, headers: dict[str, str]) -> list | Response:
    """The rate-limit writes to commit with the count, or an empty 429. The address is used only as an HMAC key
    (store/ratelimit), never logged or stored with what is counted."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    key = prefix + spam.client_ip(request.client.host if request.client else None,
                                  request.headers.get("x-forwarded-for"), s.trusted_proxies)
    args = (key, limit, s.rate_window_seconds)
    limiter = intake.limiter
    wait = limiter.retry_after(*args) if limiter.inline else await run_in_threadpool(limiter.retry_after, *args)
    if wait:
        return empty(429, {**headers, "Retry-After": str(wait)})
    return limiter.writes(key)
