"""Everything a monthly report says, read from the store once before anything is written (SE Bab II D.4 a-e)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from generator.intake.model import JENIS_LAYANAN, JENIS_PEMOHON
from generator.intake.report.plan import Note, notes_of, targets_of
from generator.intake.store.complaints import month_counts
from generator.intake.store.db import Store
from generator.intake.store.on_time import OnTimeCount, on_time_by_month
from generator.intake.store.pageviews import page_views
from generator.intake.store.register import Register
from generator.intake.store.schema import foto, kunjungan, layanan
from generator.intake.store.survey import index_of, survey_responses
from generator.util.dates import MONTHS


@dataclass(frozen=True)
class Visit:
    """One field visit of the month as the report documents it: where (kabupaten/kota only) and its photos' numbers."""

    ticket: str
    balai: str
    tanggal: date
    jenis: str
    area: str
    provinsi: str
    kabupaten_kota: str | None
    selesai: bool
    foto: tuple[int, ...]


@dataclass(frozen=True)
class Quality:
    """Indicator d: the month's satisfaction index from the survey (measure/ikm.py), or no respondents (ikm None)."""

    n: int
    ikm: Decimal | None = None
    mutu: str | None = None
    kinerja: str | None = None
    unsur: str | None = None  # the element set the index was computed on


@dataclass
class MonthlyReport:
    """The five sections of D.4 and the inputs of the D.2 indicators for one Balai (or all) and one month."""

    balai: str | None
    nama: str
    bulan: date
    per_tanggal: date
    rekap: dict  # Register.recap: the shape of `klinik layanan rekap --json`
    per_bidang: dict[str, int]
    per_provinsi: dict[str, int]
    per_kabupaten: dict[str, int]  # "Provinsi / Kabupaten" -> count; rows without kabupaten/kota are left out
    per_pemohon: dict[str, int]  # perorangan | pemda | lembaga -> count (model.JENIS_PEMOHON, every kind listed)
    target: dict[str, int]  # this month's target per kind (0: none set)
    catatan: list[Note]
    kunjungan: list[Visit]
    acara: int  # events held (the acara channel)
    orang_acara: int  # people informed at them (jumlah_orang)
    orang_informasi: int  # indicator a: people reached by the information service (events count their audience)
    halaman: dict[str, int] | None  # page views of the whole public site by path (None: not counted)
    tepat_waktu: OnTimeCount
    mutu: Quality
    pengaduan: dict  # store/complaints.month_counts: saran, masukan and pengaduan about the clinic, per kind and status
    bidang_nama: dict[str, str] = field(default_factory=dict)  # area slug -> its name in taxonomy.yml
    balai_nama: dict[str, str] = field(default_factory=dict)  # Balai slug -> its name in balai.yml (the national roll-up)
    foto: dict[tuple[str, int], tuple[str, bytes]] = field(default_factory=dict)  # only when asked for (the PDF)

    @property
    def slug(self) -> str:
        return self.rekap["balai"]

    @property
    def judul(self) -> str:
        return f"Laporan bulanan Klinik PKP {self.nama}, {MONTHS[self.bulan.month - 1]} {self.bulan.year}"


def month_span(month: date) -> tuple[date, date]:
    """First day of the month and first day of the next one."""
    start = month.replace(day=1)
    return start, date(start.year + (start.month == 12), start.month % 12 + 1, 1)


def _in_month(query, balai: str | None, month: date):
    start, end = month_span(month)
    query = query.where(layanan.c.tanggal >= start, layanan.c.tanggal < end)
    return query if balai is None else query.where(layanan.c.balai == balai)


def _counts(conn, column, balai: str | None, month: date) -> dict[str, int]:
    rows = conn.execute(_in_month(select(column, func.count()), balai, month).group_by(column).order_by(column)).all()
    return {key: int(count) for key, count in rows if key}


def _kabupaten(conn, balai: str | None, month: date) -> dict[str, int]:
    query = _in_month(select(layanan.c.provinsi, layanan.c.kabupaten_kota, func.count()), balai, month)
    rows = conn.execute(query.where(layanan.c.kabupaten_kota.is_not(None))
                        .group_by(layanan.c.provinsi, layanan.c.kabupaten_kota).order_by(layanan.c.provinsi, layanan.c.kabupaten_kota))
    return {f"{p} / {k}": int(c) for p, k, c in rows}


