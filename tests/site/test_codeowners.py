"""CODEOWNERS is generated from site_config/peninjau.yml: each area's reviewers own its files, `bawaan` the rest,
and the committed `.github/CODEOWNERS` is exactly what the generator writes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config.project import Project
from generator.site.codeowners import CODEOWNERS_FILE, HEADER, project_codeowners, write_codeowners
from generator.util.errors import ContentErrors, GeneratorError
from tests.conftest import ROOT, write

PENINJAU = """\
bawaan: {peninjau: [ditjen-kp], tim: [ditjen]}
bidang:
  pembiayaan: {peninjau: [ta-budi], tim: [tim-pembiayaan]}
  perencanaan-rumah: {peninjau: [], tim: []}
"""


def with_repository(project, name: str = "kementerian-pkp/klinik-pkp") -> None:
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + f"repositori: {name}\n", encoding="utf-8")


def test_the_committed_codeowners_is_the_generated_one():
    """Change site_config/peninjau.yml (or the content of an area with reviewers), then regenerate."""
    assert (ROOT / CODEOWNERS_FILE).read_text(encoding="utf-8") == project_codeowners(Project(ROOT))


def test_area_reviewers_own_their_folder_and_the_files_of_their_topic(kecil):
    write(kecil, {"site_config/peninjau.yml": PENINJAU})
    with_repository(kecil)
    assert project_codeowners(Project(kecil)) == HEADER + "\n" + "\n".join([
        "* @ditjen-kp @kementerian-pkp/ditjen",
        "",
        "# pembiayaan",
        "/content/faq/pembiayaan/ @ta-budi @kementerian-pkp/tim-pembiayaan",
        "# perencanaan-rumah: belum ada peninjau di site_config/peninjau.yml",
        "",
        "# Berkas konten di luar folder FAQ bidangnya, menurut `topik`-nya",
        "/content/faq/apa-itu-kpr-flpp.md @ta-budi @kementerian-pkp/tim-pembiayaan",
        "/content/infografis/alur.md @ta-budi @kementerian-pkp/tim-pembiayaan",
        "/content/infografis/alur.svg @ta-budi @kementerian-pkp/tim-pembiayaan",
    ]) + "\n"


def test_last_rule_wins_so_a_file_outside_its_folder_follows_its_topic(kecil):
    """A pembiayaan FAQ filed under another area's folder is still reviewed by pembiayaan (its line comes later)."""
    write(kecil, {"site_config/peninjau.yml": PENINJAU.replace("perencanaan-rumah: {peninjau: []", "perencanaan-rumah: {peninjau: [ta-sari]")})
    with_repository(kecil)
    write(kecil, {"content/faq/perencanaan-rumah/biaya-kpr.md": (
        "---\npertanyaan: Berapa uang muka KPR subsidi?\ntopik: pembiayaan\nsubtopik: kredit-rumah\nditinjau: 2026-11-21\n"
        "peninjau: {peran: TA, nama: Tim Uji}\nstatus: terbit\n---\nMulai 1 persen.\n")})
    lines = project_codeowners(Project(kecil)).splitlines()
    folder = lines.index("/content/faq/perencanaan-rumah/ @ta-sari")
    file_rule = lines.index("/content/faq/perencanaan-rumah/biaya-kpr.md @ta-budi @kementerian-pkp/tim-pembiayaan")
    assert folder < file_rule
    assert "/content/modul/m-01.pdf @ta-sari" in lines  # a module's PDF has its page's owners


def test_a_team_needs_the_repository_owner(kecil):
    write(kecil, {"site_config/peninjau.yml": PENINJAU})
    with pytest.raises(GeneratorError) as raised:
        project_codeowners(Project(kecil))
    assert str(raised.value) == ("site_config/peninjau.yml: bawaan.tim: isi `repositori: pemilik/nama` di site_config/site.yml "
                                 "agar tim GitHub dapat ditulis sebagai @pemilik/tim")


def test_without_any_reviewer_nothing_is_owned(kecil):
    text = project_codeowners(Project(kecil))
    assert [line for line in text.splitlines() if line and not line.startswith("#")] == []


def test_a_mistake_in_peninjau_yml_is_reported_with_its_line(kecil):
    write(kecil, {"site_config/peninjau.yml": "bawaan: {peninjau: [-salah-]}\n"})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("site_config/peninjau.yml:1: bawaan.peninjau.0: ")
    with pytest.raises(ContentErrors):
        project_codeowners(Project(kecil))


def test_write_codeowners_writes_only_a_change(kecil):
    write(kecil, {"site_config/peninjau.yml": PENINJAU})
    with_repository(kecil)
    path = write_codeowners(Project(kecil))
    assert path == kecil / ".github" / "CODEOWNERS" and path.read_text(encoding="utf-8").startswith(HEADER)
    before = path.stat().st_mtime_ns
    write_codeowners(Project(kecil))
    assert path.stat().st_mtime_ns == before
