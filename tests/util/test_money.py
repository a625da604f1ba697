"""One reading of typed rupiah amounts: util/money.py and klinik-format.js meet the same vectors, and hostile text is fast."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from generator.util.money import baca_isian, baca_jumlah
from tests.conftest import ROOT, VECTORS

SCRIPT = ROOT / "generator" / "theme" / "assets" / "javascripts" / "klinik-format.js"
VECTOR = json.loads((VECTORS / "rupiah.json").read_text(encoding="utf-8"))
HOSTILE = {
    "digits then a letter": "1" * 10_000 + "x",
    "a hundred thousand digits": "1" * 100_000,
    "dots and digits": "1." * 50_000,
    "groups then junk": "1" + ".000" * 25_000 + "x",
    "spaces between digits": "1 " * 50_000 + "x",
    "a long fraction": "1," + "1" * 100_000 + " juta",
    "prefixes": "rp " * 30_000,
    "minus signs": "-" * 100_000 + "1",
}
"""Text built to make a backtracking reader slow; each must be answered at once (well under a second)."""

RUNNER = r"""
const fs = require("fs"), vm = require("vm");
const [script, input] = [process.argv[2], JSON.parse(fs.readFileSync(0, "utf8"))];
const sandbox = {window: {}, Math: Math, JSON: JSON};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(script, "utf8"), sandbox, {filename: script});
const f = sandbox.window.klinikFormat;
const hostile = {};
for (const [name, text] of Object.entries(input.hostile)) {
  const start = process.hrtime.bigint();
  const hasil = f.bacaJumlah(text);
  hostile[name] = {hasil: hasil, ms: Number(process.hrtime.bigint() - start) / 1e6};
}
process.stdout.write(JSON.stringify({
  baca: input.baca.map(c => f.bacaJumlah(c.masukan)),
  isian: input.isian.map(c => f.bacaIsian(c.masukan, c.aturan)),
  hostile: hostile,
}));
"""


@pytest.fixture(scope="module")
def node_results(tmp_path_factory) -> dict:
    runner = tmp_path_factory.mktemp("node") / "rupiah.js"
    runner.write_text(RUNNER, encoding="utf-8")
    given = {"baca": VECTOR["baca"], "isian": VECTOR["isian"], "hostile": HOSTILE}
    proc = subprocess.run(["node", str(runner), str(SCRIPT)], input=json.dumps(given), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("case", VECTOR["baca"], ids=lambda c: repr(c["masukan"])[:40])
def test_python_reads_every_amount_vector(case):
    assert baca_jumlah(case["masukan"]) == case["hasil"]


@pytest.mark.parametrize("case", VECTOR["isian"], ids=lambda c: f"{c['aturan']['label']}: {c['masukan']!r}"[:50])
def test_python_field_rules_and_messages(case):
    assert baca_isian(case["masukan"], case["aturan"]) == case["hasil"]


def test_javascript_reads_every_vector_as_python_does(node_results):
    """klinik-format.js bacaJumlah and bacaIsian give each vector's exact result, messages included."""
    pairs = [(c, got) for c, got in zip(VECTOR["baca"] + VECTOR["isian"], node_results["baca"] + node_results["isian"], strict=True)]
    mismatches = [f"{c['masukan']!r}: {got} != {c['hasil']}" for c, got in pairs if got != c["hasil"]]
    assert not mismatches, "\n".join(mismatches)


def test_vectors_cover_the_written_forms_of_the_issue():
    """The forms people write (units, Rp prefixes, thousands dots, a decimal comma) and every error kind are in the vectors."""
    given = {c["masukan"]: c["hasil"] for c in VECTOR["baca"] if isinstance(c["masukan"], str)}
    assert given["4 juta"] == {"nilai": 4_000_000} and given["Rp 150 jt"] == {"nilai": 150_000_000}
    assert given["1,5 juta"] == {"nilai": 1_500_000} and given["120.000.000"] == {"nilai": 120_000_000}
    kinds = {c["hasil"].get("galat") for c in VECTOR["baca"]}
    assert kinds >= {None, "kosong", "format", "titik", "negatif", "pecahan", "terlalu_besar"}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_answered_at_once_in_python(name):
    start = time.perf_counter()
    hasil = baca_jumlah(HOSTILE[name])
    assert time.perf_counter() - start < 0.5, name
    assert "galat" in hasil


def test_hostile_text_is_answered_at_once_in_javascript(node_results):
    """The same text in Node: the same verdict as Python, each within half a second."""
    for name, text in HOSTILE.items():
        got = node_results["hostile"][name]
        assert got["hasil"] == baca_jumlah(text), name
        assert got["ms"] < 500, f"{name}: {got['ms']:.0f} ms"
