"""`klinik cms`: write the files the browser editor needs, generated from the schemas and site_config/."""

from __future__ import annotations

from pathlib import Path

from generator.config.project import Project
from generator.pipeline import gather
from generator.site.codeowners import codeowners_text, write_codeowners
from generator.site.editor import ADMIN_DIR, CONFIG_FILE, write_cms_config
from generator.util.errors import ContentErrors

SITE_DIR = "site"


def cms(project: Project, *, output: Path | None = None, local_backend: str | None = None) -> list[Path]:
    """Write Decap's config.yml (default: the built site's admin/config.yml) and the reviewers' `.github/CODEOWNERS`
    (from site_config/peninjau.yml, so branch protection asks each area's reviewers); return both paths."""
    state, problems = gather(project)  # once: the editor needs the configuration, CODEOWNERS the content too
    if state is None:
        raise ContentErrors(problems)
    config = state.content.config
    target = output if output is not None else project.root / SITE_DIR / ADMIN_DIR / CONFIG_FILE
    return [write_cms_config(target, config, local_backend=local_backend),
            write_codeowners(project, codeowners_text(config, state.content))]
