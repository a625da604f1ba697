"""Who answers: the Kepala Balai's roster of TA expertise, automatic assignment by area and load, forwarding."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, delete, func, select, update

from generator.intake.staff.accounts import Staff
from generator.intake.staff.piket import on_duty
from generator.intake.store.db import Store
from generator.intake.store.schema import layanan, layanan_riwayat, staf, staf_bidang, submissions
from generator.util.dates import JAKARTA

OPEN = ("menunggu-jawaban",)
"""Web questions still waiting for an answer: these are assigned and count towards a TA's load."""


class Roster:
    """Expertise per TA (areas of the taxonomy) and the assignment of a Balai's open questions."""

    def __init__(self, store: Store):
        self.store = store

    def areas_of(self, staff_id: int) -> list[str]:
        with self.store.engine.connect() as conn:
            return sorted(conn.execute(select(staf_bidang.c.area).where(staf_bidang.c.staf_id == staff_id)).scalars())

    def set_areas(self, staff_id: int, areas: list[str]) -> None:
        """Replace a TA's areas of expertise."""
        with self.store.transaction() as conn:
            conn.execute(delete(staf_bidang).where(staf_bidang.c.staf_id == staff_id))
            for area in sorted(set(areas)):
                conn.execute(staf_bidang.insert().values(staf_id=staff_id, area=area))

    def assign_open(self, balai: str, when: datetime) -> int:
        """Give every unassigned open question of the Balai to the TA covering its area with the fewest open cases,
        one on approved duty that day (WIB, staff/piket.py) first.

        A question no TA covers stays unassigned and waits in the Balai's queue. Returns how many were assigned.
        """
        duty = case((staf.c.id.in_(on_duty(balai, when.astimezone(JAKARTA).date())), 1), else_=0)
        covered = (select(staf_bidang.c.area).join(staf, staf.c.id == staf_bidang.c.staf_id)
                   .where(staf.c.balai == balai, staf.c.peran == "ta", staf.c.aktif.is_(True)))
        with self.store.transaction() as conn:
            # only questions some TA covers: the rest wait, and cost nothing on every new question
            waiting = conn.execute(
                select(layanan.c.ticket, layanan.c.area).select_from(layanan.join(submissions, submissions.c.ticket == layanan.c.ticket))
                .where(layanan.c.balai == balai, layanan.c.ta_id.is_(None), submissions.c.status.in_(OPEN), layanan.c.area.in_(covered))
                .order_by(layanan.c.ticket)
            ).all()
            assigned = 0
            for ticket, area in waiting:
                load = (select(func.count()).select_from(layanan.join(submissions, submissions.c.ticket == layanan.c.ticket))
                        .where(layanan.c.ta_id == staf.c.id, submissions.c.status.in_(OPEN)).scalar_subquery())
                chosen = conn.execute(
                    select(staf.c.id, staf.c.nama, duty.label("piket"))
                    .join(staf_bidang, and_(staf_bidang.c.staf_id == staf.c.id, staf_bidang.c.area == area))
                    .where(staf.c.balai == balai, staf.c.peran == "ta", staf.c.aktif.is_(True))
                    .order_by(duty.desc(), load, staf.c.id).limit(1)
                ).first()
                if chosen is None:
                    continue
                taken = conn.execute(update(layanan).where(layanan.c.ticket == ticket, layanan.c.ta_id.is_(None))
                                     .values(ta_id=chosen.id)).rowcount
                if not taken:  # another server's worker assigned it meanwhile (PostgreSQL)
                    continue
                why = f"otomatis, bidang {area}" + (", piket" if chosen.piket else "")
                conn.execute(layanan_riwayat.insert().values(ticket=ticket, waktu=when, staf_id=None,
                                                             perubahan=f"ditugaskan ke {chosen.nama} ({why})"))
                assigned += 1
        return assigned

    def assign_all(self, when: datetime) -> int:
        """assign_open for every Balai that has a question waiting (the outbox worker's step)."""
        with self.store.engine.connect() as conn:
            balai = list(conn.execute(select(layanan.c.balai).distinct().where(layanan.c.ta_id.is_(None), layanan.c.kanal == "daring")).scalars())
        return sum(self.assign_open(b, when) for b in balai if b)

    def forward(self, who: Staff, ticket: str, to_id: int, note: str, when: datetime) -> str | None:
        """Hand a case to another TA of the same Balai with a note; return the reason when refused."""
        with self.store.transaction() as conn:
            target = conn.execute(select(staf.c.nama).where(staf.c.id == to_id, staf.c.balai == who.balai, staf.c.peran == "ta",
                                                            staf.c.aktif.is_(True))).first()
            if target is None:
                return "Pilih TA dari Balai ini."
            changed = conn.execute(update(layanan).where(layanan.c.ticket == ticket, layanan.c.balai == who.balai).values(ta_id=to_id)).rowcount
            if not changed:
                return "Kasus ini bukan milik Balai Anda."
            conn.execute(layanan_riwayat.insert().values(ticket=ticket, waktu=when, staf_id=who.id,
                                                         perubahan=f"dialihkan ke {target.nama}" + (f": {note}" if note else "")))
        return None

    def history(self, ticket: str) -> list[dict]:
        """Every change of a case, oldest first, with who made it (None: the system)."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(layanan_riwayat.c.waktu, layanan_riwayat.c.perubahan, staf.c.nama)
                                .select_from(layanan_riwayat.outerjoin(staf, staf.c.id == layanan_riwayat.c.staf_id))
                                .where(layanan_riwayat.c.ticket == ticket).order_by(layanan_riwayat.c.id))
            return [dict(r._mapping) for r in rows]
