"""The TA flow on a real repository: publish → answer and merge → list → FAQ that `klinik check` accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from generator.cli import kurasi as kurasi_cli
from generator.cli.main import main
from generator.intake.publish.git import GitPublisher
from tests.intake_repo import answer_and_merge, git, init_repo, submission

WIB = dt.timezone(dt.timedelta(hours=7))
TODAY = dt.date(2026, 11, 26)


def received(day: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, 10, 0, tzinfo=WIB)


@pytest.fixture
def repo(kecil, monkeypatch):
    """The small project as a git checkout with four questions published and one answered on main."""
    init_repo(kecil)
    publisher = GitPublisher(kecil)
    publisher.publish(submission(123, received=received(23), deadline=dt.date(2026, 11, 26)))
    publisher.publish(
        submission(124, area="perencanaan-rumah", question="Berapa biaya PBG rumah tinggal 2 lantai?", received=received(20), deadline=dt.date(2026, 11, 25))
    )
    publisher.publish(submission(125, received=received(23), deadline=dt.date(2026, 11, 26)))
    publisher.publish(submission(126, received=received(25), deadline=dt.date(2026, 11, 28), provinsi="Bali"))
    answer_and_merge(kecil, "KPKP-2026-000123", "Bisa, dengan bukti penghasilan dari usaha.")
    monkeypatch.setattr(kurasi_cli, "_today", lambda: TODAY)
    return kecil


def run(*args: str):
    return CliRunner().invoke(main, ["kurasi", *args])


def test_daftar_lists_branches_and_working_tree_with_sla(repo):
    result = run("daftar")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "tiket             bidang             balai   diterima    umur          tenggat     keadaan\n"
        "KPKP-2026-000124  perencanaan-rumah  -       2026-11-20  4 hari kerja  2026-11-25  terlambat\n"
        "KPKP-2026-000123  pembiayaan         -       2026-11-23  3 hari kerja  2026-11-26  sudah dijawab\n"
        "KPKP-2026-000125  pembiayaan         -       2026-11-23  3 hari kerja  2026-11-26  jatuh tempo hari ini\n"
        "KPKP-2026-000126  pembiayaan         uji-ii  2026-11-25  1 hari kerja  2026-11-28  tepat waktu\n"
        "4 pertanyaan terbuka: 1 terlambat, 1 jatuh tempo hari ini, 1 tepat waktu, 1 sudah dijawab.\n"
    )


def test_daftar_reads_remote_tracking_branches_too(repo):
    GitPublisher(repo).publish(submission(128, received=received(25), deadline=dt.date(2026, 11, 28)))
    git(repo, "update-ref", "refs/remotes/origin/pertanyaan/KPKP-2026-000128", "refs/heads/pertanyaan/KPKP-2026-000128")
    git(repo, "update-ref", "-d", "refs/heads/pertanyaan/KPKP-2026-000128")
    lines = run("daftar").output.splitlines()
    assert lines[-2] == "KPKP-2026-000128  pembiayaan         -       2026-11-25  1 hari kerja  2026-11-28  tepat waktu"
    assert lines[-1] == "5 pertanyaan terbuka: 1 terlambat, 1 jatuh tempo hari ini, 2 tepat waktu, 1 sudah dijawab."


def test_full_flow_to_a_published_faq(repo):
    assert [a.ticket for a in GitPublisher(repo).answers()] == ["KPKP-2026-000123"]
    result = run("terbitkan", "KPKP-2026-000123", "--slug", "pekerja-lepas-kpr-subsidi", "--subtopik", "rumah-subsidi")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "FAQ ditulis: content/faq/pembiayaan/pekerja-lepas-kpr-subsidi.md\n"
        "Status submissions/2026/11/KPKP-2026-000123.md: diterbitkan\n"
        "Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur).\n"
    )
    assert (repo / "content/faq/pembiayaan/pekerja-lepas-kpr-subsidi.md").read_text(encoding="utf-8") == (
        "---\npertanyaan: Apakah pekerja lepas bisa KPR subsidi?\ntopik: pembiayaan\nsubtopik: rumah-subsidi\ntag: []\n"
        "alias: []\nditinjau: 2026-11-26\npeninjau:\n  peran: TA\n  nama: Tim Tenaga Ahli Klinik PKP\ndasar_hukum: []\n"
        "terkait: []\nstatus: terbit\ntiket: KPKP-2026-000123\n---\n\nBisa, dengan bukti penghasilan dari usaha.\n"
    )
    assert "status: diterbitkan\n" in (repo / "submissions/2026/11/KPKP-2026-000123.md").read_text(encoding="utf-8")
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output
    assert "KPKP-2026-000123" not in run("daftar").output
    again = run("terbitkan", "KPKP-2026-000123", "--slug", "lain")
    assert (again.exit_code, again.output) == (1, "tiket KPKP-2026-000123 sudah diterbitkan\n")


def test_answer_still_on_its_branch_is_published_into_the_working_tree(repo):
    GitPublisher(repo).publish(submission(127, received=received(24)))
    git(repo, "checkout", "-q", "pertanyaan/KPKP-2026-000127")
    path = repo / "submissions/2026/11/KPKP-2026-000127.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nBisa.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "jawab")
    git(repo, "checkout", "-q", "main")
    assert not path.exists()
    result = run("terbitkan", "KPKP-2026-000127", "--slug", "pekerja-lepas-127")
    assert result.exit_code == 0, result.output
    assert "status: diterbitkan\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["KPKP-2026-000125", "--slug", "x"], "tiket KPKP-2026-000125 belum dijawab: isi bagian '## Jawaban' di refs/heads/pertanyaan/KPKP-2026-000125 dulu"),
        (["KPKP-2026-000999", "--slug", "x"], "tiket KPKP-2026-000999 tidak ditemukan di submissions/ maupun cabang pertanyaan/KPKP-2026-000999"),
        (["KPKP-2026-000123", "--slug", "apa-itu-kpr-flpp"], "slug 'apa-itu-kpr-flpp' sudah dipakai oleh content/faq/apa-itu-kpr-flpp.md"),
        (["KPKP-2026-000123", "--slug", "x", "--subtopik", "pbg"], "subtopik 'pbg' tidak ada di pembiayaan; pilih: kredit-rumah, rumah-subsidi"),
        (
            ["KPKP-2026-000123", "--slug", "x", "--pertanyaan", "Hubungi 0812-3456-7890 soal KPR"],
            "pertanyaan KPKP-2026-000123 masih memuat data pribadi (telepon); tulis ulang dengan --pertanyaan",
        ),
        (
            ["KPKP-2026-000123", "--slug", "x", "--pertanyaan", "Apakah <b>pekerja lepas</b> bisa KPR?"],
            "--pertanyaan memuat markup HTML atau tautan skrip ('<b'); tulis sebagai teks biasa",
        ),
    ],
)
def test_terbitkan_refuses_with_one_clear_line(repo, args, message):
    before = sorted(p.as_posix() for p in (repo / "content").rglob("*.md"))
    result = run("terbitkan", *args)
    assert (result.exit_code, result.output) == (1, message + "\n")
    assert sorted(p.as_posix() for p in (repo / "content").rglob("*.md")) == before
    assert "status: dijawab\n" in (repo / "submissions/2026/11/KPKP-2026-000123.md").read_text(encoding="utf-8")


def test_an_answer_that_breaks_the_site_is_not_published(repo):
    GitPublisher(repo).publish(submission(129, received=received(24)))
    answer_and_merge(repo, "KPKP-2026-000129", "Lihat [panduan](../tidak-ada.md).")
    path = repo / "submissions/2026/11/KPKP-2026-000129.md"
    before = path.read_text(encoding="utf-8")
    result = run("terbitkan", "KPKP-2026-000129", "--slug", "panduan-129")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "tiket KPKP-2026-000129 tidak diterbitkan; perbaiki jawabannya dulu:"
    assert "content/faq/pembiayaan/panduan-129.md:" in result.output.splitlines()[1]
    assert not (repo / "content/faq/pembiayaan/panduan-129.md").exists()
    assert path.read_text(encoding="utf-8") == before


def test_an_answer_with_live_html_is_not_published(repo):
    GitPublisher(repo).publish(submission(130, received=received(24)))
    answer_and_merge(repo, "KPKP-2026-000130", "Bisa.\n\n<img src=x onerror=alert(1)>")
    result = run("terbitkan", "KPKP-2026-000130", "--slug", "jawaban-130")
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "tiket KPKP-2026-000130 tidak diterbitkan; perbaiki jawabannya dulu:",
        "content/faq/pembiayaan/jawaban-130.md:19: isi: atribut onerror (penangan peristiwa JavaScript) tidak diizinkan di isi konten; hapus atributnya",
    ]
    assert not (repo / "content/faq/pembiayaan/jawaban-130.md").exists()
    assert "status: dijawab\n" in (repo / "submissions/2026/11/KPKP-2026-000130.md").read_text(encoding="utf-8")


def test_check_reports_a_broken_submission_with_its_line(repo):
    path = repo / "submissions/2026/11/KPKP-2026-000123.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: dijawab", "status: selesai"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("submissions/2026/11/KPKP-2026-000123.md:6: status: nilai 'selesai' tidak dikenal")
