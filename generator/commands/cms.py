"""`klinik cms`: write the files the browser editor needs, generated from the schemas and site_config/."""

from __future__ import annotations

from pathlib import Path

from generator.config import read_site_config
from generator.config.project import Project
from generator.site.codeowners import write_codeowners
from generator.site.editor import ADMIN_DIR, CONFIG_FILE, write_cms_config

SITE_DIR = "site"


def cms(project: Project, *, output: Path | None = None, local_backend: str | None = None) -> list[Path]:
    """Write Decap's config.yml (default: the built site's admin/config.yml) and the reviewers' `.github/CODEOWNERS`
    (from site_config/peninjau.yml, so branch protection asks each area's reviewers); return both paths."""
    config = read_site_config(project.root)
    target = output if output is not None else project.root / SITE_DIR / ADMIN_DIR / CONFIG_FILE
    return [write_cms_config(target, config, local_backend=local_backend), write_codeowners(project)]
