"""Front-matter schema of a house design in content/desain-rumah/ (no I/O here)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from generator.config.harga import Satuan
from generator.content.schemas import BaseEntry
from generator.util.fields import ShortText, Slug, Strict, plain_text

DIVISI: dict[str, str] = {
    "persiapan": "I. Pekerjaan persiapan",
    "tanah": "II. Pekerjaan tanah",
    "pondasi": "III. Pekerjaan pondasi",
    "beton": "IV. Pekerjaan beton bertulang",
    "dinding": "V. Pekerjaan dinding",
    "atap": "VI. Pekerjaan atap",
    "kusen-pintu-jendela": "VII. Pekerjaan kusen, pintu dan jendela",
    "lantai": "VIII. Pekerjaan lantai",
    "plafon": "IX. Pekerjaan plafon",
    "sanitasi": "X. Pekerjaan sanitasi dan air",
    "listrik": "XI. Pekerjaan listrik",
    "pengecatan": "XII. Pekerjaan pengecatan",
}
"""The twelve work divisions of a simple-house RAB, in the order a RAB lists them."""

Divisi = Literal[
    "persiapan", "tanah", "pondasi", "beton", "dinding", "atap",
    "kusen-pintu-jendela", "lantai", "plafon", "sanitasi", "listrik", "pengecatan",
]
Struktur = Literal["konvensional-beton-bertulang", "risha", "kayu", "panggung"]
ZonaGempa = Literal["rendah", "sedang", "tinggi"]

STRUKTUR: dict[str, str] = {
    "konvensional-beton-bertulang": "Konvensional beton bertulang (pasangan bata terkekang)",
    "risha": "RISHA (panel beton pracetak)",
    "kayu": "Rangka kayu",
    "panggung": "Rumah panggung",
}
"""Display names of the structure kinds."""

LongText = plain_text(20, 2000)


class Ruang(Strict):
    """The rooms of a design."""

    kamar_tidur: int = Field(ge=0, le=10, description="Jumlah kamar tidur.")
    kamar_mandi: int = Field(ge=0, le=10, description="Jumlah kamar mandi/WC.")
    lainnya: list[ShortText] = Field(default_factory=list, description="Ruang lain (ruang tamu, dapur, teras...).")


class ItemBoq(Strict):
    """One work item of the bill of quantities."""

    divisi: Divisi = Field(description="Divisi pekerjaan (salah satu dari 12 divisi).")
    uraian: ShortText = Field(description="Uraian pekerjaan.")
    satuan: Satuan = Field(description="Satuan volume: m3, m2, m', bh, kg atau ls.")
    volume: float = Field(description="Volume pekerjaan (lebih dari 0).")
    kode_analisa: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9.-]{1,30}$")] = Field(
        description="Kode analisa harga satuan (AHSP) di site_config/harga_satuan/analisa.yml."
    )

    @field_validator("volume")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not value > 0:
            raise ValueError(f"volume harus lebih dari 0 (tertulis {value:g})")
        return value


class Desain(BaseEntry):
    """A house design: plan, rooms, structure and bill of quantities; the body describes it."""

    kode: Slug = Field(description="Kode desain, sama dengan nama berkas (mis. t36-konvensional).")
    nama: ShortText = Field(description="Nama desain.")
    tipe: int = Field(ge=9, le=200, description="Luas lantai bangunan (m²), mis. 36 untuk tipe 36.")
    luas_kavling: int = Field(ge=20, le=2000, description="Luas kavling minimal (m²).")
    ruang: Ruang = Field(description="Jumlah kamar tidur, kamar mandi dan ruang lain.")
    struktur: Struktur = Field(description="Sistem struktur.")
    zona_gempa: Annotated[list[ZonaGempa], Field(min_length=1)] = Field(
        description="Zona gempa tempat desain ini cocok: rendah, sedang, tinggi."
    )
    denah: ShortText = Field(description="Berkas SVG denah, relatif terhadap berkas .md.")
    denah_uraian: LongText = Field(description="Uraian denah dalam teks, untuk pembaca layar.")
    ditinjau: dt.date = Field(description="Tanggal terakhir desain, denah dan BoQ ditinjau (YYYY-MM-DD).")
    boq: Annotated[list[ItemBoq], Field(min_length=1)] = Field(description="Daftar kuantitas pekerjaan (BoQ).")

    @field_validator("denah")
    @classmethod
    def _svg_only(cls, value: str) -> str:
        if not value.lower().endswith(".svg"):
            raise ValueError("denah harus berkas SVG (.svg)")
        return value

    @property
    def judul(self) -> str:
        """The page title, so a design is titled like every other entry."""
        return self.nama

    @property
    def topik(self) -> str:
        """Designs belong to the planning area of the taxonomy."""
        return "perencanaan-rumah"

    @property
    def subtopik(self) -> str:
        return "desain-rab"
