"""/staf/dasbor: a Balai's (or, for the Ditjen, every Balai's) services, answers on time, site use and IKM as charts and tables."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from generator.intake.staff.dashboard import Dashboard, gather
from generator.intake.web.staff import KANAL_NAMA, page, require
from generator.util.dates import MONTHS, today
from generator.util.svgchart import angka, grouped_bar_chart, line_chart

router = APIRouter(prefix="/staf", include_in_schema=False)
ALL = "semua"


def week_label(day) -> str:
    """24 Nov: the Monday a week starts, short enough for twelve under one chart."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def month_label(day) -> str:
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def persen(value) -> str:
    return f"{angka(float(value), 2)}%"


def charts(data: Dashboard, subject: str) -> dict[str, Markup]:
    """The four SVG charts; the template puts the same figures in tables beside them."""
    weeks = [week_label(w) for w in data.weeks]
    on_time = [float(m.persen) if m.persen is not None else None for m in data.on_time]
    ikm = [float(p.ikm) if p.ikm is not None else None for p in data.ikm]
    return {
        "layanan": Markup(grouped_bar_chart(weeks, {KANAL_NAMA[k]: v for k, v in data.per_kanal.items()},
                                            title=f"Layanan per minggu menurut kanal, {subject}", chart_id="grafik-layanan")),
        "tepat": Markup(line_chart([month_label(m.bulan) for m in data.on_time], {"Tepat waktu": on_time},
                                   title=f"Persentase jawaban tepat waktu per bulan, {subject}", y_min=0, y_max=100,
                                   value_format=persen, chart_id="grafik-tepat-waktu")),
        "tayangan": Markup(grouped_bar_chart(weeks, {"Tayangan dan unduhan": data.views},
                                             title="Tayangan halaman dan unduhan situs per minggu", chart_id="grafik-tayangan")),
        "ikm": Markup(line_chart([p.periode for p in data.ikm], {"IKM": ikm}, title=f"IKM per semester, {subject}",
                                 y_min=25, y_max=100, chart_id="grafik-ikm")),
    }


@router.get("/dasbor")
def dashboard(request: Request) -> Response:
    """A Balai's staff see their Balai only (a ?balai= of another is ignored); the Ditjen pick a Balai or all."""
    found = require(request)
    if isinstance(found, Response):
        return found
    who, csrf = found
    intake = request.app.state.intake
    names = {b.slug: b.nama for b in intake.balai.balai}
    chosen, status, galat = who.balai, 200, None
    if who.balai is None:
        asked = request.query_params.get("balai", ALL)
        if asked != ALL and asked not in names:
            asked, status, galat = ALL, 400, "Balai tidak dikenal; yang ditampilkan semua Balai."
        chosen = None if asked == ALL else asked
    data = gather(intake.store, chosen, today())
    subject = names.get(chosen, chosen) if chosen else "semua Balai"
    return page(request, "Dasbor", "staf_dasbor.html.j2", status, who=who, csrf=csrf, data=data, subject=subject,
                pilihan=chosen or ALL, balai_list=intake.balai.balai, grafik=charts(data, subject), galat=galat,
                minggu=[week_label(w) for w in data.weeks], bulan=month_label, angka=angka, persen=persen)
