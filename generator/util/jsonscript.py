"""JSON that is safe inside a <script> element: no "<", ">" or "&" can end the element or start markup."""

from __future__ import annotations

import json

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: object, *, sort_keys: bool = False, compact: bool = False) -> str:
    """Serialise for embedding in a page; `compact` drops the spaces after separators (large tables)."""
    separators = (",", ":") if compact else None
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=separators)
    return text.translate(_SCRIPT_SAFE)
