"""POST /api/pencarian-gagal: the site's report of a search that failed, as redacted text counted per day, nobody identified."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from generator.intake.store.search_misses import KINDS, MAX_RAW, record_miss
from generator.intake.web import beacon
from generator.util.dates import today

router = APIRouter(include_in_schema=False)
PATH = "/api/pencarian-gagal"
MAX_BODY = 1024
"""{"jenis": ..., "q": ...} with a query of at most 300 characters, escaped: anything larger is not a report."""
MISS_LIMIT = 60
"""Reports per address per rate window (10 minutes): a reader sends at most one per distinct query and page view;
many phones share an operator's address, so this stops a flood, not a person."""


def parsed(body: bytes) -> tuple[str, str] | None:
    """(kind, raw query) from the report's JSON, or None unless it is exactly {"jenis": one of KINDS, "q": text}."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or set(data) != {"jenis", "q"}:
        return None
    kind, query = data["jenis"], data["q"]
    if kind not in KINDS or not isinstance(query, str) or not query.strip() or len(query) > MAX_RAW:
        return None
    return kind, query


@router.options(PATH)
def preflight(request: Request) -> Response:
    return beacon.preflight(request)


@router.post(PATH)
async def search_miss(request: Request) -> Response:
    """Count one failed search: 204 (also when nothing worth counting is left after redaction), or an empty
    400/403/413/415/429. No cookie is read or set; the text is redacted before it is stored and never logged."""
    headers, body = await beacon.received(request, MAX_BODY)
    if isinstance(body, Response):
        return body
    report = parsed(body)
    if report is None:
        return beacon.empty(400, headers)
    writes = await beacon.admitted(request, "pencarian:", MISS_LIMIT, headers)
    if isinstance(writes, Response):
        return writes
    await run_in_threadpool(record_miss, request.app.state.intake.store, today(), *report, writes)
    return beacon.empty(204, headers)
