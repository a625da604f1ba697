"""The checks that span files: taxonomy, slugs, references, assets and their digests, links and anchors, headings, near-duplicate FAQ,
and the printed document checklist of each procedure."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.content.collection import ContentSet, sha256_of
from generator.content.duplicates import check_duplicates
from generator.content.ikm import check_releases
from generator.content.live_html import check_bodies
from generator.content.loader import Document
from generator.content.media import check_media
from generator.content.schemas import Faq, Infografis, Modul, Prosedur, checklist_key
from generator.util.errors import Problem, problem, shown
from generator.util.markdown import resolve
from generator.util.safe_read import Refused


def check(content: ContentSet, content_root: Path, anchors_of: Callable[[Document], set[str]], generated: set[str]) -> list[Problem]:
    """Run every cross-file check of the content model and return all problems found.

    `anchors_of` gives a page's heading anchors as rendered and `generated` the derived pages: both come from
    the pages layer, which the pipeline asks, so this layer never imports what renders it.
    """
    problems: list[Problem] = []
    problems += _check_taxonomy(content)
    problems += _check_slugs(content)
    problems += _check_references(content)
    problems += _check_files(content, content_root)
    problems += check_media(content, content_root)
    problems += _check_links(content, anchors_of, generated)
    problems += _check_headings(content)
    problems += _check_checklists(content)
    problems += check_bodies(content)
    problems += check_releases(content.ikm, content.config)
    problems += check_duplicates(content)
    return problems


def _check_taxonomy(content: ContentSet) -> list[Problem]:
    out = []
    taxonomy = content.config.taxonomy
    known = ", ".join(b.slug for b in taxonomy.bidang)
    for doc in content.documents:
        area = taxonomy.area(doc.entry.topik)  # type: ignore[attr-defined]
        if area is None:
            out.append(problem(doc.path, doc.line_of("topik"), "topik", f"bidang {doc.entry.topik!r} tidak ada di taksonomi; pilih: {known}"))  # type: ignore[attr-defined]
            continue
        sub = getattr(doc.entry, "subtopik", None)
        if sub is not None and sub not in {s.slug for s in area.subtopik}:
            subs = ", ".join(s.slug for s in area.subtopik)
            out.append(problem(doc.path, doc.line_of("subtopik"), "subtopik", f"sub-bidang {sub!r} tidak ada di bidang {area.slug}; pilih: {subs}"))
    return out


def _check_slugs(content: ContentSet) -> list[Problem]:
    out = []
    for doc in content.documents:
        if doc.slug == "index":
            out.append(problem(doc.path, 1, "nama berkas", "'index' dipakai untuk halaman daftar; pilih nama lain"))
        first = content.by_slug[(doc.section, doc.slug)]
        if first is not doc:
            out.append(problem(doc.path, 1, "slug", f"slug {doc.slug!r} sudah dipakai oleh content/{first.src_uri}"))
    return out


def _check_references(content: ContentSet) -> list[Problem]:
    out = []
    unreadable = {(rel.split("/", 1)[0], Path(rel).stem) for rel in content.failed}  # reported in their own file
    for doc in content.documents:
        entry = doc.entry
        refs: list[tuple[str, str, str]] = []
        if isinstance(entry, Faq):
            refs = [("terkait", "faq", s) for s in entry.terkait]
        elif isinstance(entry, Modul):
            refs = [("menggantikan", "modul", s) for s in entry.menggantikan]
        for key, section, slug in refs:
            target = content.by_slug.get((section, slug))
            line = doc.line_of(key)
            if target is None and (section, slug) in unreadable:
                continue
            if target is None:
                out.append(problem(doc.path, line, key, f"{section} {slug!r} tidak ada"))
            elif target is doc:
                out.append(problem(doc.path, line, key, "tidak boleh menunjuk dirinya sendiri"))
            elif doc.published and not target.published:
                out.append(problem(doc.path, line, key, f"{section} {slug!r} masih draft; konten terbit tidak boleh menautkan draft"))
    return out


def _check_files(content: ContentSet, content_root: Path) -> list[Problem]:
    out = []
    for doc in content.documents:
        entry = doc.entry
        if isinstance(entry, Infografis):
            rel = resolve(doc.src_uri, entry.gambar)[0]
            if rel not in content.assets:
                out.append(problem(doc.path, doc.line_of("gambar"), "gambar", f"berkas gambar {entry.gambar!r} tidak ditemukan"))
        if isinstance(entry, Modul):
            rel = resolve(doc.src_uri, entry.berkas)[0]
            if rel not in content.assets:
                out.append(problem(doc.path, doc.line_of("berkas"), "berkas", f"berkas {entry.berkas!r} tidak ditemukan"))
                continue
            try:
                digest = sha256_of(content_root / rel)
            except (OSError, Refused) as exc:  # replaced since the walk listed it
                out.append(problem(doc.path, doc.line_of("berkas"), "berkas", f"berkas {entry.berkas!r} tidak dapat dibaca: {exc}"))
                continue
            if entry.sha256 is not None and digest != entry.sha256:  # unpinned: the pages show the digest computed here
                out.append(problem(doc.path, doc.line_of("sha256"), "sha256", f"tidak cocok dengan isi {entry.berkas} (isi berkas: {digest}); "
                                   "hapus kunci ini agar dihitung otomatis, atau perbaiki nilainya"))
    return out


def _check_links(content: ContentSet, anchors_of: Callable[[Document], set[str]], generated: set[str]) -> list[Problem]:
    out = []
    for doc in content.documents:
        for link in doc.links:
            if not link.is_internal:
                continue
            target_uri, anchor = resolve(doc.src_uri, link.target)
            what = "gambar" if link.image else "tautan"
            if target_uri.endswith(".md"):
                target = content.by_src.get(target_uri)
                if target is None and target_uri not in generated and target_uri not in content.failed:
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)} menunjuk halaman yang tidak ada"))
                    continue
                if target is not None and doc.published and not target.published:
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)} menunjuk konten draft"))
                if target is not None and anchor and anchor not in anchors_of(target):
                    out.append(problem(doc.path, link.line, what, f"{shown(link.target)}: tidak ada judul bagian dengan anchor #{anchor}"))
            elif target_uri in content.assets:
                continue
            else:
                out.append(problem(
                    doc.path, link.line, what,
                    f"{shown(link.target)} tidak ditemukan (tautan internal harus ke berkas .md atau berkas di content/)",
                ))
    return out


def _check_headings(content: ContentSet) -> list[Problem]:
    """A page has exactly one title: bodies may not add level-1 headings."""
    out = []
    for doc in content.documents:
        for index, line in enumerate(doc.body.split("\n")):
            if line.startswith("# "):
                out.append(problem(doc.path, doc.body_line + index, "isi", "judul tingkat 1 ('# ') dibuat otomatis; gunakan '## ' untuk subjudul"))
    return out



UNFINISHED = re.compile(r"(?:^(?:atau|dan|serta)\b|\b(?:atau|dan|serta)$|[,;:]$)")
"""A checklist item that leans on its neighbour ("Pilihan desain prototipe, atau"): each tick box must stand alone."""


def _check_checklists(content: ContentSet) -> list[Problem]:
    """Every `dokumen` item of a procedure becomes one tick box on its printed checklist: each must be a whole item,
    said once. The same text in two steps is printed once; a text inside another ("Dokumen PBG" and "Dokumen PBG dan
    lampiran gambar") or twice in one step would print the same document twice."""
    out = []
    for doc in content.documents:
        if not isinstance(doc.entry, Prosedur):
            continue
        seen: list[tuple[str, str, str]] = []  # (key, text, step title) of every item so far
        for i, step in enumerate(doc.entry.langkah):
            here: set[str] = set()
            for j, item in enumerate(step.dokumen):
                key, messages = checklist_key(item), []
                if UNFINISHED.search(key):
                    messages.append(f"butir daftar periksa {item!r} belum lengkap: jangan diawali atau diakhiri 'atau', 'dan', "
                                    "'serta' atau tanda baca; tulis setiap pilihan sebagai butir sendiri, mis. '..., bila memakai "
                                    "desain prototipe'")
                if key in here:
                    messages.append(f"butir {item!r} tertulis dua kali di langkah ini; hapus salah satunya")
                same = next(((text, n) for other, text, n in seen if other != key and (_inside(key, other) or _inside(other, key))), None)
                if same:
                    messages.append(f"butir {item!r} dan {same[0]!r} (langkah {same[1]!r}) menyebut dokumen yang sama; tulis dengan "
                                    "kata-kata yang persis sama agar daftar periksa mencetaknya sekali, atau bedakan isinya")
                where = ("langkah", str(i), "dokumen", str(j))
                out += [problem(doc.path, doc.line_at(*where), ".".join(where), m) for m in messages]
                here.add(key)
                seen.append((key, item, step.judul))
    return out


def _inside(short: str, long: str) -> bool:
    """Whether one item's words appear, as whole words, in another's."""
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None
