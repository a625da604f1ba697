"""YAML written byte for byte as Decap CMS writes it (the npm `yaml` 1.10 package with its defaults).

A port of `Document.toString()` of yaml 1.10.3 (`resolveSeq` and `Document` in its dist/) for the
values front matter holds: mappings with text keys, lists, text, whole and fractional numbers, true,
false and null (a `date` is written as its bare YYYY-MM-DD text, which is what Decap keeps). Lists sit
indented under their key, empty ones as `[]`; how text is quoted and folded is util/decap_scalar.
tests/util/test_decap_yaml.py holds it equal to the package's own output.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from decimal import Decimal

from generator.util.decap_scalar import Ctx, js_trim, text, to_units

__all__ = ["dump", "js_trim"]


def dump(data: dict) -> str:
    """Return the YAML document yaml 1.10 writes for a mapping, ending in one newline."""
    return _stringify(data, Ctx()) + "\n"


def _stringify(value: object, ctx: Ctx) -> str:
    """Document.stringify for one value: the node yaml.createNode makes of it, written at ctx."""
    if isinstance(value, dict):
        return _collection([_pair(k, v, value, ctx) for k, v in value.items()], ctx, "{}", "")
    if isinstance(value, list):
        item_ctx = replace(ctx, indent=ctx.indent + "  ", indent_at_start=None, implicit_key=False)
        return _collection([_stringify(v, item_ctx) for v in value], ctx, "[]", "- ")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _js_number(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return text(value.isoformat(), ctx)
    if isinstance(value, str):
        return text(value, ctx)
    raise TypeError(f"nilai bertipe {type(value).__name__} tidak dapat ditulis sebagai YAML Decap")


def _collection(items: list[str], ctx: Ctx, empty: str, marker: str) -> str:
    """Collection.toString in block style: items joined on new lines at the collection's indent."""
    if not items:
        return empty
    return f"\n{ctx.indent}".join(marker + item for item in items)


def _pair(key: object, value: object, mapping: dict, ctx: Ctx) -> str:
    """Pair.toString for a text key: `key: value`, a collection on the next lines, or `? key`."""
    if not isinstance(key, str):
        raise TypeError("kunci YAML harus teks")
    item_indent = ctx.indent  # YAMLMap items sit at the map's own indent
    inner = Ctx(indent=item_indent + "  ", implicit_key=True)
    shown_key = text(key, inner)
    if len(to_units(shown_key)) > 1024:
        raise ValueError("kunci YAML lebih dari 1024 karakter")
    if all(v is None for v in mapping.values()):
        return f"? {shown_key}"  # yaml 1.x writes a mapping of only nulls as a set
    head = shown_key + ":"
    scalar = not isinstance(value, (dict, list))
    value_ctx = replace(inner, implicit_key=False, indent_at_start=len(to_units(head)) + 1 if scalar else None)
    shown = _stringify(value, value_ctx)
    if not scalar:
        flow = shown[:1] in ("[", "{")
        space = f"\n{value_ctx.indent}" if not flow or "\n" in shown else " "
    else:
        space = "" if shown[:1] == "\n" else " "
    return head + space + shown


def _js_number(value: float) -> str:
    """JSON.stringify of a JavaScript number (yaml's stringifyNumber), such as 12.5, 3, 1e+21, 1e-7."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise ValueError(f"bilangan {value} melebihi ketelitian JavaScript")
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if value == 0:
        return "0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    figures = "".join(map(str, digits))
    k, n = len(figures), len(figures) + exponent  # Number::toString: value = 0.digits x 10^n
    minus = "-" if sign else ""
    if k <= n <= 21:
        return minus + figures + "0" * (n - k)
    if 0 < n <= 21:
        return minus + figures[:n] + "." + figures[n:]
    if -6 < n <= 0:
        return minus + "0." + "0" * (-n) + figures
    mantissa = figures[0] + ("." + figures[1:] if k > 1 else "")
    return f"{minus}{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
