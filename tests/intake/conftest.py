"""Fixtures of the intake tests: a throwaway PostgreSQL cluster from Debian's server binaries."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import inspect

from generator.intake.store.db import open_engine
from generator.intake.store.schema import metadata

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/usr/lib/postgresql/15/bin"))  # `make test` installs it


def as_postgres(*args: str) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


@pytest.fixture(scope="module")
def pg_url():
    initdb = shutil.which("initdb") or str(PG_BIN / "initdb")
    if not os.access(initdb, os.X_OK):
        pytest.skip("PostgreSQL tidak terpasang")
    folder = Path(tempfile.mkdtemp(prefix="klinik-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run(as_postgres(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"), check=True, capture_output=True)
    pg_ctl = shutil.which("pg_ctl") or str(PG_BIN / "pg_ctl")
    subprocess.run(as_postgres(pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                               f"-p {port} -k {folder} -c listen_addresses=''", "start"), check=True, capture_output=True)
    try:
        subprocess.run(as_postgres(shutil.which("createdb") or str(PG_BIN / "createdb"), "-h", str(folder), "-p", str(port),
                                   "-U", "postgres", "klinik"), check=True, capture_output=True)
        yield f"postgresql://postgres@/klinik?host={folder}&port={port}"
    finally:
        subprocess.run(as_postgres(pg_ctl, "-D", str(data), "-m", "immediate", "stop"), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A store's URL on SQLite (fresh per test) and on the module's PostgreSQL cluster, emptied after the test because
    the cluster is shared by the module's tests."""
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else f"sqlite:///{tmp_path}/var/klinik.db"
    yield url
    engine = open_engine(url)
    present = set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table.name in present:
                conn.execute(table.delete())
    engine.dispose()
