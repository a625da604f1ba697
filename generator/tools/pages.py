"""Tool pages built from site_config/: the two financing calculators and the printable control card."""

from __future__ import annotations

from collections.abc import Callable

from generator.config import SiteConfig
from generator.tools.pembiayaan import kemampuan_mengangsur, simulasi_kpr
from generator.util.jsonscript import script_json

KPR_PAGE = "kalkulator/simulasi-kpr.md"
MAMPU_PAGE = "kalkulator/kemampuan-mengangsur.md"
CARD_PAGE = "kartu-kendali.md"
EXAMPLE_TENORS = (10, 15, 20)
EXAMPLE_HOUSEHOLDS = (
    {"penghasilan": 3_000_000, "penghasilan_pasangan": 0, "cicilan_lain": 0, "status": "lajang"},
    {"penghasilan": 5_400_000, "penghasilan_pasangan": 0, "cicilan_lain": 500_000, "status": "lajang"},
    {"penghasilan": 4_000_000, "penghasilan_pasangan": 3_000_000, "cicilan_lain": 0, "status": "kawin"},
    {"penghasilan": 7_000_000, "penghasilan_pasangan": 4_500_000, "cicilan_lain": 1_000_000, "status": "kawin"},
)
"""Worked examples on the no-JavaScript page: typical MBR households, computed at build time."""


def tool_pages(config: SiteConfig) -> list[str]:
    """Return the src paths of the tool pages this configuration provides."""
    pages = [KPR_PAGE, MAMPU_PAGE] if config.pembiayaan else []
    return pages + ([CARD_PAGE] if config.kartu_kendali else [])


TOOL_AREAS = {KPR_PAGE: "pembiayaan", MAMPU_PAGE: "pembiayaan", CARD_PAGE: "pengawasan"}
"""The area each tool page belongs to: its label in search results and the area page that links it."""


def area_tools(config: SiteConfig, area: str) -> list[tuple[str, str]]:
    """(title, src) of the tools an area page links to."""
    tools = {
        "pembiayaan": [("Simulasi KPR", KPR_PAGE), ("Kemampuan mengangsur", MAMPU_PAGE)] if config.pembiayaan else [],
        "pengawasan": [("Kartu kendali konstruksi mandiri (siap cetak)", CARD_PAGE)] if config.kartu_kendali else [],
    }
    return tools.get(area, [])


def kpr_examples(tabel: dict) -> list[dict]:
    """For every price region: its cap at FLPP terms over the example tenors (the domain-facts table, recomputed)."""
    rows = []
    for wilayah in tabel["wilayah"]:
        hasil = [simulasi_kpr({"harga": wilayah["batas_harga"], "tenor": t}, tabel) for t in EXAMPLE_TENORS]
        rows.append({"wilayah": wilayah, "plafon": hasil[0]["plafon"], "angsuran": [h["angsuran"] for h in hasil]})
    return rows


def mampu_examples(tabel: dict) -> list[dict]:
    """The example households in the first income zone, with their computed affordability."""
    zona = tabel["zona"][0]["kode"]
    return [{"masukan": m, "hasil": kemampuan_mengangsur({**m, "zona": zona}, tabel)} for m in EXAMPLE_HOUSEHOLDS]


def render_tools(render: Callable[..., str], config: SiteConfig) -> dict[str, str]:
    """Render every tool page with its build-time figures."""
    pages: dict[str, str] = {}
    if config.pembiayaan:
        tabel = config.pembiayaan.tabel()
        common = {"p": config.pembiayaan, "tabel": tabel, "data": script_json(tabel, sort_keys=True), "tenors": EXAMPLE_TENORS}
        pages[KPR_PAGE] = render("kalkulator_kpr.md.j2", src=KPR_PAGE, contoh=kpr_examples(tabel), **common)
        pages[MAMPU_PAGE] = render("kalkulator_mampu.md.j2", src=MAMPU_PAGE, contoh=mampu_examples(tabel), **common)
    if config.kartu_kendali:
        pages[CARD_PAGE] = render("kartu_kendali.md.j2", src=CARD_PAGE, k=config.kartu_kendali)
    return pages
