"""The TA flow on a real repository: publish → answer and merge → list → FAQ that `klinik check` accepts."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import kurasi as kurasi_cli
from generator.cli.main import main
from generator.commands.kurasi import citizen_alias
from generator.intake.publish.git import GitPublisher
from generator.intake.publish.submission_file import SubmissionFile
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


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


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
        "FAQ terdekat: content/faq/apa-itu-kpr-flpp.md (kemiripan 0,14): Apa itu KPR FLPP?\n"
        "FAQ ditulis: content/faq/pembiayaan/pekerja-lepas-kpr-subsidi.md\n"
        "Alias: tidak ditambahkan, pertanyaan warga sudah menjadi pertanyaan FAQ.\n"
        "Status submissions/2026/11/KPKP-2026-000123.md: diterbitkan\n"
        "Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur).\n"
    )
    assert (repo / "content/faq/pembiayaan/pekerja-lepas-kpr-subsidi.md").read_text(encoding="utf-8") == (
        "---\nstatus: terbit\npertanyaan: Apakah pekerja lepas bisa KPR subsidi?\ntopik: pembiayaan\nsubtopik: rumah-subsidi\n"
        "ditinjau: 2026-11-26\npeninjau:\n  peran: TA\n  nama: Tim Tenaga Ahli Klinik PKP\ntiket: KPKP-2026-000123\n"
        "---\nBisa, dengan bukti penghasilan dari usaha.\n"
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
        "content/faq/pembiayaan/jawaban-130.md:14: isi: atribut onerror (penangan peristiwa JavaScript) tidak diizinkan di isi konten; hapus atributnya",
    ]
    assert not (repo / "content/faq/pembiayaan/jawaban-130.md").exists()
    assert "status: dijawab\n" in (repo / "submissions/2026/11/KPKP-2026-000130.md").read_text(encoding="utf-8")


def test_check_reports_a_broken_submission_with_its_line(repo):
    path = repo / "submissions/2026/11/KPKP-2026-000123.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: dijawab", "status: selesai"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("submissions/2026/11/KPKP-2026-000123.md:6: status: nilai 'selesai' tidak dikenal")


def test_a_near_duplicate_is_named_before_it_is_written(repo):
    """The TA decides: the FAQ is still written, but the output says which FAQ it may repeat, and check warns."""
    GitPublisher(repo).publish(submission(131, question="Apa saja syarat untuk mengajukan KPR subsidi?", received=received(24)))
    answer_and_merge(repo, "KPKP-2026-000131", "Lihat syaratnya di FAQ lain.")
    result = run("terbitkan", "KPKP-2026-000131", "--slug", "syarat-kpr-131")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "PERHATIAN: FAQ ini mungkin mengulang FAQ yang sudah ada, content/faq/pembiayaan/syarat-kpr.md (kemiripan 0,66): "
        "Apa syarat mengajukan KPR subsidi?",
        "FAQ tetap ditulis; sebelum digabung, putuskan apakah keduanya digabung atau pertanyaannya dibedakan.",
        "FAQ ditulis: content/faq/pembiayaan/syarat-kpr-131.md",
    ]
    assert result.output.splitlines()[-1] == "Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur). 1 peringatan."
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output
    assert check.output.splitlines()[0] == (
        "content/faq/pembiayaan/syarat-kpr.md:2: pertanyaan: PERINGATAN: hampir sama dengan "
        "content/faq/pembiayaan/syarat-kpr-131.md (kemiripan 0,66); gabungkan atau bedakan pertanyaannya"
    )


def test_the_citizens_wording_becomes_an_alias(repo):
    """With the TA's own wording as the question, the citizen's redacted question is kept as an alias for search."""
    result = run("terbitkan", "KPKP-2026-000123", "--slug", "kpr-pekerja-lepas", "--pertanyaan", "Bisakah pekerja informal mengambil KPR bersubsidi?")
    assert result.exit_code == 0, result.output
    assert "Alias: pertanyaan warga (sudah disamarkan) ditambahkan sebagai alias." in result.output.splitlines()
    meta = front_matter(repo / "content/faq/pembiayaan/kpr-pekerja-lepas.md")
    assert (meta["pertanyaan"], meta["alias"]) == ("Bisakah pekerja informal mengambil KPR bersubsidi?", ["Apakah pekerja lepas bisa KPR subsidi?"])


def test_a_long_citizen_question_is_cut_to_an_alias_at_a_sentence(repo):
    """A question past the alias limit keeps its whole first sentences; the output gives both lengths."""
    first = "Saya pekerja lepas di bengkel las dan penghasilan saya tidak tetap setiap bulan, kadang ramai kadang sepi sekali. "
    long = first + "Apakah saya tetap bisa mengajukan KPR subsidi ke bank kalau tidak punya slip gaji? " + (
        "Saya juga ingin tahu apakah penghasilan dari usaha sampingan menjual makanan di rumah bisa dihitung sebagai penghasilan tambahan."
    )
    GitPublisher(repo).publish(submission(132, question=long.strip(), received=received(24)))
    answer_and_merge(repo, "KPKP-2026-000132", "Bisa, dengan surat keterangan usaha.")
    result = run("terbitkan", "KPKP-2026-000132", "--slug", "kpr-tanpa-slip-gaji", "--pertanyaan", "Bisakah KPR subsidi tanpa slip gaji?")
    assert result.exit_code == 0, result.output
    alias = (first + "Apakah saya tetap bisa mengajukan KPR subsidi ke bank kalau tidak punya slip gaji?")
    assert len(long.strip()) > 300 >= len(alias)
    assert f"Alias: pertanyaan warga {len(long.strip())} karakter, dipotong menjadi {len(alias)} karakter (alias paling panjang 300)." in result.output
    assert front_matter(repo / "content/faq/pembiayaan/kpr-tanpa-slip-gaji.md")["alias"] == [alias]


def submission_file(question: str) -> SubmissionFile:
    return SubmissionFile(
        ticket="KPKP-2026-000140", area="pembiayaan", provinsi="Jawa Barat", received=received(24), deadline=TODAY,
        status="dijawab", question=question, answer_markdown="Bisa.",
    )


def test_an_alias_without_a_sentence_end_is_cut_at_a_word_and_personal_data_is_never_an_alias():
    one_sentence = "saya mau tanya " + "tentang rumah subsidi dan cicilan bank " * 10
    alias, line = citizen_alias(submission_file(one_sentence), "Bagaimana cicilan rumah subsidi?")
    assert alias is not None and len(alias) <= 300 and alias.endswith("…")
    assert one_sentence.startswith(alias[:-1]) and one_sentence[len(alias) - 1] == " "  # a whole word last
    assert line == f"Alias: pertanyaan warga {len(one_sentence.strip())} karakter, dipotong menjadi {len(alias)} karakter (alias paling panjang 300)."
    alias, line = citizen_alias(submission_file("Hubungi saya di 0812-3456-7890 soal KPR"), "Bagaimana KPR?")
    assert (alias, line) == (None, "Alias: tidak ditambahkan, pertanyaan warga masih memuat data pribadi (telepon).")
