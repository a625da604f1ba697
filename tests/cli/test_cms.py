"""`klinik cms` writes the editor's config.yml (into the built site by default, elsewhere with --keluaran) and CODEOWNERS."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from generator.cli.main import main
from generator.config import read_site_config
from generator.config.project import Project
from generator.site.cms_config import config_yaml, decap_config
from generator.site.codeowners import project_codeowners
from tests.conftest import write


def test_klinik_cms_writes_the_built_sites_config_and_the_codeowners_by_default(kecil):
    result = CliRunner().invoke(main, ["cms"])
    target, owners = kecil / "site" / "admin" / "config.yml", kecil / ".github" / "CODEOWNERS"
    assert (result.exit_code, result.output) == (0, f"Ditulis: {target}\nDitulis: {owners}\n")
    assert target.read_text(encoding="utf-8") == config_yaml(decap_config(read_site_config(kecil)))
    assert owners.read_text(encoding="utf-8") == project_codeowners(Project(kecil))


def test_klinik_cms_writes_elsewhere_for_a_local_decap_server(kecil, tmp_path):
    target = tmp_path / "lain" / "config.yml"
    result = CliRunner().invoke(main, ["cms", "--keluaran", str(target), "--server-lokal", "http://127.0.0.1:8082/api/v1"])
    assert result.exit_code == 0, result.output
    # no repository in the small project: decap-server is the only backend, at the address given
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["backend"]["proxy_url"] == "http://127.0.0.1:8082/api/v1"


def test_klinik_cms_refuses_an_invalid_configuration_with_every_problem(kecil):
    write(kecil, {"site_config/taxonomy.yml": "bidang: []\n"})
    result = CliRunner().invoke(main, ["cms"])
    assert result.exit_code == 1
    assert "site_config/taxonomy.yml" in result.output and not (kecil / "site" / "admin").exists()
