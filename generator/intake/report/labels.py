"""The words the report prints for the register's codes (channels, roles), in one place for XLSX, PDF and pages."""

from __future__ import annotations

KANAL_NAMA = {"daring": "Daring (formulir situs)", "kantor": "Kantor (Buku Tamu)", "lapangan": "Kunjungan lapangan", "acara": "Acara"}
PERAN_NAMA = {"ta": "TA", "ata": "ATA"}
"""Only TA and ATA write the month's obstacles and follow-up (plan.WRITERS)."""
