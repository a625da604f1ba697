"""POST /api/tayangan: the site's beacon with a page path only; counted per day and path, nobody identified."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote_to_bytes

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from generator.intake.store.pageviews import MAX_PATH, record_view
from generator.intake.web import beacon
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


@router.options(PATH)
def preflight(request: Request) -> Response:
    return beacon.preflight(request)


@router.post(PATH)
async def pageview(request: Request) -> Response:
    """Count one view of a site path: 204, or an empty 400/403/413/415/429. No cookie is read or set, and the
    address is used only as an HMAC for the rate limit (store/ratelimit), never logged or counted with the path."""
    headers, body = await beacon.received(request, MAX_BODY)
    if isinstance(body, Response):
        return body
    try:
        path = canonical(body.decode("utf-8").strip())
    except UnicodeDecodeError:
        path = None
    if path is None or not in_site(request.app.state.intake.settings.site, path):
        return beacon.empty(400, headers)
    writes = await beacon.admitted(request, "tayangan:", PAGEVIEW_LIMIT, headers)
    if isinstance(writes, Response):
        return writes
    await run_in_threadpool(record_view, request.app.state.intake.store, today(), path, writes)
    return beacon.empty(204, headers)
