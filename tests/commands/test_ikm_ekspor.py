"""`klinik ikm ekspor`: the period's survey answers from the store become the CSV `klinik ikm hitung` computes."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone

from click.testing import CliRunner

from generator.cli.main import main
from generator.config.ikm import default_ikm
from generator.intake.model import NewService
from generator.intake.store.db import Store, open_engine
from generator.intake.store.register import Register
from generator.intake.store.survey import issue, take
from tests.intake_server import intake_project, settings_for

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=timezone.utc)
IKM = default_ikm()


def answer(store: Store, balai: str, day: date, scores: list[int]) -> None:
    ticket = Register(store).record(NewService(jenis="konsultasi", kanal="kantor", balai=balai, area="pembiayaan", provinsi="Bali",
                                               kabupaten_kota="Kota Denpasar", tanggal=day, nama="Made Arsa"), NOW)
    token = issue(store, b"kunci", ticket, lambda d: IKM.set_for_day(d).slug, NOW)
    assert take(store, token, scores, None, NOW) == "tersimpan"


def test_the_export_of_a_period_is_what_ikm_hitung_reads(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.delenv("KLINIK_DATABASE_URL", raising=False)
    store = Store(open_engine(settings_for(project).db_url))
    answer(store, "uji-ii", date(2026, 7, 10), [4] * 9)
    answer(store, "uji-ii", date(2026, 11, 20), [3] * 8 + [2])
    answer(store, "uji-i", date(2026, 9, 1), [1] * 9)
    answer(store, "uji-ii", date(2026, 3, 1), [2] * 9)  # another period
    out = tmp_path / "jawaban.csv"
    done = CliRunner().invoke(main, ["ikm", "ekspor", "--periode", "2026-S2", "--balai", "uji-ii", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "2 jawaban survei periode 2026-S2" in done.output and "--unsur permenpanrb-2017" in done.output
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["balai", "kanal", "jenis_layanan", "bulan", *(f"U{i}" for i in range(1, 10))]
    assert rows[1:] == [["uji-ii", "kantor", "konsultasi", "2026-07", *["4"] * 9],
                        ["uji-ii", "kantor", "konsultasi", "2026-11", *["3"] * 8, "2"]]
    counted = CliRunner().invoke(main, ["ikm", "hitung", str(out), "--unsur", "permenpanrb-2017", "--json"])
    assert counted.exit_code == 0, counted.output
    result = json.loads(counted.output)
    assert result["n"] == 2 and result["nrr"][0] == 3.5 and result["nrr"][8] == 3.0
    everyone = CliRunner().invoke(main, ["ikm", "ekspor", "--periode", "2026-S2", "-o", str(out)])
    assert everyone.exit_code == 0 and "3 jawaban" in everyone.output


def test_a_bad_period_or_balai_is_a_usage_error(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    bad = CliRunner().invoke(main, ["ikm", "ekspor", "--periode", "2026-S3", "-o", str(tmp_path / "x.csv")])
    assert bad.exit_code == 2 and "YYYY-S1" in bad.output
    unknown = CliRunner().invoke(main, ["ikm", "ekspor", "--periode", "2026-S2", "--balai", "tidak-ada", "-o", str(tmp_path / "x.csv")])
    assert unknown.exit_code == 2 and "uji-ii" in unknown.output
    missing = CliRunner().invoke(main, ["ikm", "ekspor", "--periode", "2026-S2", "-o", str(tmp_path / "tidak" / "x.csv")])
    assert missing.exit_code == 1 and "tidak ada" in missing.output
