"""Intake: the clinic's staff (TA, ATA, petugas pendukung, Kepala Balai, Ditjen): accounts, sessions, audit log."""
