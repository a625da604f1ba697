"""Scalars written as Decap CMS's `yaml` 1.10 writes them: plain where it reads back as the same text, else quoted or a block.

The string half of util/decap_yaml: yaml 1.10.3's stringifyString, plainString, doubleQuotedString,
singleQuotedString, blockString and foldFlowLines (`resolveSeq` in its dist/), ported line for line. Lengths
and indexes count UTF-16 code units, as JavaScript does (`to_units`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

LINE_WIDTH = 80
MIN_CONTENT_WIDTH = 20
MIN_MULTILINE_LENGTH = 40
"""yaml 1.x `strOptions`: fold.lineWidth, fold.minContentWidth, doubleQuoted.minMultiLineLength."""

_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_DOCUMENT_MARKER = re.compile(r"(?:^|(?<=[\n\r\u2028\u2029]))(?:%|---|\.\.\.)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NOT_PLAIN = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]\Z|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]\Z")
_CORE_NOT_TEXT = [
    re.compile(r"(?:~|[Nn]ull|NULL)?"),
    re.compile(r"(?:[Tt]rue|TRUE|[Ff]alse|FALSE)"),
    re.compile(r"0o[0-7]+"),
    re.compile(r"[-+]?[0-9]+"),
    re.compile(r"0x[0-9a-fA-F]+"),
    re.compile(r"(?:[-+]?\.inf|\.nan)", re.IGNORECASE),
    re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+"),
    re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)"),
]
"""The core-schema tags a plain scalar is tested against; matching one means it would not read back as text."""


@dataclass(frozen=True)
class Ctx:
    """Where a scalar is written: its indent, a key or not, and the column its first line starts at."""

    indent: str = ""
    implicit_key: bool = False
    indent_at_start: int | None = None
    force_block_indent: bool = False


def js_trim(text: str) -> str:
    """String.prototype.trim: strip JavaScript's white space from both ends."""
    return re.sub(f"^[{_JS_SPACE}]+|[{_JS_SPACE}]+\\Z", "", text)


def to_units(text: str) -> str:
    """Spell characters beyond U+FFFF as two surrogates, so lengths and indexes are UTF-16 as in JavaScript."""
    return "".join(ch if ord(ch) < 0x10000 else chr(0xD7C0 + (ord(ch) >> 10)) + chr(0xDC00 + (ord(ch) & 0x3FF)) for ch in text)


def from_units(text: str) -> str:
    """Join surrogate pairs back into characters."""
    if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _string(value: str, ctx: Ctx) -> str:
    """stringifyString with an untyped scalar: control characters in double quotes, else plainString."""
    if _CONTROL.search(value):
        return _double_quoted(value, ctx)
    return _plain(value, ctx)


def _plain(value: str, ctx: Ctx) -> str:
    """plainString: bare when it reads back as the same text (core schema, no indicator), else quoted or a block."""
    if ctx.implicit_key and re.search(r"[\n\[\]{},]", value):
        return _double_quoted(value, ctx)
    if not value or _NOT_PLAIN.search(value):
        if ctx.implicit_key or "\n" not in value:
            if '"' in value and "'" not in value:
                return _single_quoted(value, ctx)
            return _double_quoted(value, ctx)
        return _block(value, ctx)
    if not ctx.implicit_key and "\n" in value:
        return _block(value, ctx)
    if ctx.indent == "" and _DOCUMENT_MARKER.search(value):
        return _block(value, replace(ctx, force_block_indent=True))
    text = re.sub(r"\n+", lambda m: m.group(0) + "\n" + ctx.indent, value)
    if any(tag.fullmatch(text) for tag in _CORE_NOT_TEXT):
        return _double_quoted(value, ctx)
    return text if ctx.implicit_key else _fold(text, ctx.indent, "flow", ctx.indent_at_start)


def _json(value: str) -> str:
    """JSON.stringify of a string (non-ASCII kept, control characters escaped)."""
    return json.dumps(value, ensure_ascii=False)


