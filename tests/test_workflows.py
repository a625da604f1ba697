"""The ministry's GitHub Actions workflows run what this repository promises: `make check` and `make build` from
the Makefile, on the project's own Python and Node versions, with every action pinned to a commit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import yaml
from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import FIXTURES, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the bare key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def make_targets_run(data: dict) -> list[str]:
    """Every `make TARGET` the workflow's run steps call, in order."""
    return [t for step in steps(data) for t in re.findall(r"(?m)^\s*make\s+([\w-]+)", step.get("run", ""))]


def makefile_recipes() -> dict[str, str]:
    """Makefile target -> its recipe text."""
    recipes: dict[str, str] = {}
    current = None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        rule = re.match(r"^([\w./-]+):(?!=)", line)
        if rule:
            current = rule.group(1)
            recipes[current] = ""
        elif line.startswith("\t") and current:
            recipes[current] += line.strip() + "\n"
        elif not line.strip():
            current = None
    return recipes


def test_pull_requests_run_klinik_check_and_the_build_through_the_makefile():
    data = workflow("periksa.yml")
    assert "pull_request" in data["on"]
    assert make_targets_run(data) == ["check", "build"]
    recipes = makefile_recipes()
    assert "klinik check" in recipes["check"] and "klinik build" in recipes["build"]


def test_a_merge_into_main_builds_and_deploys_to_pages():
    data = workflow("terbit.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert make_targets_run(data) == ["build"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(data)]
    assert uses.index("actions/upload-pages-artifact") < uses.index("actions/deploy-pages")
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"  # where `klinik build` writes (mkdocs.yml site_dir)
    deploy_job = data["jobs"]["terbitkan"]
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["permissions"] == {"contents": "read"}


def test_every_make_target_a_workflow_runs_exists():
    recipes = makefile_recipes()
    for name in ("periksa.yml", "terbit.yml"):
        for target in make_targets_run(workflow(name)):
            assert target in recipes, f"{name}: make {target} tidak ada di Makefile"


def test_actions_are_pinned_to_a_commit_with_their_version():
    for name in ("periksa.yml", "terbit.yml"):
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        for step in steps(workflow(name)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{name}: {step['uses']} tidak dipatok ke commit"
                assert re.search(rf"{re.escape(step['uses'])}\s+# v\d+\.\d+\.\d+", text), f"{name}: {step['uses']} tanpa versi"


def test_python_and_node_come_from_the_projects_pins():
    python = (ROOT / ".python-version").read_text(encoding="utf-8").strip()
    node = (ROOT / ".nvmrc").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"3\.\d+", python) and re.fullmatch(r"\d+", node)
    assert tuple(map(int, python.split("."))) == sys.version_info[:2]  # the tests run on the pinned Python
    running = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    assert running.lstrip("v").split(".")[0] == node  # and on the pinned Node (decap-server, the editor's bundle)
    requires = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert tuple(map(int, python.split("."))) >= (int(requires.group(1)), int(requires.group(2)))
    for name in ("periksa.yml", "terbit.yml"):
        found = {s["uses"].split("@")[0]: s.get("with", {}) for s in steps(workflow(name)) if "uses" in s}
        assert found["actions/setup-python"]["python-version-file"] == ".python-version"
        assert found["actions/setup-node"]["node-version-file"] == ".nvmrc"


def test_problem_matcher_reads_every_line_klinik_check_prints(tmp_path, monkeypatch):
    """The pull request shows each problem at its file and line: the matcher takes exactly the problem lines."""
    project = tmp_path / "kecil"
    shutil.copytree(FIXTURES / "kecil", project)
    shutil.copytree(FIXTURES / "salah" / "content", project / "content", dirs_exist_ok=True)
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    monkeypatch.chdir(project)
    output = CliRunner().invoke(main, ["check"]).output.splitlines()
    matcher = json.loads((ROOT / ".github" / "klinik-check.json").read_text(encoding="utf-8"))["problemMatcher"][0]["pattern"][0]
    pattern = re.compile(matcher["regexp"])
    *problems, summary = output
    assert summary.startswith("Dibatalkan: ") and not pattern.match(summary)
    assert len(problems) >= 10
    for line in problems:
        found = pattern.match(line)
        assert found, line
        path, number, field = found.group(matcher["file"]), found.group(matcher["line"]), found.group(matcher["code"])
        assert (project / path).exists() and (number is None or number.isdigit()) and field, line
