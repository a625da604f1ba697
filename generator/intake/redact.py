"""Mask personal data in a citizen's question before it can reach git, a PR or a log (UU 27/2022)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MASK = "[disamarkan]"

_SEP = r"[ .\-]"
_RUN = rf"\d(?:{_SEP}?\d)*"  # digits with single separators between them
_MONEY_BEFORE = re.compile(r"(?:\brp\.?|\bidr|\$)\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*(?:,-|rupiah|ribu|rb\b|juta|jt\b|miliar|milyar|m2|meter|km|kg|persen|%)", re.IGNORECASE)
_FILLER = r"[\s:.=#-]*(?:(?:nomor|no\.?|saya|kami|adalah|yaitu|ialah)[\s:.=#-]*){0,2}"
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:[.,]\d{3})+$")


@dataclass(frozen=True)
class Span:
    """One piece of personal data found in a text."""

    start: int
    end: int
    kind: str


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
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)  # starts only at a word's start
_TLD = r"(?:com|id|net|org|co|ac|go|sch|or|web|my|info|biz|edu|gov)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{]\s*(?:dot|titik)\s*[)\]}]\s*|\s+(?:dot|titik)\s+)"
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|et)\s*[)\]}]\s*|\s+(?:at|et)\s+)"
_EMAIL_OBFUSCATED = re.compile(
    rf"(?<![\w.+-])[a-z0-9][\w.+-]*{_AT}[a-z0-9-]+(?:{_DOT}[a-z0-9-]+)*{_DOT}{_TLD}\b", re.IGNORECASE
)


def _emails(text: str) -> Iterator[Span]:
    for pattern in (_EMAIL, _EMAIL_OBFUSCATED):
        for m in pattern.finditer(text):
            yield Span(m.start(), m.end(), "email")


# --- NIK and KK (16 digits, possibly grouped) ----------------------------------------------
_ID_RUN = re.compile(rf"(?<![\w.,/]){_RUN}(?![\w/]|[.,]\d)")
_ID_CONTEXT = re.compile(
    rf"\b(?P<kind>nik|ktp|e-ktp|nomor induk kependudukan|kk|kartu keluarga|no\.?\s*kk|nokk)\b{_FILLER}(?P<num>{_RUN})",
    re.IGNORECASE,
)


def _identity_numbers(text: str) -> Iterator[Span]:
    for m in _ID_CONTEXT.finditer(text):
        if 12 <= len(_digits(m["num"])) <= 18:
            kind = "kk" if m["kind"].lower().replace(".", "").replace(" ", "") in {"kk", "kartukeluarga", "nokk"} else "nik"
            yield Span(m.start("num"), m.end("num"), kind)
    for m in _ID_RUN.finditer(text):
        if len(_digits(m.group())) == 16 and not _looks_like_money(text, m.start(), m.end()):
            yield Span(m.start(), m.end(), "nik")


_NPWP = re.compile(r"(?<![\w.])\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?!\d)|\bnpwp\b" + _FILLER + _RUN, re.IGNORECASE)


def _tax_numbers(text: str) -> Iterator[Span]:
    for m in _NPWP.finditer(text):
        digits = re.search(r"\d", m.group())
        if digits and len(_digits(m.group())) >= 15:
            yield Span(m.start() + digits.start(), m.end(), "npwp")


# --- bank accounts (10-16 digits near a bank word) -----------------------------------------
_BANK_WORDS = (
    r"rek(?:ening)?|no\.?\s*rek|norek|nomor\s+rekening|a/n|atas\s+nama|account|virtual\s+account|va|"
    r"bri|bni|bca|bsi|btn|mandiri|cimb(?:\s+niaga)?|danamon|permata|bjb|bank\s+\w+|jago|seabank|dana|ovo|gopay"
)
_BANK = re.compile(rf"\b(?:{_BANK_WORDS})\b[^\n.!?]{{0,40}}?(?P<num>(?<![\w.,]){_RUN})(?!\w)", re.IGNORECASE)


def _bank_accounts(text: str) -> Iterator[Span]:
    for m in _BANK.finditer(text):
        start, end = m.span("num")
        if 10 <= len(_digits(m["num"])) <= 16 and not _looks_like_money(text, start, end):
            yield Span(start, end, "rekening")


# --- telephone numbers ----------------------------------------------------------------------
_PHONE = re.compile(
    rf"(?<![\w+.,/])(?P<prefix>\+\s?62|\(\+?62\)|62|\(0\d{{1,3}}\)|0)(?P<rest>{_SEP}?\(?\d+\)?(?:{_SEP}?\(?\d+\)?)*)(?![\w/]|[.,]\d)"
)
_PHONE_CONTEXT = re.compile(
    rf"\b(?:hp|wa|whatsapp|telp|telepon|tlp|telfon|nomor\s+hp|no\.?\s*hp|no\.?\s*wa|no\.?\s*telp|kontak|hubungi|sms)\b{_FILLER}(?P<num>\+?{_RUN})",
    re.IGNORECASE,
)


def _national(prefix: str, rest: str) -> str:
    """The number without its trunk 0 or country code 62, e.g. 81234567890."""
    if prefix.startswith("(0"):
        return _digits(prefix)[1:] + _digits(rest)
    return _digits(rest)


def _phone_end(text: str, m: re.Match) -> int | None:
    """End of the longest valid phone number in the match (a run may swallow a following year)."""
    groups = list(re.finditer(r"\d+\)?", m["rest"]))
    for count in range(len(groups), 0, -1):
        rest = m["rest"][: groups[count - 1].end()]
        national = _national(m["prefix"], rest)
        if national[:1] in set("23456789") and 8 <= len(national) <= 12:
            return m.start("rest") + len(rest)
    return None


_BARE_MOBILE = re.compile(rf"(?<![\w+.,/])8[1-9]\d(?:{_SEP}?\d){{7,9}}(?![\w/]|[.,]\d)")


def _phones(text: str) -> Iterator[Span]:
    for m in _BARE_MOBILE.finditer(text):
        if not _looks_like_money(text, m.start(), m.end()):
            yield Span(m.start(), m.end(), "telepon")
    for m in _PHONE.finditer(text):
        end = _phone_end(text, m)
        if end is None:
            continue
        explicit = m["prefix"].startswith(("+", "(")) or m["prefix"] == "0"
        if not explicit and (not _national(m["prefix"], m["rest"]).startswith("8") or _looks_like_money(text, m.start(), end)):
            continue
        if m["prefix"] == "0" and _looks_like_money(text, m.start(), end):
            continue
        yield Span(m.start(), end, "telepon")
    for m in _PHONE_CONTEXT.finditer(text):
        if 8 <= len(_digits(m["num"])) <= 14 and not _looks_like_money(text, m.start("num"), m.end("num")):
            yield Span(m.start("num"), m.end("num"), "telepon")


# --- street addresses -----------------------------------------------------------------------
_STOP = (
    r"yang|dan|di|ke|dari|sudah|belum|itu|ini|saya|kami|apakah|apa|bagaimana|untuk|dengan|karena|tapi|"
    r"atau|ada|tidak|bisa|mau|akan|sedang|pada|dekat|depan|samping|belakang|rusak|kec|kel|desa|kelurahan|"
    r"kecamatan|kabupaten|kab|kota|rt|rw|blok|no|nomor"
)
_WORD = rf"(?!(?:{_STOP})\b)[\w'&/-]+\.?"
_NUMBER = r"(?:,?\s*(?:no|nomor)\.?\s*\d+[a-z]?(?:\s*/\s*\d+[a-z]?)?)"
_RT_RW = r"(?:rt\s*/\s*rw\s*[.:]?\s*\d{1,3}\s*/\s*\d{1,3}|rt\s*[.:]?\s*\d{1,3}(?:\s*/\s*|\s*,?\s*)rw\s*[.:]?\s*\d{1,3}|r[tw]\s*[.:]?\s*0*\d{1,3}\b)"
_BLOK = r"(?:(?i:blok)\s+[A-Z]{1,2}[- ]?\d{0,3}[a-z]?(?:\s*/\s*\d+)?(?:\s*(?i:no|nomor)\.?\s*\d+[a-z]?)?)"
_ADDRESS_PATTERNS = [
    re.compile(rf"\b(?:jl|jln)\.?\s*(?:{_WORD}\s*){{1,5}}{_NUMBER}?", re.IGNORECASE),
    re.compile(rf"\b(?:jalan|gang)\s+(?-i:[A-Z0-9])[\w'-]*(?:\s+(?-i:[A-Z0-9])[\w'-]*){{0,4}}{_NUMBER}?", re.IGNORECASE),
    re.compile(rf"\bjalan\s+(?:{_WORD}\s*){{1,4}}{_NUMBER}", re.IGNORECASE),
    re.compile(rf"\bgg\.?\s*(?:{_WORD}\s*){{1,4}}{_NUMBER}?", re.IGNORECASE),
    re.compile(
        rf"\b(?i:perumahan|perum|komplek|kompleks|griya|villa|cluster|klaster)\s+[A-Z0-9][\w'-]*(?:\s+[A-Z0-9][\w'-]*){{0,4}},?\s*(?:{_BLOK}|(?i:{_NUMBER}))"
    ),
    re.compile(rf"\b{_BLOK}"),
    re.compile(rf"\b{_RT_RW}", re.IGNORECASE),
]


def _addresses(text: str) -> Iterator[Span]:
    for pattern in _ADDRESS_PATTERNS:
        for m in pattern.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in " ,.":
                end -= 1
            yield Span(m.start(), end, "alamat")


DETECTORS: list[Callable[[str], Iterator[Span]]] = [_emails, _identity_numbers, _tax_numbers, _bank_accounts, _phones, _addresses]


def find_spans(text: str) -> list[Span]:
    """Every piece of personal data the detectors recognise, in text order."""
    return sorted({span for detect in DETECTORS for span in detect(text)}, key=lambda s: (s.start, -s.end))


def find_personal_data(text: str) -> list[str]:
    """Return the kinds of personal data still detectable (e.g. ["email", "telepon"]); [] when clean."""
    return sorted({span.kind for span in find_spans(text)})


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
    """Replace phones, e-mails, NIK/KK, NPWP, bank accounts and street addresses with [disamarkan]."""
    for _ in range(3):  # a masked piece can expose a neighbour (e.g. the rest of a long number)
        masked = _mask_once(text)
        if masked == text:
            break
        text = masked
    return text
