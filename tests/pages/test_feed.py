"""The Atom feed carries every published kind of page, newest first, a limited number, each dated as its readers see it."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.config.project import Project
from generator.pages import feed
from generator.pipeline import checked
from tests.conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(xml: bytes) -> list[tuple[str, str, str]]:
    """(kind, updated day, title) of each entry, in feed order."""
    root = ET.fromstring(xml)
    return [(e.find(f"{ATOM}category").get("term"), e.find(f"{ATOM}updated").text[:10], e.find(f"{ATOM}title").text)
            for e in root.findall(f"{ATOM}entry")]


def test_the_small_project_feed_has_faq_modules_and_procedures_newest_first(kecil: Path):
    """Every published page of the fixture, the draft FAQ left out; FAQ by their review day, the module by its newest version."""
    xml = feed.build_feed(checked(Project(kecil)).content)
    assert entries(xml) == [
        ("faq", "2026-11-21", "Apa syarat mengajukan KPR subsidi?"),
        ("faq", "2026-11-20", "Apa itu KPR FLPP?"),
        ("infografis", "2026-11-03", "Alur konsultasi"),
        ("artikel", "2026-11-02", "Rumah layak huni"),
        ("prosedur", "2026-11-01", "Mengurus PBG rumah tinggal"),
        ("modul", "2026-01-10", "Modul uji"),
    ]
    root = ET.fromstring(xml)
    assert root.find(f"{ATOM}updated").text.startswith("2026-11-21")
    assert root.find(f"{ATOM}title").text == "Klinik Uji: konten terbaru"
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert summaries[0] == "Siapkan KTP, NPWP dan slip gaji."  # a FAQ has no ringkasan: its answer's first paragraph


def test_the_real_feed_draws_on_every_kind_with_a_page(monkeypatch: pytest.MonkeyPatch):
    """With room for everything, all eight kinds (designs, videos and posters included) are there, dates never rising; at the real size the
    feed holds FEED_SIZE entries, the newest."""
    content = checked(Project(ROOT)).content
    monkeypatch.setattr(feed, "FEED_SIZE", 1000)
    everything = entries(feed.build_feed(content))
    assert {kind for kind, _, _ in everything} == {"faq", "artikel", "infografis", "modul", "prosedur", "desain-rumah", "video", "poster"}
    assert len(everything) == sum(len(content.section(kind)) for kind in feed.KINDS)
    days = [day for _, day, _ in everything]
    assert days == sorted(days, reverse=True)
    monkeypatch.undo()
    limited = entries(feed.build_feed(content))
    assert len(limited) == feed.FEED_SIZE and limited == everything[: feed.FEED_SIZE]


def test_a_module_without_history_is_dated_the_first_of_its_year(kecil: Path):
    doc = checked(Project(kecil)).content.by_slug[("modul", "m-01-uji")]
    assert feed.updated(doc) == max(r.tanggal for r in doc.entry.riwayat)
    bare = type(doc)(doc.section, doc.path, doc.src_uri, doc.entry.model_copy(update={"riwayat": []}), doc.body, doc.body_line, doc.front_text)
    assert feed.updated(bare) == dt.date(doc.entry.tahun, 1, 1)
