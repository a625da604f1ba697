"""The one error boundary of `klinik`: usage mistakes exit 2 with one Indonesian `Galat:` line, project problems exit 1."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli.main import LAZY, main
from tests.conftest import write


@pytest.mark.parametrize(("args", "message"), [
    (["bogus"], "Galat: perintah 'bogus' tidak dikenal; lihat `main --help`."),
    (["check", "--bogus"], "Galat: opsi --bogus tidak dikenal; lihat `klinik check --help`."),
    (["new", "faq"], "Galat: --topik wajib diisi; lihat `klinik new faq --help`."),
    (["build", "--site-dir"], "Galat: opsi --site-dir perlu diisi nilai; lihat `klinik build --help`."),
    (["rab", "RT-36"], "Galat: sebutkan provinsi dengan --provinsi (mis. --provinsi jawa-barat)."),
    (["intake", "bogus"], "Galat: perintah 'bogus' tidak dikenal; lihat `main intake --help`."),
])
def test_usage_mistakes_exit_2_with_one_indonesian_line(kecil, args, message):
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.output) == (2, message + "\n")


def test_a_generator_error_is_one_message_and_exit_1_without_a_traceback(kecil):
    """new faq on an unknown area: the boundary prints the message the command raised, nothing else."""
    result = CliRunner().invoke(main, ["new", "faq", "--topik", "tidak-ada", "--pertanyaan", "Bagaimana cara mengurus PBG?",
                                       "--jawaban", "Ajukan lewat SIMBG."])
    assert result.exit_code == 1
    assert result.output.startswith("topik 'tidak-ada' tidak dikenal; pilih: ") and "Traceback" not in result.output


def test_content_errors_exit_1_with_every_problem(kecil):
    write(kecil, {"site_config/site.yml": "nama: x\n"})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1 and result.output.splitlines()[-1].startswith("Dibatalkan: ")


def test_every_verb_is_listed_including_the_lazily_loaded_intake(kecil):
    """`klinik intake` is imported only when run, yet help lists it and its own verbs work."""
    listed = CliRunner().invoke(main, ["--help"]).output
    assert all(f"  {verb} " in listed for verb in ("build", "check", "intake", "kpr", "kurasi", "mampu", "new", "rab", "search"))
    assert "hapus-data" in CliRunner().invoke(main, ["intake", "--help"]).output


def test_proyek_names_another_checkout(kecil, tmp_path, monkeypatch):
    """--proyek works from any working directory; without it the working directory is the project."""
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["check", "--proyek", str(kecil)]).exit_code == 0
    monkeypatch.chdir(kecil)
    assert CliRunner().invoke(main, ["check"]).exit_code == 0


LIST_HELP = """
import sys
from generator.cli.main import main
main.main(["--help"], prog_name="klinik", standalone_mode=False, max_content_width=200, terminal_width=200)
heavy = ("generator.cli.intake", "generator.cli.layanan", "generator.cli.staf", "generator.intake.store", "generator.intake.staff",
         "generator.intake.web.app", "sqlalchemy", "fastapi", "uvicorn")
print("IMPORTED:", sorted(m for m in sys.modules if m.startswith(heavy)))
"""
# `check` and `kurasi` use the light parts of generator.intake (review, submission files); the lazy verbs bring the
# web server and the database driver, which `--help` must not load.


def test_help_lists_the_lazy_verbs_by_their_own_help_line_without_importing_them():
    """The stored help line of each lazy verb is the first line of its own `--help`, and listing them imports nothing."""
    shown = subprocess.run([sys.executable, "-c", LIST_HELP], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines()[-1] == "IMPORTED: []"
    for verb in LAZY:
        own = CliRunner().invoke(main, [verb, "--help"], terminal_width=200).output.split("\n\n")[1].strip()
        assert f"  {verb}  " in shown and f"  {own}\n" in shown, (verb, own)
