"""The intake server's static site types the Atom feed application/atom+xml, like `klinik serve` does."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from generator.intake.web.app import SiteFiles


async def fetch(site: Path, *requests: tuple[str, dict]) -> list[httpx.Response]:
    app = Starlette(routes=[Mount("/", SiteFiles(directory=site, html=True, check_dir=False))])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://situs") as client:
        return [await client.get(path, headers=headers) for path, headers in requests]


def test_the_feed_is_served_as_atom(tmp_path: Path):
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset/>', encoding="utf-8")
    feed, sitemap = asyncio.run(fetch(tmp_path, ("/feed.xml", {}), ("/sitemap.xml", {})))
    assert (feed.status_code, feed.headers["content-type"]) == (200, "application/atom+xml; charset=utf-8")
    assert sitemap.headers["content-type"] == "application/xml"
    again, = asyncio.run(fetch(tmp_path, ("/feed.xml", {"if-none-match": feed.headers["etag"]})))
    assert again.status_code == 304