def _double_quoted(value: str, ctx: Ctx) -> str:
    """doubleQuotedString: JSON escapes, YAML's short escapes, newlines kept as folded line breaks when long."""
    data = _json(value)
    indent = ctx.indent or ("  " if _DOCUMENT_MARKER.search(value) else "")
    out, start, i = "", 0, 0
    while i < len(data):
        ch = data[i]
        if ch == " " and data[i + 1:i + 3] == "\\n":
            out += data[start:i] + "\\ "  # a space before a newline is escaped so folding keeps it
            i += 1
            start = i
            ch = "\\"
        if ch == "\\":
            nxt = data[i + 1:i + 2]
            if nxt == "u":
                out += data[start:i]
                code = data[i + 2:i + 6]
                named = {"0000": "\\0", "0007": "\\a", "000b": "\\v", "001b": "\\e",
                         "0085": "\\N", "00a0": "\\_", "2028": "\\L", "2029": "\\P"}
                out += named.get(code, "\\x" + code[2:] if code[:2] == "00" else data[i:i + 6])
                i += 5
                start = i + 1
            elif nxt == "n":
                if ctx.implicit_key or data[i + 2:i + 3] == '"' or len(data) < MIN_MULTILINE_LENGTH:
                    i += 1
                else:
                    out += data[start:i] + "\n\n"  # folding eats the first newline
                    while data[i + 2:i + 4] == "\\n" and data[i + 4:i + 5] != '"':
                        out += "\n"
                        i += 2
                    out += indent
                    if data[i + 2:i + 3] == " ":
                        out += "\\"
                    i += 1
                    start = i + 1
            else:
                i += 1
        i += 1
    out = out + data[start:] if start else data
    return out if ctx.implicit_key else _fold(out, indent, "quoted", ctx.indent_at_start)


def _single_quoted(value: str, ctx: Ctx) -> str:
    """singleQuotedString: for text with `"` and no `'`; double quotes where a newline meets white space."""
    if ctx.implicit_key:
        if "\n" in value:
            return _double_quoted(value, ctx)
    elif re.search(r"[ \t]\n|\n[ \t]", value):
        return _double_quoted(value, ctx)
    indent = ctx.indent or ("  " if _DOCUMENT_MARKER.search(value) else "")
    quoted = "'" + re.sub(r"\n+", lambda m: m.group(0) + "\n" + indent, value.replace("'", "''")) + "'"
    return quoted if ctx.implicit_key else _fold(quoted, indent, "flow", ctx.indent_at_start)


def _block(value: str, ctx: Ctx) -> str:
    """blockString: `|` when no line is too long, else `>` folded; chomping `-` or `+` as the end needs."""
    if re.search(r"\n[\t ]+\Z", value) or re.fullmatch(f"[{_JS_SPACE}]*", value):
        return _double_quoted(value, ctx)
    indent = ctx.indent or ("  " if ctx.force_block_indent or _DOCUMENT_MARKER.search(value) else "")
    indent_size = "2" if indent else "1"
    literal = not _over_limit(value, LINE_WIDTH, len(indent))
    header = "|" if literal else ">"
    tail = re.search(r"[\n\t ]*\Z", value)
    ws = tail.group(0)
    newline = ws.find("\n")
    if newline == -1:
        header += "-"
    elif value == ws or newline != len(ws) - 1:
        header += "+"
    ws_end = ws[:-1] if ws.endswith("\n") else ws
    value = value[: tail.start()]
    head = re.match(r"[\n ]*", value).group(0)
    if " " in head:
        header += indent_size
    spaces = re.search(r" +\Z", head)
    if spaces:
        ws_start = head[: spaces.start()]
        value = spaces.group(0) + value[len(head):]
    else:
        ws_start = head
        value = value[len(head):]
    if ws_end:
        ws_end = re.sub(r"\n+(?!\n|\Z)", lambda m: m.group(0) + indent, ws_end)
    if ws_start:
        ws_start = re.sub(r"\n+", lambda m: m.group(0) + indent, ws_start)
    if not value:
        return f"{header}{indent_size}\n{indent}{ws_end}"
    if literal:
        value = re.sub(r"\n+", lambda m: m.group(0) + indent, value)
        return f"{header}\n{indent}{ws_start}{value}{ws_end}"
    value = re.sub(r"\n+", lambda m: "\n" + m.group(0), value)
    value = re.sub(r"(?:^|\n)([\t ][^\n\r\u2028\u2029]*)(?:([\n\t ]*)\n(?![\n\t ]))?",
                   lambda m: m.group(1) + (m.group(2) or ""), value)
    value = re.sub(r"\n+", lambda m: m.group(0) + indent, value)
    return f"{header}\n{indent}" + _fold(f"{ws_start}{value}{ws_end}", indent, "block", None)


