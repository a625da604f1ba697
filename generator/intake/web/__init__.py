"""Intake: the HTTP side (form, API, status page, webhook, headers, server limits, logs)."""
