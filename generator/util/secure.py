"""Comparing secrets without leaking them through timing: one constant-time comparison for every token and signature."""

from __future__ import annotations

import hmac


def same(given: str, expected: str) -> bool:
    """Constant-time equality compared as bytes: any text the client sends (non-ASCII, lone surrogates) is just unequal."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))
