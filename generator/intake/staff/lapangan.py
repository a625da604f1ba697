"""Field visits: the Kepala Balai assigns one to a TA of his Balai; the TA reports the result with photos and closes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.config.wilayah import Wilayah
from generator.intake.identity import INVALID
from generator.intake.model import Photo
from generator.intake.photos import MAX_VISIT_PHOTOS
from generator.intake.staff.accounts import Staff
from generator.intake.store.db import Store
from generator.intake.store.photos import photo_count, store_photos
from generator.intake.store.register import case
from generator.intake.store.schema import layanan_riwayat
from generator.intake.store.visits import NewVisit, insert_visit, report_visit, visit, visits_of_balai
from generator.util.dates import tanggal as tanggal_text

JENIS_KUNJUNGAN = ("konsultasi", "pendampingan")
"""A field visit gives advice on site or accompanies a citizen through a process (SE 01/SE/Dt/2025 Bab II C)."""
URAIAN_MIN, URAIAN_MAX = 10, 4000
AHEAD = dt.timedelta(days=366)
TEXTS = {"desa": ("Desa/kelurahan", 2, 100), "kecamatan": ("Kecamatan", 2, 100), "alamat": ("Alamat lokasi", 0, 300)}


def _text_errors(values: dict[str, str]) -> dict[str, str]:
    errors = {}
    for field, (label, low, high) in TEXTS.items():
        text = values.get(field, "")
        if INVALID.search(text):
            errors[field] = f"{label} berisi karakter yang tidak valid."
        elif not low <= len(text) <= high:
            errors[field] = f"{label} wajib diisi ({low}-{high} karakter)." if low else f"{label} paling banyak {high} karakter."
    return errors


def check_visit(values: dict[str, str], who: Staff, tas: Sequence[Staff], wilayah: Wilayah, areas: dict[str, str],
                follows: dict | None, today: dt.date) -> tuple[NewVisit | None, dict[str, str]]:
    """An assignment as the form gives it: the visit, or {field: Indonesian message} for every mistake at once."""
    errors = _text_errors(values)
    ta = next((t for t in tas if str(t.id) == values.get("ta") and t.peran == "ta" and t.balai == who.balai), None)
    if ta is None:
        errors["ta"] = "Pilih TA dari Balai ini."
    try:
        day = dt.date.fromisoformat(values.get("tanggal", ""))
    except ValueError:
        day = None
    if day is None:
        errors["tanggal"] = "Isi tanggal kunjungan (YYYY-MM-DD)."
    elif not today - AHEAD <= day <= today + AHEAD:
        errors["tanggal"] = "Tanggal kunjungan harus dalam satu tahun dari hari ini."
    if values.get("jenis_layanan") not in JENIS_KUNJUNGAN:
        errors["jenis_layanan"] = "Pilih konsultasi atau pendampingan."
    if values.get("bidang") not in areas:
        errors["bidang"] = "Pilih salah satu bidang."
    provinsi, kota = values.get("provinsi", ""), values.get("kabupaten_kota", "")
    if wilayah.province(provinsi) is None:
        errors["provinsi"] = "Pilih provinsi dari daftar."
    elif not wilayah.has(provinsi, kota):
        errors["kabupaten_kota"] = f"Pilih kabupaten/kota di provinsi {provinsi} (tulis persis seperti di daftar)."
    if values.get("kasus") and (follows is None or follows["balai"] != who.balai):
        errors["kasus"] = "Kasus itu tidak ada di Balai ini."
    if errors or ta is None or day is None or who.balai is None:
        return None, errors
    return NewVisit(balai=who.balai, ta_id=ta.id, jenis=values["jenis_layanan"], area=values["bidang"], provinsi=provinsi,
                    kabupaten_kota=kota, tanggal=day, desa=values["desa"], kecamatan=values["kecamatan"],
                    alamat=values.get("alamat", ""), follows=follows["ticket"] if follows else None), {}


class Lapangan:
    """Verbs over field visits; each is one transaction, its history row included."""

    def __init__(self, store: Store):
        self.store = store

    def followed(self, ticket: str) -> dict | None:
        """The case a visit would follow (its Balai, area and region prefill the form), or None."""
        return case(self.store, ticket) if ticket and len(ticket) <= 20 else None

    def assign(self, who: Staff, new: NewVisit, ta_name: str, when: dt.datetime) -> str:
        """Store the visit under a new ticket of the register; the followed case's history names it too."""
        note = f"kunjungan lapangan ditugaskan ke {ta_name} untuk {tanggal_text(new.tanggal)}"
        with self.store.transaction() as conn:
            ticket = insert_visit(conn, new, who.id, note, when)
            if new.follows:
                conn.execute(layanan_riwayat.insert().values(ticket=new.follows, waktu=when, staf_id=who.id,
                                                             perubahan=f"{note} (tiket {ticket})"))
        return ticket

    def of_balai(self, balai: str) -> list[dict]:
        with self.store.reading() as conn:
            return visits_of_balai(conn, balai)

    def get(self, ticket: str) -> dict | None:
        if len(ticket) > 20:
            return None
        with self.store.reading() as conn:
            found = visit(conn, ticket)
            if found is not None:
                found["foto"] = photo_count(conn, ticket)
        return found

    def report(self, who: Staff, ticket: str, uraian: str, photos: Sequence[Photo], close: bool, when: dt.datetime) -> str | None:
        """Keep the result and the photos (and close the visit when `close`); None, or why not in Indonesian."""
        uraian = uraian.strip()
        if INVALID.search(uraian):
            return "Hasil kunjungan berisi karakter yang tidak valid."
        if len(uraian) > URAIAN_MAX:
            return f"Hasil kunjungan paling banyak {URAIAN_MAX} karakter."
        if close and len(uraian) < URAIAN_MIN:
            return f"Tulis hasil kunjungan (minimal {URAIAN_MIN} karakter) sebelum menandainya selesai."
        with self.store.transaction() as conn:
            found = visit(conn, ticket)
            if found is None or found["balai"] != who.balai or found["ta_id"] != who.id:
                return "Kunjungan ini ditugaskan kepada TA lain."
            if found["selesai"] is not None or found["erased_at"] is not None:
                return "Kunjungan ini sudah selesai; hasilnya tidak dapat diubah lagi."
            if photo_count(conn, ticket) + len(photos) > MAX_VISIT_PHOTOS:
                return f"Satu kunjungan paling banyak {MAX_VISIT_PHOTOS} foto."
            store_photos(conn, ticket, "lapangan", photos, when)
            parts = [f"{len(photos)} foto ditambahkan"] if photos else []
            parts += ["kunjungan selesai, hasil dicatat"] if close else ["hasil kunjungan disimpan"] if uraian else []
            report_visit(conn, ticket, uraian or None, close, who.id, "; ".join(parts) or "tidak ada perubahan", when)
        return None
