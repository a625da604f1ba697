"""site_config/harga_satuan/ikk.yml: the BPS construction cost index per province, to estimate RAB where nobody priced."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from generator.config.wilayah import Wilayah
from generator.util.errors import Problem, problem
from generator.util.fields import ShortText, Slug, Strict, duplicated
from generator.util.yaml_io import node_line

IKK_FILE = "ikk.yml"
"""Inside site_config/harga_satuan/; optional: without it only the directly priced provinces have a RAB."""


class Sumber(Strict):
    """One source of the figures, with the address a reader can check."""

    uraian: ShortText = Field(description="Judul publikasi atau halaman, penerbit dan apa yang diambil darinya.")
    tautan: Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]{3,300}$")] = Field(description="Alamat https sumber.")


class IkkProvinsi(Strict):
    """One province's index; `tabel` names its own price table when the province is priced directly."""

    kode: Annotated[str, StringConstraints(pattern=r"^\d{2}$")] = Field(description="Kode provinsi Kemendagri, seperti di wilayah.yml.")
    nama: ShortText = Field(description="Nama provinsi, persis seperti di wilayah.yml.")
    ikk: Decimal = Field(description="Indeks Kemahalan Konstruksi provinsi (kota acuan = 100), paling banyak dua angka desimal.")
    tabel: Slug | None = Field(default=None, description="Nama tabel harga provinsi/<tabel>.yml bila provinsi ini dihargai langsung.")

    @field_validator("ikk")
    @classmethod
    def _two_decimals(cls, value: Decimal) -> Decimal:
        if not value.is_finite() or value <= 0 or value > 1000:
            raise ValueError(f"IKK harus lebih dari 0 dan paling banyak 1000 (tertulis {value})")
        if value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise ValueError(f"IKK ditulis paling banyak dua angka desimal, seperti di tabel BPS (tertulis {value})")
        return value


class IndeksKemahalan(Strict):
    """The whole file: where the figures come from, the base table of every estimate, one entry per province."""

    judul: ShortText = Field(description="Judul publikasi sumber angka IKK.")
    tahun: int = Field(ge=2000, le=2100, description="Tahun IKK.")
    kota_acuan: ShortText = Field(description="Kota acuan IKK (= 100), seperti yang ditulis sumbernya.")
    sumber: Annotated[list[Sumber], Field(min_length=1)] = Field(description="Sumber angka, dengan tautan.")
    basis: Slug = Field(description="Tabel harga provinsi yang dipakai untuk memperkirakan semua provinsi tanpa tabel.")
    provinsi: Annotated[list[IkkProvinsi], Field(min_length=1)] = Field(description="IKK per provinsi, urut kode.")

    @field_validator("provinsi")
    @classmethod
    def _unique(cls, provinsi: list[IkkProvinsi]) -> list[IkkProvinsi]:
        tabel = [p.tabel for p in provinsi if p.tabel]
        dupes = duplicated([p.kode for p in provinsi]) + duplicated([p.nama for p in provinsi]) + duplicated(tabel)  # type: ignore[arg-type]
        if dupes:
            raise ValueError(f"provinsi ganda: {', '.join(dupes)}")
        return provinsi


def harga_perkiraan(harga: int, ikk: Decimal, ikk_basis: Decimal) -> int:
    """harga x ikk / ikk_basis, exactly, rounded half up to whole rupiah (no binary fraction on the way)."""
    return math.floor(Fraction(harga) * Fraction(ikk) / Fraction(ikk_basis) + Fraction(1, 2))


def angka_ikk(value: Decimal) -> str:
    """An index the Indonesian way, always with two decimals: 105,30."""
    return f"{value:.2f}".replace(".", ",")


def coverage_problems(path: Path, text: str, indeks: IndeksKemahalan, wilayah: Wilayah) -> list[Problem]:
    """Every province of wilayah.yml (and so each of its kabupaten/kota) has an index here, under the same name."""
    ours = {p.kode: (i, p) for i, p in enumerate(indeks.provinsi)}
    out = []
    for prov in wilayah.provinsi:
        if prov.kode not in ours:
            out.append(problem(
                path, node_line(text, ["provinsi"], 0), "provinsi",
                f"provinsi {prov.kode} {prov.nama} ({len(prov.kabupaten_kota)} kabupaten/kota di wilayah.yml) belum punya IKK",
            ))
            continue
        index, entry = ours[prov.kode]
        if entry.nama != prov.nama:
            out.append(problem(
                path, node_line(text, ["provinsi", str(index), "nama"], 0), f"provinsi.{index}.nama",
                f"nama provinsi {prov.kode} harus sama dengan wilayah.yml: {prov.nama!r} (tertulis {entry.nama!r})",
            ))
    known = {p.kode for p in wilayah.provinsi}
    for index, entry in enumerate(indeks.provinsi):
        if entry.kode not in known:
            out.append(problem(
                path, node_line(text, ["provinsi", str(index), "kode"], 0), f"provinsi.{index}.kode",
                f"kode provinsi {entry.kode} ({entry.nama}) tidak ada di wilayah.yml",
            ))
    return out