def _over_limit(text: str, width: int, indent_length: int) -> bool:
    """lineLengthOverLimit: does any line pass the width left after the indent."""
    limit = width - indent_length
    if len(text) <= limit:
        return False
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i - start > limit:
                return True
            start = i + 1
            if len(text) - start <= limit:
                return False
    return True


def _more_indented(text: str, i: int) -> int:
    """consumeMoreIndentedLines: the index of the last newline of a more-indented run after i."""
    ch = text[i + 1] if i + 1 < len(text) else ""
    while ch in (" ", "\t") and ch:
        while True:
            i += 1
            ch = text[i] if i < len(text) else ""
            if not ch or ch == "\n":
                break
        ch = text[i + 1] if i + 1 < len(text) else ""
    return i


def _fold(text: str, indent: str, mode: str, indent_at_start: int | None) -> str:
    """foldFlowLines: break at single spaces so lines keep to LINE_WIDTH, as yaml 1.x does."""
    end_step = max(1 + MIN_CONTENT_WIDTH, 1 + LINE_WIDTH - len(indent))
    if len(text) <= end_step:
        return text
    folds: list[int] = []
    escaped: set[int] = set()
    end = LINE_WIDTH - len(indent)
    if indent_at_start:  # getFoldOptions passes it only when truthy
        if indent_at_start > LINE_WIDTH - max(2, MIN_CONTENT_WIDTH):
            folds.append(0)
        else:
            end = LINE_WIDTH - indent_at_start
    split: int | None = None
    prev: str | None = None
    i, esc_start, esc_end = -1, -1, -1
    if mode == "block":
        i = _more_indented(text, i)
        if i != -1:
            end = i + end_step

    def at(k: int) -> str:
        """text[k] as JavaScript reads it: nothing past either end."""
        return text[k] if 0 <= k < len(text) else ""

    while True:
        i += 1
        ch = at(i)
        if not ch:
            break
        if mode == "quoted" and ch == "\\":
            esc_start = i
            i += {"x": 3, "u": 5, "U": 9}.get(at(i + 1), 1)
            esc_end = i
        if ch == "\n":
            if mode == "block":
                i = _more_indented(text, i)
            end = i + end_step
            split = None
        else:
            if ch == " " and prev and prev not in " \n\t":
                nxt = at(i + 1)
                if nxt and nxt not in " \n\t":
                    split = i
            if i >= end:
                if split:
                    folds.append(split)
                    end = split + end_step
                    split = None
                elif mode == "quoted":
                    while prev in (" ", "\t"):
                        prev = ch
                        i += 1
                        ch = at(i)
                    j = i - 2 if i > esc_end + 1 else esc_start - 1
                    if j in escaped:
                        return text
                    folds.append(j)
                    escaped.add(j)
                    end = j + end_step
                    split = None
        prev = ch
    if not folds:
        return text
    out = text[: folds[0]]
    for n, fold in enumerate(folds):
        stop = folds[n + 1] if n + 1 < len(folds) and folds[n + 1] else len(text)
        if fold == 0:
            out = f"\n{indent}{text[:stop]}"
        else:
            if mode == "quoted" and fold in escaped:
                out += f"{text[fold]}\\"
            out += f"\n{indent}{text[fold + 1:stop]}"
    return out


def text(value: str, ctx: Ctx) -> str:
    """A text scalar (a value or, with ctx.implicit_key, a key) as yaml 1.10 writes it."""
    return from_units(_string(to_units(value), ctx))
