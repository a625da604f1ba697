"""Shared fixtures: small project trees copied from tests/fixtures into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(name: str, dest: Path) -> Path:
    """Copy a fixture project and point its mkdocs.yml at the repository's theme overrides."""
    shutil.copytree(FIXTURES / name, dest, ignore=shutil.ignore_patterns("site", "build"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    overrides = (ROOT / "site_config" / "overrides").as_posix()
    (dest / "mkdocs.yml").write_text(config.replace("custom_dir: site_config/overrides", f"custom_dir: {overrides}"), encoding="utf-8")
    return dest


@pytest.fixture
def kecil(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small valid project (two areas, every kind of content), with the working directory inside it."""
    project = copy_project("kecil", tmp_path / "kecil")
    monkeypatch.chdir(project)
    return project


def write(root: Path, files: dict[str, str]) -> None:
    """Write {relative path: text} into a project tree."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
