"""The embedded search: the query dictionary shipped to browsers and the Pagefind index of the built site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from generator.content.collection import ContentSet
from generator.search.terms import tokens
from generator.util.errors import GeneratorError

SEARCHABLE = ("faq", "artikel", "infografis", "modul", "prosedur", "desain-rumah", "video", "poster")
"""Sections whose pages the embedded search indexes (lists and navigation pages are left out)."""
DICTIONARY_URL = "pencarian/kamus.json"
BUNDLE_DIR = "pagefind"
VOCABULARY_LIMIT = 3000
"""Most frequent words of titles, keywords and headings kept for typo correction (keeps the file small);
a word must appear on two pages or more (a code or name on one page is no target for a typo)."""
_HEADING = re.compile(r"^#{2,3}\s+(.+)$", re.MULTILINE)


def frontend_settings() -> dict:
    """What the browser needs to run the embedded engine (paths relative to the site root)."""
    return {"engine": "pagefind", "bundle": f"{BUNDLE_DIR}/", "kamus": DICTIONARY_URL}


def vocabulary(content: ContentSet) -> dict[str, int]:
    """Count, per word, the searchable pages whose title, keywords or headings use it."""
    counts: Counter[str] = Counter()
    for doc in content.documents:
        if not doc.published or doc.section not in SEARCHABLE:
            continue
        entry = doc.entry
        words = tokens(doc.title)
        for item in getattr(entry, "alias", []) + getattr(entry, "tag", []):
            words += tokens(item)
        for heading in _HEADING.findall(doc.body):
            words += tokens(heading)
        counts.update(set(w for w in words if not w.isdigit()))
    return {w: n for w, n in _by_frequency(counts)[:VOCABULARY_LIMIT] if n >= 2}


def _by_frequency(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first, ties alphabetical: Counter.most_common keeps set order, which changes per process."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


COMMON_SHARE = 0.1
COMMON_MIN_PAGES = 500
"""A word on more than COMMON_SHARE of the searchable pages, and on more than COMMON_MIN_PAGES of them, is
common: it still ranks results by their titles but is not looked up (such lookups are slow and say little)."""
FREQUENCY_LIMIT = 3000
"""Most widespread words of titles and keywords whose page counts the ranking gets; a word left out is on few
pages, and the ranking reads it as rare."""


def page_counts(content: ContentSet) -> tuple[int, Counter[str]]:
    """Count the searchable pages and, per word, the searchable pages that use it (title and body)."""
    counts: Counter[str] = Counter()
    pages = 0
    for doc in content.documents:
        if doc.published and doc.section in SEARCHABLE:
            pages += 1
            counts.update(set(tokens(doc.title + " " + doc.body)))
    return pages, counts


def common_words(pages: int, counts: Counter[str]) -> list[str]:
    """Words found on more than COMMON_SHARE of searchable pages (titles and bodies), most frequent first."""
    threshold = max(COMMON_MIN_PAGES, pages * COMMON_SHARE)
    return [w for w, n in _by_frequency(counts)[:400] if n > threshold and not w.isdigit()]


def frequencies(content: ContentSet, counts: Counter[str]) -> dict[str, int]:
    """Per word of a searchable page's title, tags or aliases, the searchable pages that use it anywhere: the ranking
    weighs how much of a page's own question a query covers by how rare each of its words is."""
    heading: set[str] = set()
    for doc in content.documents:
        if doc.published and doc.section in SEARCHABLE:
            heading.update(tokens(" ".join([doc.title, *getattr(doc.entry, "alias", []), *getattr(doc.entry, "tag", [])])))
    ranked = [(w, n) for w, n in _by_frequency(counts) if n >= 2 and w in heading]
    return dict(ranked[:FREQUENCY_LIMIT])


def dictionary_payload(content: ContentSet) -> dict:
    """Return the JSON the query layer loads: the TA-edited dictionary plus the site's vocabulary."""
    terms = content.config.pencarian
    pages, counts = page_counts(content)
    return {
        "normalisasi": terms.normalisasi,
        "pengisi": sorted(set(terms.kata_pengisi)),
        "sinonim": terms.sinonim,
        "kosakata": vocabulary(content),
        "umum": common_words(pages, counts),
        "frekuensi": frequencies(content, counts),
        "dokumen": pages,
    }


def write_dictionary(content: ContentSet, site_dir: Path) -> Path:
    """Write pencarian/kamus.json into the built site."""
    path = site_dir / DICTIONARY_URL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dictionary_payload(content), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def run_pagefind(site_dir: Path) -> None:
    """Index the built site with the Pagefind CLI (shipped in the pagefind[bin] wheel), Indonesian stemming."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "id", "--silent"]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").exists():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise GeneratorError(f"Indeks pencarian gagal dibuat: {detail[-1] if detail else 'pagefind tidak menulis apa pun'}")
