"""The one content pipeline: load site_config/ and content/, run every check, return what to render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.config import load_site_config
from generator.config.project import Project
from generator.content.checks import check
from generator.content.collection import ContentSet
from generator.content.freshness import check_freshness
from generator.content.loader import ContentCache, Document, load_content
from generator.pages.inventory import generated_pages
from generator.pages.render import Renderer
from generator.rab.checks import check_designs
from generator.util.errors import ContentErrors, Problem
from generator.util.markdown import heading_anchors


@dataclass
class Checked:
    """A content set that passed every check, with the renderer for its pages."""

    content: ContentSet
    renderer: Renderer
    peringatan: list[Problem] = field(default_factory=list)
    """Warnings found (e.g. a RAB cost per m² outside the plausible band): shown, not fatal."""


def gather(project: Project, cache: ContentCache | None = None, today: dt.date | None = None) -> tuple[Checked | None, list[Problem]]:
    """Validate configuration and content and run the cross-file checks; collect every problem.

    With `today` (`klinik check`), pages not reviewed for site.yml `tinjau_bulan` months are warned about too; a build
    passes none, so the site stays a function of its sources and not of the day it is built."""
    problems: list[Problem] = []
    config = load_site_config(project.config_dir, problems)
    loaded = load_content(project.content_dir, cache)
    problems.extend(loaded.problems)
    if config is None:
        return None, problems
    content = ContentSet.from_load(config, loaded)
    renderer = Renderer(content, project.content_dir)
    anchors: dict[str, set[str]] = {}

    def anchors_of(doc: Document) -> set[str]:
        if doc.src_uri not in anchors:
            renderable = renderer.can_render(doc)
            anchors[doc.src_uri] = heading_anchors(renderer.document(doc) if renderable else doc.body)
        return anchors[doc.src_uri]

    problems.extend(check(content, project.content_dir, anchors_of, set(generated_pages(content))))
    problems.extend(check_designs(content, project.content_dir))
    if today is not None:
        problems.extend(check_freshness(content, today))
    if any(not p.peringatan for p in problems):
        return None, problems
    return Checked(content, renderer, sorted(problems)), []


def checked(project: Project, cache: ContentCache | None = None) -> Checked:
    """Return the checked content or raise ContentErrors listing every problem."""
    result, problems = gather(project, cache)
    if result is None:
        raise ContentErrors(problems)
    return result
