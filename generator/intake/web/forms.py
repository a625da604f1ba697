"""The citizen's form: what each field must hold, with an Indonesian message per field."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from generator.config.wilayah import Wilayah
from generator.intake.model import NewSubmission

QUESTION_MIN, QUESTION_MAX = 20, 4000
FIELDS = ("nama", "telepon", "email", "provinsi", "kabupaten_kota", "bidang", "pertanyaan", "setuju")
# Possessive and atomic throughout: a hostile address can never make these backtrack.
EMAIL = re.compile(r"[^@\s<>\"']{1,64}+@(?>[A-Za-z0-9](?>[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)++[A-Za-z]{2,24}+")
PHONE_SEPARATORS = re.compile(r"[\s().\-\u2010-\u2015\u2212]")  # spaces, brackets, dots and every dash
PHONE = re.compile(r"0[1-9][0-9]{7,11}")  # ASCII digits only: \d would take Arabic-Indic and other scripts' digits
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Text no database can store (lone surrogates from JSON "\udc00"), text lost in decoding (U+FFFD from bytes that
# were not UTF-8) and Unicode noncharacters: refused with the field's own message, never passed to the store.
INVALID = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffd\ufffe\uffff"
                     + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)) + "]")
LABELS = {"nama": "Nama", "telepon": "Nomor telepon/WhatsApp", "email": "Alamat email", "provinsi": "Provinsi",
          "kabupaten_kota": "Kabupaten/kota", "bidang": "Bidang", "pertanyaan": "Pertanyaan", "setuju": "Persetujuan"}


class PertanyaanMasuk(BaseModel):
    """The body of POST /api/pertanyaan (form fields or JSON with the same names)."""

    nama: str = Field("", description="Nama penanya (2-100 karakter). Tidak pernah dipublikasikan.")
    telepon: str = Field("", description="Nomor telepon/WhatsApp Indonesia, mis. 0812 3456 7890 atau +62 812 3456 7890.")
    email: str = Field("", description="Email (boleh kosong) untuk pemberitahuan jawaban.")
    provinsi: str = Field("", description="Nama provinsi dari site_config/wilayah.yml.")
    kabupaten_kota: str = Field("", description="Nama kabupaten/kota di provinsi itu.")
    bidang: str = Field("", description="Slug bidang dari taxonomy.yml, mis. pembiayaan.")
    pertanyaan: str = Field("", description=f"Pertanyaan, {QUESTION_MIN}-{QUESTION_MAX} karakter.")
    setuju: str = Field("", description="'ya' bila penanya menyetujui pemberitahuan privasi.")
    token_formulir: str = Field("", description="Token dari halaman formulir atau GET /api/formulir (waktu isi minimum).")
    altcha: str = Field("", description="Jawaban teka-teki ALTCHA (base64), bila dipakai.")
    situs_web: str = Field("", description="Perangkap spam: harus kosong.")


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


def invalid_characters(data: dict[str, str]) -> dict[str, str]:
    """{field: message} for every field holding a character that cannot be stored or was lost in decoding."""
    return {field: f"{label} berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi."
            for field, label in LABELS.items() if INVALID.search(data.get(field, ""))}


def validate(data: dict[str, str], wilayah: Wilayah, areas: dict[str, str]) -> tuple[NewSubmission | None, dict[str, str]]:
    """Check every field at once; return the submission or {field: Indonesian message}."""
    errors: dict[str, str] = {}
    nama = data.get("nama", "")
    if not 2 <= len(nama) <= 100:
        errors["nama"] = "Nama wajib diisi (2-100 karakter)."
    elif not re.search(r"[^\W\d_]", nama):
        errors["nama"] = "Nama harus berisi huruf."
    phone = normalise_phone(data.get("telepon", ""))
    if not data.get("telepon"):
        errors["telepon"] = "Nomor telepon/WhatsApp wajib diisi."
    elif phone is None and any(ch.isdigit() and not ch.isascii() for ch in phone_text(data["telepon"])):
        errors["telepon"] = "Nomor telepon/WhatsApp hanya boleh berisi angka 0-9. Contoh: 0812 3456 7890."
    elif phone is None:
        errors["telepon"] = "Nomor telepon/WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890."
    email = unicodedata.normalize("NFKC", data.get("email", "")).strip()  # "siti＠contoh.id" is siti@contoh.id
    if email and (len(email) > 254 or not EMAIL.fullmatch(email)):
        errors["email"] = "Alamat email tidak valid. Contoh: nama@contoh.id (boleh dikosongkan)."
    provinsi, kota = data.get("provinsi", ""), data.get("kabupaten_kota", "")
    if wilayah.province(provinsi) is None:
        errors["provinsi"] = "Pilih provinsi dari daftar."
    elif not wilayah.has(provinsi, kota):
        errors["kabupaten_kota"] = f"Pilih kabupaten/kota di provinsi {provinsi}."
    if data.get("bidang", "") not in areas:
        errors["bidang"] = "Pilih salah satu bidang."
    question = data.get("pertanyaan", "")
    if len(question) < QUESTION_MIN:
        errors["pertanyaan"] = f"Pertanyaan terlalu pendek: minimal {QUESTION_MIN} karakter (sekarang {len(question)})."
    elif len(question) > QUESTION_MAX:
        errors["pertanyaan"] = f"Pertanyaan terlalu panjang: maksimal {QUESTION_MAX:,} karakter (sekarang {len(question):,}).".replace(",", ".")
    if data.get("setuju", "").lower() not in ("ya", "on", "true", "1"):
        errors["setuju"] = "Centang persetujuan pemberitahuan privasi agar pertanyaan dapat diproses."
    errors.update(invalid_characters(data))  # the precise reason wins over "too short" or "pick from the list"
    if errors:
        return None, errors
    return NewSubmission(
        nama=nama, telepon=phone or "", email=email or None, provinsi=provinsi, kabupaten_kota=kota,
        area=data["bidang"], question=question,
    ), {}
