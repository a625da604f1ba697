"""site_config/ikm.yml: the satisfaction-survey element sets (questions, answer labels, sources) and which period uses which."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from generator.util.errors import GeneratorError, Problem, UsageProblem
from generator.util.fields import ShortText, Slug, Strict, duplicated, plain_text
from generator.util.yaml_io import load_model

IKM_FILE = "ikm.yml"
DEFAULT_FILE = Path(__file__).with_name("ikm_bawaan.yml")
"""The packaged copy used by a project without site_config/ikm.yml (the same sets as this repository's file)."""
PERIODE_PATTERN = r"^[0-9]{4}-S[12]$"
Periode = Annotated[str, StringConstraints(pattern=PERIODE_PATTERN)]
Question = plain_text(10, 300)
Label = plain_text(1, 60)
Source = plain_text(5, 800)
SCALE = 4
"""Every element is answered on the 1-4 scale of PermenPANRB 14/2017: one label per score."""


class BadPeriod(UsageProblem):
    """A period slug that is not YYYY-S1 or YYYY-S2."""


class Unsur(Strict):
    """One element: its code U1..Un, its name, the question a citizen reads and the labels of scores 1..4."""

    kode: str = Field(description="U1, U2, ... berurutan.")
    nama: ShortText = Field(description="Nama unsur, mis. Persyaratan.")
    pertanyaan: Question = Field(description="Pertanyaan yang dibaca warga.")
    pilihan: tuple[Label, Label, Label, Label] = Field(description="Empat pilihan jawaban untuk nilai 1, 2, 3, 4.")

    @field_validator("pilihan", mode="before")
    @classmethod
    def _four(cls, value: object) -> object:
        if isinstance(value, list | tuple) and len(value) != SCALE:
            raise ValueError(f"pilihan harus tepat {SCALE} jawaban (nilai 1 sampai 4), bukan {len(value)}")
        return value


class UnsurSet(Strict):
    """A set of elements with its name and the regulation it comes from."""

    slug: Slug = Field(description="Diisi dari kunci di `sets`.")
    nama: ShortText = Field(description="Nama set unsur.")
    sumber: Source = Field(description="Peraturan atau surat edaran asal unsur dan pertanyaannya.")
    unsur: Annotated[list[Unsur], Field(min_length=1)] = Field(description="Unsur berurutan U1..Un.")

    @model_validator(mode="after")
    def _codes_in_order(self) -> UnsurSet:
        codes = [u.kode for u in self.unsur]
        dupes = duplicated(codes)
        if dupes:
            raise ValueError(f"kode unsur ganda: {', '.join(dupes)}")
        expected = [f"U{i}" for i in range(1, len(codes) + 1)]
        if codes != expected:
            raise ValueError(f"kode unsur harus berurutan {', '.join(expected)}; tertulis {', '.join(codes)}")
        return self


class IkmConfig(Strict):
    """site_config/ikm.yml: the element sets, the default set and the sets of particular periods."""

    sets: Annotated[dict[Slug, UnsurSet], Field(min_length=1)] = Field(description="Set unsur menurut slug.")
    unsur_bawaan: Slug = Field(description="Slug set yang dipakai periode yang tidak disebut di unsur_periode.")
    unsur_periode: dict[Periode, Slug] = Field(default_factory=dict, description="Periode (YYYY-S1/YYYY-S2) → slug set.")

    @model_validator(mode="before")
    @classmethod
    def _slugs_from_keys(cls, data: object) -> object:
        """Each set's slug is its key in `sets`, so the file does not write it twice."""
        if isinstance(data, dict) and isinstance(data.get("sets"), dict):
            sets = {key: ({"slug": key, **body} if isinstance(body, dict) and "slug" not in body else body) for key, body in data["sets"].items()}
            data = {**data, "sets": sets}
        return data

    @field_validator("sets")
    @classmethod
    def _slugs_match(cls, sets: dict[str, UnsurSet]) -> dict[str, UnsurSet]:
        for key, unsur_set in sets.items():
            if unsur_set.slug != key:
                raise ValueError(f"set {key!r} menulis slug {unsur_set.slug!r}; hapus `slug` atau samakan dengan kuncinya")
        return sets

    @field_validator("unsur_bawaan")
    @classmethod
    def _default_known(cls, slug: str, info: ValidationInfo) -> str:
        sets = info.data.get("sets")
        if sets is not None and slug not in sets:
            raise ValueError(f"set {slug!r} tidak ada di sets; pilih: {', '.join(sets)}")
        return slug

    @field_validator("unsur_periode")
    @classmethod
    def _periods_known(cls, periods: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        sets = info.data.get("sets")
        unknown = [f"{periode}: {slug!r}" for periode, slug in periods.items() if sets is not None and slug not in sets]
        if unknown:
            raise ValueError(f"set tidak ada di sets ({'; '.join(unknown)}); pilih: {', '.join(sets)}")
        return periods

    def set_for_periode(self, slug: str) -> UnsurSet:
        """The element set a period uses: its own entry in unsur_periode, else unsur_bawaan."""
        periode_bounds(slug)
        return self.sets[self.unsur_periode.get(slug, self.unsur_bawaan)]

    def set_for_day(self, day: date) -> UnsurSet:
        """The element set of the period a day falls in."""
        return self.set_for_periode(periode_of(day))


def periode_of(day: date) -> str:
    """The semester slug of a day: YYYY-S1 for January-June, YYYY-S2 for July-December."""
    return f"{day.year:04d}-S{1 if day.month <= 6 else 2}"


def _parse(slug: str) -> tuple[int, int]:
    text = slug if isinstance(slug, str) else ""
    if re.fullmatch(PERIODE_PATTERN, text) is None:
        raise BadPeriod(f"periode {slug!r} tidak valid; tulis YYYY-S1 (Januari-Juni) atau YYYY-S2 (Juli-Desember), mis. 2026-S2")
    year = int(text[:4])
    if year < 1:
        raise BadPeriod(f"periode {slug!r} tidak valid: tahun harus 0001 sampai 9999")
    return year, int(text[6])


def periode_bounds(slug: str) -> tuple[date, date]:
    """The first and last day of a period, both included; BadPeriod on a bad slug."""
    year, half = _parse(slug)
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def months_of(slug: str) -> list[str]:
    """The six months of a period as YYYY-MM."""
    year, half = _parse(slug)
    first = 1 if half == 1 else 7
    return [f"{year:04d}-{month:02d}" for month in range(first, first + 6)]


def default_ikm() -> IkmConfig:
    """The packaged element sets, for a project without site_config/ikm.yml."""
    problems: list[Problem] = []
    parsed, _ = load_model(DEFAULT_FILE, IkmConfig, problems)
    if parsed is None:  # the packaged file is tested; this only fires if someone broke it
        raise GeneratorError("salinan bawaan unsur IKM rusak: " + "; ".join(str(p) for p in problems))
    return parsed  # type: ignore[return-value]


def load_ikm(config_dir: Path, problems: list[Problem]) -> IkmConfig | None:
    """Validate site_config/ikm.yml (missing file = the packaged sets); append problems and return None when invalid."""
    path = config_dir / IKM_FILE
    if not path.exists():
        return default_ikm()
    return load_model(path, IkmConfig, problems)[0]  # type: ignore[return-value]
