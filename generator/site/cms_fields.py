"""Decap CMS fields from pydantic models: one editor widget per schema field, in the order the model declares them."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.desain import DIVISI, STRUKTUR
from generator.util.errors import GeneratorError
from generator.util.fields import TICKET_PATTERN

DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
"""A date stored bare (2026-12-02), never a time or a zone, as the schemas read it."""

SHORT_TEXT = 300
"""Longer plain text gets a multi-line box."""

PATTERN_MESSAGES = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "Hanya huruf kecil, angka dan tanda hubung, mis. rumah-tipe-36.",
    TICKET_PATTERN: "Tulis nomor tiket seperti KPKP-2026-000123.",
    r"^[0-9a-f]{64}$": "Tepat 64 karakter 0-9 dan a-f (huruf kecil).",
    r"""^https?://[^\s<>"'`{}|\\^]+$""": "Alamat web lengkap yang diawali http:// atau https://, tanpa spasi.",
    r"^https?://\S+$": "Alamat web lengkap yang diawali http:// atau https://, tanpa spasi.",
    r"^[A-Z0-9][A-Z0-9./-]{0,30}$": "Huruf besar, angka, titik, garis miring atau tanda hubung, mis. M-01.",
    r"^[A-Z0-9][A-Z0-9.-]{1,30}$": "Huruf besar, angka, titik atau tanda hubung, mis. PS.01.",
    r"^[0-9]{1,2}:[0-5][0-9]$": "Tulis menit:detik, mis. 1:05.",
    r"^[a-z0-9]+$": "Satu kata: huruf kecil dan angka saja.",
    r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$": "Huruf kecil dan angka; kata dipisah satu spasi atau tanda hubung.",
    r"^\+?[0-9 ()-]{6,20}$": "Nomor telepon: angka, spasi, tanda kurung atau tanda hubung, 6 sampai 20 karakter.",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "Alamat email, mis. klinik@pkp.go.id.",
}
"""What each schema pattern asks for, in the words a TA reads under the field."""

OPTION_LABELS: dict[str, dict[str, str]] = {
    "status": {"draft": "Draf (tidak tampil di situs)", "terbit": "Terbit"},
    "divisi": DIVISI,
    "struktur": STRUKTUR,
}
"""Display names of a select's values, per field name; other values show as written."""

FILE_WIDGETS = {"gambar": "image", "sampul": "image", "denah": "image", "berkas": "file", "takarir": "file"}
"""Fields that name a file next to the .md file: uploaded through the editor, stored as a bare file name."""

LABELS = {"sha256": "SHA-256", "boq": "Daftar kuantitas (BoQ)", "url": "Alamat (URL)", "alt": "Teks alternatif",
          "kode_analisa": "Kode analisa (AHSP)", "tiket": "Nomor tiket", "jam_layanan": "Jam layanan"}


@dataclass(frozen=True)
class Choices:
    """What site_config/ offers the selects and relations: areas, sub-areas, provinces, and which field points where."""

    topik: list[dict] = field(default_factory=list)
    subtopik: list[dict] = field(default_factory=list)
    provinsi: list[str] = field(default_factory=list)
    relations: dict[str, dict] = field(default_factory=dict)


@dataclass
class _Constraints:
    """The bounds pydantic keeps in a type's metadata, gathered from every Annotated layer."""

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: float | None = None
    le: float | None = None

    def add(self, metadata: typing.Iterable) -> None:
        """Take the bounds of each metadata item (a Field() inside Annotated holds its own)."""
        for item in metadata:
            if isinstance(item, FieldInfo):
                self.add(item.metadata)
                continue
            for name in ("pattern", "min_length", "max_length", "ge", "le"):  # StringConstraints, MinLen, Ge ...
                value = getattr(item, name, None)
                if value is not None:
                    setattr(self, name, value)


def _unwrap(annotation: object, constraints: _Constraints) -> tuple[object, bool]:
    """Strip Annotated layers (keeping their bounds) and `| None`; return the bare type and whether None is allowed."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation, *metadata = typing.get_args(annotation)
            constraints.add(metadata)
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, nullable
            nullable, annotation = True, args[0]
        else:
            return annotation, nullable


def label_of(name: str) -> str:
    """The field's label: its Indonesian key read as words (dasar_hukum → Dasar hukum)."""
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _length_rule(bounds: _Constraints) -> tuple[str, str] | None:
    """A text's length bounds as a regex and its message; None when only "not empty" is asked (required says that)."""
    low, high = bounds.min_length, bounds.max_length
    if high is None and (low or 0) <= 1:
        return None
    if high is None:
        return rf"^[\s\S]{{{low},}}$", f"Paling sedikit {low} karakter."
    if (low or 0) <= 1:
        return rf"^[\s\S]{{0,{high}}}$", f"Paling banyak {high} karakter."
    return rf"^[\s\S]{{{low},{high}}}$", f"Panjang {low} sampai {high} karakter."


def _text_rule(name: str, bounds: _Constraints, description: str) -> list[str] | None:
    """The schema's pattern and length as one Decap rule [regex, Indonesian message], or None when there is neither."""
    length = _length_rule(bounds)
    if not bounds.pattern:
        return list(length) if length else None
    message = PATTERN_MESSAGES.get(bounds.pattern) or f"Tidak sesuai format yang diminta: {description or label_of(name)}"
    regex = bounds.pattern
    if length and regex.startswith("^"):  # both rules in one: a lookahead for the length, then the pattern
        regex = f"^(?={length[0][1:]}){regex[1:]}"
        message = f"{message} {length[1]}"
    return [regex, message]


