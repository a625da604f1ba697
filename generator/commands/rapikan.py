"""`klinik rapikan`: rewrite every content file's front matter in the bytes the CMS writes, never its meaning."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config.project import Project
from generator.content.canonical import body_of, canonical
from generator.content.loader import CONTENT_SCHEMAS
from generator.util.decap_yaml import js_trim
from generator.util.errors import Problem, problem
from generator.util.safe_read import MARKDOWN_LIMIT, Refused, read_text
from generator.util.yaml_io import split_front_matter


@dataclass
class Tidied:
    """What a run found: files rewritten (or that would be), files already canonical, files left alone."""

    changed: list[Path] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


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


def rapikan(project: Project, *, write: bool = True) -> Tidied:
    """Tidy every Markdown file under content/ (or, with write=False, list those that would change)."""
    result = Tidied()
    root = project.content_dir
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).parts
        if path.is_symlink() or not path.is_file() or len(rel) < 2 or rel[0] not in CONTENT_SCHEMAS:
            continue  # what the loader refuses or does not read, it reports itself
        if any(part.startswith((".", "_")) for part in rel[:-1]) or rel[-1].startswith("."):
            continue  # folders and files the loader skips
        section = rel[0]
        changed, problems = tidy_file(path, section, write=write)
        result.problems.extend(problems)
        if changed:
            result.changed.append(path)
        elif not problems:
            result.unchanged += 1
    return result
