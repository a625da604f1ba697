"""Site-level configuration in site_config/: metadata, the eight areas, the Balai directory."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .errors import Problem
from .frontmatter_io import load_model
from .kartu_kendali import KartuKendali, load_kartu
from .pembiayaan_config import PembiayaanConfig, load_pembiayaan
from .rab.harga import BukuHarga, load_price_book
from .schemas import ShortText, Slug, Strict, duplicated, plain_text
from .intake.routing import load_routing
from .search_terms import SearchDictionary, load_dictionary

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


class SubBidang(Strict):
    """A sub-area of a subject area."""

    slug: Slug
    nama: ShortText


class Bidang(Strict):
    """One of the eight subject areas with its sub-areas."""

    slug: Slug
    nama: ShortText
    uraian: LongText
    subtopik: Annotated[list[SubBidang], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_subareas(self) -> "Bidang":
        dupes = duplicated([s.slug for s in self.subtopik])
        if dupes:
            raise ValueError(f"sub-bidang ganda: {', '.join(dupes)}")
        return self


class Taxonomy(Strict):
    """site_config/taxonomy.yml: the areas, in display order."""

    bidang: Annotated[list[Bidang], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_areas(self) -> "Taxonomy":
        dupes = duplicated([b.slug for b in self.bidang])
        if dupes:
            raise ValueError(f"bidang ganda: {', '.join(dupes)}")
        return self

    def area(self, slug: str) -> Bidang | None:
        """Return the area with this slug, or None."""
        return next((b for b in self.bidang if b.slug == slug), None)


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


@dataclass(frozen=True)
class SiteConfig:
    """Everything in site_config/, validated."""

    root: Path
    meta: SiteMeta
    taxonomy: Taxonomy
    balai: BalaiDirectory
    pencarian: SearchDictionary
    pembiayaan: PembiayaanConfig | None = None
    kartu_kendali: KartuKendali | None = None
    harga: BukuHarga = field(default_factory=BukuHarga)


CONFIG_FILES = {"meta": ("site.yml", SiteMeta), "taxonomy": ("taxonomy.yml", Taxonomy), "balai": ("balai.yml", BalaiDirectory)}


def load_site_config(root: Path, problems: list[Problem]) -> SiteConfig | None:
    """Validate every file in site_config/; append problems and return None if any is invalid."""
    loaded: dict[str, object] = {}
    for key, (name, model) in CONFIG_FILES.items():
        parsed, _ = load_model(root / name, model, problems)
        if parsed is not None:
            loaded[key] = parsed
    dictionary = load_dictionary(root, problems)
    before = len(problems)
    optional = {"pembiayaan": load_pembiayaan(root, problems), "kartu_kendali": load_kartu(root, problems)}
    routing = load_routing(root, loaded.get("taxonomy"), problems)  # type: ignore[arg-type]
    loaded["harga"] = load_price_book(root, problems)
    failed = len(problems) != before or routing is None or dictionary is None
    if len(loaded) != len(CONFIG_FILES) + 1 or failed:
        return None
    loaded["pencarian"] = dictionary
    loaded.update(optional)
    return SiteConfig(root=root, **loaded)  # type: ignore[arg-type]
