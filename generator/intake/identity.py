"""How a person's name, phone and email are written and read, for the web form and the guest-book import alike."""

from __future__ import annotations

import re
import unicodedata

# Possessive and atomic throughout: a hostile address can never make these backtrack.
EMAIL = re.compile(r"[^@\s<>\"']{1,64}+@(?>[A-Za-z0-9](?>[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)++[A-Za-z]{2,24}+")
PHONE_SEPARATORS = re.compile(r"[\s().\-\u2010-\u2015\u2212]")  # spaces, brackets, dots and every dash
PHONE = re.compile(r"0[1-9][0-9]{7,11}")  # ASCII digits only: \d would take Arabic-Indic and other scripts' digits
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Text no database can store (lone surrogates from JSON "\udc00"), text lost in decoding (U+FFFD from bytes that
# were not UTF-8) and Unicode noncharacters: refused with the field's own message, never passed to the store.
INVALID = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffd\ufffe\uffff"
                     + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)) + "]")


def clean(value: object) -> str:
    """One form value as tidy text: NFC, no C0/C1 control characters, trimmed (lists and numbers count as text)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if value is None or isinstance(value, (dict, bool)):
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n")
    return CONTROL.sub("", text).strip()


def phone_text(value: str) -> str:
    """NFKC (full-width digits become 0-9) without format characters (WhatsApp copies numbers inside bidi marks)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", value) if unicodedata.category(ch) != "Cf")


def normalise_phone(value: str) -> str | None:
    """0812-3456-7890, +62 812 3456 7890 and 6281234567890 all become 081234567890; None if not Indonesian."""
    digits = PHONE_SEPARATORS.sub("", phone_text(value))
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits if PHONE.fullmatch(digits) else None
