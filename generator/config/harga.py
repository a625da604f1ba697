"""Unit-price data in site_config/: AHSP analyses, basic prices per province (priced or estimated by IKK), the cost band."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from generator.config.ikk import IKK_FILE, IkkProvinsi, IndeksKemahalan, angka_ikk, harga_perkiraan
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
class Perkiraan:
    """How an unpriced province's table was made: the base table's prices x (its IKK / the base's IKK)."""

    basis: Provinsi
    ikk: Decimal
    ikk_basis: Decimal
    tahun: int
    """The IKK's year."""

    @property
    def rasio(self) -> str:
        """The factor as a reader checks it: 96,61 / 105,30."""
        return f"{angka_ikk(self.ikk)} / {angka_ikk(self.ikk_basis)}"


@dataclass(frozen=True)
class Provinsi:
    """A validated price table and where it came from (ikk.yml and its base table, for an estimate)."""

    slug: str
    path: Path
    text: str
    tabel: TabelHarga
    perkiraan: Perkiraan | None = None
    """None for a table a TA priced; set for a table estimated from IKK."""

    def line_of(self, *loc: str) -> int:
        return node_line(self.text, list(loc), 0)


@dataclass(frozen=True)
class BukuHarga:
    """Everything needed to price a design; empty when the project has no harga_satuan/ folder."""

    analisa: DaftarAnalisa | None = None
    analisa_path: Path | None = None
    provinsi: list[Provinsi] = field(default_factory=list)
    """Priced and estimated provinces, in ikk.yml's order (Kemendagri codes); only the priced ones without ikk.yml."""
    batas: BatasBiaya = field(default_factory=lambda: BatasBiaya(biaya_per_m2_min=2_000_000, biaya_per_m2_maks=8_000_000))
    ikk: IndeksKemahalan | None = None
    ikk_path: Path | None = None
    ikk_text: str = ""

    def by_slug(self, slug: str) -> Provinsi | None:
        return next((p for p in self.provinsi if p.slug == slug), None)

    @property
    def langsung(self) -> list[Provinsi]:
        """The provinces a TA priced (the others are estimates)."""
        return [p for p in self.provinsi if p.perkiraan is None]


def load_price_book(config_root: Path, problems: list[Problem]) -> BukuHarga:
    """Validate analisa.yml, batas.yml and every province table; append problems for each mistake."""
    root = config_root / PRICE_DIR
    if not root.is_dir():
        return BukuHarga()
    analisa, _ = load_model(root / "analisa.yml", DaftarAnalisa, problems)
    batas, _ = load_model(root / "batas.yml", BatasBiaya, problems)
    priced = []
    for path in sorted((root / "provinsi").glob("*.yml")):
        tabel, text = load_model(path, TabelHarga, problems)
        if tabel is not None:
            priced.append(Provinsi(path.stem, path, text, tabel))
    if not any((root / "provinsi").glob("*.yml")):
        problems.append(problem(root, 1, "provinsi", "belum ada tabel harga: isi harga_satuan/provinsi/<provinsi>.yml"))
    if batas is not None and batas.biaya_per_m2_min >= batas.biaya_per_m2_maks:
        problems.append(problem(root / "batas.yml", 1, "biaya_per_m2_min", "harus lebih kecil dari biaya_per_m2_maks"))
    ikk_path = root / IKK_FILE
    indeks, ikk_text = load_model(ikk_path, IndeksKemahalan, problems) if ikk_path.is_file() else (None, "")
    provinces = _with_estimates(priced, indeks, ikk_path, ikk_text, problems) if indeks is not None else priced  # type: ignore[arg-type]
    extra = {"batas": batas} if batas is not None else {}
    return BukuHarga(analisa, root / "analisa.yml", provinces, **extra, ikk=indeks, ikk_path=ikk_path, ikk_text=ikk_text)  # type: ignore[arg-type]


def slug_provinsi(nama: str) -> str:
    """The URL name of an estimated province: Daerah Istimewa Yogyakarta -> daerah-istimewa-yogyakarta."""
    return re.sub(r"[^a-z0-9]+", "-", nama.lower()).strip("-")


def _with_estimates(priced: list[Provinsi], indeks: IndeksKemahalan, path: Path, text: str, problems: list[Problem]) -> list[Provinsi]:
    """Every ikk.yml province in its order: its own table when priced, else the base table scaled by IKK."""
    tables = {p.slug: p for p in priced}
    basis_entry = next((e for e in indeks.provinsi if e.tabel == indeks.basis), None)
    if indeks.basis not in tables or basis_entry is None:
        problems.append(problem(
            path, node_line(text, ["basis"], 0), "basis",
            f"basis {indeks.basis!r} harus tabel harga yang ada (provinsi/{indeks.basis}.yml) dan dipakai sebuah provinsi di sini "
            f"(tabel: {indeks.basis}); tabel yang ada: {', '.join(tables) or '(belum ada)'}",
        ))
    out: list[Provinsi] = []
    for index, entry in enumerate(indeks.provinsi):
        if entry.tabel is not None:
            if entry.tabel in tables:
                out.append(tables[entry.tabel])
            else:
                problems.append(problem(
                    path, node_line(text, ["provinsi", str(index), "tabel"], 0), f"provinsi.{index}.tabel",
                    f"tabel harga provinsi/{entry.tabel}.yml tidak ada; tabel yang ada: {', '.join(tables) or '(belum ada)'}",
                ))
        elif basis_entry is not None and indeks.basis in tables:
            out.append(_estimate(entry, index, tables[indeks.basis], basis_entry, indeks, path, text))
    used = {e.tabel for e in indeks.provinsi}
    for table in priced:
        if table.slug not in used:
            problems.append(problem(
                table.path, 1, "provinsi",
                f"tabel {table.slug}.yml tidak dipakai di harga_satuan/{IKK_FILE}: tulis tabel: {table.slug} pada provinsinya",
            ))
    slugs = [p.slug for p in out]
    clash = sorted({s for s in slugs if slugs.count(s) > 1})
    if clash:
        problems.append(problem(path, node_line(text, ["provinsi"], 0), "provinsi", f"nama halaman provinsi ganda: {', '.join(clash)}"))
    return out


def _estimate(
    entry: IkkProvinsi, index: int, basis: Provinsi, basis_entry: IkkProvinsi, indeks: IndeksKemahalan, path: Path, text: str,
) -> Provinsi:
    """An unpriced province's table: each basic price of the base x IKK / IKK of the base, exact and half up."""
    base = basis.tabel
    perkiraan = Perkiraan(basis, entry.ikk, basis_entry.ikk, indeks.tahun)
    tabel = TabelHarga.model_construct(  # from validated parts: the base table and the index
        provinsi=entry.nama,
        tahun=base.tahun,
        sumber=(f"Perkiraan dari harga dasar {base.provinsi} {base.tahun} dikali IKK {indeks.tahun} {entry.nama} / "
                f"IKK {base.provinsi} ({perkiraan.rasio})"),
        indikatif=True,
        biaya_umum_keuntungan=base.biaya_umum_keuntungan,
        harga_dasar={k: harga_perkiraan(v, entry.ikk, basis_entry.ikk) for k, v in base.harga_dasar.items()},
    )
    return Provinsi(slug_provinsi(entry.nama), path, text, tabel, perkiraan)
