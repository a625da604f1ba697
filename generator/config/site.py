"""site_config/site.yml: the site's name, address and the clinic's three services."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from generator.util.fields import ShortText, Strict, plain_text

SITE_FILE = "site.yml"
LongText = plain_text(1, 2000)


class Layanan(Strict):
    """One of the clinic's three services (SE 01/SE/Dt/2025)."""

    nama: ShortText = Field(description="Nama layanan.")
    uraian: LongText = Field(description="Penjelasan singkat layanan.")


class SiteMeta(Strict):
    """site_config/site.yml: the site's name, address and the three services."""

    nama: ShortText = Field(description="Nama situs.")
    singkatan: ShortText = Field(description="Nama pendek.")
    deskripsi: LongText = Field(description="Deskripsi situs (meta description).")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+/$")] = Field(
        description="Alamat situs, diakhiri '/'."
    )
    penyelenggara: ShortText = Field(description="Unit penyelenggara situs.")
    dasar: ShortText = Field(description="Dasar penyelenggaraan klinik.")
    layanan: Annotated[list[Layanan], Field(min_length=1)] = Field(description="Layanan klinik.")
    intake: Annotated[str, StringConstraints(pattern=r"^(/|https?://[^\s/?#]+/)$")] | None = Field(
        None, description="Server intake yang menghitung tayangan halaman, unduhan dan pencarian yang gagal ('/' = server yang sama dengan "
                          "situs, atau https://host/); kosong = situs tidak mengirim apa pun."
    )
