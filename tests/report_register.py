"""A November 2026 register for the monthly-report tests: every channel and kind, web questions answered on time and
late, a field visit with two photos, a work plan and a TA's notes (Balai uji-ii), and one service of another Balai."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

from PIL import Image

from generator.intake.model import NewService, NewSubmission
from generator.intake.photos import reencode
from generator.intake.report.plan import empty_targets, save_note, set_targets
from generator.intake.store.db import Store
from generator.intake.store.photos import store_photos
from generator.intake.store.register import Register
from generator.intake.store.visits import NewVisit, insert_visit, report_visit
from tests.intake.web.staff_client import add_staff

MONTH = date(2026, 11, 1)
AS_OF = date(2026, 12, 2)
WHEN = datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc)
TEAM = (("kepala", "kepala-balai", "uji-ii"), ("ta.satu", "ta", "uji-ii"), ("ata", "ata", "uji-ii"),
        ("kepala.lain", "kepala-balai", "uji-i"), ("ta.lain", "ta", "uji-i"))
KENDALA = "Jaringan internet di kantor Balai terputus dua hari."
TINDAK_LANJUT = "Buku Tamu diisi di kertas lalu diimpor; pengaduan ke penyedia jaringan."


def photo(seed: int) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((640, 480), 30 + seed).convert("RGB").save(out, "JPEG")
    return out.getvalue()


def _service(jenis: str, kanal: str, day: int, balai: str = "uji-ii", **extra) -> NewService:
    defaults = {"area": "pembiayaan", "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar", "uraian": "Tanya KPR FLPP",
                "nama": "Warga Uji", "telepon": "081234567890"}
    if kanal == "acara":
        defaults.update(nama=None, telepon=None, kabupaten_kota=None, uraian="Pameran perumahan")
    if balai == "uji-i":
        defaults.update(provinsi="DKI Jakarta", kabupaten_kota="Kota Jakarta Selatan")
    defaults.update(extra)
    return NewService(jenis=jenis, kanal=kanal, balai=balai, tanggal=MONTH.replace(day=day), **defaults)


def _question(store: Store, day: int, deadline: date, answered_day: int | None, area: str = "pembiayaan") -> str:
    received = datetime(2026, 11, day, 3, 0, tzinfo=timezone.utc)
    item = NewSubmission(nama="Rina Uji", telepon="081234567890", email=None, provinsi="Bali", kabupaten_kota="Kabupaten Badung",
                         area=area, question="Bagaimana mengajukan KPR FLPP pertama?", balai="uji-ii")
    ticket = store.add(item, received, deadline).ticket
    if answered_day is not None:
        store.record_answer(ticket, "Jawaban uji.", datetime(2026, 11, answered_day, 4, 0, tzinfo=timezone.utc))
    return ticket


def fill(store: Store) -> dict:
    """Build the month; return the staff ids and the field visit's ticket."""
    ids = add_staff(store, TEAM)
    register = Register(store)
    register.record_many([
        _service("konsultasi", "kantor", 3),
        _service("konsultasi", "kantor", 4, area="perencanaan-rumah", kabupaten_kota="Kabupaten Badung"),
        _service("informasi", "kantor", 5),
        _service("informasi", "acara", 6, jumlah_orang=120),
        _service("pendampingan", "kantor", 9, bentuk=None),
        _service("konsultasi", "kantor", 10, balai="uji-i"),
        _service("konsultasi", "kantor", 30),
    ], WHEN)
    register.record(NewService(jenis="konsultasi", kanal="kantor", balai="uji-ii", area="pembiayaan", provinsi="Bali",
                               kabupaten_kota="Kota Denpasar", tanggal=date(2026, 10, 31), uraian="Bulan lalu", nama="Warga Lain"), WHEN)
    _question(store, 2, date(2026, 11, 5), 4)  # on time
    _question(store, 9, date(2026, 11, 12), 12)  # on time: answered on the deadline day itself
    _question(store, 16, date(2026, 11, 19), 23)  # late
    _question(store, 20, date(2026, 11, 25), None)  # still open past its deadline: not on time
    _question(store, 30, date(2026, 12, 3), None)  # still open, not yet due on AS_OF: not judged
    with store.transaction() as conn:
        visit = insert_visit(conn, NewVisit(balai="uji-ii", ta_id=ids["ta.satu"], jenis="pendampingan", area="perencanaan-rumah",
                                            provinsi="Bali", kabupaten_kota="Kabupaten Badung", tanggal=date(2026, 11, 18),
                                            desa="Desa Uji", kecamatan="Kuta", alamat="Jl. Rahasia 1"), ids["kepala"], "ditugaskan", WHEN)
        store_photos(conn, visit, "lapangan", [reencode(photo(1)), reencode(photo(2))], WHEN)
        report_visit(conn, visit, "Retak rambut; plester ulang.", True, ids["ta.satu"], "dilaporkan", WHEN)
    plan = empty_targets()
    plan["konsultasi"][10], plan["informasi"][10], plan["pendampingan"][10] = 8, 4, 4
    set_targets(store, "uji-ii", 2026, plan, ids["kepala"], WHEN)
    save_note(store, ids["ta.satu"], "uji-ii", "2026-11", KENDALA, TINDAK_LANJUT, WHEN)
    return {"ids": ids, "visit": visit}
