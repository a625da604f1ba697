"""Read YAML front matter and YAML files, turning every mistake into a Problem with a line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.util.errors import Problem, problem, shown
from generator.util.safe_read import DATA_LIMIT, Refused, read_text
from generator.util.yaml_guard import GuardedLoader, YamlRefused

_LOADER: type = GuardedLoader
"""libyaml's parser, with anchors, aliases, duplicate keys and deep nesting refused (see yaml_guard)."""
MAX_FIELD_PROBLEMS = 20
"""Field problems listed per file; a file with 3,000 unknown keys once took minutes and printed 3,000 lines."""


def _yaml_problem(path: Path, exc: yaml.YAMLError, line_offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = (mark.line + 1 + line_offset) if mark is not None else 1 + line_offset
    where = "front matter" if line_offset else "yaml"
    if isinstance(exc, YamlRefused):
        return problem(path, line, exc.field or where, exc.text(line_offset))
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None:
        reason += f" ({context}, mulai baris {context_mark.line + 1 + line_offset})"
    return problem(path, line, where, f"YAML tidak valid: {reason}")


def parse_yaml(text: str, path: Path, line_offset: int, problems: list[Problem]) -> object | None:
    """Parse YAML text; on error append a Problem with the file line and return None."""
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeConstructor loader
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(path, exc, line_offset))
        return None
    except ValueError as exc:  # a value Python cannot build that the guarded constructor does not name (dates and integers it does)
        problems.append(problem(path, 1 + line_offset, "front matter" if line_offset else "yaml", f"YAML tidak valid: {exc}"))
        return None


def load_yaml_file(path: Path, problems: list[Problem]) -> tuple[object | None, str]:
    """Read a YAML data file; return (data, text) or (None, text) after appending a problem."""
    try:
        text = read_text(path, DATA_LIMIT)
    except FileNotFoundError:
        problems.append(problem(path, 1, "berkas", "berkas tidak ditemukan"))
        return None, ""
    except Refused as exc:
        problems.append(problem(path, exc.line, "berkas", str(exc)))
        return None, ""
    before = len(problems)
    data = parse_yaml(text, path, 0, problems)
    if data is None and len(problems) == before:
        problems.append(problem(path, 1, "yaml", "berkas kosong"))
    return data, text


def load_model(path: Path, model: type, problems: list[Problem]) -> tuple[object | None, str]:
    """Read a YAML data file and validate it against a pydantic model; problems carry file and line."""
    data, text = load_yaml_file(path, problems)
    if data is None:
        return None, text
    try:
        return model.model_validate(data), text
    except ValidationError as exc:
        problems.extend(pydantic_problems(path, text, exc))
        return None, text


def split_front_matter(text: str, path: Path, problems: list[Problem]) -> tuple[dict | None, str, int]:
    """Split a Markdown file into (metadata, body, body_first_line); invalid YAML is a Problem."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].rstrip() != "---":
        problems.append(problem(path, 1, "front matter", "berkas harus diawali front matter YAML di antara baris '---'"))
        return None, text, 1
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        problems.append(problem(path, 1, "front matter", "front matter tidak ditutup dengan baris '---'"))
        return None, text, 1
    fm_text = "\n".join(lines[1:close])
    body = "\n".join(lines[close + 1 :])
    body_line = close + 2
    if not fm_text.strip():
        problems.append(problem(path, 1, "front matter", "front matter kosong"))
        return None, body, body_line
    before = len(problems)
    data = parse_yaml(fm_text, path, 1, problems)
    if data is None:
        if len(problems) == before:
            problems.append(problem(path, 2, "front matter", "front matter kosong"))
        return None, body, body_line
    if not isinstance(data, dict):
        problems.append(problem(path, 2, "front matter", "front matter harus berisi pasangan 'kunci: nilai'"))
        return None, body, body_line
    return data, body, body_line


@lru_cache(maxsize=4)
def _tree(text: str) -> yaml.Node | None:
    """The composed YAML of a text, once per text: every problem of a file asks for a line in it."""
    try:
        return yaml.compose(text, Loader=_LOADER)  # noqa: S506 - composing builds no objects
    except yaml.YAMLError:
        return None


@lru_cache(maxsize=256)
def _keys(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's entries by key text (first wins), so a lookup does not scan thousands of keys."""
    index: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        index.setdefault(key.value, (key, value))
    return index


def node_line(text: str, loc: list[str], offset: int) -> int:
    """Return the line of the deepest YAML node on a pydantic error path (key, list index...)."""
    node = _tree(text)
    line = node.start_mark.line if node is not None else 0
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = _keys(node).get(part)
            if match is None:
                break
            line, node = match[0].start_mark.line, match[1]
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line
        else:
            break
    return line + 1 + offset


def pydantic_problems(path: Path, text: str, exc: ValidationError, offset: int = 0) -> list[Problem]:
    """Turn a pydantic ValidationError into Problems naming the field and its line."""
    out = []
    errors = exc.errors()
    for err in errors[:MAX_FIELD_PROBLEMS]:
        loc = [str(part) for part in err["loc"]]
        field = ".".join(loc) or "front matter"
        out.append(problem(path, node_line(text, loc, offset), field, translate(err)))
    if len(errors) > MAX_FIELD_PROBLEMS:
        hidden = len(errors) - MAX_FIELD_PROBLEMS
        out.append(problem(
            path, 1 + offset, "front matter" if offset else "yaml",
            f"ditambah {hidden} masalah lain yang tidak ditampilkan; perbaiki yang di atas lalu periksa lagi",
        ))
    return out


_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kunci tidak dikenal (periksa ejaan)",
    "string_too_short": "terlalu pendek",
    "string_too_long": "terlalu panjang",
    "date_from_datetime_parsing": "tanggal harus berformat YYYY-MM-DD",
    "date_parsing": "tanggal harus berformat YYYY-MM-DD",
    "date_type": "tanggal harus berformat YYYY-MM-DD",
    "list_type": "harus berupa daftar (list)",
    "string_type": "harus berupa teks (beri tanda kutip bila isinya hanya angka)",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "model_type": "harus berupa pasangan 'kunci: nilai'",
    "too_short": "daftar tidak boleh kosong",
}


_BOUNDS = {
    "greater_than": ("lebih dari", "gt"),
    "greater_than_equal": ("paling sedikit", "ge"),
    "less_than": ("kurang dari", "lt"),
    "less_than_equal": ("paling banyak", "le"),
}


def translate(err: dict) -> str:
    """Give a pydantic error an Indonesian message, keeping the detail that helps fix it."""
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"nilai {shown(err.get('input'))} tidak dikenal; pilih salah satu: {expected}"
    if kind == "string_pattern_mismatch":
        return f"format tidak valid: {shown(err.get('input'))}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        bound = err.get("ctx", {}).get(key)
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # "paling banyak 15", not "15.0"
        return f"harus {word} {bound}"
    base = _MESSAGES.get(kind)
    return base if base else err["msg"]
