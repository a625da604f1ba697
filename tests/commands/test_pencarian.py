"""`klinik pencarian laporan`: the most frequent failed searches as a table with a hint, or JSON; a bad date or
limit is one Indonesian `Galat:` line and exit 2."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.commands.pencarian import HINT
from generator.intake.settings import load_settings
from generator.intake.store.db import Store, open_engine
from generator.intake.store.search_misses import record_miss
from generator.util.dates import today


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def reported(kecil):
    store = Store(open_engine(load_settings(project_dir=kecil).db_url))
    now = today()
    for days_ago, kind, query in [(40, "kosong", "rumah apung"), (3, "kosong", "izin usaha tambak"),
                                  (1, "kosong", "izin usaha tambak"), (0, "kosong", "izin usaha tambak"),
                                  (2, "tanpa-klik", "kpr subsidi"), (0, "tanpa-klik", "kpr subsidi"),
                                  (0, "kosong", "atap bocor hubungi 0812 3456 7890")]:
        record_miss(store, now - dt.timedelta(days=days_ago), kind, query)
    store.engine.dispose()
    return now


def test_the_report_lists_the_most_frequent_failures_with_their_days_and_a_hint(reported):
    result = run("pencarian", "laporan")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Pencarian gagal sejak ") and lines[0].endswith(", 3 kueri teratas:")
    assert lines[1].split() == ["jumlah", "jenis", "pertama", "terakhir", "kueri"]
    first = (reported - dt.timedelta(days=3)).isoformat()
    assert lines[2].split() == ["3", "tanpa", "hasil", first, reported.isoformat(), "izin", "usaha", "tambak"]
    assert lines[3].split()[:3] == ["2", "tanpa", "klik"] and lines[3].endswith("kpr subsidi")
    assert lines[4].endswith("atap bocor hubungi [disamarkan]")
    assert lines[5:] == [HINT] and "0812" not in result.output and "rumah apung" not in result.output  # 40 days ago


def test_since_limit_and_json(reported):
    since = (reported - dt.timedelta(days=45)).isoformat()
    result = run("pencarian", "laporan", "--sejak", since, "--batas", "2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sejak"] == since
    assert [(m["kueri"], m["jenis"], m["jumlah"]) for m in data["gagal"]] == [
        ("izin usaha tambak", "kosong", 3), ("kpr subsidi", "tanpa-klik", 2)]
    assert data["gagal"][0]["pertama"] == (reported - dt.timedelta(days=3)).isoformat()
    empty = run("pencarian", "laporan", "--sejak", (reported + dt.timedelta(days=1)).isoformat())
    assert (empty.exit_code, empty.output.startswith("Belum ada pencarian gagal sejak ")) == (0, True)


@pytest.mark.parametrize(("args", "message"), [
    (["--sejak", "2026-13-01"], "Galat: --sejak '2026-13-01' tidak valid; tulis tanggal YYYY-MM-DD, mis. 2026-11-01"),
    (["--sejak", "kemarin"], "Galat: --sejak 'kemarin' tidak valid; tulis tanggal YYYY-MM-DD, mis. 2026-11-01"),
    (["--sejak", "20261101"], "Galat: --sejak '20261101' tidak valid; tulis tanggal YYYY-MM-DD, mis. 2026-11-01"),
    (["--batas", "0"], "Galat: --batas '0' tidak valid; tulis bilangan bulat 1 atau lebih, mis. 20"),
    (["--batas", "dua"], "Galat: --batas 'dua' tidak valid; tulis bilangan bulat 1 atau lebih, mis. 20"),
])
def test_a_bad_date_or_limit_is_one_indonesian_line_and_exit_2(kecil, args, message):
    result = run("pencarian", "laporan", *args)
    assert (result.exit_code, result.output) == (2, message + "\n")
