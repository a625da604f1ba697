"""Every number the built site prints uses Indonesian separators: thousands "." and decimal "," (issue 14).

The built pages' visible text (HTML text outside script/style/template, plus alt, title, aria-label and placeholder,
and the text of every SVG) must never hold an English decimal point or English thousands commas. The patterns are
precise so dates, times, versions, legal citations, section numbers, phone numbers and URLs never match; the cases
below pin both sides.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

UNITS = r"m³|m²|m3|m2|m'|meter|m|cm|mm|km|kg|ton|ha|liter|l|%|persen|bh|VA|kVA|kWh|juta|miliar|ribu|tahun|bulan|hari"
"""What a measured or counted number is followed by on these pages."""
_NUMBER = r"(?<![\w.,/-])\d{1,6}\.\d{1,2}(?!\d)(?![.,]\d)"
"""A dot followed by one or two digits, not inside a longer run of digits, dots or commas: in Indonesian a dot only
groups thousands (always three digits), so this is an English decimal point. Not a part of a version (9.8.1), a date
(12.05.2024), a path or URL (v1.2/), a phone number (0812-8888) or a word."""
DECIMAL_POINT = re.compile(
    rf"{_NUMBER}(?=\s?(?:{UNITS})(?![\w²³])|\s?[×x=+−÷](?![A-Za-z]))"  # 1.22 m³, 40.5 x, 2.5%
    rf"|(?:(?<=[×=+−÷])|(?<=[×=+−÷] )|(?<= x )){_NUMBER}"  # = 1.22, × 0.15
)
"""An English decimal in a measure or a formula: before a unit or an arithmetic sign, or after a sign. A time of day
(08.00–16.00 WIB, Indonesian style) or a section number (1.2 Pondasi) is followed by neither."""
THOUSANDS_COMMA = re.compile(
    r"(?<![\w.,])[1-9]\d{0,2}(?:,\d{3}){2,}(?!\d)"  # 1,500,000
    r"|(?<![\w.,])[1-9]\d{0,2}(?:,\d{3})+\.\d"  # 1,234.56
    r"|Rp\.? ?[1-9]\d{0,2}(?:,\d{3})+(?!\d)"  # Rp 150,000
)
"""English thousands commas. One group after a comma alone ("0,617 kg/m", "4,050") is an Indonesian decimal with
three places, so it needs a second group, an English decimal after it, or a rupiah sign to be English."""
BARE = re.compile(r"\d{1,6}\.\d{1,2}")
"""A figure cell (class "angka", like the RAB volumes) that is nothing but such a number. A plain cell may hold a
document version ("Versi | 1.0" on a module page), which is written with a dot."""
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
BLOCKS = {"p", "div", "li", "td", "th", "tr", "dt", "dd", "br", "h1", "h2", "h3", "h4", "h5", "h6", "section",
          "article", "caption", "figcaption", "option", "label", "legend", "text", "tspan", "title", "desc"}
"""Tags that end a line of visible text, so two cells never run together into one number."""


class _Visible(HTMLParser):
    """Collect the text a reader sees: data outside script, style and template, and the attributes read aloud."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.figure: str | None = None
        self.parts: list[str] = []
        self.figures: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        if "angka" in (dict(attrs).get("class") or "").split():
            self.figure = tag
        if tag in BLOCKS:
            self.parts.append("\n")
        self.parts += [f"\n{value}\n" for name, value in attrs if name in ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden = max(0, self.hidden - 1)
        if tag == self.figure:
            self.figure = None
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
            if self.figure:
                self.figures.append(data.strip())


def wrong_numbers(markup: str) -> list[str]:
    """Every number in the visible text of one page or SVG written with English separators, with its context."""
    reader = _Visible()
    reader.feed(markup)
    text = "".join(reader.parts)
    found = [m for rx in (DECIMAL_POINT, THOUSANDS_COMMA) for m in rx.finditer(text)]
    out = [" ".join(text[max(0, m.start() - 25) : m.end() + 10].split()) for m in sorted(found, key=lambda m: m.start())]
    return out + [figure for figure in reader.figures if BARE.fullmatch(figure)]


ENGLISH = [
    "Sloof 15/20: 40.5 × 0,15 × 0,20 = 1,22 m³",
    "40,50 × 0,15 × 0,20 = 1.22 m³",
    "kolom: 9 × 3 × 0,15 × 0,15 = 0.61",
    "volume 12.5 m²",
    "lebar 3.0 m",
    "bunga 2.5% per tahun",
    "40.5 x 0,15",
    "0,15 x 0.2 x 3",
    "sekitar 1.5 juta rupiah",
    "tenor 2.5 tahun",
    "Rp 1,500,000",
    "Rp150,000",
    "total 1,084,571 rupiah",
    "1,234.56",
    '<td class="angka">40.5</td>',
    '<td class="angka">0.4</td>',
    '<img alt="Denah 3.5 x 6 m" src="a.svg">',
    '<svg><text x="1" y="2">1.5 × 1,5</text></svg>',
]
INDONESIAN = [
    "40,50 × 0,15 × 0,20 = 1,22 m³",
    "Besi 4 Ø10 (0,617 kg/m), 4,050 kg",
    "Total Rp 1.084.571 · Rp 30.127 per m²",
    "luas 1.200 m² di atas 72 m²",
    "bunga 5%, uang muka 2,5%",
    "UU 1/2011 tentang Perumahan dan Kawasan Permukiman, Pasal 24 ayat (1)",
    "PP 12/2021 Pasal 1 angka 2; Permen PUPR 8/2023; SNI 1726:2019; K-175",
    "1.2 Pondasi dan sloof",
    "Bab 3.1 Dinding",
    "Layanan pukul 08.00–16.00 WIB, istirahat 12.00-13.00",
    "Ditinjau 12.05.2024",
    "Material for MkDocs 9.8.1",
    "<table><tr><td>Versi</td><td>1.0</td></tr></table>",
    '<td class="angka">40,5</td><td class="angka">1.084.571</td>',
    "Hubungi 0812-8888-8911 atau (021) 7272-0000",
    '<a href="https://pkp.go.id/v1.2/berkas-3.5.pdf">pkp.go.id</a>',
    "Keramik lantai 40x40, sloof 15/20, pipa 1/2\"",
    "<script>var x = 1.22 + 40.5;</script><style>a { padding: .6rem; margin: 1.5em }</style>",
    '<script type="application/json">{"volume": 40.5}</script>',
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_separators_are_found(text):
    assert wrong_numbers(text), f"tidak terdeteksi: {text!r}"


@pytest.mark.parametrize("text", INDONESIAN)
def test_indonesian_numbers_citations_dates_and_urls_pass(text):
    assert wrong_numbers(text) == [], f"salah deteksi: {text!r}"


def test_built_pages_print_indonesian_numbers(real_site: Path):
    """Every page and SVG of the real site: design formulas, RAB tables, calculators' examples, IKM figures."""
    files = sorted([*real_site.rglob("*.html"), *real_site.rglob("*.svg")])
    assert len(files) > 50, f"situs terbangun hanya berisi {len(files)} halaman"
    report = [f"{path.relative_to(real_site)}: {hit}" for path in files
              for hit in wrong_numbers(path.read_text(encoding="utf-8"))]
    assert not report, "angka bergaya Inggris (pakai titik untuk ribuan, koma untuk desimal):\n" + "\n".join(report)
