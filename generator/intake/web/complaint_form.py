"""The complaint form (saran, masukan, pengaduan layanan): what each field must hold, one Indonesian message per field."""

from __future__ import annotations

import re

from generator.config.wilayah import Wilayah
from generator.intake.identity import INVALID
from generator.intake.model import JENIS_PENGADUAN, NewComplaint
from generator.intake.web.forms import CONSENT, check_contact

ISI_MIN, ISI_MAX = 20, 4000
FIELDS = ("jenis", "nama", "telepon", "email", "provinsi", "tiket_terkait", "isi", "setuju")
LABELS = {"jenis": "Jenis", "nama": "Nama", "telepon": "Nomor telepon/WhatsApp", "email": "Alamat email", "provinsi": "Provinsi",
          "tiket_terkait": "Nomor tiket terkait", "isi": "Isi", "setuju": "Persetujuan"}
TICKET = re.compile(r"KPKP-[0-9]{4}-[0-9]{6}")
MESSAGES = {
    "jenis": "Pilih jenisnya: saran, masukan, atau pengaduan layanan.",
    "provinsi": "Pilih provinsi tempat Anda dilayani; pesan diteruskan ke Kepala Balai P3KP provinsi itu.",
    "tiket_terkait": "Nomor tiket tidak dikenali. Contoh: KPKP-2026-000123 (boleh dikosongkan).",
    "isi_pendek": "Isi terlalu pendek: minimal {min} karakter (sekarang {sekarang}).",
    "isi_panjang": "Isi terlalu panjang: maksimal {maks} karakter (sekarang {sekarang}).",
    "setuju": "Centang persetujuan pemberitahuan privasi agar pesan dapat diproses.",
    "karakter": "{label} berisi karakter yang tidak valid. Hapus atau ketik ulang bagian itu, lalu kirim lagi.",
}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def validate_complaint(data: dict[str, str], wilayah: Wilayah) -> tuple[NewComplaint | None, dict[str, str]]:
    """Check every field at once; return the complaint or {field: Indonesian message}."""
    errors: dict[str, str] = {}
    jenis = data.get("jenis", "")
    if jenis not in JENIS_PENGADUAN:
        errors["jenis"] = MESSAGES["jenis"]
    nama, phone, email = check_contact(data, errors)
    provinsi = data.get("provinsi", "")
    if wilayah.province(provinsi) is None:
        errors["provinsi"] = MESSAGES["provinsi"]
    related = data.get("tiket_terkait", "").upper()
    if related and not TICKET.fullmatch(related):
        errors["tiket_terkait"] = MESSAGES["tiket_terkait"]
    isi = data.get("isi", "")
    if len(isi) < ISI_MIN:
        errors["isi"] = MESSAGES["isi_pendek"].format(min=ISI_MIN, sekarang=_number(len(isi)))
    elif len(isi) > ISI_MAX:
        errors["isi"] = MESSAGES["isi_panjang"].format(maks=_number(ISI_MAX), sekarang=_number(len(isi)))
    if data.get("setuju", "").lower() not in CONSENT:
        errors["setuju"] = MESSAGES["setuju"]
    errors.update({field: MESSAGES["karakter"].format(label=label)
                   for field, label in LABELS.items() if INVALID.search(data.get(field, ""))})
    if errors:
        return None, errors
    return NewComplaint(jenis=jenis, nama=nama, telepon=phone or "", email=email, provinsi=provinsi, isi=isi,
                        tiket_terkait=related or None), {}
