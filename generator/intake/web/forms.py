"""The citizen's form: what each field must hold, with an Indonesian message per field."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from generator.config.wilayah import Wilayah
from generator.intake.identity import EMAIL, INVALID, normalise_phone, phone_text
from generator.intake.model import JENIS_PEMOHON, NewSubmission

QUESTION_MIN, QUESTION_MAX = 20, 4000
FIELDS = ("jenis_pemohon", "instansi", "nama", "telepon", "email", "provinsi", "kabupaten_kota", "bidang", "pertanyaan", "setuju")
LABELS = {"jenis_pemohon": "Penanya", "instansi": "Instansi/lembaga", "nama": "Nama", "telepon": "Nomor telepon/WhatsApp",
          "email": "Alamat email", "provinsi": "Provinsi", "kabupaten_kota": "Kabupaten/kota", "bidang": "Bidang",
          "pertanyaan": "Pertanyaan", "setuju": "Persetujuan"}
NEEDS_INSTANSI = ("pemda", "lembaga")
"""Requester types that name their office or organisation."""


class PertanyaanMasuk(BaseModel):
    """The body of POST /api/pertanyaan (form fields or JSON with the same names)."""

    jenis_pemohon: str = Field("", description="Siapa yang bertanya: perorangan (bila kosong), pemda, atau lembaga.")
    instansi: str = Field("", description="Nama instansi Pemda atau lembaga/organisasi (2-150 karakter); wajib untuk pemda dan lembaga.")
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


MESSAGES = {
    "jenis_pemohon": "Pilih siapa yang bertanya: perorangan, Pemda, atau lembaga/organisasi.",
    "instansi_pemda": "Tulis nama instansi Pemda ({min}-{maks} karakter), mis. Dinas Perumahan Kabupaten Sleman.",
    "instansi_lembaga": "Tulis nama lembaga/organisasi ({min}-{maks} karakter).",
    "nama": "Nama wajib diisi ({min}-{maks} karakter).",
    "nama_huruf": "Nama harus berisi huruf.",
    "telepon": "Nomor telepon/WhatsApp wajib diisi.",
    "telepon_angka": "Nomor telepon/WhatsApp hanya boleh berisi angka 0-9. Contoh: 0812 3456 7890.",
    "telepon_salah": "Nomor telepon/WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.",
    "email": "Alamat email tidak valid. Contoh: nama@contoh.id (boleh dikosongkan).",
    "provinsi": "Pilih provinsi dari daftar.",
    "kabupaten_kota": "Pilih kabupaten/kota di provinsi {provinsi}.",
    "bidang": "Pilih salah satu bidang.",
    "pertanyaan_pendek": "Pertanyaan terlalu pendek: minimal {min} karakter (sekarang {sekarang}).",
    "pertanyaan_panjang": "Pertanyaan terlalu panjang: maksimal {maks} karakter (sekarang {sekarang}).",
    "setuju": "Centang persetujuan pemberitahuan privasi agar pertanyaan dapat diproses.",
    "karakter": "{label} berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi.",
}
"""Every message of the field checks; klinik-ajukan.js gets the same texts from the form (client_rules)."""
NAME_MIN, NAME_MAX, EMAIL_MAX = 2, 100, 254
INSTANSI_MIN, INSTANSI_MAX = 2, 150
CONSENT = ("ya", "on", "true", "1")  # `setuju`, lower-cased


def _number(value: int) -> str:
    """4.001: thousands with a dot, as Indonesian writes them."""
    return f"{value:,}".replace(",", ".")


def _say(key: str, **values: object) -> str:
    return MESSAGES[key].format(**{k: _number(v) if isinstance(v, int) else v for k, v in values.items()})


def client_rules() -> dict:
    """What the page's own check needs to give the server's answer before sending: messages, labels, limits."""
    return {"pesan": MESSAGES, "label": LABELS, "nama": {"min": NAME_MIN, "maks": NAME_MAX}, "email_maks": EMAIL_MAX,
            "pertanyaan": {"min": QUESTION_MIN, "maks": QUESTION_MAX}, "setuju": list(CONSENT),
            "pemohon": list(JENIS_PEMOHON), "pemohon_instansi": list(NEEDS_INSTANSI), "instansi": {"min": INSTANSI_MIN, "maks": INSTANSI_MAX}}


def invalid_characters(data: dict[str, str]) -> dict[str, str]:
    """{field: message} for every field holding a character that cannot be stored or was lost in decoding."""
    return {field: _say("karakter", label=label) for field, label in LABELS.items() if INVALID.search(data.get(field, ""))}


def check_contact(data: dict[str, str], errors: dict[str, str]) -> tuple[str, str | None, str | None]:
    """Name, phone and email as every citizen's form checks them: (name, phone 08..., email or None), errors added."""
    nama = data.get("nama", "")
    if not NAME_MIN <= len(nama) <= NAME_MAX:
        errors["nama"] = _say("nama", min=NAME_MIN, maks=NAME_MAX)
    elif not re.search(r"[^\W\d_]", nama):
        errors["nama"] = _say("nama_huruf")
    phone = normalise_phone(data.get("telepon", ""))
    if not data.get("telepon"):
        errors["telepon"] = _say("telepon")
    elif phone is None and any(ch.isdigit() and not ch.isascii() for ch in phone_text(data["telepon"])):
        errors["telepon"] = _say("telepon_angka")
    elif phone is None:
        errors["telepon"] = _say("telepon_salah")
    email = unicodedata.normalize("NFKC", data.get("email", "")).strip()  # "siti＠contoh.id" is siti@contoh.id
    if email and (len(email) > EMAIL_MAX or not EMAIL.fullmatch(email)):
        errors["email"] = _say("email")
    return nama, phone, email or None