def _people(conn, balai: str | None, month: date) -> tuple[int, int, int]:
    """(events, people informed at events, people reached by information services: one per service, an event its audience)."""
    events = conn.execute(_in_month(select(func.count(), func.coalesce(func.sum(layanan.c.jumlah_orang), 0)), balai, month)
                          .where(layanan.c.kanal == "acara")).one()
    informed = conn.execute(_in_month(select(func.coalesce(func.sum(func.coalesce(layanan.c.jumlah_orang, 1)), 0)), balai, month)
                            .where(layanan.c.jenis == "informasi")).scalar_one()
    return int(events[0]), int(events[1]), int(informed)


def _visits(conn, balai: str | None, month: date) -> list[Visit]:
    query = _in_month(select(layanan.c.ticket, layanan.c.balai, layanan.c.tanggal, layanan.c.jenis, layanan.c.area, layanan.c.provinsi,
                             layanan.c.kabupaten_kota, kunjungan.c.selesai)
                      .select_from(kunjungan.join(layanan, layanan.c.ticket == kunjungan.c.ticket)), balai, month)
    rows = conn.execute(query.order_by(layanan.c.tanggal, layanan.c.ticket)).all()
    photos: dict[str, list[int]] = {}
    if rows:
        for ticket, urutan in conn.execute(select(foto.c.ticket, foto.c.urutan).where(foto.c.ticket.in_([r.ticket for r in rows]))
                                           .order_by(foto.c.ticket, foto.c.urutan)):
            photos.setdefault(ticket, []).append(urutan)
    return [Visit(r.ticket, r.balai, r.tanggal, r.jenis, r.area, r.provinsi, r.kabupaten_kota, r.selesai is not None,
                  tuple(photos.get(r.ticket, ()))) for r in rows]


def _photo_bytes(conn, visits: list[Visit]) -> dict[tuple[str, int], tuple[str, bytes]]:
    tickets = [v.ticket for v in visits if v.foto]
    if not tickets:
        return {}
    rows = conn.execute(select(foto.c.ticket, foto.c.urutan, foto.c.mime, foto.c.data).where(foto.c.ticket.in_(tickets)))
    return {(r.ticket, r.urutan): (r.mime, bytes(r.data)) for r in rows}


def site_views(store: Store, month: date) -> dict[str, int]:
    """Page views of the whole public site in the month by path (the beacon counts paths only, never a Balai or a person)."""
    first, after = month_span(month)
    return page_views(store, first, after - timedelta(days=1))


def quality(store: Store, balai: str | None, month: date) -> Quality:
    """Indicator d: the IKM of the month's survey responses; when a month mixes element sets, the set most answered."""
    found = index_of(survey_responses(store, balai, [f"{month:%Y-%m}"]))
    if found is None:
        return Quality(0)
    unsur, result = found
    return Quality(result.n, result.ikm, result.mutu, result.kinerja, unsur)


def gather(store: Store, balai: str | None, nama: str, month: date, as_of: date, bidang_nama: dict[str, str],
           with_photos: bool = False, balai_nama: dict[str, str] | None = None) -> MonthlyReport:
    """Read every section for one Balai (None: all) and month; photos' bytes only `with_photos` (the PDF)."""
    month = month.replace(day=1)
    recap = Register(store).recap(balai, month)
    plan = targets_of(store, balai, month.year)
    with store.engine.connect() as conn:
        per_bidang = _counts(conn, layanan.c.area, balai, month)
        per_provinsi = _counts(conn, layanan.c.provinsi, balai, month)
        per_kabupaten = _kabupaten(conn, balai, month)
        per_pemohon = {kind: 0 for kind in JENIS_PEMOHON} | _counts(conn, layanan.c.jenis_pemohon, balai, month)
        events, audience, informed = _people(conn, balai, month)
        visits = _visits(conn, balai, month)
        photos = _photo_bytes(conn, visits) if with_photos else {}
    answered = on_time_by_month(store, balai, [month], as_of)[month]
    return MonthlyReport(
        balai=balai, nama=nama, bulan=month, per_tanggal=as_of, rekap=recap, per_bidang=per_bidang, per_provinsi=per_provinsi,
        per_kabupaten=per_kabupaten, per_pemohon=per_pemohon, pengaduan=month_counts(store, balai, *month_span(month)),
        target={jenis: plan[jenis][month.month - 1] for jenis in JENIS_LAYANAN},
        catatan=notes_of(store, balai, f"{month:%Y-%m}"), kunjungan=visits, acara=events, orang_acara=audience,
        orang_informasi=informed, halaman=site_views(store, month), tepat_waktu=answered, mutu=quality(store, balai, month),
        bidang_nama=bidang_nama, balai_nama=balai_nama or {}, foto=photos,
    )
