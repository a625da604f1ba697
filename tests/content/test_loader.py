"""The repository's own content is valid and covers what the clinic promises."""

from __future__ import annotations

from collections import Counter

from generator.config.project import Project
from generator.pipeline import gather
from tests.conftest import ROOT


def test_real_content_checks_clean_and_covers_every_area():
    """At least 40 FAQ over all eight areas, the three procedures, articles, an infographic and modules."""
    state, problems = gather(Project(ROOT))
    assert problems == []
    content = state.content
    faq = content.section("faq")
    assert len(faq) >= 40
    areas = Counter(d.entry.topik for d in faq)
    assert set(areas) == {b.slug for b in content.config.taxonomy.bidang}
    assert len(content.config.taxonomy.bidang) == 8
    assert {d.slug for d in content.section("prosedur")} >= {"pbg", "slf", "legalisasi-tanah"}
    assert len(content.section("artikel")) >= 3
    assert len(content.section("infografis")) >= 1
    assert len(content.section("modul")) >= 2


def test_every_published_faq_names_its_reviewer_and_is_not_empty():
    """Readers see who reviewed each answer and when; answers are substantive."""
    state, _ = gather(Project(ROOT))
    for doc in state.content.section("faq"):
        assert doc.entry.peninjau.nama
        assert len(doc.body.split()) >= 40, doc.src_uri
