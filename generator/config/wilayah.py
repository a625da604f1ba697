"""Provinces and kabupaten/kota for the question form, from site_config/wilayah.yml (Kepmendagri codes)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from generator.util.errors import Problem
from generator.util.fields import Strict, duplicated
from generator.util.yaml_io import load_model

WILAYAH_FILE = "wilayah.yml"
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=100)]


class KabupatenKota(Strict):
    """A regency (kode 01-69) or city (kode 71-99) inside its province."""

    kode: Annotated[str, StringConstraints(pattern=r"^\d{2}\.\d{2}$")]
    nama: Name


class Provinsi(Strict):
    """A province with its kabupaten/kota; every child code starts with the province code."""

    kode: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    nama: Name
    kabupaten_kota: Annotated[list[KabupatenKota], Field(min_length=1)]

    @model_validator(mode="after")
    def _children_belong(self) -> Provinsi:
        stray = [k.kode for k in self.kabupaten_kota if not k.kode.startswith(self.kode + ".")]
        if stray:
            raise ValueError(f"kode kabupaten/kota tidak diawali kode provinsi {self.kode}: {', '.join(stray)}")
        dupes = duplicated([k.kode for k in self.kabupaten_kota]) + duplicated([k.nama for k in self.kabupaten_kota])
        if dupes:
            raise ValueError(f"kabupaten/kota ganda: {', '.join(dupes)}")
        return self


class Wilayah(Strict):
    """site_config/wilayah.yml: the source decree and the provinces in display order."""

    sumber: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=1000)]
    provinsi: Annotated[list[Provinsi], Field(min_length=1)]

    @field_validator("provinsi")
    @classmethod
    def _unique(cls, provinsi: list[Provinsi]) -> list[Provinsi]:
        dupes = duplicated([p.kode for p in provinsi]) + duplicated([p.nama for p in provinsi])
        if dupes:
            raise ValueError(f"provinsi ganda: {', '.join(dupes)}")
        return provinsi

    def province(self, name: str) -> Provinsi | None:
        """The province with exactly this name, or None."""
        return next((p for p in self.provinsi if p.nama == name), None)

    def has(self, provinsi: str, kabupaten_kota: str) -> bool:
        """Whether this kabupaten/kota lies in this province."""
        province = self.province(provinsi)
        return province is not None and any(k.nama == kabupaten_kota for k in province.kabupaten_kota)


def load_wilayah(config_dir: Path, problems: list[Problem]) -> Wilayah | None:
    """Read and validate site_config/wilayah.yml; append problems and return None when invalid."""
    return load_model(config_dir / WILAYAH_FILE, Wilayah, problems)[0]

