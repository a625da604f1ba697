"""The pieces every SVG chart shares: Indonesian numbers, safe text, a nice axis scale, legend and the document."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

FONT = 22
"""Text size in viewBox units: a 640-wide chart shown 330 px wide on a phone still prints it at about 11 px."""
INK = "#1b1b1b"
PALETTE = ("#1f5fa8", "#b34700", "#2d7a3a", "#7a3b9c", "#a1122b", "#555555")
"""Series colours, each at least 4.5:1 against the white ground (WCAG 1.4.11 asks 3:1 for graphics)."""
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all (escaping does not help): dropped, so the SVG always parses."""


def angka(value: float, decimals: int | None = None) -> str:
    """1.234 or 94,50: Indonesian digits grouping and decimal comma, half up; whole numbers without decimals."""
    exact = Decimal(repr(float(value)))
    places = decimals if decimals is not None else (0 if exact == exact.to_integral_value() else 2)
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return ("-" if rounded < 0 else "") + text


def escape(text: str) -> str:
    """Text as SVG/HTML character data or attribute value: markup escaped, XML-illegal characters dropped."""
    clean = _NOT_XML.sub("", str(text))
    return (clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;"))


def n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, so output is short and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of how wide a text is drawn (average glyph 0.56 em): enough to reserve room and wrap."""
    return len(text) * size * 0.56


def wrap(text: str, max_width: float) -> list[str]:
    """Greedy word wrap to a width; a word longer than a line is cut, so nothing runs off the chart."""
    limit = max(int(max_width / (FONT * 0.56)), 4)
    lines, current = [], ""
    for word in str(text).split():
        while len(word) > limit:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:limit])
            word = word[limit:]
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def nice_scale(low: float, high: float, *, exact: tuple[bool, bool], whole: bool = False) -> tuple[
        float, float, list[float], Callable[[float], str]]:
    """Axis ends and ticks at 1, 2, 2.5 or 5 x 10^k (about five); an end the caller fixed stays as given.
    `whole`: counts, so ticks are whole numbers (no 2,5 between 0 and 5)."""
    raw = (high - low) / 5
    if whole:
        raw = max(raw, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in steps if m * power >= raw)
    places = max(0, -math.floor(math.log10(step) + 1e-9)) + (1 if str(step / power).startswith("2.5") else 0)
    start = low if exact[0] else math.floor(low / step + 1e-9) * step
    end = high if exact[1] else math.ceil(high / step - 1e-9) * step
    first, last = math.ceil(start / step - 1e-9), math.floor(end / step + 1e-9)
    ticks = [round(i * step, places) for i in range(first, last + 1)]
    if exact[0] and ticks and ticks[0] - start > step / 2:
        ticks.insert(0, start)  # a fixed end far from the grid is labelled too (IKM from 25)
    if exact[1] and ticks and end - ticks[-1] > step / 2:
        ticks.append(end)
    return start, end, ticks, lambda v: angka(v, places)


@dataclass
class Frame:
    """The plot rectangle and the value range it maps, plus where the legend entries sit above it."""

    left: float
    top: float
    right: float
    bottom: float
    low: float
    high: float
    legend_items: list[tuple[float, float, str]] = field(default_factory=list)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)

    def legend_svg(self, dash_for: Callable[[int], str] | None) -> list[str]:
        """Swatches with names: a dashed line with a dot for line charts, a square for bars."""
        out = []
        for index, (x, y, name) in enumerate(self.legend_items):
            colour = PALETTE[index % len(PALETTE)]
            if dash_for is None:
                out.append(f'<rect x="{n(x)}" y="{n(y - 16)}" width="18" height="18" fill="{colour}"/>')
            else:
                dash = dash_for(index)
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(f'<line x1="{n(x)}" y1="{n(y - 7)}" x2="{n(x + 24)}" y2="{n(y - 7)}" stroke="{colour}" '
                           f'stroke-width="3"{dash_attr}/>')
                out.append(f'<circle cx="{n(x + 12)}" cy="{n(y - 7)}" r="5" fill="{colour}"/>')
            out.append(f'<text x="{n(x + 30)}" y="{n(y)}" fill="{INK}">{escape(name)}</text>')
        return out


def legend(names: Sequence[str], width: float, pad: float) -> tuple[list[tuple[float, float, str]], float]:
    """Legend entries laid out in rows across the width; returns their positions and the rows' height."""
    items, x, row, row_h = [], pad, 0, FONT + 12
    for name in names:
        item_w = 30 + text_width(name) + 20
        if x > pad and x + item_w > width - pad:
            x, row = pad, row + 1
        items.append((x, pad + row * row_h + FONT, name))
        x += item_w
    return items, (row + 1) * row_h if names else 0


def label_step(labels: Sequence[str], spacing: float) -> int:
    """Show every k-th period label so labels never overlap (the table lists them all)."""
    widest = max((text_width(label) for label in labels), default=0) + 12
    return max(1, math.ceil(widest / spacing)) if spacing > 0 else 1


def axis_labels(labels: Sequence[str], xs: Sequence[float], bottom: float, step: int) -> list[str]:
    return [f'<text x="{n(x)}" y="{n(bottom + 12 + FONT * 0.8)}" text-anchor="middle" fill="{INK}">'
            f"{escape(label)}</text>" for i, (label, x) in enumerate(zip(labels, xs, strict=True)) if i % step == 0]


def svg_document(ident: str, title: str, desc: str, width: float, height: float, body: Sequence[str]) -> str:
    """The <svg> element: scales to its container (viewBox, width 100%), named by its <title> and <desc>."""
    if not _ID.fullmatch(ident):
        raise ValueError("chart_id: huruf, angka, - atau _, diawali huruf")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n(width)} {n(height)}" width="100%" '
            f'role="img" aria-labelledby="{ident}-judul" aria-describedby="{ident}-rincian" id="{ident}" '
            f'font-size="{FONT}" class="klinik-grafik">'
            f'<title id="{ident}-judul">{escape(title)}</title><desc id="{ident}-rincian">{escape(desc)}</desc>'
            f'<rect width="{n(width)}" height="{n(height)}" fill="#ffffff"/>' + "".join(body) + "</svg>")
