"""The published IKM pages: per period, per Balai and nationally, with charts drawn at build time."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from markupsafe import Markup

from generator.config import SiteConfig
from generator.config.ikm import Unsur
from generator.content.collection import ContentSet
from generator.content.ikm import MIN_RESPONDENTS, NATIONAL, HasilIkm, IkmRelease
from generator.measure.ikm import IkmResult, from_totals
from generator.measure.sample import minimum_sample
from generator.util.svgchart import bar_chart, line_chart

INDEX = "ikm/index.md"
WEAKEST = 3
"""How many of the lowest-scoring elements each result names, with the Balai's follow-up plan."""


def period_page(release: IkmRelease) -> str:
    """The src path of one period's page."""
    return f"ikm/{release.slug}.md"


def ikm_pages(content: ContentSet) -> list[str]:
    """Every IKM page: the index always (it explains the survey), one page per published period."""
    return [INDEX, *(period_page(r) for r in content.ikm)]


def period_name(slug: str) -> str:
    """2026-S2 -> "Semester II 2026"."""
    year, half = slug.upper().split("-S")
    return f"Semester {'I' if half == '1' else 'II'} {year}"


def _two(value: Fraction) -> str:
    """An element's NRR with 2 decimals, for display only: the index is computed from the exact value."""
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{shown}".replace(".", ",")


@dataclass(frozen=True)
class ElementScore:
    """One element of one result: its wording and its NRR."""

    kode: str
    nama: str
    nrr: Fraction
    text: str


@dataclass(frozen=True)
class ResultView:
    """One row of a release as the page shows it."""

    slug: str
    name: str
    layanan: int
    responden: int
    sample: int
    enough: bool
    result: IkmResult | None
    scores: list[ElementScore]
    weakest: list[ElementScore]
    plan: list[str]
    chart: Markup | None


def _view(row: HasilIkm, unsur: list[Unsur], names: dict[str, str], title: str) -> ResultView:
    sample = minimum_sample(row.layanan)
    result = from_totals(row.jumlah, row.responden) if row.jumlah else None
    scores = [ElementScore(u.kode, u.nama, nrr, _two(nrr)) for u, nrr in zip(unsur, result.nrr, strict=True)] if result else []
    weakest = sorted(scores, key=lambda s: (s.nrr, int(s.kode[1:])))[:WEAKEST]
    chart = None
    if scores:
        chart = Markup(bar_chart([s.nama for s in scores], [float(s.nrr) for s in scores], title=f"Nilai rata-rata per unsur, {title}",
                                 max_value=4, value_format=lambda v: f"{v:.2f}".replace(".", ",")))
    return ResultView(row.balai, names.get(row.balai, row.balai), row.layanan, row.responden, sample, row.responden >= sample,
                      result, scores, weakest, list(row.tindak_lanjut), chart)


def release_context(release: IkmRelease, config: SiteConfig) -> dict:
    """Everything one period's page shows: the national row first, then each Balai in the order of balai.yml."""
    unsur = config.ikm.sets[release.data.unsur]
    names = {b.slug: b.nama for b in config.balai.balai} | {NATIONAL: "Nasional (seluruh Balai)"}
    order = {b.slug: i for i, b in enumerate(config.balai.balai)} | {NATIONAL: -1}
    period = period_name(release.data.periode)
    rows = sorted(release.data.hasil, key=lambda r: order.get(r.balai, len(order)))
    views = [_view(r, unsur.unsur, names, f"{names.get(r.balai, r.balai)}, {period}") for r in rows]
    return {"release": release.data, "period": period, "unsur": unsur, "views": views}


def trend_context(content: ContentSet) -> dict:
    """The IKM of every published period, nationally and per Balai, with the national line as a chart."""
    config = content.config
    labels = [period_name(r.data.periode) for r in content.ikm]
    by_row: dict[str, list[str]] = {}
    national: list[float | None] = []
    for i, release in enumerate(content.ikm):
        for row in release.data.hasil:
            result = from_totals(row.jumlah, row.responden) if row.jumlah else None
            shown = f"{result.ikm}".replace(".", ",") if result else f"< {MIN_RESPONDENTS} responden"
            by_row.setdefault(row.balai, ["tidak ada data"] * len(content.ikm))[i] = shown
            if row.balai == NATIONAL:
                national.append(float(result.ikm) if result else None)
    names = {b.slug: b.nama for b in config.balai.balai} | {NATIONAL: "Nasional"}
    table = [(names.get(slug, slug), values) for slug, values in sorted(by_row.items(), key=lambda kv: (kv[0] != NATIONAL, names.get(kv[0], kv[0])))]
    chart = None
    if len(labels) > 1 and any(v is not None for v in national):
        chart = Markup(line_chart(labels, {"Nasional": national}, title="IKM nasional per periode", y_min=25, y_max=100))
    return {"labels": labels, "table": table, "chart": chart}