def _text_widget(name: str, bounds: _Constraints, description: str) -> dict:
    """A string field: file upload, one line or a box, with the schema's rule."""
    if name in FILE_WIDGETS:
        return {"widget": FILE_WIDGETS[name], "choose_url": False}
    widget: dict = {"widget": "text" if (bounds.max_length or 0) > SHORT_TEXT else "string"}
    rule = _text_rule(name, bounds, description)
    if rule:
        widget["pattern"] = rule
    return widget


def _scalar_widget(name: str, kind: object, bounds: _Constraints, description: str, choices: Choices) -> dict | None:
    """The widget of a single value, or None when the type has none."""
    if typing.get_origin(kind) is Literal:
        labels = OPTION_LABELS.get(name, {})
        return {"widget": "select", "options": [{"label": labels.get(v, v), "value": v} for v in typing.get_args(kind)]}
    if kind is bool:
        return {"widget": "boolean"}
    if kind in (int, float):
        widget = {"widget": "number", "value_type": "int" if kind is int else "float"}
        widget.update({key: value for key, value in (("min", bounds.ge), ("max", bounds.le)) if value is not None})
        return widget
    if kind is dt.date:
        return dict(DATE)
    if kind is str:
        if name in ("topik", "subtopik") and getattr(choices, name):
            return {"widget": "select", "options": getattr(choices, name)}
        return _text_widget(name, bounds, description)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "fields": model_fields(kind, choices)}
    return None


def _list_widget(name: str, item: object, bounds: _Constraints, description: str, choices: Choices) -> dict | None:
    """A list field: a relation, a multiple select, a list of objects, or a list of single values."""
    inner = _Constraints()
    kind, _ = _unwrap(item, inner)
    if name in choices.relations:
        widget = {"widget": "relation", "multiple": True, **choices.relations[name]}
    elif name == "provinsi" and choices.provinsi:
        widget = {"widget": "select", "multiple": True, "options": choices.provinsi}
    elif typing.get_origin(kind) is Literal:
        widget = {**_scalar_widget(name, kind, inner, description, choices), "multiple": True}  # type: ignore[dict-item]
    elif isinstance(kind, type) and issubclass(kind, BaseModel):
        widget = {"widget": "list", "fields": model_fields(kind, choices), "collapsed": True}
        summary = next((f"{{{{fields.{n}}}}}" for n in ("uraian", "judul", "nama", "tanggal") if n in kind.model_fields), None)
        if summary:
            widget["summary"] = summary
    else:
        single = _widget(name, item, inner, description, choices)
        if single is None:
            return None
        widget = {"widget": "list", "field": {"label": label_of(name), "name": name, **single}}
    widget.update({key: value for key, value in (("min", bounds.min_length), ("max", bounds.max_length)) if value is not None})
    return widget


def _widget(name: str, annotation: object, bounds: _Constraints, description: str, choices: Choices) -> dict | None:
    """The widget of any annotation: a list, a map (the `kamus` widget) or a single value; None when there is none."""
    kind, _ = _unwrap(annotation, bounds)
    origin = typing.get_origin(kind)
    if origin is list:
        return _list_widget(name, typing.get_args(kind)[0], bounds, description, choices)
    if origin is dict:
        keys, values = (_Constraints(), _Constraints())
        _unwrap(typing.get_args(kind)[0], keys)
        _unwrap(typing.get_args(kind)[1], values)
        widget = {"widget": "kamus"}  # a word → its standard form; registered by generator/site/admin/klinik-cms.js
        for key, part in (("key_pattern", keys), ("value_pattern", values)):
            rule = _text_rule(name, part, description)
            if rule:
                widget[key] = rule
        return widget
    return _scalar_widget(name, kind, bounds, description, choices)


def field_of(name: str, info: FieldInfo, choices: Choices) -> dict:
    """One Decap field for one pydantic field: label, name, widget, hint (its description), required as pydantic says."""
    bounds = _Constraints()
    bounds.add(info.metadata)
    description = info.description or ""
    widget = _widget(name, info.annotation, bounds, description, choices)
    if widget is None:
        raise GeneratorError(f"kolom {name!r} (tipe {info.annotation}) belum punya widget editor di generator/site/cms_fields.py")
    out = {"label": label_of(name), "name": name, **widget, "required": info.is_required()}
    if not out["required"] and out["widget"] == "object":
        _not_required(out["fields"])
    if description:
        out["hint"] = description
    return out


def _not_required(fields: list[dict]) -> None:
    """Inside an optional object nothing is required: Decap checks the sub-fields of an object that is absent too, so
    an entry without it could never be saved. `klinik check` still asks for them once the object is given."""
    for sub in fields:
        sub["required"] = False
        if sub.get("widget") == "object":
            _not_required(sub["fields"])


def model_fields(model: type[BaseModel], choices: Choices) -> list[dict]:
    """Every field of the model as a Decap field, in declaration order (a save writes keys in this order)."""
    return [field_of(name, info, choices) for name, info in model.model_fields.items()]
