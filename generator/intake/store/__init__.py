"""Intake: the private store (SQLite or PostgreSQL), one-time tokens and real erasure."""
