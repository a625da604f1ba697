"""Walk content/, validate each Markdown file against its section's schema, keep going after failures."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from generator.content.desain import Desain
from generator.content.ikm import SECTION as IKM_SECTION
from generator.content.ikm import IkmRelease, read_release
from generator.content.schemas import BODY_REQUIRED, SECTION_SCHEMAS, BaseEntry, title_of
from generator.util.errors import Problem, problem
from generator.util.markdown import Link, find_links
from generator.util.markdown_guard import body_problems
from generator.util.safe_read import ASSET_LIMIT, MARKDOWN_LIMIT, Refused, read_text, refusal
from generator.util.yaml_io import node_line, pydantic_problems, split_front_matter

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ASSET_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".webm", ".mp4", ".vtt"}
CONTENT_SCHEMAS: dict[str, type[BaseEntry]] = {**SECTION_SCHEMAS, "desain-rumah": Desain}
"""Every folder of content/ with its schema; designs live in generator/rab/ with their RAB."""
CONTENT_BODY_REQUIRED = {**BODY_REQUIRED, "desain-rumah": "uraian desain (isi berkas setelah front matter) wajib diisi"}


@dataclass
class Document:
    """One validated content file: its place, its metadata model and its Markdown body."""

    section: str
    path: Path
    src_uri: str
    entry: BaseEntry
    body: str
    body_line: int
    front_text: str

    @cached_property
    def links(self) -> list[Link]:
        """Links in the body, found once per parse (live preview re-checks thousands of files)."""
        return find_links(self.body, self.body_line)

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def url(self) -> str:
        return f"{self.section}/{self.slug}/"

    @property
    def dest_src_uri(self) -> str:
        """Where the page lives in the site's docs tree, whatever sub-folder holds the file."""
        return f"{self.section}/{self.slug}.md"

    @property
    def title(self) -> str:
        return title_of(self.entry)

    @property
    def published(self) -> bool:
        return self.entry.status == "terbit"

    def line_of(self, key: str) -> int:
        """Return the line of a front-matter key in the file."""
        return node_line(self.front_text, [key], 1)

    def line_at(self, *loc: str) -> int:
        """Return the line of a nested front-matter node, e.g. ("boq", "3", "satuan")."""
        return node_line(self.front_text, list(loc), 1)


@dataclass
class LoadResult:
    """Everything read from content/: valid documents, asset paths and every problem found."""

    documents: list[Document] = field(default_factory=list)
    assets: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    ikm: list[IkmRelease] = field(default_factory=list)


@dataclass
class _Cached:
    stamp: tuple[int, int]
    document: Document | None
    problems: list[Problem]


class ContentCache:
    """Parsed files keyed by path and (mtime, size), so live preview re-reads only edited files."""

    def __init__(self) -> None:
        self._files: dict[Path, _Cached] = {}

    def get(self, path: Path, stamp: tuple[int, int]) -> _Cached | None:
        hit = self._files.get(path)
        return hit if hit is not None and hit.stamp == stamp else None

    def put(self, path: Path, value: _Cached) -> None:
        self._files[path] = value


def read_document(path: Path, root: Path, section: str) -> tuple[Document | None, list[Problem]]:
    """Read and validate one Markdown file; return the document or the problems."""
    problems: list[Problem] = []
    try:
        text = read_text(path, MARKDOWN_LIMIT)
    except Refused as exc:
        return None, [problem(path, exc.line, "berkas", str(exc))]
    except OSError as exc:  # gone or unreadable since the walk listed it
        return None, [problem(path, 1, "berkas", f"tidak dapat dibaca: {exc.strerror or exc}")]
    data, body, body_line = split_front_matter(text, path, problems)
    guarded = body_problems(path, body, body_line)
    if data is None or guarded:
        return None, problems + guarded
    front_text = "\n".join(text.lstrip("\ufeff").split("\n")[1 : body_line - 2])
    if not SLUG_RE.match(path.stem):
        problems.append(problem(path, 1, "nama berkas", "gunakan huruf kecil, angka dan tanda '-' saja (mis. apa-itu-pbg.md)"))
    schema = CONTENT_SCHEMAS[section]
    try:
        entry = schema.model_validate(data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(path, front_text, exc, 1))
        entry = None
    if section in CONTENT_BODY_REQUIRED and not body.strip():
        problems.append(problem(path, body_line, "isi", CONTENT_BODY_REQUIRED[section]))
    if entry is None or problems:
        return None, problems
    src_uri = path.relative_to(root).as_posix()
    return Document(section, path, src_uri, entry, body, body_line, front_text), []


def _walk(root: Path, problems: list[Problem]):
    """Yield (path, lstat result) of every file to validate; refuse links and special files anywhere.

    MkDocs walks docs_dir following links (a link to / or to an ancestor never ends) and copies every
    file it finds, so a link or special file anywhere under content/, in ignored folders too, fails the check.
    """
    stack = [(root, False)]
    while stack:
        folder, ignored = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(problem(folder, 1, "folder", f"tidak dapat dibaca: {exc.strerror or exc}"))
            continue
        folders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                problems.append(problem(path, 1, "berkas", f"tidak dapat dibaca: {exc.strerror or exc}"))
                continue
            skipped = ignored or entry.name.startswith(".")
            if not entry.name.isprintable():
                problems.append(problem(path, 1, "nama berkas", "berisi karakter kendali atau bukan UTF-8; ganti namanya"))
            elif stat.S_ISDIR(info.st_mode):
                folders.append((path, skipped or entry.name.startswith("_")))
            elif stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                problems.append(problem(path, 1, "berkas", refusal(info.st_mode, 0, 0)))
            elif not skipped:
                yield path, info
        stack.extend(reversed(folders))


def load_content(root: Path, cache: ContentCache | None = None) -> LoadResult:
    """Validate every file under content/ and collect all problems in one pass."""
    result = LoadResult()
    if not root.is_dir():
        result.problems.append(problem(root, 1, "content", "folder konten tidak ditemukan"))
        return result
    for path, info in _walk(root, result.problems):
        rel = path.relative_to(root)
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        suffix = path.suffix.lower()
        if suffix in ASSET_SUFFIXES and section:
            too_big = refusal(info.st_mode, info.st_size, ASSET_LIMIT)
            if too_big:
                result.problems.append(problem(path, 1, "berkas", too_big))
            else:
                result.assets.add(rel.as_posix())
            continue
        if section == IKM_SECTION and suffix == ".yml":
            release, problems = read_release(path)
            result.problems.extend(problems)
            if release is not None:
                result.ikm.append(release)
            else:
                result.failed.add(rel.as_posix())
            continue
        if suffix != ".md":
            result.problems.append(problem(path, 1, "berkas", f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung di content/"))
            continue
        if section not in CONTENT_SCHEMAS:
            known = ", ".join(sorted(CONTENT_SCHEMAS))
            result.problems.append(problem(path, 1, "berkas", f"letakkan berkas di salah satu folder: {known}"))
            continue
        stamp = (info.st_mtime_ns, info.st_size)
        cached = cache.get(path, stamp) if cache else None
        if cached is None:
            document, problems = read_document(path, root, section)
            cached = _Cached(stamp, document, problems)
            if cache:
                cache.put(path, cached)
        if cached.document is not None:
            result.documents.append(cached.document)
        else:
            result.failed.add(rel.as_posix())
        result.problems.extend(cached.problems)
    return result
