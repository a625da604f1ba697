"""The theme's pure scripts run with no page at all (no DOM), and in Node they meet the same shared vectors as Python."""

from __future__ import annotations

import json
import subprocess

import pytest

from generator.config.pembiayaan import load_pembiayaan
from tests.conftest import ROOT, VECTORS

SCRIPTS = ROOT / "generator" / "theme" / "assets" / "javascripts"
PURE = ("klinik-format.js", "kalkulator.js", "klinik-rab.js", "klinik-search-query.js", "klinik-search-rank.js")
"""The logic layer: arithmetic, formatting, query analysis and ranking. DOM wiring lives in the *-form, *-page and *-ui files."""

RUNNER = r"""
const fs = require("fs"), vm = require("vm");
const [dir, files, input] = [process.argv[2], JSON.parse(process.argv[3]), JSON.parse(fs.readFileSync(0, "utf8"))];
// A sandbox with a `window` object and nothing else: touching document, location or fetch throws here.
const sandbox = {window: {}, console: console, Math: Math, JSON: JSON};
vm.createContext(sandbox);
for (const f of files) vm.runInContext(fs.readFileSync(dir + "/" + f, "utf8"), sandbox, {filename: f});
const w = sandbox.window, k = w.klinikKalkulator, r = w.klinikRab;
const out = {
  globals: Object.keys(w).sort(),
  kpr: input.kpr.map(c => k.simulasiKpr(c.masukan, input.tabel)),
  mampu: input.mampu.map(c => k.kemampuanMengangsur(c.masukan, input.tabel)),
  rab: input.rab.map(v => r.hitung(v.masukan)),
  rupiah: [w.klinikFormat.rupiah(1084571), r.rupiah(1084571), k.rupiah(1084571)],
  settled: input.settled.map(t => w.klinikSearchQuery.settled(t, w.klinikSearchQuery.prepareDictionary(input.kamus))),
};
process.stdout.write(JSON.stringify(out));
"""


KAMUS = {"sinonim": [["kpr", "kredit rumah"]], "kosakata": {"dp": 3, "rumah": 40}, "normalisasi": {"jt": "juta"}, "pengisi": ["di"]}
SETTLED = [
    ("rumah subsidi gaji 4 j", "rumah subsidi gaji 4 "),  # one letter: waits for the word
    ("rumah subsidi gaji 4 ju", "rumah subsidi gaji 4 "),  # two letters no page uses
    ("rumah subsidi gaji 4 jut", "rumah subsidi gaji 4 jut"),  # three: a prefix worth looking up
    ("cicilan dp", "cicilan dp"),  # two letters a page uses
    ("gaji 5 jt", "gaji 5 jt"),  # an abbreviation the dictionary knows
    ("rumah tipe 3", "rumah tipe 3"),  # a number is a query already
    ("atap bocor ", "atap bocor "),  # finished
    ("r", ""),
]


def test_a_live_search_waits_for_an_unfinished_short_last_word(node_results):
    assert node_results["settled"] == [wanted for _, wanted in SETTLED]


def vectors(name: str):
    return json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def node_results(tmp_path_factory):
    runner = tmp_path_factory.mktemp("node") / "run.js"
    runner.write_text(RUNNER, encoding="utf-8")
    tabel = load_pembiayaan(ROOT / "site_config", []).tabel()
    given = {"tabel": tabel, "kpr": vectors("kpr"), "mampu": vectors("mampu"), "rab": vectors("rab")["vektor"],
             "settled": [text for text, _ in SETTLED], "kamus": KAMUS}
    proc = subprocess.run(["node", str(runner), str(SCRIPTS), json.dumps(PURE)], input=json.dumps(given),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_pure_scripts_need_no_page(node_results):
    """Loaded in a bare sandbox (no document), the logic files define exactly their globals and nothing else."""
    assert node_results["globals"] == ["klinikFormat", "klinikKalkulator", "klinikRab", "klinikSearchQuery", "klinikSearchRank"]


@pytest.mark.parametrize("name", ["kpr", "mampu"])
def test_calculator_logic_meets_the_shared_vectors_without_a_browser(node_results, name):
    """kalkulator.js gives every shared vector's exact result, errors included, as generator/tools/pembiayaan.py does."""
    cases = vectors(name)
    mismatches = [f"{c['nama']}: {got} != {c['hasil']}" for c, got in zip(cases, node_results[name], strict=False) if got != c["hasil"]]
    assert len(node_results[name]) == len(cases) and not mismatches, "\n".join(mismatches)


def test_rab_logic_meets_the_shared_vectors_without_a_browser(node_results):
    """klinik-rab.js hitung gives the hand-computed RAB of every vector, as generator/rab/compute.py does."""
    for vector, got in zip(vectors("rab")["vektor"], node_results["rab"], strict=True):
        assert {k: got[k] for k in vector["hasil"]} == vector["hasil"], vector["nama"]


def test_one_money_format_serves_calculators_and_rab(node_results):
    """The calculators and the RAB estimator print rupiah through the same klinik-format.js function."""
    assert node_results["rupiah"] == ["Rp 1.084.571"] * 3
