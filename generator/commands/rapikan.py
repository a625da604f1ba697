"""`klinik rapikan`: rewrite every content file and the editor's data files in the bytes the CMS writes, never their meaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from generator.config.project import Project
from generator.content.canonical import body_of, canonical, data_file_text
from generator.content.loader import CONTENT_SCHEMAS
from generator.site.cms_config import DATA_FILES
from generator.util.decap_yaml import js_trim
from generator.util.errors import Problem, problem
from generator.util.safe_read import DATA_LIMIT, MARKDOWN_LIMIT, Refused, read_text
from generator.util.yaml_io import parse_yaml, split_front_matter


@dataclass
class Tidied:
    """What a run found: files rewritten (or that would be), files already canonical, files left alone."""

    changed: list[Path] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path, changed: bool, problems: list[Problem]) -> None:
        """One file's outcome: rewritten (or would be), left alone with its problems, or already canonical."""
        self.problems.extend(problems)
        if changed:
            self.changed.append(path)
        elif not problems:
            self.unchanged += 1


def _typed(value: object) -> object:
    """A value with each scalar's kind beside it, so `1` and `true`, or `"1"` and `1`, never count as equal."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    kind = "number" if isinstance(value, (int, float)) and not isinstance(value, bool) else type(value).__name__
    return kind, value


def _same_meaning(old_text: str, new_text: str, path: Path) -> bool:
    """Both texts read back to the same front matter and the same body (a body of white space counts as none)."""
    old, new = split_front_matter(old_text, path, []), split_front_matter(new_text, path, [])
    old_body, new_body = body_of(old_text), body_of(new_text)
    bodies_equal = old_body == new_body or (not js_trim(old_body) and not js_trim(new_body))
    return old[0] is not None and _typed(old[0]) == _typed(new[0]) and bodies_equal


def tidy_file(path: Path, section: str, *, write: bool) -> tuple[bool, list[Problem]]:
    """Put one file in the CMS's bytes; return (changed, problems). A file whose meaning would change is left alone."""
    try:
        text = read_text(path, MARKDOWN_LIMIT)  # the loader's own limits: UTF-8, no control characters, not huge
    except Refused as exc:
        return False, [problem(path, exc.line, "berkas", str(exc))]
    problems: list[Problem] = []
    data, _, _ = split_front_matter(text, path, problems)
    if data is None:
        return False, problems
    try:
        new_text = canonical(text, data, CONTENT_SCHEMAS.get(section))
    except (TypeError, ValueError) as exc:
        return False, [problem(path, 2, "front matter", f"tidak dapat ditulis seperti editor menulisnya: {exc}")]
    if new_text == text:
        return False, []
    if not _same_meaning(text, new_text, path):
        return False, [problem(path, 2, "front matter", "bila ditulis seperti editor menulisnya, isinya terbaca lain; "
                                                        "berkas dibiarkan, periksa nilai seperti yes/no atau 1:05 dan beri tanda kutip")]
    if write:
        path.write_bytes(new_text.encode("utf-8"))
    return True, []


def comment_line(text: str) -> int | None:
    """The first line holding a YAML comment (the editor drops every comment when it saves), or None."""
    end = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            gap = text[end:token.start_mark.index]
            if "#" in gap:
                return text.count("\n", 0, end + gap.index("#")) + 1
            end = max(end, token.end_mark.index)
    except yaml.YAMLError:
        return None  # the parse reports it
    return None


def tidy_data_file(path: Path, model: type[BaseModel], *, write: bool) -> tuple[bool, list[Problem]]:
    """Put one site_config/ data file of the editor in the CMS's bytes; a file with comments or changed meaning is left alone."""
    try:
        text = read_text(path, DATA_LIMIT)
    except Refused as exc:
        return False, [problem(path, exc.line, "berkas", str(exc))]
    problems: list[Problem] = []
    data = parse_yaml(text, path, 0, problems)
    if not isinstance(data, dict) or not data:
        return False, problems or [problem(path, 1, "yaml", "berkas data harus berupa pemetaan kunci: nilai")]
    try:
        new_text = data_file_text(data, model)
    except (TypeError, ValueError) as exc:
        return False, [problem(path, 1, "yaml", f"tidak dapat ditulis seperti editor menulisnya: {exc}")]
    if new_text == text:
        return False, []
    line = comment_line(text)
    if line is not None:
        return False, [problem(path, line, "komentar", "editor menghapus setiap komentar # saat menyimpan; pindahkan isinya "
                                                       "ke kolom catatan atau ke CONTENT.md, lalu jalankan lagi")]
    if _typed(parse_yaml(new_text, path, 0, [])) != _typed(data):
        return False, [problem(path, 1, "yaml", "bila ditulis seperti editor menulisnya, isinya terbaca lain; berkas dibiarkan, "
                                                "periksa nilai seperti yes/no atau 1:05 dan beri tanda kutip")]
    if write:
        path.write_bytes(new_text.encode("utf-8"))
    return True, []


def _tidy_data(project: Project, result: Tidied, *, write: bool) -> None:
    """The site_config/ files the editor's `data` collection saves (a missing one is not the editor's to make)."""
    for _, _, file, model in DATA_FILES:
        path = project.config_dir / file
        if path.is_symlink() or not path.is_file():
            continue
        result.add(path, *tidy_data_file(path, model, write=write))


def rapikan(project: Project, *, write: bool = True) -> Tidied:
    """Tidy every Markdown file under content/ and the editor's data files (or, with write=False, list those that would change)."""
    result = Tidied()
    _tidy_data(project, result, write=write)
    root = project.content_dir
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).parts
        if path.is_symlink() or not path.is_file() or len(rel) < 2 or rel[0] not in CONTENT_SCHEMAS:
            continue  # what the loader refuses or does not read, it reports itself
        if any(part.startswith((".", "_")) for part in rel[:-1]) or rel[-1].startswith("."):
            continue  # folders and files the loader skips
        result.add(path, *tidy_file(path, rel[0], write=write))
    return result
