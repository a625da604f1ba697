"""Content files in the bytes Decap CMS writes, so saving a file in the editor unchanged changes nothing.

Decap (decap-cms-core 3.x `formats/frontmatter.ts`, `formats/yaml.ts`, `backend.ts` entryToRaw) writes
`---`, the front matter through the npm `yaml` 1.x package (util/decap_yaml), `---`, then the body as it
was, with a final newline. It orders the top-level keys by the collection's fields, which
generator/site/cms_config lists in the schema's order; nested mappings keep the order they were read in,
except that one of more than eight keys comes out in Immutable.js's hash order (a Decap draft is an
Immutable Map). Here every mapping is put in schema order first, then that rule applied, so the file
`klinik` writes is the file the editor writes. The editor's data files in site_config/ (a file collection,
format yml) are the same YAML without the `---` lines. tests/content/test_canonical_roundtrip.py checks it
through decap-server for every file in content/ and every data file.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path

from pydantic import BaseModel

from generator.util.decap_yaml import dump, js_trim

IMMUTABLE_ARRAY_MAP_SIZE = 8
"""Immutable.js keeps insertion order up to this many keys (ArrayMapNode); past it, hash order."""


def _model_of(annotation: object) -> type[BaseModel] | None:
    """The pydantic model inside a field's type (`Model`, `Model | None`, `list[Model]`, `Annotated[...]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


def _immutable_hash(key: str) -> int:
    """Immutable.js `hash()` of a string (the JVM string hash, then `smi`), as an unsigned 32-bit number."""
    hashed = 0
    units = key.encode("utf-16-le")
    for i in range(0, len(units), 2):
        hashed = (31 * hashed + int.from_bytes(units[i:i + 2], "little")) & 0xFFFFFFFF
    return ((hashed >> 1) & 0x40000000) | (hashed & 0xBFFFFFFF)


def immutable_order(keys: list[str]) -> list[str]:
    """The order an Immutable.js Map of these keys iterates in (and Decap writes them)."""
    if len(keys) <= IMMUTABLE_ARRAY_MAP_SIZE:
        return list(keys)
    hashes = {key: _immutable_hash(key) for key in keys}
    if len(set(hashes.values())) < len(keys):
        raise ValueError("dua kunci dengan hash Immutable yang sama: urutannya bergantung pada urutan baca")
    # BitmapIndexedNode and HashArrayMapNode iterate by 5 bits of the hash at a time, lowest first.
    return sorted(keys, key=lambda k: [(hashes[k] >> shift) & 31 for shift in range(0, 35, 5)])


def arrange(data: dict, model: type[BaseModel] | None, *, top: bool = True) -> dict:
    """The mapping with keys in the model's field order (unknown keys last, as read), recursively."""
    fields = model.model_fields if model is not None else {}
    keys = [k for k in fields if k in data] + [k for k in data if k not in fields]
    out = {}
    for key in keys:
        value = data[key]
        inner = _model_of(fields[key].annotation) if key in fields else None
        if isinstance(value, dict):
            value = arrange(value, inner, top=False)
        elif isinstance(value, list):
            value = [arrange(v, inner, top=False) if isinstance(v, dict) else v for v in value]
        out[key] = value
    if top:  # Decap sorts the top level by the collection's fields, whatever the map's own order
        return out
    return {key: out[key] for key in immutable_order(list(out))}


def file_text(data: dict, body: str, model: type[BaseModel] | None) -> str:
    """A whole content file as Decap writes it: front matter of `data` in schema order, then the body."""
    if not data:
        raise ValueError("front matter kosong")
    matter = js_trim(dump(arrange(data, model)))
    if not js_trim(body):  # Decap drops a body of white space only when it opens the file
        body = ""
    return f"---\n{matter}\n---\n{body}" + ("\n" if body and not body.endswith("\n") else "")


def data_file_text(data: dict, model: type[BaseModel] | None) -> str:
    """A whole YAML data file (site_config/balai.yml ...) as the editor's `yml` format writes it, keys in schema order."""
    if not data:
        raise ValueError("berkas data kosong")
    return dump(arrange(data, model))


def body_of(text: str) -> str:
    """The Markdown body as Decap reads it: everything after the closing `---` line."""
    lines = text.lstrip("\ufeff").split("\n")
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    return "\n".join(lines[close + 1:])


def canonical(text: str, data: dict, model: type[BaseModel] | None) -> str:
    """The canonical text of a file already read (its data from util/yaml_io.split_front_matter)."""
    return file_text(data, body_of(text), model)


def write_file(path: Path, data: dict, body: str, model: type[BaseModel] | None) -> None:
    """Write a new content file in the editor's bytes (UTF-8, LF)."""
    path.write_bytes(file_text(data, body, model).encode("utf-8"))
