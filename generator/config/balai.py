"""site_config/balai.yml: the Balai P3KP directory, data a TA keeps current."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.util.fields import ShortText, Strict

BALAI_FILE = "balai.yml"


class Balai(Strict):
    """One Balai P3KP: who runs the clinic for a set of provinces."""

    nama: ShortText
    provinsi: Annotated[list[ShortText], Field(min_length=1)]
    alamat: ShortText | None = None
    telepon: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{6,20}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] | None = None
    jam_layanan: ShortText | None = None
    terverifikasi: bool = Field(description="Apakah data kontak sudah diperiksa petugas.")


class BalaiDirectory(Strict):
    """site_config/balai.yml: the Balai P3KP directory, editable data."""

    catatan: ShortText | None = None
    balai: Annotated[list[Balai], Field(min_length=1)]
