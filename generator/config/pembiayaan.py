"""site_config/pembiayaan.yml: FLPP terms, price caps and income limits, each with its source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from generator.util.errors import Problem
from generator.util.fields import ShortText, Slug, Strict, duplicated, plain_text
from generator.util.yaml_io import load_model

FINANCE_FILE = "pembiayaan.yml"
Rupiah = Annotated[int, Field(gt=0, le=10_000_000_000)]
LongText = plain_text(1, 600)


class Sourced(Strict):
    """Every table says where its figures come from and whether they were confirmed."""

    sumber: LongText = Field(description="Sumber angka (peraturan atau kutipan, dengan tanggal).")
    terkonfirmasi: bool = Field(description="true bila angka sudah dicek ke sumber resmi; false ditampilkan sebagai 'belum terkonfirmasi'.")


class Flpp(Sourced):
    """The product terms of KPR FLPP, used as the calculators' defaults."""

    bunga: float = Field(gt=0, le=30, description="Suku bunga tetap, persen per tahun.")
    tenor_maks: int = Field(ge=1, le=35, description="Jangka waktu paling lama, tahun.")
    uang_muka_min: float = Field(ge=0, lt=100, description="Uang muka paling sedikit, persen dari harga.")


class RasioAngsuran(Sourced):
    """Share of household income a bank lets go to instalments (a practice, not a regulation)."""

    bagian: int = Field(ge=1, description="Pembilang rasio, mis. 1 pada 1/3.")
    dari: int = Field(ge=1, description="Penyebut rasio, mis. 3 pada 1/3.")

    @model_validator(mode="after")
    def _below_one(self) -> RasioAngsuran:
        if self.bagian >= self.dari:
            raise ValueError("rasio angsuran harus kurang dari 1 (bagian < dari)")
        return self


class WilayahHarga(Strict):
    """One price-cap region of Kepmen PUPR 689/KPTS/M/2023."""

    kode: Slug = Field(description="Kode wilayah (dipakai di --zona klinik kpr).")
    nama: ShortText = Field(description="Nama wilayah.")
    cakupan: LongText = Field(description="Provinsi atau kabupaten yang termasuk.")
    harga: dict[int, Rupiah] = Field(description="Batas harga jual rumah per tahun, rupiah.")


class BatasHarga(Sourced):
    """House price caps for subsidised landed houses, per region and year."""

    tahun_acuan: int = Field(ge=2000, le=2100, description="Tahun harga yang dipakai kalkulator.")
    wilayah: Annotated[list[WilayahHarga], Field(min_length=1)] = Field(description="Wilayah batas harga.")

    @model_validator(mode="after")
    def _consistent(self) -> BatasHarga:
        dupes = duplicated([w.kode for w in self.wilayah])
        if dupes:
            raise ValueError(f"kode wilayah ganda: {', '.join(dupes)}")
        missing = [w.kode for w in self.wilayah if self.tahun_acuan not in w.harga]
        if missing:
            raise ValueError(f"harga tahun {self.tahun_acuan} tidak ada untuk wilayah: {', '.join(missing)}")
        return self


class ZonaPenghasilan(Strict):
    """One income zone of Permen PKP 5/2025 with its monthly limits."""

    kode: Annotated[str, StringConstraints(pattern=r"^[0-9a-z-]{1,20}$")] = Field(description="Kode zona (dipakai di --zona klinik mampu).")
    nama: ShortText = Field(description="Nama zona.")
    cakupan: LongText = Field(description="Wilayah yang termasuk.")
    tidak_kawin: Rupiah = Field(description="Batas penghasilan per bulan, belum kawin.")
    kawin: Rupiah = Field(description="Batas penghasilan gabungan suami-istri per bulan.")
    peserta_tapera: Rupiah = Field(description="Batas penghasilan per bulan bagi satu orang peserta Tapera.")
    wilayah_harga: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Kode wilayah batas harga (batas_harga.wilayah) di zona ini; harga terjangkau dibandingkan dengan batas harganya."
    )


class BatasPenghasilan(Sourced):
    """Income limits for MBR (and so for KPR FLPP), per zone and marital status."""

    catatan: LongText | None = Field(default=None, description="Keterangan cara membaca tabel.")
    zona: Annotated[list[ZonaPenghasilan], Field(min_length=1)] = Field(description="Zona penghasilan.")

    @model_validator(mode="after")
    def _unique(self) -> BatasPenghasilan:
        dupes = duplicated([z.kode for z in self.zona])
        if dupes:
            raise ValueError(f"kode zona ganda: {', '.join(dupes)}")
        return self


class PembiayaanConfig(Strict):
    """site_config/pembiayaan.yml as a whole."""

    flpp: Flpp = Field(description="Ketentuan KPR FLPP, bawaan kalkulator.")
    rasio_angsuran: RasioAngsuran = Field(description="Bagian penghasilan yang boleh untuk angsuran (bawaan 1/3).")
    batas_harga: BatasHarga = Field(description="Batas harga rumah subsidi per wilayah dan tahun.")
    batas_penghasilan: BatasPenghasilan = Field(description="Batas penghasilan MBR per zona dan status perkawinan.")

    @field_validator("batas_penghasilan")
    @classmethod
    def _known_regions(cls, value: BatasPenghasilan, info: ValidationInfo) -> BatasPenghasilan:
        harga = info.data.get("batas_harga")
        if harga is None:
            return value  # batas_harga itself is wrong and already reported
        known = {w.kode for w in harga.wilayah}
        unknown = sorted({k for z in value.zona for k in z.wilayah_harga} - known)
        if unknown:
            raise ValueError(f"wilayah_harga tidak ada di batas_harga.wilayah: {', '.join(unknown)}; pilih: {', '.join(sorted(known))}")
        return value

    def tabel(self) -> dict:
        """The figures the calculators use, as plain data: identical input for Python and the page's JavaScript."""
        year = self.batas_harga.tahun_acuan
        return {
            "flpp": {"bunga": self.flpp.bunga, "tenor_maks": self.flpp.tenor_maks, "uang_muka_min": self.flpp.uang_muka_min},
            "rasio": {"bagian": self.rasio_angsuran.bagian, "dari": self.rasio_angsuran.dari},
            "wilayah": [{"kode": w.kode, "nama": w.nama, "batas_harga": w.harga[year]} for w in self.batas_harga.wilayah],
            "zona": [
                {"kode": z.kode, "nama": z.nama, "kawin": z.kawin, "tidak_kawin": z.tidak_kawin, "wilayah_harga": z.wilayah_harga}
                for z in self.batas_penghasilan.zona
            ],
            "tahun_harga": year,
        }


def load_pembiayaan(config_dir: Path, problems: list[Problem]) -> PembiayaanConfig | None:
    """Validate site_config/pembiayaan.yml when present; append problems and return None when absent or invalid."""
    path = config_dir / FINANCE_FILE
    if not path.exists():
        return None
    return load_model(path, PembiayaanConfig, problems)[0]  # type: ignore[return-value]
