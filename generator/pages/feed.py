"""Atom feed of every published kind of page, newest first, so readers and aggregators can follow new guidance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.content.schemas import SECTION_TITLES
from generator.pages.render import describe
from generator.util.dates import start_of_day
from generator.util.media_types import FEED_FILE

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 30
"""How many of the newest pages the feed carries."""
KINDS = {**SECTION_TITLES, "desain-rumah": "Desain rumah dan RAB"}
"""Every content kind with a page of its own, with the label its entries are filed under."""
FIRST_DAY = dt.date(2025, 1, 1)
"""The feed's `updated` while nothing is published yet (Atom requires one)."""


def updated(doc: Document) -> dt.date:
    """The day a page last changed as its readers see it: published (articles, infographics), its newest version
    (modules; 1 January of its year without a history) or last reviewed (FAQ, procedures, designs)."""
    entry = doc.entry
    if doc.section == "modul":
        return max((r.tanggal for r in entry.riwayat), default=dt.date(entry.tahun, 1, 1))  # type: ignore[attr-defined]
    return getattr(entry, "tanggal", None) or entry.ditinjau  # type: ignore[attr-defined]


def summary(doc: Document) -> str:
    """The entry's summary: the written one, else (FAQ, designs) the first paragraph of the body."""
    return getattr(doc.entry, "ringkasan", None) or describe(doc.body)


def newest(content: ContentSet) -> list[Document]:
    """The published pages of every kind, newest first (ties by kind and file name), at most FEED_SIZE."""
    docs = [d for kind in KINDS for d in content.section(kind)]
    docs.sort(key=lambda d: (updated(d), d.section, d.slug), reverse=True)
    return docs[:FEED_SIZE]


def _stamp(day: dt.date) -> str:
    return start_of_day(day).isoformat()


def build_feed(content: ContentSet) -> bytes:
    """Return the Atom XML of the newest published pages."""
    meta = content.config.meta
    docs = newest(content)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    ET.SubElement(root, f"{{{ATOM}}}title").text = f"{meta.singkatan}: konten terbaru"
    ET.SubElement(root, f"{{{ATOM}}}subtitle").text = (
        "Tanya jawab, artikel, infografis, video, poster, modul, prosedur, dan desain rumah yang baru terbit atau ditinjau."
    )
    ET.SubElement(root, f"{{{ATOM}}}id").text = meta.url + FEED_FILE
    ET.SubElement(root, f"{{{ATOM}}}link", {"href": meta.url + FEED_FILE, "rel": "self", "type": "application/atom+xml"})
    ET.SubElement(root, f"{{{ATOM}}}link", {"href": meta.url})
    ET.SubElement(root, f"{{{ATOM}}}updated").text = _stamp(max((updated(d) for d in docs), default=FIRST_DAY))
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = meta.penyelenggara
    for doc in docs:
        url = meta.url + doc.url
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = doc.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(updated(doc))
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": doc.section, "label": KINDS[doc.section]})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary(doc)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_feed(content: ContentSet, path: Path) -> None:
    """Write the feed into the built site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_feed(content))
