"""The audit log: who viewed whose identity, and when; read by the Kepala Balai of the case's Balai."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from generator.intake.staff.accounts import Staff
from generator.intake.store.db import Store
from generator.intake.store.schema import audit_log, staf

VIEW_IDENTITY = "lihat-identitas"
SIGN_IN = "masuk"
ADD_STAFF = "tambah-staf"
RECORD_SERVICE = "catat-layanan"
FORWARD = "alihkan"
SET_ROSTER = "atur-keahlian"
ANSWER = "jawab"
TOTP_ON = "aktifkan-dua-langkah"
TOTP_OFF = "matikan-dua-langkah"
TOTP_RESET = "atur-ulang-dua-langkah"
RECOVERY_USED = "pakai-kode-pemulihan"
RECOVERY_NEW = "buat-kode-pemulihan"
PROPOSE_DUTY = "usulkan-piket"
APPROVE_DUTY = "setujui-piket"
VIEW_PHOTO = "lihat-foto"
ASSIGN_VISIT = "tugaskan-kunjungan"
REPORT_VISIT = "laporkan-kunjungan"
RESPOND_COMPLAINT = "tanggapi-pengaduan"


class Audit:
    """Append-only: entries are written in the same request as what they record, and never changed."""

    def __init__(self, store: Store):
        self.store = store

    def write(self, who: Staff, aksi: str, balai: str | None, ticket: str | None, when: datetime, *, sasaran: int | None = None) -> None:
        with self.store.transaction() as conn:
            conn.execute(audit_log.insert().values(waktu=when, staf_id=who.id, aksi=aksi, balai=balai, ticket=ticket, sasaran=sasaran))

    def write_operator(self, oleh: str, aksi: str, sasaran: Staff, when: datetime) -> None:
        """An action by someone outside the staff table (the server operator's CLI, `oleh` e.g. "cli:root") on an account."""
        with self.store.transaction() as conn:
            conn.execute(audit_log.insert().values(waktu=when, staf_id=sasaran.id, aksi=aksi, balai=sasaran.balai, ticket=None,
                                                   sasaran=sasaran.id, oleh=oleh[:80]))

    def of_balai(self, balai: str, limit: int = 200) -> list[dict]:
        """The newest entries about one Balai's cases, with the staff member's name (or the operator) and the account acted on."""
        target = aliased(staf)
        query = (select(audit_log.c.waktu, audit_log.c.aksi, audit_log.c.ticket, audit_log.c.oleh, staf.c.nama, staf.c.peran,
                        target.c.nama.label("sasaran_nama"))
                 .join(staf, staf.c.id == audit_log.c.staf_id).outerjoin(target, target.c.id == audit_log.c.sasaran)
                 .where(audit_log.c.balai == balai).order_by(audit_log.c.id.desc()).limit(limit))
        with self.store.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
