"""Published satisfaction results (content/ikm/<periode>.yml): aggregates only, checked against the element sets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from generator.config import SiteConfig
from generator.util.errors import Problem, problem
from generator.util.fields import Slug, Strict
from generator.util.yaml_io import load_model, node_line

SECTION = "ikm"
NATIONAL = "nasional"
"""The row of the whole country, next to one row per Balai."""
MIN_RESPONDENTS = 5
"""Below this a Balai's element sums are not published: with one or two answers the sums would be the answers."""
PERIOD = re.compile(r"\A(\d{4})-S([12])\Z")
Periode = Annotated[str, StringConstraints(pattern=r"^\d{4}-S[12]$")]
PlanText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]


class HasilIkm(Strict):
    """One Balai's (or the country's) survey result for a period, as sums per element."""

    balai: Slug = Field(description="Slug Balai dari site_config/balai.yml, atau 'nasional'.")
    layanan: int = Field(ge=0, description="Jumlah layanan dalam periode (populasi untuk sampel minimum).")
    responden: int = Field(ge=0, description="Jumlah responden survei.")
    jumlah: list[int] = Field(default_factory=list, description="Jumlah nilai per unsur (U1..Un); kosong bila responden kurang dari 5.")
    tindak_lanjut: list[PlanText] = Field(default_factory=list, description="Rencana tindak lanjut Balai atas unsur terlemah.")

    @model_validator(mode="after")
    def _sums_fit(self) -> HasilIkm:
        if self.jumlah and self.responden < MIN_RESPONDENTS:
            raise ValueError(f"jumlah per unsur hanya diterbitkan bila responden minimal {MIN_RESPONDENTS}")
        if self.responden >= MIN_RESPONDENTS and not self.jumlah:
            raise ValueError("jumlah per unsur wajib diisi bila responden cukup")
        low, high = self.responden, 4 * self.responden
        bad = [f"U{k}" for k, total in enumerate(self.jumlah, 1) if not low <= total <= high]
        if bad:
            raise ValueError(f"jumlah {', '.join(bad)} harus antara {low} dan {high} (nilai 1-4 x {self.responden} responden)")
        return self


class TerbitanIkm(Strict):
    """content/ikm/<periode>.yml: what `klinik ikm terbitkan` writes and a reviewer merges."""

    periode: Periode = Field(description="Periode semester, mis. 2026-S2.")
    unsur: Slug = Field(description="Set unsur yang dipakai (site_config/ikm.yml), mis. se-2025.")
    diterbitkan: dt.date = Field(description="Tanggal data dihitung (YYYY-MM-DD).")
    hasil: Annotated[list[HasilIkm], Field(min_length=1)] = Field(description="Satu baris per Balai dan satu baris 'nasional'.")


@dataclass(frozen=True)
class IkmRelease:
    """One validated results file and where it came from, for line numbers in later checks."""

    path: Path
    text: str
    data: TerbitanIkm

    @property
    def slug(self) -> str:
        return self.data.periode.lower()


def read_release(path: Path) -> tuple[IkmRelease | None, list[Problem]]:
    """Validate one results file; its name must be its period (2026-S2.yml)."""
    problems: list[Problem] = []
    data, text = load_model(path, TerbitanIkm, problems)
    if data is None:
        return None, problems
    if path.stem.upper() != data.periode:
        problems.append(problem(path, node_line(text, ["periode"], 0), "periode", f"nama berkas harus {data.periode}.yml"))
        return None, problems
    return IkmRelease(path, text, data), []


def period_key(slug: str) -> tuple[int, int]:
    """Sort key of a period slug (2026-S2 -> (2026, 2))."""
    match = PERIOD.match(slug.upper())
    return (int(match[1]), int(match[2])) if match else (0, 0)


def check_releases(releases: list[IkmRelease], config: SiteConfig) -> list[Problem]:
    """Cross-file checks: the element set exists, each row has one sum per element, each Balai is known and once."""
    out: list[Problem] = []
    known_balai = {b.slug for b in config.balai.balai}
    seen: dict[str, Path] = {}
    for release in releases:
        data, path, text = release.data, release.path, release.text
        if data.periode in seen:
            out.append(problem(path, node_line(text, ["periode"], 0), "periode", f"periode {data.periode} sudah ada di {seen[data.periode].name}"))
        seen.setdefault(data.periode, path)
        unsur = config.ikm.sets.get(data.unsur)
        if unsur is None:
            choices = ", ".join(sorted(config.ikm.sets))
            out.append(problem(path, node_line(text, ["unsur"], 0), "unsur", f"set unsur {data.unsur!r} tidak ada; pilih: {choices}"))
            continue
        rows: set[str] = set()
        for i, row in enumerate(data.hasil):
            where = ["hasil", str(i)]
            if row.balai != NATIONAL and row.balai not in known_balai:
                out.append(problem(path, node_line(text, [*where, "balai"], 0), f"hasil.{i}.balai", f"Balai {row.balai!r} tidak ada di site_config/balai.yml"))
            if row.balai in rows:
                out.append(problem(path, node_line(text, [*where, "balai"], 0), f"hasil.{i}.balai", f"Balai {row.balai!r} tercatat dua kali"))
            rows.add(row.balai)
            if row.jumlah and len(row.jumlah) != len(unsur.unsur):
                out.append(problem(path, node_line(text, [*where, "jumlah"], 0), f"hasil.{i}.jumlah",
                                   f"harus {len(unsur.unsur)} angka (satu per unsur {data.unsur}), ada {len(row.jumlah)}"))
        if NATIONAL not in rows:
            out.append(problem(path, node_line(text, ["hasil"], 0), "hasil", "baris 'nasional' wajib ada"))
    return out
