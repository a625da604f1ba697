"""The words the report prints for the register's codes (channels, roles), in one place for XLSX, PDF and pages."""

from __future__ import annotations

from generator.intake.model import KANAL_NAMA

__all__ = ["KANAL_NAMA", "PERAN_NAMA"]
PERAN_NAMA = {"ta": "TA", "ata": "ATA"}
"""Only TA and ATA write the month's obstacles and follow-up (plan.WRITERS)."""
