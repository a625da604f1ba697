"""Files that hold citizens' data: folders 0700 and files 0600 whatever the umask, so no other local user reads them."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

DIR_MODE, FILE_MODE = 0o700, 0o600


def private_dir(path: Path) -> Path:
    """Create the folder and any missing parent as owner-only; a folder that already exists is the operator's."""
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            folder.mkdir()
            os.chmod(folder, DIR_MODE)  # mkdir's mode is cut by the umask; chmod is not
    return path


def tighten(path: Path) -> None:
    """Make an existing file of ours owner-only (older versions created the database and mail 0644)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, FILE_MODE)


def touch_private(path: Path) -> None:
    """Create an empty owner-only file unless it exists (SQLite then gives its -wal and -shm the same mode).

    An existing file is only chmod-ed, never opened: closing a descriptor of a database drops every POSIX lock
    SQLite holds on it in this process, and another process could then reset the -shm this one maps (SIGBUS)."""
    private_dir(path.parent)
    if path.is_file() and not path.is_symlink():
        os.chmod(path, FILE_MODE)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def private_sqlite_file(name: str) -> None:
    """The database file owner-only before SQLite opens it: SQLite gives its -wal and -shm the file's own mode."""
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    touch_private(path)
    for suffix in ("-wal", "-shm", "-journal"):
        tighten(path.with_name(path.name + suffix))


def write_private(path: Path, data: bytes, *, exclusive: bool = False) -> bool:
    """Write a whole owner-only file atomically; with exclusive, keep an existing file and return False."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if not exclusive:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # atomic and refuses to overwrite: two first starts keep one key
        except FileExistsError:
            return False
        return True
    finally:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def remove_with_leftovers(folder: Path, name: str) -> int:
    """Delete folder/name and any temporary copy write_private left behind for it; return how many files went."""
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        (folder / name).unlink()
        removed += 1
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed
