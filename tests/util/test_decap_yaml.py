"""util/decap_yaml writes what Decap CMS writes: its own formatter (decap-cms-core with yaml 1.x, in Node) is the judge."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess

import pytest

from generator.content.canonical import file_text, immutable_order
from generator.util.decap_yaml import dump
from tests.conftest import ROOT

ATOMS = [
    "a", "kata", "Undang-Undang", " ", "  ", ": ", ":", "#", " #", "-", "- ", "?", '"', "'", "\n", "\n\n", "\t",
    "\x01", "\x7f", "\x85", "é", "²", "😀", "---", "...", "%", "@", "`", "[", "]", "{", "}", ",", "&", "*", "!", "|",
    ">", "\\", "\\n", "0", "12", "1.5", "true", "null", "~", "0x1F", "1e3", ".inf", "2026-12-02", "1:05", "yes",
    "x" * 30, "panjang" * 12,
]
"""Pieces of text that hit each of yaml's choices: indicators, quotes, escapes, folding, block scalars, UTF-16."""
NUMBERS = [0, 7, -3, 2026, 1.5, 0.35, 100.0, 1e21, 1e-7, 123456.789, True, False, None]
KEYS = ["a", "nama", "kunci_panjang", "b" * 70, "x y"]


def _text(rnd: random.Random) -> str:
    return "".join(rnd.choice(ATOMS) for _ in range(rnd.choice([1, 1, 2, 3, 5, 8, 20, 40])))


def _value(rnd: random.Random, depth: int = 0) -> object:
    roll = rnd.random()
    if depth < 2 and roll < 0.12:
        return [_value(rnd, depth + 1) for _ in range(rnd.choice([0, 1, 3]))]
    if depth < 2 and roll < 0.2:  # 9 and 12 keys: past Immutable's ordered ArrayMapNode
        return {rnd.choice(KEYS) + str(i): _value(rnd, depth + 1) for i in range(rnd.choice([0, 2, 9, 12]))}
    if roll < 0.25:
        return rnd.choice(NUMBERS)
    return _text(rnd)


def _corpus(count: int, seed: int) -> list[tuple[dict, str]]:
    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        data = {(f"k{j}" if rnd.random() < 0.8 else rnd.choice(["pertanyaan", "b" * 65, "dasar_hukum"]) + str(j)): _value(rnd)
                for j in range(rnd.choice([1, 3, 6]))}
        docs.append((data, rnd.choice(["", "Isi.\n", "\nIsi", "a\n\n"])))
    return docs


def _decap_writes(docs: list[tuple[dict, str]]) -> list[str]:
    """The files Decap's formatter writes for these entries (a folder collection with fields k0..k5)."""
    collection = {"name": "x", "folder": "content/x", "format": "yaml-frontmatter",
                  "fields": [{"name": f"k{j}"} for j in range(6)] + [{"name": "body"}]}
    entries = [{"collection": "x", "path": f"content/x/{i}.md", "data": d, "body": b} for i, (d, b) in enumerate(docs)]
    done = subprocess.run(["node", str(ROOT / "tests/decap/format.mjs")], input=json.dumps({"collections": [collection], "entries": entries}),
                          capture_output=True, text=True, check=True, cwd=ROOT, timeout=120)
    return [r["raw"] for r in json.loads(done.stdout)["results"]]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_generated_document_is_written_as_decap_writes_it(seed):
    """1,500 entries of awkward text, numbers, nulls, nesting and long keys: byte for byte the same."""
    docs = _corpus(1500, seed)
    differ = [i for i, ((data, body), theirs) in enumerate(zip(docs, _decap_writes(docs), strict=True))
              if file_text(data, body, None) != theirs]
    assert differ == []


def test_the_forms_content_files_use():
    """Dates bare, text that would read as a number quoted, `: ` quoted, lists under their key, folding at 80."""
    assert dump({"ditinjau": dt.date(2026, 12, 2), "versi": "1.0", "tahun": 2026, "volume": 12.5, "tag": []}) == (
        'ditinjau: 2026-12-02\nversi: "1.0"\ntahun: 2026\nvolume: 12.5\ntag: []\n'
    )
    assert dump({"judul": "Memeriksa Sendiri: Apakah Rumah Saya Layak Huni?", "durasi": "1:30", "alias": ["yes", "null"]}) == (
        'judul: "Memeriksa Sendiri: Apakah Rumah Saya Layak Huni?"\ndurasi: 1:30\nalias:\n  - yes\n  - "null"\n'
    )
    long = "Apa itu garis sempadan bangunan (GSB) dan kenapa rumah tidak boleh dibangun melewatinya?"
    assert dump({"pertanyaan": long}) == (
        "pertanyaan: Apa itu garis sempadan bangunan (GSB) dan kenapa rumah tidak boleh\n  dibangun melewatinya?\n"
    )
    assert dump({"peninjau": {"peran": "TA", "nama": "Tim"}, "riwayat": [{"versi": "1.0", "tanggal": "2026-11-20"}]}) == (
        'peninjau:\n  peran: TA\n  nama: Tim\nriwayat:\n  - versi: "1.0"\n    tanggal: 2026-11-20\n'
    )


def test_a_nested_map_of_more_than_eight_keys_comes_out_in_immutable_order():
    """Decap holds a draft as an Immutable.js Map; past eight keys it iterates by hash, and writes in that order."""
    step = ["judul", "uraian", "dokumen", "durasi", "biaya", "instansi", "retribusi", "dasar_hukum", "tautan"]
    assert immutable_order(step[:8]) == step[:8]
    order = immutable_order(step)
    assert sorted(order) == sorted(step) and order != step
    docs = [({"k0": [dict.fromkeys(step, "x")]}, "")] + [({"k0": {f"kunci{i}x": i for i in range(n)}}, "") for n in (16, 17, 40)]
    assert [file_text(data, body, None) for data, body in docs] == _decap_writes(docs)  # 17 and 40: HashArrayMapNode


def test_a_body_of_white_space_is_dropped_and_a_final_newline_added():
    """Decap reads a body of only white space as none, and ends every file with a newline."""
    assert file_text({"k0": "a"}, "  \n", None) == "---\nk0: a\n---\n"
    assert file_text({"k0": "a"}, "Isi", None) == "---\nk0: a\n---\nIsi\n"
    assert file_text({"k0": "a"}, "\nIsi\n\n", None) == "---\nk0: a\n---\n\nIsi\n\n"
