"""Mask personal data in a citizen's question before it can reach git, a PR or a log (UU 27/2022).

Every pattern matches in linear time: runs of letters, digits and spaces are possessive (`++`, `*+`) or atomic,
repetitions that must give back (an e-mail's last dot, a street's house number) give back whole words only, and
the rest of a digit run is judged in Python from its groups, so hostile input cannot make a pattern backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.intake.privacy.digit_runs import DIRTY_END, RUN, SEP, runs, windows
from generator.intake.privacy.normalise import normalise

MASK = "[disamarkan]"
MAX_CHARS = 20_000  # the form allows 4,000; anything longer is refused rather than scanned


class RedactionError(Exception):
    """Redaction refused or could not finish; the message is Indonesian and never holds the text."""


class TextTooLong(RedactionError, ValueError):
    """The text is longer than MAX_CHARS (before or after normalisation)."""

    def __init__(self, length: int):
        super().__init__(f"teks {_dotted(length)} karakter, melebihi batas penyamaran {_dotted(MAX_CHARS)} karakter")


def _dotted(number: int) -> str:
    """20000 -> 20.000, as Indonesian writes it."""
    return f"{number:,}".replace(",", ".")


@dataclass(frozen=True)
class Span:
    """One piece of personal data found in a text."""

    start: int
    end: int
    kind: str


_MONEY_BEFORE = re.compile(r"(?:\brp\.?|\bidr|\$)\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:,-|rupiah|ribu|rb\b|juta|jt\b|miliar|milyar|m2|meter|km|kg|persen|%)", re.IGNORECASE)
_FILLER = r"[\s:.=#-]*+(?:(?>nomor|no\.?|saya|kami|adalah|yaitu|ialah)[\s:.=#-]*+){0,2}"
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:[.,]\d{3})+$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _looks_like_money(text: str, start: int, end: int) -> bool:
    """Amounts, areas and prices are part of the question, not identity: keep them."""
    value = text[start:end].strip()
    return bool(
        _MONEY_BEFORE.search(text[max(0, start - 5) : start])
        or _MONEY_AFTER.match(text[end : end + 10])
        or _THOUSANDS.match(value)
    )


# --- e-mail ---------------------------------------------------------------------------------
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")  # starts only at a word's start
_TLD = r"(?:com|id|net|org|co|ac|go|sch|or|web|my|info|biz|edu|gov)"
_DOT = r"(?>\s*+\.\s*+|\s*+[(\[{]\s*+(?:dot|titik)\s*+[)\]}]\s*+|\s++(?:dot|titik)\s++)"
_AT = r"(?>\s*+@\s*+|\s*+[(\[{]\s*+(?:at|et)\s*+[)\]}]\s*+|\s++(?:at|et)\s++)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])[a-z0-9][\w.+-]*+{_AT}[a-z0-9-]++(?:{_DOT}[a-z0-9-]++)*{_DOT}{_TLD}\b", re.IGNORECASE
)


def _emails(text: str) -> Iterator[Span]:
    for pattern in (_EMAIL, _EMAIL_OBFUSCATED):
        for m in pattern.finditer(text):
            yield Span(m.start(), m.end(), "email")


# --- NIK and KK (16 digits, possibly grouped) ----------------------------------------------
_ID_CONTEXT = re.compile(
    rf"\b(?P<kind>nik|ktp|e-ktp|nomor induk kependudukan|kk|kartu keluarga|no\.?\s*+kk|nokk)\b{_FILLER}(?P<num>{RUN})",
    re.IGNORECASE,
)
_NO_ID_BEFORE = re.compile(r"[\w./]")
_ID_BOUNDARY = " -,"  # where a NIK may start or end inside a run (a dot groups digits: 3201.0123.4567.0001)


def _identity_numbers(text: str) -> Iterator[Span]:
    for m in _ID_CONTEXT.finditer(text):
        if 12 <= len(_digits(m["num"])) <= 18:
            kind = "kk" if m["kind"].lower().replace(".", "").replace(" ", "") in {"kk", "kartukeluarga", "nokk"} else "nik"
            yield Span(m.start("num"), m.end("num"), kind)
    for run in runs(text)[0]:
        for start, end in windows(text, run, 16, _ID_BOUNDARY, _NO_ID_BEFORE):
            if not _looks_like_money(text, start, end):
                yield Span(start, end, "nik")


_NPWP = re.compile(r"(?<![\w.])\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)|\bnpwp\b" + _FILLER + RUN, re.IGNORECASE)


def _tax_numbers(text: str) -> Iterator[Span]:
    for m in _NPWP.finditer(text):
        digits = re.search(r"\d", m.group())
        if digits and len(_digits(m.group())) >= 15:
            yield Span(m.start() + digits.start(), m.end(), "npwp")


# --- bank accounts (10-16 digits starting within 40 characters after a bank word) -----------
_BANK_WORDS = (
    r"rek(?:ening)?|no\.?\s*+rek|norek|nomor\s++rekening|a/n|atas\s++nama|account|virtual\s++account|va|"
    r"bri|bni|bca|bsi|btn|mandiri|cimb(?:\s++niaga)?|danamon|permata|bjb|bank\s++\w++|jago|seabank|dana|ovo|gopay"
)
_BANK_WORD = re.compile(rf"\b(?:{_BANK_WORDS})\b", re.IGNORECASE)
_BANK_REACH = 40
_SENTENCE_END = re.compile(r"[\n.!?]")
_ACCOUNT_START = re.compile(r"(?<![\w.,])\d")
_WORD_CHAR = re.compile(r"\w")


def _bank_reach(text: str) -> list[list[int]]:
    """The stretches where an account number may start: up to 40 characters after a bank word, same sentence."""
    reach: list[list[int]] = []
    for m in _BANK_WORD.finditer(text):
        low, high = m.end(), min(len(text), m.end() + _BANK_REACH + 1)
        stop = _SENTENCE_END.search(text, low, high)
        high = stop.start() if stop else high
        if reach and low <= reach[-1][1]:
            reach[-1][1] = max(reach[-1][1], high)
        else:
            reach.append([low, high])
    return reach


def _bank_accounts(text: str) -> Iterator[Span]:
    groups = runs(text)[1]
    for low, high in _bank_reach(text):
        for m in _ACCOUNT_START.finditer(text, low, high):
            if m.start() not in groups:
                continue
            run, i = groups[m.start()]
            last = len(run.starts) - 1
            j = last if not _WORD_CHAR.match(text, run.ends[last]) else last - 1  # never end right before a letter
            if j >= i and 10 <= run.digits(i, j) <= 16 and not _looks_like_money(text, m.start(), run.ends[j]):
                yield Span(m.start(), run.ends[j], "rekening")


# --- telephone numbers ----------------------------------------------------------------------
_PHONE_GROUPS = 14  # a number is cut into pieces of this many groups; a phone has at most 12 digits after the 0
_PHONE_AT = re.compile(rf"(?P<prefix>\+\s?62|\(\+?62\)|62|\(0\d{{1,3}}\)|0)(?P<rest>(?:{SEP}?\(?\d++\)?){{1,{_PHONE_GROUPS}}}+)")
_PHONE = re.compile(rf"(?<![\w+./])(?<!\d,){_PHONE_AT.pattern}")  # not inside a word, a decimal or 1,500,000
_PHONE_GROUP = re.compile(r"\d++\)?")
_MORE_DIGITS = re.compile(rf"{SEP}?\(?\d")
_PHONE_CONTEXT = re.compile(
    rf"\b(?:hp|wa|whatsapp|telp|telepon|tlp|telfon|nomor\s++hp|no\.?\s*+hp|no\.?\s*+wa|no\.?\s*+telp|kontak|hubungi|sms)\b{_FILLER}(?P<num>\+?{RUN})",
    re.IGNORECASE,
)
_BARE_MOBILE = re.compile(rf"(?<![\w+./])(?<!\d,)8[1-9]\d(?:{SEP}?\d){{7,9}}(?![\w/]|[.,]\d)")


def _phone_end(text: str, m: re.Match) -> tuple[int, str] | None:
    """End and first national digit of the longest valid phone number in the match (a run may swallow a year)."""
    lead = _digits(m["prefix"])[1:] if m["prefix"].startswith("(0") else ""  # (021) 555-1234: the area code counts
    ends, counts, count = [], [], len(lead)
    for g in _PHONE_GROUP.finditer(text, m.start("rest"), m.end("rest")):
        count += len(g.group().rstrip(")"))
        ends.append(g.end())
        counts.append(count)
    first = (lead or _digits(m["rest"]))[:1]
    cut = len(ends) == _PHONE_GROUPS and _MORE_DIGITS.match(text, m.end())  # a longer run: judge this piece
    last = len(ends) - 1 if cut else max((k for k, end in enumerate(ends) if not DIRTY_END.match(text, end)), default=-1)
    if first not in set("23456789"):
        return None
    for k in range(last, -1, -1):
        if 8 <= counts[k] <= 12:
            return ends[k], first
    return None


def _phones(text: str) -> Iterator[Span]:
    for m in _BARE_MOBILE.finditer(text):
        if not _looks_like_money(text, m.start(), m.end()):
            yield Span(m.start(), m.end(), "telepon")
    for m in _PHONE.finditer(text):
        while m is not None:  # 081234567890,081298765432: the next number may start where this one ends
            found = _phone_end(text, m)
            if found is None:
                break
            end, first = found
            explicit = m["prefix"].startswith(("+", "(")) or m["prefix"] == "0"
            if not explicit and (first != "8" or _looks_like_money(text, m.start(), end)):
                break
            if m["prefix"] == "0" and _looks_like_money(text, m.start(), end):
                break
            yield Span(m.start(), end, "telepon")
            m = _PHONE_AT.match(text, end + (text[end : end + 1] in " .,-"), m.end()) if end < m.end() else None
    for m in _PHONE_CONTEXT.finditer(text):
        if 8 <= len(_digits(m["num"])) <= 14 and not _looks_like_money(text, m.start("num"), m.end("num")):
            yield Span(m.start("num"), m.end("num"), "telepon")


# --- street addresses -----------------------------------------------------------------------
_STOP = (
    r"yang|dan|di|ke|dari|sudah|belum|itu|ini|saya|kami|apakah|apa|bagaimana|untuk|dengan|karena|tapi|"
    r"atau|ada|tidak|bisa|mau|akan|sedang|pada|dekat|depan|samping|belakang|rusak|kec|kel|desa|kelurahan|"
    r"kecamatan|kabupaten|kab|kota|rt|rw|blok|no|nomor"
)
_WORD = rf"(?!(?:{_STOP})\b)[\w'&/-]++\.?+\s*+"  # one whole word (never part of one) and the spaces after it
_NAME = r"(?-i:[A-Z0-9])[\w'-]*+"  # a capitalised word or a number
_NUMBER = r"(?:,?\s*+(?:nomor|no)\.?\s*+\d++[a-z]?(?:\s*+/\s*+\d++[a-z]?)?)"
_RT_RW = (
    r"(?:rt\s*+/\s*+rw\s*+[.:]?\s*+\d{1,3}\s*+/\s*+\d{1,3}|rt\s*+[.:]?\s*+\d{1,3}\s*+(?:/\s*+|,?\s*+)rw\s*+[.:]?\s*+\d{1,3}"
    r"|r[tw]\s*+[.:]?\s*+0*\d{1,3}\b)"
)
_BLOK = r"(?:(?i:blok)\s++[A-Z]{1,2}[- ]?\d{0,3}[a-z]?(?:\s*+/\s*+\d++)?(?:\s*+(?i:nomor|no)\.?\s*+\d++[a-z]?)?)"
_ADDRESS_PATTERNS = [
    re.compile(rf"\b(?:jl|jln)\.?\s*+(?:{_WORD}){{1,5}}{_NUMBER}?", re.IGNORECASE),
    re.compile(rf"\b(?:jalan|gang)\s++{_NAME}(?:\s++{_NAME}){{0,4}}{_NUMBER}?", re.IGNORECASE),
    re.compile(rf"\bjalan\s++(?:{_WORD}){{1,4}}{_NUMBER}", re.IGNORECASE),
    re.compile(rf"\bgg\.?\s*+(?:{_WORD}){{1,4}}{_NUMBER}?", re.IGNORECASE),
    re.compile(
        rf"\b(?i:perumahan|perum|komplek|kompleks|griya|villa|cluster|klaster)\s++[A-Z0-9][\w'-]*+(?:\s++[A-Z0-9][\w'-]*+){{0,4}},?\s*+(?:{_BLOK}|(?i:{_NUMBER}))"
    ),
    re.compile(rf"\b{_BLOK}"),
    re.compile(rf"\b{_RT_RW}", re.IGNORECASE),
]


def _addresses(text: str) -> Iterator[Span]:
    for pattern in _ADDRESS_PATTERNS:
        for m in pattern.finditer(text):
            yield Span(m.start(), m.start() + len(m.group().rstrip(" ,.")), "alamat")


DETECTORS: list[Callable[[str], Iterator[Span]]] = [_emails, _identity_numbers, _tax_numbers, _bank_accounts, _phones, _addresses]


def prepared(text: str) -> str:
    """The text the detectors read: normalised (see normalise.py), at most MAX_CHARS long, else TextTooLong."""
    if len(text) > MAX_CHARS:
        raise TextTooLong(len(text))
    text = normalise(text)
    if len(text) > MAX_CHARS:  # NFKC can lengthen a text (one ligature becomes up to 18 letters)
        raise TextTooLong(len(text))
    return text


def find_spans(text: str) -> list[Span]:
    """Every piece of personal data the detectors recognise in an already prepared() text, in text order."""
    return sorted({span for detect in DETECTORS for span in detect(text)}, key=lambda s: (s.start, -s.end))


def find_personal_data(text: str) -> list[str]:
    """Return the kinds of personal data still detectable (e.g. ["email", "telepon"]); [] when clean.

    The text is normalised first, like in redact(); its length is not capped here because masks are longer than
    what they hide, and every detector is linear."""
    return sorted({span.kind for span in find_spans(normalise(text))})


def _mask_once(text: str) -> str:
    merged: list[list[int]] = []
    for span in find_spans(text):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    out, position = [], 0
    for start, end in merged:
        out.append(text[position:start])
        out.append(MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


def redact(text: str) -> str:
    """Replace phones, e-mails, NIK/KK, NPWP, bank accounts and street addresses with [disamarkan].

    The result is the normalised text (see normalise.py) with the masks in it; longer than MAX_CHARS: TextTooLong."""
    text = prepared(text)
    for _ in range(3):  # a masked piece can expose a neighbour (e.g. the rest of a long number)
        masked = _mask_once(text)
        if masked == text:
            break
        text = masked
    return text
