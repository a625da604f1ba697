"""`klinik serve` types the Atom feed application/atom+xml, plain and gzipped; other XML stays application/xml."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from tests.conftest import served_directory


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset/>', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "feed.xml").write_text("<x/>", encoding="utf-8")
    with served_directory(tmp_path) as base:
        yield base


def content_type(url: str, gzip: bool) -> str:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers["Content-Type"]


@pytest.mark.parametrize("gzip", [False, True])
def test_the_feed_is_atom_and_the_sitemap_plain_xml(served: str, gzip: bool):
    assert content_type(f"{served}/feed.xml", gzip) == "application/atom+xml; charset=utf-8"
    assert content_type(f"{served}/sitemap.xml", gzip) == "application/xml"
    assert content_type(f"{served}/sub/feed.xml", gzip) == "application/xml"  # only the site's own feed, at the root
