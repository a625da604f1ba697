"""The build puts the editor at /admin/: Decap's bundle from node_modules (no CDN), the Indonesian start files and the
generated config.yml; without node_modules it says what to run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import read_site_config
from generator.config.project import Project
from generator.site.build import build
from generator.site.cms_config import config_yaml, decap_config
from generator.site.editor import ADMIN_DIR, CONFIG_FILE, START_FILES, decap_dist
from generator.util.errors import GeneratorError
from generator.util.media_types import media_type
from tests.conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small project and its built site (one build for the module)."""
    project = copy_project("kecil", tmp_path_factory.mktemp("editor") / "kecil")
    return project, build(Project(project), site_dir=project.parent / "site", jobs=1)


def test_the_build_copies_decap_and_the_start_files(built):
    _, site = built
    admin = site / ADMIN_DIR
    dist = ROOT / "node_modules" / "decap-cms" / "dist"
    wanted = {p.name for p in (*dist.glob("*.decap-cms.js"), *dist.glob("*.wasm"))} | {"decap-cms.js", "decap-cms.js.LICENSE.txt"}
    wanted |= {p.name for p in START_FILES.iterdir()} | {CONFIG_FILE}
    assert {p.name for p in admin.iterdir()} == wanted
    assert (admin / "decap-cms.js").read_bytes() == (dist / "decap-cms.js").read_bytes()


def test_the_written_config_is_the_generated_one(built):
    project, site = built
    expected = config_yaml(decap_config(read_site_config(project)))
    assert (site / ADMIN_DIR / CONFIG_FILE).read_text(encoding="utf-8") == expected


def test_the_admin_page_loads_only_its_own_files(built):
    """No CDN and no inline script (the intake server's policy allows script files from the site's own origin only)."""
    _, site = built
    html = (site / ADMIN_DIR / "index.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html
    sources = re.findall(r'<script src="([^"]+)"></script>', html)
    assert sources == ["klinik-cms-id.js", "decap-cms.js", "klinik-cms.js"]
    assert all((site / ADMIN_DIR / name).is_file() for name in sources)
    assert len(re.findall(r"<script", html)) == len(sources), "skrip inline tidak boleh ada"
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)


def test_the_config_is_served_as_yaml():
    assert media_type(f"{ADMIN_DIR}/{CONFIG_FILE}") == "text/yaml; charset=utf-8"


def test_without_node_modules_the_build_says_to_run_make_setup(tmp_path: Path):
    with pytest.raises(GeneratorError) as caught:
        decap_dist(tmp_path)
    assert str(caught.value) == ("Editor /admin/ memerlukan Decap CMS dari npm, tetapi node_modules/decap-cms tidak ada: "
                                 "jalankan `make setup` (npm ci).")
