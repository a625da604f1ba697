"""The duty schedule (jadwal piket): an ATA proposes which TA are on duty each day, only what the Kepala Balai approves
counts, and the roster prefers a TA on approved duty."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, select, update

from generator.intake.staff.accounts import Staff
from generator.intake.store.db import Store
from generator.intake.store.schema import piket_hari, staf, staf_piket

DAYS = 14
"""How far ahead the schedule is kept: today (WIB) and the next 13 days."""
PROPOSERS = ("ata", "kepala-balai")
PROPOSED, APPROVED = "usulan", "disetujui"


def on_duty(balai: str, day: date):
    """The ids of the TA on approved duty in that Balai that day, as a subquery (the roster orders by it)."""
    return select(staf_piket.c.staf_id).where(staf_piket.c.balai == balai, staf_piket.c.tanggal == day, staf_piket.c.versi == APPROVED)


def days_from(first: date) -> list[date]:
    return [first + timedelta(days=i) for i in range(DAYS)]


class DutySchedule:
    """Propose, approve and read a Balai's duty days."""

    def __init__(self, store: Store):
        self.store = store

    def _tas(self, conn, balai: str) -> set[int]:
        return set(conn.execute(select(staf.c.id).where(staf.c.balai == balai, staf.c.peran == "ta", staf.c.aktif.is_(True))).scalars())

    def propose(self, who: Staff, day: date, ta_ids: list[int], now: datetime) -> str | None:
        """Replace the day's proposal with these TA (possibly none); return the reason when refused."""
        if who.peran not in PROPOSERS or who.balai is None:
            return "Hanya ATA dan Kepala Balai yang menyusun jadwal piket."
        with self.store.transaction() as conn:
            chosen = set(ta_ids)
            if not chosen <= self._tas(conn, who.balai):
                return "Pilih TA dari Balai ini."
            key = and_(piket_hari.c.balai == who.balai, piket_hari.c.tanggal == day)
            conn.execute(delete(staf_piket).where(staf_piket.c.balai == who.balai, staf_piket.c.tanggal == day,
                                                  staf_piket.c.versi == PROPOSED))
            for staff_id in sorted(chosen):
                conn.execute(staf_piket.insert().values(balai=who.balai, tanggal=day, versi=PROPOSED, staf_id=staff_id))
            values = {"status": PROPOSED, "diusulkan_oleh": who.id, "diusulkan": now}
            if not conn.execute(update(piket_hari).where(key).values(**values)).rowcount:
                conn.execute(piket_hari.insert().values(balai=who.balai, tanggal=day, **values))
        return None

    def approve(self, who: Staff, day: date, now: datetime) -> str | None:
        """The Kepala Balai makes the day's proposal the schedule that counts; return the reason when refused."""
        if who.peran != "kepala-balai" or who.balai is None:
            return "Hanya Kepala Balai yang menyetujui jadwal piket."
        with self.store.transaction() as conn:
            key = and_(piket_hari.c.balai == who.balai, piket_hari.c.tanggal == day, piket_hari.c.status == PROPOSED)
            if not conn.execute(update(piket_hari).where(key).values(status=APPROVED, disetujui_oleh=who.id, disetujui=now)).rowcount:
                return "Tidak ada usulan piket untuk tanggal ini."
            same_day = and_(staf_piket.c.balai == who.balai, staf_piket.c.tanggal == day)
            conn.execute(delete(staf_piket).where(same_day, staf_piket.c.versi == APPROVED))
            conn.execute(update(staf_piket).where(same_day, staf_piket.c.versi == PROPOSED).values(versi=APPROVED))
        return None

    def on_duty(self, balai: str, day: date) -> set[int]:
        with self.store.engine.connect() as conn:
            return set(conn.execute(on_duty(balai, day)).scalars())

    def schedule(self, balai: str, first: date) -> list[dict]:
        """Each of the DAYS days from `first`: approved and proposed TA ids, status, who proposed and approved, when."""
        last = first + timedelta(days=DAYS - 1)
        proposer, approver = staf.alias("pengusul"), staf.alias("penyetuju")
        with self.store.engine.connect() as conn:
            heads = {r.tanggal: r for r in conn.execute(
                select(piket_hari, proposer.c.nama.label("pengusul"), approver.c.nama.label("penyetuju"))
                .join(proposer, proposer.c.id == piket_hari.c.diusulkan_oleh)
                .outerjoin(approver, approver.c.id == piket_hari.c.disetujui_oleh)
                .where(piket_hari.c.balai == balai, piket_hari.c.tanggal.between(first, last)))}
            rows = conn.execute(select(staf_piket.c.tanggal, staf_piket.c.versi, staf_piket.c.staf_id)
                                .where(staf_piket.c.balai == balai, staf_piket.c.tanggal.between(first, last))).all()
        out = []
        for day in days_from(first):
            head = heads.get(day)
            out.append({
                "tanggal": day, "status": head.status if head else None,
                "disetujui": sorted(r.staf_id for r in rows if r.tanggal == day and r.versi == APPROVED),
                "usulan": sorted(r.staf_id for r in rows if r.tanggal == day and r.versi == PROPOSED),
                "pengusul": head.pengusul if head else None, "diusulkan": head.diusulkan if head else None,
                "penyetuju": head.penyetuju if head else None, "waktu_setuju": head.disetujui if head else None,
            })
        return out