def validate(data: dict[str, str], wilayah: Wilayah, areas: dict[str, str]) -> tuple[NewSubmission | None, dict[str, str]]:
    """Check every field at once; return the submission or {field: Indonesian message}."""
    errors: dict[str, str] = {}
    pemohon = data.get("jenis_pemohon", "") or "perorangan"  # the form preselects perorangan; an older client sends none
    instansi = data.get("instansi", "")
    if pemohon not in JENIS_PEMOHON:
        errors["jenis_pemohon"] = _say("jenis_pemohon")
    elif pemohon in NEEDS_INSTANSI and not (INSTANSI_MIN <= len(instansi) <= INSTANSI_MAX and re.search(r"[^\W\d_]", instansi)):
        errors["instansi"] = _say(f"instansi_{pemohon}", min=INSTANSI_MIN, maks=INSTANSI_MAX)
    nama, phone, email = check_contact(data, errors)
    provinsi, kota = data.get("provinsi", ""), data.get("kabupaten_kota", "")
    if wilayah.province(provinsi) is None:
        errors["provinsi"] = _say("provinsi")
    elif not wilayah.has(provinsi, kota):
        errors["kabupaten_kota"] = _say("kabupaten_kota", provinsi=provinsi)
    if data.get("bidang", "") not in areas:
        errors["bidang"] = _say("bidang")
    question = data.get("pertanyaan", "")
    if len(question) < QUESTION_MIN:
        errors["pertanyaan"] = _say("pertanyaan_pendek", min=QUESTION_MIN, sekarang=len(question))
    elif len(question) > QUESTION_MAX:
        errors["pertanyaan"] = _say("pertanyaan_panjang", maks=QUESTION_MAX, sekarang=len(question))
    if data.get("setuju", "").lower() not in CONSENT:
        errors["setuju"] = _say("setuju")
    errors.update(invalid_characters(data))  # the precise reason wins over "too short" or "pick from the list"
    if errors:
        return None, errors
    return NewSubmission(
        nama=nama, telepon=phone or "", email=email, provinsi=provinsi, kabupaten_kota=kota,
        area=data["bidang"], question=question, jenis_pemohon=pemohon, instansi=instansi if pemohon in NEEDS_INSTANSI else None,
    ), {}
