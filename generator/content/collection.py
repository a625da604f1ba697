"""The validated content as one set: the documents, their lookups and groupings (checks are in checks.py)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SiteConfig
from generator.content.ikm import IkmRelease, period_key
from generator.content.loader import Document, LoadResult
from generator.util.safe_read import ASSET_LIMIT, open_regular


@dataclass
class ContentSet:
    """All valid documents, indexed the ways the pages and the checks need."""

    config: SiteConfig
    documents: list[Document]
    assets: set[str]
    failed: set[str] = field(default_factory=set)
    by_src: dict[str, Document] = field(default_factory=dict)
    by_slug: dict[tuple[str, str], Document] = field(default_factory=dict)
    ikm: list[IkmRelease] = field(default_factory=list)
    _faq_groups: dict[str, dict[str, list[Document]]] | None = field(default=None, repr=False)

    @classmethod
    def from_load(cls, config: SiteConfig, loaded: LoadResult) -> ContentSet:
        """Index the loaded documents (first file wins a duplicate slug; the check reports it)."""
        docs = sorted(loaded.documents, key=lambda d: d.src_uri)
        content = cls(config, docs, set(loaded.assets), set(loaded.failed))
        content.ikm = sorted(loaded.ikm, key=lambda r: period_key(r.data.periode))
        for doc in docs:
            content.by_src[doc.src_uri] = doc
            content.by_slug.setdefault((doc.section, doc.slug), doc)
        return content

    def section(self, name: str, published_only: bool = True) -> list[Document]:
        """Return the documents of one section, published ones unless asked otherwise."""
        return [d for d in self.documents if d.section == name and (d.published or not published_only)]

    def faq_by_subarea(self, area: str) -> dict[str, list[Document]]:
        """Group an area's published FAQ by sub-area, each list sorted by question."""
        if self._faq_groups is None:
            groups: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
            for doc in self.section("faq"):
                groups[doc.entry.topik][doc.entry.subtopik].append(doc)  # type: ignore[attr-defined]
            for by_sub in groups.values():
                for docs in by_sub.values():
                    docs.sort(key=lambda d: d.title.casefold())
            self._faq_groups = {a: dict(subs) for a, subs in groups.items()}
        return self._faq_groups.get(area, {})


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file (a regular one, never a link or a pipe: see safe_read)."""
    digest = hashlib.sha256()
    handle, _ = open_regular(path, ASSET_LIMIT)
    with handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()
