"""site_config/site.yml: the site's name, address and the clinic's three services."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from generator.config.standar_pelayanan import own_figures_only
from generator.util.fields import ShortText, Strict, plain_text

SITE_FILE = "site.yml"
LongText = plain_text(1, 2000)


class Layanan(Strict):
    """One of the clinic's three services (SE 01/SE/Dt/2025)."""

    nama: ShortText = Field(description="Nama layanan.")
    uraian: Annotated[LongText, AfterValidator(own_figures_only)] = Field(
        description="Penjelasan singkat layanan; tenggat dan biaya ditulis {jangka_waktu} dan {biaya} (dari standar_pelayanan.yml).")


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
    video_sematan: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}$")]] = Field(
        default_factory=list,
        description="Host yang boleh dipakai di `sematan` video (mis. www.youtube-nocookie.com); kosong = video hanya dari berkas sendiri.",
    )
    tinjau_bulan: int = Field(12, ge=0, le=120, description=(
        "Umur tinjauan (bulan): konten terbit yang `ditinjau` (atau `tanggal`, bila jenisnya tanpa `ditinjau`) lebih tua "
        "dari ini diberi peringatan oleh `klinik check`; 0 = tidak diperiksa."))
    intake: Annotated[str, StringConstraints(pattern=r"^(/|https?://[^\s/?#]+/)$")] | None = Field(
        None, description="Server intake yang menghitung tayangan halaman, unduhan dan pencarian yang gagal ('/' = server yang sama dengan "
                          "situs, atau https://host/); kosong = situs tidak mengirim apa pun."
    )
    repositori: Annotated[str, StringConstraints(pattern=r"^[\w.-]+/[\w.-]+$")] | None = Field(
        None, description="Repositori GitHub (pemilik/nama) tempat editor /admin/ menyimpan suntingan; KLINIK_GITHUB_REPO menggantikannya."
    )
    cabang: Annotated[str, StringConstraints(pattern=r"^[\w./-]{1,100}$")] = Field(
        "main", description="Cabang utama repositori (yang dibangun dan diterbitkan); KLINIK_BASE_BRANCH menggantikannya."
    )
