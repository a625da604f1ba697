"""Words as the search query layer sees them: the build's vocabulary uses the same split."""

from __future__ import annotations

import re


def tokens(text: str) -> list[str]:
    """Split text into lowercase words the way the query layer does."""
    return re.findall(r"[a-z0-9]+", text.lower())
