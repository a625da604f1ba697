"""The deadline watch at /staf/tenggat: a Balai's open questions due today or late (the Ditjen: every Balai)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from generator.intake.staff.deadline_watch import by_balai, due
from generator.intake.web.staff import page, require
from generator.util.dates import today

router = APIRouter(prefix="/staf", include_in_schema=False)


@router.get("/tenggat")
def deadline_watch(request: Request) -> Response:
    found = require(request)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    day = today()
    cases = due(intake.store, intake.calendar, day, who.balai)  # who.balai None: the Ditjen, every Balai
    names = {b.slug: b.nama for b in intake.balai.balai}
    return page(request, "Tenggat jawaban", "staf_tenggat.html.j2", who=who, csrf=csrf, hari_ini=day, groups=by_balai(cases),
                names=names, areas=intake.areas, libur=not intake.calendar.is_working_day(day))
