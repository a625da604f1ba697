"""The embedded search: the query dictionary shipped to browsers and the Pagefind index of the built site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from .collection import ContentSet
from .errors import GeneratorError
from .search_terms import tokens

SEARCHABLE = ("faq", "artikel", "infografis", "modul", "prosedur")
"""Sections whose pages the embedded search indexes (lists and navigation pages are left out)."""
DICTIONARY_URL = "pencarian/kamus.json"
BUNDLE_DIR = "pagefind"
VOCABULARY_LIMIT = 6000
"""Most frequent words of titles, keywords and headings kept for typo correction (keeps the file small)."""
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
    return dict(counts.most_common(VOCABULARY_LIMIT))


def dictionary_payload(content: ContentSet) -> dict:
    """Return the JSON the query layer loads: the TA-edited dictionary plus the site's vocabulary."""
    terms = content.config.pencarian
    pages = sum(1 for d in content.documents if d.published and d.section in SEARCHABLE)
    return {
        "normalisasi": terms.normalisasi,
        "pengisi": sorted(set(terms.kata_pengisi)),
        "sinonim": terms.sinonim,
        "kosakata": vocabulary(content),
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
