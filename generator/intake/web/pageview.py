"""POST /api/tayangan: the site's beacon with a page path only; counted per day and path, nobody identified."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from generator.intake.store.pageviews import MAX_PATH, record_view
from generator.intake.web import spam
from generator.intake.web.submit import read_limited
from generator.util.dates import today

router = APIRouter(include_in_schema=False)
PATH = "/api/tayangan"
MAX_BODY = 1024
"""A path of at most 300 characters plus a query or fragment the script might leave on: anything larger is not a beacon."""
PAGEVIEW_LIMIT = 300
"""Beacons per address per rate window (10 minutes): a reader opening a page every two seconds stays under it; many
phones share an operator's address, so this stops a flood, not a person."""
_SITE_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]{0,299}+")
"""RFC 3986 path characters only, as `location.pathname` sends them (percent-encoded): no space, control character
or non-ASCII; one possessive run, so no backtracking."""
NO_STORE = {"Cache-Control": "no-store"}


def _empty(status: int, headers: dict[str, str] | None = None) -> Response:
    """Every answer is empty: a refusal says only its status, never what was sent or why in detail."""
    return Response(status_code=status, headers={**NO_STORE, **(headers or {})})


def canonical(raw: str) -> str | None:
    """The path to count, query and fragment cut off and '/x/index.html' written '/x/', or None if not a site path."""
    path = raw.split("#", 1)[0].split("?", 1)[0]
    if not _SITE_PATH.fullmatch(path) or path.startswith("//"):
        return None
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if len(path) <= MAX_PATH else None


def in_site(site: Path, path: str) -> bool:
    """Whether the built site has this page or file (a beacon for a made-up path would only fill the table)."""
    try:
        parts = unquote_to_bytes(path).decode("utf-8").split("/")[1:]
    except UnicodeDecodeError:
        return False
    inner, last = parts[:-1], parts[-1]
    if any(p in ("", ".", "..") or "\\" in p or "\x00" in p for p in inner) or last in (".", "..") or "\\" in last:
        return False
    target = site.joinpath(*inner, last or "index.html")
    try:
        root = site.resolve(strict=True)
        found = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    if root not in found.parents:
        return False
    return found.is_file() or (found / "index.html").is_file()


def allowed_origin(request: Request) -> str | None:
    """The Origin a browser sent if it is this server's own or the site's public address; "" when none was sent;
    None for any other site (whose pages must not count views here)."""
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


def _cors(origin: str) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin else {}


@router.options(PATH)
def preflight(request: Request) -> Response:
    """A browser asking before a cross-origin beacon from the site (text/plain needs none, but some clients ask)."""
    origin = allowed_origin(request)
    if not origin:
        return _empty(403)
    return _empty(204, {**_cors(origin), "Access-Control-Allow-Methods": "POST",
                        "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "86400"})


@router.post(PATH)
async def pageview(request: Request) -> Response:
    """Count one view of a site path: 204, or an empty 400/403/413/415/429. No cookie is read or set, and the
    address is used only as an HMAC for the rate limit (store/ratelimit), never logged or counted with the path."""
    intake, s = request.app.state.intake, request.app.state.intake.settings
    origin = allowed_origin(request)
    if origin is None:
        return _empty(403)
    cors = _cors(origin)
    if request.headers.get("content-type", "").split(";", 1)[0].strip().lower() != "text/plain":
        return _empty(415, cors)
    body = await read_limited(request, MAX_BODY)
    if body is None:
        return _empty(413, cors)
    try:
        path = canonical(body.decode("utf-8").strip())
    except UnicodeDecodeError:
        path = None
    if path is None or not in_site(s.site, path):
        return _empty(400, cors)
    key = "tayangan:" + spam.client_ip(request.client.host if request.client else None,
                                       request.headers.get("x-forwarded-for"), s.trusted_proxies)
    limit = (key, PAGEVIEW_LIMIT, s.rate_window_seconds)
    limiter = intake.limiter
    wait = limiter.retry_after(*limit) if limiter.inline else await run_in_threadpool(limiter.retry_after, *limit)
    if wait:
        return _empty(429, {**cors, "Retry-After": str(wait)})
    await run_in_threadpool(record_view, intake.store, today(), path, limiter.writes(key))
    return _empty(204, cors)
