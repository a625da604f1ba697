"""Unit-price data in site_config/: AHSP analyses, basic prices per province, the plausible cost band."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from generator.util.errors import Problem, problem
from generator.util.fields import ShortText, Strict
from generator.util.yaml_io import load_model, node_line

PRICE_DIR = "harga_satuan"
Satuan = Literal["m3", "m2", "m'", "bh", "kg", "ls"]
"""The units a BoQ item and an analysis may use."""
"""Folder of site_config/ holding analisa.yml, batas.yml and provinsi/<slug>.yml."""

Kode = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9.-]{1,30}$")]
Koefisien = Annotated[float, Field(gt=0)]
JENIS = ("tenaga", "bahan", "alat")


class SumberDaya(Strict):
    """A resource priced per province: a trade (OH), a material or an equipment hire."""

    uraian: ShortText = Field(description="Nama tenaga, bahan atau alat.")
    satuan: ShortText = Field(description="Satuan harga dasar (OH, kg, m3, bh, ...).")
    jenis: Literal["tenaga", "bahan", "alat"] = Field(description="tenaga, bahan atau alat.")


class Analisa(Strict):
    """One unit-price analysis: coefficients of labour, materials and equipment per unit of work."""

    uraian: ShortText = Field(description="Uraian pekerjaan yang dianalisa.")
    satuan: Satuan = Field(description="Satuan pekerjaan (harus sama dengan satuan item BoQ).")
    tenaga: dict[str, Koefisien] = Field(default_factory=dict, description="Koefisien tenaga kerja (OH per satuan).")
    bahan: dict[str, Koefisien] = Field(default_factory=dict, description="Koefisien bahan per satuan.")
    alat: dict[str, Koefisien] = Field(default_factory=dict, description="Koefisien alat per satuan.")

    def koefisien(self) -> list[tuple[str, str, float]]:
        """(jenis, resource, coefficient) in the fixed order the RAB sums them (Python and JS alike)."""
        return [(jenis, kode, koef) for jenis in JENIS for kode, koef in getattr(self, jenis).items()]


class DaftarAnalisa(Strict):
    """site_config/harga_satuan/analisa.yml: resources and analyses shared by every province."""

    acuan: ShortText = Field(description="Dasar koefisien analisa.")
    sumber_daya: dict[str, SumberDaya] = Field(description="Tenaga, bahan dan alat yang dipakai analisa.")
    analisa: dict[Kode, Analisa] = Field(description="Analisa harga satuan pekerjaan, per kode.")

    @field_validator("analisa")
    @classmethod
    def _resources_known(cls, value: dict, info: ValidationInfo) -> dict:
        resources = info.data.get("sumber_daya", {})
        for kode, analisa in value.items():
            for jenis, name, _ in analisa.koefisien():
                resource = resources.get(name)
                if resource is None:
                    raise ValueError(f"analisa {kode}: sumber daya {name!r} tidak ada di sumber_daya")
                if resource.jenis != jenis:
                    raise ValueError(f"analisa {kode}: {name!r} berjenis {resource.jenis}, bukan {jenis}")
        return value


class TabelHarga(Strict):
    """site_config/harga_satuan/provinsi/<slug>.yml: basic prices of one province, indicative."""

    provinsi: ShortText = Field(description="Nama provinsi.")
    tahun: int = Field(ge=2000, le=2100, description="Tahun harga.")
    sumber: ShortText = Field(description="Dasar harga dasar (tulis apa adanya, mis. harga pasar indikatif).")
    indikatif: Literal[True] = Field(description="Selalu true: harga ini perkiraan, bukan harga resmi.")
    biaya_umum_keuntungan: float = Field(ge=0, le=15, description="Biaya umum dan keuntungan, persen (maks. 15).")
    harga_dasar: dict[str, Annotated[int, Field(gt=0)]] = Field(description="Harga dasar per sumber daya (Rp).")


class BatasBiaya(Strict):
    """site_config/harga_satuan/batas.yml: the plausible band of cost per m2; outside it is a warning."""

    biaya_per_m2_min: int = Field(gt=0, description="Batas bawah biaya per m² yang wajar (Rp).")
    biaya_per_m2_maks: int = Field(gt=0, description="Batas atas biaya per m² yang wajar (Rp).")


@dataclass(frozen=True)
class Provinsi:
    """A validated price table and where it came from."""

    slug: str
    path: Path
    text: str
    tabel: TabelHarga

    def line_of(self, *loc: str) -> int:
        return node_line(self.text, list(loc), 0)


@dataclass(frozen=True)
class BukuHarga:
    """Everything needed to price a design; empty when the project has no harga_satuan/ folder."""

    analisa: DaftarAnalisa | None = None
    analisa_path: Path | None = None
    provinsi: list[Provinsi] = field(default_factory=list)
    batas: BatasBiaya = field(default_factory=lambda: BatasBiaya(biaya_per_m2_min=2_000_000, biaya_per_m2_maks=8_000_000))

    def by_slug(self, slug: str) -> Provinsi | None:
        return next((p for p in self.provinsi if p.slug == slug), None)


def load_price_book(config_root: Path, problems: list[Problem]) -> BukuHarga:
    """Validate analisa.yml, batas.yml and every province table; append problems for each mistake."""
    root = config_root / PRICE_DIR
    if not root.is_dir():
        return BukuHarga()
    analisa, _ = load_model(root / "analisa.yml", DaftarAnalisa, problems)
    batas, _ = load_model(root / "batas.yml", BatasBiaya, problems)
    provinces = []
    for path in sorted((root / "provinsi").glob("*.yml")):
        tabel, text = load_model(path, TabelHarga, problems)
        if tabel is not None:
            provinces.append(Provinsi(path.stem, path, text, tabel))
    if not any((root / "provinsi").glob("*.yml")):
        problems.append(problem(root, 1, "provinsi", "belum ada tabel harga: isi harga_satuan/provinsi/<provinsi>.yml"))
    if batas is not None and batas.biaya_per_m2_min >= batas.biaya_per_m2_maks:
        problems.append(problem(root / "batas.yml", 1, "biaya_per_m2_min", "harus lebih kecil dari biaya_per_m2_maks"))
    if batas is None:
        return BukuHarga(analisa, root / "analisa.yml", provinces)
    return BukuHarga(analisa, root / "analisa.yml", provinces, batas)
