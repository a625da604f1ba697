"""The search query sets stay honest: tuning and held-out parts are disjoint, large enough, and name real pages."""

from __future__ import annotations

import sys

import frontmatter

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import search_quality  # noqa: E402  (bench/search_quality.py reads the same files)

SETS = {name: search_quality.load_queries(path) for name, path in search_quality.QUERY_SETS.items()}


def test_each_set_has_the_contract_shape():
    """Every entry is {q, url, boleh?}: a non-empty query and site-relative page URLs."""
    for name, queries in SETS.items():
        for query in queries:
            assert set(query) <= {"q", "url", "boleh"}, (name, query)
            assert isinstance(query["q"], str) and query["q"].strip(), (name, query)
            for url in (query["url"], *query.get("boleh", [])):
                assert url.endswith("/") and not url.startswith("/"), (name, url)


def test_held_out_queries_are_not_in_the_tuning_set():
    """The frozen parts share no query with the part rules are tuned on."""
    tuning = {q["q"] for q in SETS["tuning"]}
    for name in ("heldout", "heldout_new", "heldout_3"):
        assert not tuning & {q["q"] for q in SETS[name]}, name


def test_sizes_follow_the_split():
    """About a quarter of the former development set is held out; each new-FAQ set has at least 150 queries."""
    tuning, heldout = len(SETS["tuning"]), len(SETS["heldout"])
    assert 0.2 <= heldout / (tuning + heldout) <= 0.3, (tuning, heldout)
    assert len(SETS["heldout_new"]) >= 150
    assert len(SETS["heldout_3"]) >= 150


def test_new_faq_set_points_at_faq_without_tags(real_site):
    """heldout_new only asks for FAQ pages that exist in the built site and carry no `tag` or `alias`."""
    sources = {path.stem: path for path in (ROOT / "content" / "faq").rglob("*.md")}
    for query in SETS["heldout_new"]:
        slug = query["url"].removeprefix("faq/").rstrip("/")
        assert (real_site / query["url"] / "index.html").is_file(), query
        meta = frontmatter.load(sources[slug]).metadata
        assert not meta.get("tag") and not meta.get("alias"), slug


def test_every_expected_page_is_built(real_site):
    """Each url and boleh of every set is a page of the real built site."""
    for name, queries in SETS.items():
        for query in queries:
            for url in (query["url"], *query.get("boleh", [])):
                assert (real_site / url / "index.html").is_file(), (name, url)
