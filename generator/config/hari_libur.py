"""site_config/hari_libur.yml: holiday decrees the `holidays` package does not know yet (or has wrong)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.util.errors import Problem
from generator.util.fields import Strict, plain_text
from generator.util.yaml_io import load_model

HOLIDAY_FILE = "hari_libur.yml"
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]
Note = plain_text(1, 1000)


class Koreksi(Strict):
    """One date the `holidays` package has wrong or does not know yet, with the decree behind it."""

    tanggal: date
    keterangan: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    sumber: Source = Field(description="Keputusan yang menetapkan, mis. SKB 3 Menteri atau Keppres.")


class HariLibur(Strict):
    """site_config/hari_libur.yml: late decrees added to or removed from the package's holiday list."""

    catatan: Note | None = Field(
        default=None, description="Untuk petugas: versi paket holidays yang terpasang dan keputusan (SKB, Keppres) yang sudah dicocokkan dengannya."
    )
    tambah: list[Koreksi] = Field(default_factory=list, description="Hari libur/cuti bersama yang ditambahkan.")
    hapus: list[Koreksi] = Field(default_factory=list, description="Tanggal yang ternyata hari kerja.")


def load_hari_libur(config_dir: Path, problems: list[Problem]) -> HariLibur | None:
    """Read and validate site_config/hari_libur.yml (missing file = no corrections)."""
    path = config_dir / HOLIDAY_FILE
    return load_model(path, HariLibur, problems)[0] if path.exists() else HariLibur()
