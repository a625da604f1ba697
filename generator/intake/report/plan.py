"""The monthly report's two hand-written inputs: the Balai's yearly work plan (monthly targets) and each TA's notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import delete, func, select, update

from generator.intake.identity import CONTROL, INVALID
from generator.intake.model import JENIS_LAYANAN
from generator.intake.store.db import Store
from generator.intake.store.schema import laporan_catatan, staf, target_layanan

TARGET_MAX = 100_000
NOTE_MIN, NOTE_MAX = 3, 4000
WRITERS = ("ta", "ata")
"""Who writes a month's obstacles and follow-up (SE Bab II D.4: "Laporan bulanan dari TA dan ATA")."""

Targets = dict[str, list[int]]
"""{jenis: [target of January .. December]}."""


@dataclass(frozen=True)
class Note:
    """One staff member's kendala and tindak lanjut for one month."""

    staf_id: int
    nama: str
    peran: str
    balai: str
    bulan: str
    kendala: str
    tindak_lanjut: str
    diubah: datetime


def empty_targets() -> Targets:
    return {jenis: [0] * 12 for jenis in JENIS_LAYANAN}


def check_targets(values: dict[str, str]) -> tuple[Targets, dict[str, str]]:
    """A form's fields `t-JENIS-M` (M 1..12) as targets, or {field: Indonesian message} for each bad one (blank is 0)."""
    found, errors = empty_targets(), {}
    for jenis in JENIS_LAYANAN:
        for month in range(1, 13):
            field = f"t-{jenis}-{month}"
            text = values.get(field, "").strip()
            if not text:
                continue
            if not (text.isascii() and text.isdigit() and len(text) <= 6 and int(text) <= TARGET_MAX):
                errors[field] = f"Target {jenis} bulan {month}: tulis bilangan bulat 0-{TARGET_MAX:,}".replace(",", ".") + "."
                continue
            found[jenis][month - 1] = int(text)
    return found, errors


def set_targets(store: Store, balai: str, year: int, targets: Targets, by: int, when: datetime) -> None:
    """Replace a Balai's plan for one year in one transaction."""
    utc = when.astimezone(timezone.utc)
    with store.transaction() as conn:
        conn.execute(delete(target_layanan).where(target_layanan.c.balai == balai, target_layanan.c.tahun == year))
        conn.execute(target_layanan.insert(), [
            {"balai": balai, "tahun": year, "bulan": m, "jenis": jenis, "target": targets[jenis][m - 1], "diubah_oleh": by, "diubah": utc}
            for jenis in JENIS_LAYANAN for m in range(1, 13)
        ])


def targets_of(store: Store, balai: str | None, year: int) -> Targets:
    """A Balai's targets for a year (all Balai summed with None); months without a plan are 0."""
    query = (select(target_layanan.c.jenis, target_layanan.c.bulan, func.sum(target_layanan.c.target))
             .where(target_layanan.c.tahun == year).group_by(target_layanan.c.jenis, target_layanan.c.bulan))
    if balai is not None:
        query = query.where(target_layanan.c.balai == balai)
    found = empty_targets()
    with store.engine.connect() as conn:
        for jenis, month, total in conn.execute(query):
            if jenis in found:
                found[jenis][month - 1] = int(total or 0)
    return found


def planned_balai(store: Store, year: int) -> list[str]:
    """Which Balai have a plan for the year, for the Ditjen's overview."""
    with store.engine.connect() as conn:
        return list(conn.execute(select(target_layanan.c.balai).where(target_layanan.c.tahun == year).distinct()
                                 .order_by(target_layanan.c.balai)).scalars())


def check_note(values: dict[str, str]) -> tuple[tuple[str, str] | None, dict[str, str]]:
    """(kendala, tindak lanjut) as the form gives them, trimmed, or {field: message}."""
    found, errors = {}, {}
    for field, label in (("kendala", "Kendala"), ("tindak_lanjut", "Tindak lanjut")):
        text = CONTROL.sub("", values.get(field, "").replace("\r\n", "\n")).strip()
        if INVALID.search(text):
            errors[field] = f"{label} berisi karakter yang tidak valid."
        elif not NOTE_MIN <= len(text) <= NOTE_MAX:
            errors[field] = f"{label} wajib diisi ({NOTE_MIN}-{NOTE_MAX} karakter); tulis \"tidak ada\" bila memang tidak ada."
        found[field] = text
    return (None if errors else (found["kendala"], found["tindak_lanjut"])), errors


def save_note(store: Store, staf_id: int, balai: str, month: str, kendala: str, tindak_lanjut: str, when: datetime) -> None:
    """Write or rewrite this staff member's note for the month (one per staff per month, editable)."""
    utc = when.astimezone(timezone.utc)
    key = (laporan_catatan.c.staf_id == staf_id, laporan_catatan.c.bulan == month)
    with store.transaction() as conn:
        changed = conn.execute(update(laporan_catatan).where(*key).values(
            kendala=kendala, tindak_lanjut=tindak_lanjut, balai=balai, diubah=utc)).rowcount
        if not changed:
            conn.execute(laporan_catatan.insert().values(staf_id=staf_id, bulan=month, balai=balai, kendala=kendala,
                                                         tindak_lanjut=tindak_lanjut, diubah=utc))


def notes_of(store: Store, balai: str | None, month: str, staf_id: int | None = None) -> list[Note]:
    """The month's notes of a Balai (all with None; one person's with staf_id), by Balai then name."""
    query = (select(laporan_catatan, staf.c.nama, staf.c.peran)
             .select_from(laporan_catatan.join(staf, staf.c.id == laporan_catatan.c.staf_id))
             .where(laporan_catatan.c.bulan == month)
             .order_by(laporan_catatan.c.balai, staf.c.nama, laporan_catatan.c.staf_id))
    if balai is not None:
        query = query.where(laporan_catatan.c.balai == balai)
    if staf_id is not None:
        query = query.where(laporan_catatan.c.staf_id == staf_id)
    with store.engine.connect() as conn:
        return [Note(r.staf_id, r.nama, r.peran, r.balai, r.bulan, r.kendala, r.tindak_lanjut, r.diubah) for r in conn.execute(query)]


def month_of(text: str) -> date | None:
    """YYYY-MM (a back-office query or form field) as the first day of that month, or None."""
    text = text.strip()
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isascii() or not (text[:4] + text[5:]).isdigit():
        return None
    year, month = int(text[:4]), int(text[5:])
    return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else None
