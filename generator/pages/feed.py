"""Atom feed of published articles, so readers and aggregators can follow new guidance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from generator.content.collection import ContentSet
from generator.util.dates import start_of_day

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 20
"""How many of the newest articles the feed carries."""


def _stamp(day: dt.date) -> str:
    return start_of_day(day).isoformat()


def build_feed(content: ContentSet) -> bytes:
    """Return the Atom XML for the newest published articles and infographics."""
    meta = content.config.meta
    docs = content.section("artikel") + content.section("infografis")
    docs.sort(key=lambda d: (d.entry.tanggal, d.slug), reverse=True)  # type: ignore[attr-defined]
    docs = docs[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    ET.SubElement(root, f"{{{ATOM}}}title").text = f"{meta.singkatan}: artikel dan infografis"
    ET.SubElement(root, f"{{{ATOM}}}id").text = meta.url + "feed.xml"
    ET.SubElement(root, f"{{{ATOM}}}link", {"href": meta.url + "feed.xml", "rel": "self"})
    ET.SubElement(root, f"{{{ATOM}}}link", {"href": meta.url})
    newest = docs[0].entry.tanggal if docs else dt.date(2025, 1, 1)  # type: ignore[attr-defined]
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = meta.penyelenggara
    for doc in docs:
        url = meta.url + doc.url
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = doc.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(doc.entry.tanggal)  # type: ignore[attr-defined]
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = doc.entry.ringkasan  # type: ignore[attr-defined]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_feed(content: ContentSet, path: Path) -> None:
    """Write feed.xml into the built site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_feed(content))
