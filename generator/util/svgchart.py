"""Charts as plain SVG text, drawn on the server or at build time, so a page shows figures without JavaScript."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Mapping, Sequence

from generator.util.svgparts import (
    FONT,
    INK,
    PALETTE,
    Frame,
    angka,
    axis_labels,
    escape,
    label_step,
    legend,
    n,
    nice_scale,
    svg_document,
    text_width,
    wrap,
)

__all__ = ["angka", "bar_chart", "chart_table", "grouped_bar_chart", "line_chart"]

Format = Callable[[float], str]
LINE_DASHES = ("", "10 5", "3 5", "14 5 3 5")
"""Each line series differs by its dash as well as its colour, so the chart reads in grey too."""


def _check_numbers(name: str, values: Sequence[float | None], count: int, *, gaps: bool = False,
                   negative: bool = False) -> None:
    if len(values) != count:
        raise ValueError(f"{name}: {len(values)} nilai untuk {count} label")
    for value in values:
        if value is None and gaps:
            continue
        if value is None or not math.isfinite(value):
            raise ValueError(f"{name}: nilai harus berupa angka terhingga")
        if value < 0 and not negative:
            raise ValueError(f"{name}: nilai tidak boleh negatif")


def _chart_id(kind: str, title: str, labels: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> str:
    """The same chart always gets the same id (same bytes), two different charts on one page do not share it."""
    text = repr((kind, title, list(labels), [(k, list(v)) for k, v in series.items()]))
    return "grafik-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _summary(labels: Sequence[str], series: Mapping[str, Sequence[float | None]], fmt: Format) -> str:
    """The figures in words for <desc>: what a screen reader says when it reads the image."""
    parts = []
    for name, values in series.items():
        cells = [f"{label} {fmt(v) if v is not None else 'tidak ada data'}" for label, v in zip(labels, values, strict=True)]
        parts.append((f"{name}: " if name else "") + ", ".join(cells))
    return "; ".join(parts) + "."


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, max_value: float | None = None,
              value_format: Format | None = None, width: int = 640, chart_id: str | None = None) -> str:
    """Horizontal bars, each label on its own line above its bar (long labels wrap), the value at the bar's end."""
    _check_numbers("values", values, len(labels))
    fmt = value_format or angka
    top = max_value if max_value is not None else max(values, default=0)
    if max_value is not None and (not math.isfinite(max_value) or any(v > max_value for v in values)):
        raise ValueError("max_value lebih kecil dari salah satu nilai")
    top = top if top > 0 else 1
    pad, line_h, bar_h, gap = 12, FONT + 4, 26, 14
    texts = [fmt(v) for v in values]
    reserve = max((text_width(t) for t in texts), default=0) + 10
    plot = max(width - 2 * pad - reserve, 40)
    body, y = [], pad
    for label, value, text in zip(labels, values, texts, strict=True):
        for line in wrap(label, width - 2 * pad):
            y += line_h
            body.append(f'<text x="{pad}" y="{n(y - 6)}" fill="{INK}">{escape(line)}</text>')
        length = plot * value / top
        body.append(f'<rect x="{pad}" y="{n(y)}" width="{n(length)}" height="{bar_h}" fill="{PALETTE[0]}"/>')
        body.append(f'<text x="{n(pad + length + 6)}" y="{n(y + bar_h / 2 + FONT * 0.35)}" fill="{INK}">'
                    f"{escape(text)}</text>")
        y += bar_h + gap
    height = y - gap + pad
    body.insert(0, f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{n(height - pad)}" stroke="{INK}" stroke-width="1"/>')
    ident = chart_id or _chart_id("bar", title, labels, {"": values})
    return svg_document(ident, title, _summary(labels, {"": values}, fmt), width, height, body)


def _frame(names: Sequence[str], low: float, high: float, ticks: Sequence[float],
           width: int, tick_format: Format) -> Frame:
    """The plot area once the legend (top), tick labels (left) and period labels (bottom) have their room."""
    legend_items, legend_h = legend(names, width, 12)
    left = 12 + max((text_width(tick_format(t)) for t in ticks), default=0) + 8
    top = 12 + legend_h + 10
    return Frame(left=left, top=top, right=width - 16, bottom=top + 240, low=low, high=high,
                 legend_items=legend_items)


def _y_axis(frame: Frame, ticks: Sequence[float], tick_format: Format) -> list[str]:
    out = []
    for tick in ticks:
        y = frame.y(tick)
        out.append(f'<line x1="{n(frame.left)}" y1="{n(y)}" x2="{n(frame.right)}" y2="{n(y)}" stroke="#c4c4c4" '
                   f'stroke-width="1"/>')
        out.append(f'<text x="{n(frame.left - 8)}" y="{n(y + FONT * 0.35)}" text-anchor="end" fill="{INK}">'
                   f"{escape(tick_format(tick))}</text>")
    out.append(f'<line x1="{n(frame.left)}" y1="{n(frame.bottom)}" x2="{n(frame.right)}" y2="{n(frame.bottom)}" '
               f'stroke="{INK}" stroke-width="1"/>')
    return out


def line_chart(labels: Sequence[str], series: Mapping[str, Sequence[float | None]], *, title: str,
               y_min: float | None = None, y_max: float | None = None, value_format: Format | None = None,
               width: int = 640, chart_id: str | None = None) -> str:
    """Lines over periods; a None leaves a gap in its line (the point before and after still show)."""
    for name, values in series.items():
        _check_numbers(name, values, len(labels), gaps=True, negative=True)
    fmt = value_format or angka
    known = [v for values in series.values() for v in values if v is not None]
    low = y_min if y_min is not None else min([0.0, *known])
    high = y_max if y_max is not None else max([low + 1, *known])
    if any(v < low or v > high for v in known) or high <= low:
        raise ValueError("y_min/y_max tidak mencakup semua nilai")
    low, high, ticks, tick_format = nice_scale(low, high, exact=(y_min is not None, y_max is not None))
    frame = _frame(list(series), low, high, ticks, width, tick_format)
    count = len(labels)
    step = (frame.right - frame.left) / count if count else 0
    xs = [frame.left + step * (i + 0.5) for i in range(count)]
    body = _y_axis(frame, ticks, tick_format)
    body += axis_labels(labels, xs, frame.bottom, label_step(labels, step))
    for index, values in enumerate(series.values()):
        colour, dash = PALETTE[index % len(PALETTE)], LINE_DASHES[index % len(LINE_DASHES)]
        path, pen_down = [], False
        for x, value in zip(xs, values, strict=True):
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{n(x)} {n(frame.y(value))}")
            pen_down = True
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>')
        for x, value in zip(xs, values, strict=True):
            if value is not None:
                body.append(f'<circle cx="{n(x)}" cy="{n(frame.y(value))}" r="5" fill="{colour}" '
                            f'stroke="#ffffff" stroke-width="1.5"/>')
    body += frame.legend_svg(lambda i: LINE_DASHES[i % len(LINE_DASHES)])
    height = frame.bottom + 12 + FONT + 12
    ident = chart_id or _chart_id("line", title, labels, series)
    return svg_document(ident, title, _summary(labels, series, fmt), width, height, body)


def grouped_bar_chart(labels: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str,
                      value_format: Format | None = None, width: int = 640, chart_id: str | None = None) -> str:
    """Columns side by side per label, one per series (e.g. services per week by channel)."""
    for name, values in series.items():
        _check_numbers(name, values, len(labels))
    fmt = value_format or angka
    high = max([0.0, *(v for values in series.values() for v in values)])
    whole = all(float(v).is_integer() for values in series.values() for v in values)
    low, high, ticks, tick_format = nice_scale(0.0, high if high > 0 else 1.0, exact=(True, False), whole=whole)
    frame = _frame(list(series), low, high, ticks, width, tick_format)
    count, kinds = len(labels), max(len(series), 1)
    group = (frame.right - frame.left) / count if count else 0
    bar = group * 0.8 / kinds
    body = _y_axis(frame, ticks, tick_format)
    xs = [frame.left + group * (i + 0.5) for i in range(count)]
    body += axis_labels(labels, xs, frame.bottom, label_step(labels, group))
    for index, values in enumerate(series.values()):
        colour = PALETTE[index % len(PALETTE)]
        for i, value in enumerate(values):
            x = frame.left + group * i + group * 0.1 + bar * index
            y = frame.y(value)
            body.append(f'<rect x="{n(x)}" y="{n(y)}" width="{n(bar)}" height="{n(frame.bottom - y)}" '
                        f'fill="{colour}"/>')
    body += frame.legend_svg(None)
    height = frame.bottom + 12 + FONT + 12
    ident = chart_id or _chart_id("grouped", title, labels, series)
    return svg_document(ident, title, _summary(labels, series, fmt), width, height, body)


def chart_table(labels: Sequence[str], series: Mapping[str, Sequence[float | None]], *, caption: str,
                label_header: str, value_format: Format | None = None) -> str:
    """The chart's figures as a plain HTML table (no classes, no framework), for screen readers and print."""
    fmt = value_format or angka
    head = "".join(f'<th scope="col">{escape(name)}</th>' for name in series)
    rows = []
    for i, label in enumerate(labels):
        cells = "".join(f"<td>{escape(fmt(v)) if (v := values[i]) is not None else '–'}</td>"
                        for values in series.values())
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{cells}</tr>')
    return (f"<table><caption>{escape(caption)}</caption><thead><tr><th scope=\"col\">{escape(label_header)}</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
