"""One canonical spelling of a question before personal data is looked for, so no look-alike character hides it."""

from __future__ import annotations

import unicodedata

MAX_MARKS = 16  # combining marks kept in a row: NFKC reorders them in quadratic time, and no real word needs more

# Characters that look like a space but are letters or symbols to Unicode (braille blank, Hangul fillers).
_BLANK_LOOKALIKES = frozenset("\u2800\u3164\u115f\u1160\uffa0")
# Characters that look like a dot between digit groups (middle dots, katakana middle dot, ideographic full stop).
_DOT_LOOKALIKES = frozenset("\u00b7\u0387\u2027\u2219\u22c5\u30fb\u3002")
# Minus signs that are not Unicode dash punctuation (Pd) but read as a hyphen.
_MINUS_LOOKALIKES = frozenset("\u2212\u2043\u02d7\u2796")
# ASCII: tab-like characters become a space, carriage returns a newline, other control characters vanish.
_ASCII = {code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]} | {0x09: " ", 0x0B: " ", 0x0C: " ", 0x0D: "\n"}
_ASCII_CHARS = {chr(code): value or "" for code, value in _ASCII.items()}


def _limit_marks(text: str) -> str:
    """Drop combining marks past MAX_MARKS in a row (a 'zalgo' flood would make NFKC take seconds)."""
    out, run = [], 0
    for ch in text:
        run = run + 1 if unicodedata.combining(ch) else 0
        if run <= MAX_MARKS:
            out.append(ch)
    return "".join(out)


def _replacement(ch: str, category: str) -> str:
    """What one non-ASCII character (already NFKC) stands for when looking for personal data."""
    if category == "Zs" or ch in _BLANK_LOOKALIKES:
        return " "
    if category in ("Zl", "Zp") or ch == "\x85":
        return "\n"
    if category in ("Cf", "Cc", "Cs"):  # zero-width and format characters, soft hyphen, lone surrogates
        return ""
    if category == "Nd":  # digits of any script: Arabic-Indic, Devanagari, Thai ...
        return str(unicodedata.decimal(ch))
    if category == "Pd" or ch in _MINUS_LOOKALIKES:
        return "-"
    if ch in _DOT_LOOKALIKES:
        return "."
    return ch


def _map(text: str) -> str:
    out: list[str] = []
    after_letter = False  # a combining mark is kept only on a letter: on a digit or a sign it only disguises it
    for ch in text:
        if ch < "\x80":
            piece = _ASCII_CHARS.get(ch, ch)
        else:
            category = unicodedata.category(ch)
            if category[0] == "M":
                if after_letter:
                    out.append(ch)
                continue
            piece = _replacement(ch, category)
        if piece:
            out.append(piece)
            after_letter = piece[-1].isalpha()
    return "".join(out)


def normalise(text: str) -> str:
    """NFKC, every space a space, zero-width and format characters gone, every digit an ASCII digit."""
    text = text.replace("\r\n", "\n")
    if text.isascii():
        return text.translate(_ASCII)
    text = _map(unicodedata.normalize("NFKC", _limit_marks(text)))
    return text if text.isascii() else unicodedata.normalize("NFKC", text)
