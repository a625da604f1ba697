"""SVG charts parse as XML, draw bars in proportion, leave gaps for missing values, escape text and never vary."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from generator.util.svgchart import angka, bar_chart, chart_table, grouped_bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def test_numbers_are_written_the_indonesian_way() -> None:
    assert angka(1084571) == "1.084.571"
    assert angka(94.0) == "94"
    assert angka(94.005) == "94,01"  # half up, from the decimal written, not the binary double
    assert angka(0.125, 2) == "0,13"
    assert angka(-1234.5) == "-1.234,50"
    assert angka(82.5, 1) == "82,5"


def test_bar_lengths_are_proportional_and_labelled() -> None:
    svg = bar_chart(["Persyaratan", "Waktu", "Biaya"], [4.0, 2.0, 0.0], title="NRR per unsur", max_value=4)
    root = parse(svg)
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 640 ")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "NRR per unsur"
    assert root.get("aria-labelledby") == title.get("id")
    desc = root.find(f"{SVG}desc")
    assert desc is not None and root.get("aria-describedby") == desc.get("id")
    assert desc.text == "Persyaratan 4, Waktu 2, Biaya 0."
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    widths = [float(r.get("width", "")) for r in bars]
    assert widths[0] > 0 and widths[1] == pytest.approx(widths[0] / 2, abs=0.01) and widths[2] == 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Persyaratan", "4", "Waktu", "2", "Biaya", "0"]
    assert "script" not in svg and "style=" not in svg  # nothing the CSP would refuse, nothing that runs


def test_value_format_and_default_maximum() -> None:
    root = parse(bar_chart(["a", "b"], [50, 25], title="t", value_format=lambda v: f"{angka(v, 2)}%"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    assert float(bars[0].get("width", "")) == pytest.approx(2 * float(bars[1].get("width", "")), abs=0.01)
    assert [t.text for t in root.iter(f"{SVG}text")][1::2] == ["50,00%", "25,00%"]


def test_long_labels_wrap_inside_the_chart() -> None:
    label = "Kemudahan prosedur pelayanan di unit layanan ini menurut pendapat Saudara sangat jelas sekali"
    root = parse(bar_chart([label], [3], title="t"))
    lines = [t.text or "" for t in root.iter(f"{SVG}text")][:-1]
    assert len(lines) >= 2 and " ".join(lines) == label
    width = float(root.get("viewBox", "").split()[2])
    assert all(12 + len(line) * 22 * 0.56 <= width for line in lines)


def test_text_is_escaped_and_xml_illegal_characters_dropped() -> None:
    evil = '<script>alert("x")</script> & \x07\ud800 \'q\''
    svg = bar_chart([evil], [1], title=evil)
    root = parse(svg)  # parses: nothing broke out of its text node
    assert "<script" not in svg
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> &  \'q\''  # type: ignore[union-attr]
    assert not list(root.iter(f"{SVG}script"))
    table = chart_table([evil], {evil: [1.5]}, caption=evil, label_header="Unsur")
    cell = ElementTree.fromstring(table)
    assert "<script" not in table and cell.find("tbody/tr/td").text == "1,50"  # type: ignore[union-attr]


def test_line_chart_leaves_a_gap_where_a_value_is_missing() -> None:
    svg = line_chart(["2025-S1", "2025-S2", "2026-S1", "2026-S2"], {"IKM": [80.5, None, 85.0, 90.25]},
                     title="Tren IKM", y_min=25, y_max=100)
    root = parse(svg)
    path = root.find(f"{SVG}path")
    assert path is not None
    steps = path.get("d", "").split(" M")
    assert len(steps) == 2 and "L" not in steps[0] and steps[1].count("L") == 1
    assert len(list(root.iter(f"{SVG}circle"))) == 3 + 1  # three points and the legend's dot
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "2025-S2 tidak ada data" in (desc.text or "")
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks[0] == "25" and ticks[-1] == "100"


def test_line_values_map_to_heights_linearly() -> None:
    root = parse(line_chart(["a", "b", "c"], {"s": [0.0, 50.0, 100.0]}, title="t", y_min=0, y_max=100))
    ys = [float(c.get("cy", "")) for c in root.iter(f"{SVG}circle")][:3]
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2], abs=0.01) and ys[0] > ys[2]


def test_line_series_differ_by_dash_as_well_as_colour() -> None:
    root = parse(line_chart(["a", "b"], {"Balai A": [1, 2], "Balai B": [2, 1]}, title="t"))
    paths = list(root.iter(f"{SVG}path"))
    assert paths[0].get("stroke") != paths[1].get("stroke")
    assert paths[0].get("stroke-dasharray") != paths[1].get("stroke-dasharray")


def test_grouped_bars_per_label_and_series() -> None:
    root = parse(grouped_bar_chart(["M1", "M2"], {"daring": [4, 2], "kantor": [1, 0], "lapangan": [0, 3]},
                                   title="Layanan per minggu"))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff" and r.get("width") != "18"]
    assert len(bars) == 6
    heights = {(b.get("fill"), b.get("x")): float(b.get("height", "")) for b in bars}
    daring = sorted((float(x or 0), h) for (fill, x), h in heights.items() if fill == "#1f5fa8")
    assert daring[0][1] == pytest.approx(2 * daring[1][1], abs=0.01)
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") is None]
    assert legend == ["daring", "kantor", "lapangan"]


def test_many_period_labels_are_thinned_not_overlapped() -> None:
    weeks = [f"2026-W{w:02d}" for w in range(1, 13)]
    root = parse(grouped_bar_chart(weeks, {"daring": [1] * 12}, title="t"))
    shown = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "middle"]
    assert 1 < len(shown) < 12
    xs = [float(t.get("x", "")) for t in shown]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= len("2026-W01") * 22 * 0.56


def test_same_input_gives_the_same_bytes_and_different_charts_different_ids() -> None:
    one = grouped_bar_chart(["a"], {"x": [1]}, title="t")
    assert one == grouped_bar_chart(["a"], {"x": [1]}, title="t")
    other = grouped_bar_chart(["a"], {"x": [2]}, title="t")
    assert parse(one).get("id") != parse(other).get("id")
    assert parse(bar_chart(["a"], [1], title="t", chart_id="ikm-nasional")).get("id") == "ikm-nasional"


@pytest.mark.parametrize(
    "call",
    [
        lambda: bar_chart(["a", "b"], [1], title="t"),
        lambda: bar_chart(["a"], [-1], title="t"),
        lambda: bar_chart(["a"], [float("nan")], title="t"),
        lambda: bar_chart(["a"], [5], title="t", max_value=4),
        lambda: line_chart(["a"], {"s": [200]}, title="t", y_max=100),
        lambda: grouped_bar_chart(["a"], {"s": [1, 2]}, title="t"),
        lambda: bar_chart(["a"], [1], title="t", chart_id='x" onload="y'),
    ],
)
def test_bad_input_is_refused(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call()


def test_empty_and_all_zero_charts_still_draw() -> None:
    for svg in (bar_chart([], [], title="t"), bar_chart(["a"], [0], title="t"),
                grouped_bar_chart(["a"], {"x": [0]}, title="t"), line_chart([], {}, title="t")):
        parse(svg)


def test_counts_get_whole_number_ticks_and_fractions_get_decimal_ones() -> None:
    counts = parse(grouped_bar_chart(["a", "b"], {"x": [1, 11]}, title="t"))
    ticks = [t.text for t in counts.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "5", "10", "15"]
    halves = parse(grouped_bar_chart(["a", "b"], {"x": [0.5, 12.5]}, title="t"))
    assert [t.text for t in halves.iter(f"{SVG}text") if t.get("text-anchor") == "end"][:2] == ["0,0", "2,5"]
