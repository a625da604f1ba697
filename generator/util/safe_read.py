"""Read content and configuration files without following links, blocking on pipes or filling memory."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

MARKDOWN_LIMIT = 256 * 1024
"""A page's source; the largest real one is 12 KB, and Python-Markdown slows down on long hostile input."""
DATA_LIMIT = 1024 * 1024
"""A YAML data file in site_config/ (the largest real one is 30 KB)."""
ASSET_LIMIT = 50 * 1024 * 1024
"""An image or PDF in content/, copied to the site as it is."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""C0 control characters other than tab and line ends: never text, and \\x02/\\x03 are Python-Markdown's own markers."""
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A file the checker will not read; the message says why, in Indonesian, and `line` where."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def size_text(num_bytes: int) -> str:
    """Say a limit the way an editor reads it: 256 KiB, 1 MiB."""
    if num_bytes >= 1024 * 1024 and num_bytes % (1024 * 1024) == 0:
        return f"{num_bytes // (1024 * 1024)} MiB"
    return f"{num_bytes // 1024} KiB" if num_bytes >= 1024 else f"{num_bytes} bita"


def refusal(mode: int, size: int, limit: int) -> str | None:
    """Why a directory entry (from lstat) may not be read or published, or None when it may."""
    if stat.S_ISLNK(mode):
        return "tautan simbolik (symlink) tidak diizinkan; letakkan berkas aslinya di sini"
    if not stat.S_ISREG(mode):
        return "bukan berkas biasa (mis. pipa/FIFO, soket atau perangkat); hapus dari sini"
    if size > limit:
        return f"berkas terlalu besar (lebih dari {size_text(limit)})"
    return None


def open_regular(path: Path, limit: int) -> tuple[BinaryIO, int]:
    """Open a regular file that is no link and within `limit` bytes; return (binary file, size).

    lstat first, so a FIFO is never opened; then O_NOFOLLOW | O_NONBLOCK and fstat, so a file swapped
    for a link or a pipe in between is refused rather than followed or waited on.
    """
    entry = os.lstat(path)
    why = refusal(entry.st_mode, entry.st_size, limit)
    if why:
        raise Refused(why)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise Refused(f"tidak dapat dibuka: {exc.strerror or exc}") from None
    st = os.fstat(fd)
    why = refusal(st.st_mode, st.st_size, limit)
    if why:
        os.close(fd)
        raise Refused(why)
    return os.fdopen(fd, "rb"), st.st_size


def read_text(path: Path, limit: int) -> str:
    """Read a UTF-8 text file of at most `limit` bytes with no control characters; raise Refused otherwise.

    FileNotFoundError passes through, for callers that report a missing file in their own words.
    """
    handle, _ = open_regular(path, limit)
    with handle:
        data = handle.read(limit + 1)  # a file that grew after fstat is still cut at the limit
    if len(data) > limit:
        raise Refused(f"berkas terlalu besar (lebih dari {size_text(limit)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("bukan teks UTF-8") from None
    control = _CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        raise Refused(f"berisi karakter kendali U+{ord(control.group()):04X} (mis. NUL); hapus karakter itu", line)
    return text
