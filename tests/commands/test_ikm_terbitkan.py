"""`klinik ikm terbitkan`: a finished period's survey sums go onto branch ikm/<periode> as content a reviewer merges;
the merged file passes `klinik check`, and publishing again keeps the follow-up plans a Kepala Balai wrote."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone

import yaml
from click.testing import CliRunner

from generator.cli.main import main
from generator.intake.settings import load_settings, secret_key
from generator.intake.store.db import Store, open_engine
from generator.intake.store.survey import STORED, invite, take
from tests.intake_repo import git

HEADER = "tanggal,nama,telepon,jenis_layanan,kanal,bidang,provinsi,kabupaten_kota,uraian,jenis_pemohon,jumlah_orang"
ROW = "2026-03-{day:02d},Warga {day},0812 3456 78{day:02d},konsultasi,kantor,pembiayaan,Bali,Kota Denpasar,Tanya KPR FLPP,,"
EVENT = "2026-03-20,,,informasi,acara,pembiayaan,Bali,,Pameran perumahan,,300"
NOW = datetime(2026, 3, 28, 3, 0, tzinfo=timezone.utc)


def run(*args):
    return CliRunner().invoke(main, list(args))


def served_and_rated(project, scores: list[list[int]]) -> None:
    """One walk-in per answer, recorded like a guest book, each invited once and rated."""
    book = project / "bukutamu.csv"
    book.write_text("\n".join([HEADER, *(ROW.format(day=d + 1) for d in range(len(scores) + 2)), EVENT]) + "\n", encoding="utf-8")
    assert run("layanan", "impor", str(book), "--balai", "uji-ii").exit_code == 0
    settings = load_settings(project_dir=project)
    store = Store(open_engine(settings.db_url))
    for n, row in enumerate(scores, 1):
        token = invite(store, secret_key(settings), f"KPKP-2026-{n:06d}", lambda _day: "permenpanrb-2017", NOW)
        assert take(store, token, row, None, NOW) == STORED


def committed(project) -> None:
    (project / ".gitignore").write_text("var/\nbukutamu.csv\n", encoding="utf-8")  # the private store never enters the repository
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "awal")


def test_a_finished_period_goes_to_a_review_branch_and_checks_clean_once_merged(kecil):
    served_and_rated(kecil, [[4, 4, 3, 4, 3, 3, 4, 2, 3]] * 5 + [[3] * 9])
    committed(kecil)
    result = run("ikm", "terbitkan", "--periode", "2026-S1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("content/ikm/2026-S1.yml ditulis di cabang ikm/2026-S1: 6 responden dari 8 layanan, 1 Balai.")
    text = git(kecil, "show", "ikm/2026-S1:content/ikm/2026-S1.yml")
    data = yaml.safe_load(text)
    assert data["periode"] == "2026-S1" and data["unsur"] == "permenpanrb-2017"
    assert data["hasil"][0] == {"balai": "nasional", "layanan": 8, "responden": 6, "jumlah": [23, 23, 18, 23, 18, 18, 23, 13, 18]}
    assert data["hasil"][1]["balai"] == "uji-ii" and "Warga" not in text and "0812" not in text
    assert git(kecil, "log", "-1", "--format=%an", "ikm/2026-S1").strip() != ""
    git(kecil, "merge", "-q", "ikm/2026-S1")
    check = run("check")
    assert check.exit_code == 0, check.output
    assert "1 ikm" in check.output


def test_publishing_again_keeps_the_plans_written_on_the_branch(kecil):
    served_and_rated(kecil, [[3] * 9] * 5)
    committed(kecil)
    assert run("ikm", "terbitkan", "--periode", "2026-S1").exit_code == 0
    git(kecil, "checkout", "-q", "ikm/2026-S1")
    path = kecil / "content" / "ikm" / "2026-S1.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["hasil"][1]["tindak_lanjut"] = ["Menambah papan alur layanan di ruang tunggu Balai."]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git(kecil, "commit", "-q", "-am", "rencana tindak lanjut")
    git(kecil, "checkout", "-q", "main")
    assert run("ikm", "terbitkan", "--periode", "2026-S1").exit_code == 0
    again = yaml.safe_load(git(kecil, "show", "ikm/2026-S1:content/ikm/2026-S1.yml"))
    assert again["hasil"][1]["tindak_lanjut"] == ["Menambah papan alur layanan di ruang tunggu Balai."]
    assert int(subprocess.run(["git", "rev-list", "--count", "main..ikm/2026-S1"], cwd=kecil, capture_output=True, text=True).stdout) == 3


def test_an_unfinished_period_or_a_thin_balai_is_handled_plainly(kecil):
    served_and_rated(kecil, [[4] * 9] * 2)
    committed(kecil)
    early = run("ikm", "terbitkan", "--periode", "2099-S1")
    assert early.exit_code == 1 and "periode 2099-S1 belum selesai" in early.output and "Traceback" not in early.output
    bad = run("ikm", "terbitkan", "--periode", "2026-S3")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert run("ikm", "terbitkan", "--periode", "2026-S1").exit_code == 0
    data = yaml.safe_load(git(kecil, "show", "ikm/2026-S1:content/ikm/2026-S1.yml"))
    assert data["hasil"][0] == {"balai": "nasional", "layanan": 4, "responden": 2}  # too few: no sums, nothing to single out
