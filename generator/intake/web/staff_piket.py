"""The duty schedule at /staf/piket: the Balai's team sees it, an ATA proposes a day, the Kepala Balai approves it."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from generator.intake.staff.accounts import Accounts, Staff, now_utc
from generator.intake.staff.audit import APPROVE_DUTY, PROPOSE_DUTY, Audit
from generator.intake.staff.piket import DAYS, PROPOSERS, DutySchedule
from generator.intake.staff.roster import Roster
from generator.intake.web.staff import forbidden, page, posted, require
from generator.util.dates import today

router = APIRouter(prefix="/staf", include_in_schema=False)
BALAI_STAFF = ("ta", "ata", "pendukung", "kepala-balai")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _schedule(request: Request, who: Staff, csrf: str, status: int = 200, **context) -> Response:
    intake = request.app.state.intake
    first = today()
    tas = [m for m in Accounts(intake.store).of_balai(who.balai) if m.peran == "ta"]
    return page(request, "Jadwal piket", "staf_piket.html.j2", status, who=who, csrf=csrf, tas=tas, names={m.id: m.nama for m in tas},
                days=DutySchedule(intake.store).schedule(who.balai, first), hari=HARI, proposer=who.peran in PROPOSERS,
                libur=lambda day: not intake.calendar.is_working_day(day), **context)


@router.get("/piket")
def schedule_page(request: Request) -> Response:
    found = require(request, BALAI_STAFF)
    if isinstance(found, Response):
        return found
    return _schedule(request, *found)


def _day(value: str) -> date | None:
    """A day of the schedule's window (today WIB and the next DAYS - 1), or None."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if today() <= day < today() + timedelta(days=DAYS) else None


@router.post("/piket")
async def propose(request: Request) -> Response:
    """Save a day's proposal (ATA or Kepala Balai); the Kepala Balai's "setujui" approves it at once."""
    found = await posted(request, PROPOSERS, lists=True)
    if isinstance(found, Response):
        return found
    who, csrf, data = found
    intake, now = request.app.state.intake, now_utc()
    day = _day((data.get("tanggal") or [""])[0])
    if day is None:
        return _schedule(request, who, csrf, 422, galat=f"Pilih tanggal dalam {DAYS} hari mulai hari ini.")
    approve = (data.get("aksi") or [""])[0] == "setujui"
    if approve and who.peran != "kepala-balai":
        return forbidden(request, who, csrf, "Hanya Kepala Balai yang menyetujui jadwal piket.")
    ids = [int(v) for v in data.get("ta", []) if v.isdigit() and len(v) < 10]
    duty = DutySchedule(intake.store)
    refused = duty.propose(who, day, ids, now)
    if refused is not None:
        return _schedule(request, who, csrf, 422, galat=refused)
    Audit(intake.store).write(who, PROPOSE_DUTY, who.balai, None, now)
    if approve:
        duty.approve(who, day, now)
        Audit(intake.store).write(who, APPROVE_DUTY, who.balai, None, now)
        Roster(intake.store).assign_open(who.balai, now)  # waiting questions may now go to the TA on duty
    return RedirectResponse(f"/staf/piket#hari-{day.isoformat()}", status_code=303)
