"""Intake: finding and masking personal data before anything leaves the private store."""
