"""site_config/balai.yml: the Balai P3KP directory and their work areas, data a TA keeps current."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.config.wilayah import Wilayah
from generator.util.errors import Problem, problem
from generator.util.fields import ShortText, Slug, Strict, plain_text
from generator.util.yaml_io import node_line

BALAI_FILE = "balai.yml"
SourceUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]
Note = plain_text(1, 1000)
ResearchNote = plain_text(1, 3000)


class Balai(Strict):
    """One Balai P3KP: who runs the clinic for a set of provinces (its wilayah kerja)."""

    slug: Slug = Field(description="Kode Balai untuk rute pertanyaan dan laporan, mis. jawa-iii.")
    nama: ShortText
    provinsi: Annotated[list[ShortText], Field(min_length=1)]
    alamat: ShortText | None = None
    telepon: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{6,20}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")] | None = None
    jam_layanan: ShortText | None = None
    sumber: list[SourceUrl] = Field(default_factory=list, description="Alamat sumber resmi nama, wilayah kerja dan kontak.")
    terverifikasi: bool = Field(description="Apakah nama dan wilayah kerja sudah dipastikan dari sumber resmi.")
    catatan: Note | None = Field(default=None, description="Apa yang belum pasti dan mengapa.")


class BalaiDirectory(Strict):
    """site_config/balai.yml: every province in exactly one Balai (checked against wilayah.yml)."""

    catatan: Note | None = Field(default=None, description="Catatan untuk warga di atas daftar Balai di halaman Balai.")
    catatan_riset: ResearchNote | None = Field(
        default=None, description="Untuk petugas, tidak tampil di situs: kapan dan dari sumber apa direktori ini disusun, apa yang belum ditemukan."
    )
    balai: Annotated[list[Balai], Field(min_length=1)]

    def of(self, provinsi: str) -> Balai | None:
        """The Balai whose work area holds this province, or None."""
        return next((b for b in self.balai if provinsi in b.provinsi), None)

    def by_slug(self, slug: str) -> Balai | None:
        """The Balai with this slug, or None."""
        return next((b for b in self.balai if b.slug == slug), None)


def coverage_problems(path: Path, text: str, directory: BalaiDirectory, wilayah: Wilayah) -> list[Problem]:
    """Every province of wilayah.yml belongs to exactly one Balai, every province named is real, every slug unique."""
    known = {p.nama for p in wilayah.provinsi}
    out: list[Problem] = []
    owner: dict[str, str] = {}
    slugs: set[str] = set()
    for i, balai in enumerate(directory.balai):
        if balai.slug in slugs:
            out.append(problem(path, node_line(text, ["balai", str(i), "slug"], 0), f"balai.{i}.slug",
                               f"slug {balai.slug!r} sudah dipakai Balai lain; setiap Balai punya slug sendiri"))
        slugs.add(balai.slug)
        for j, name in enumerate(balai.provinsi):
            line = node_line(text, ["balai", str(i), "provinsi", str(j)], 0)
            field = f"balai.{i}.provinsi.{j}"
            if name not in known:
                out.append(problem(path, line, field, f"provinsi {name!r} tidak ada di wilayah.yml (tulis persis seperti di sana)"))
            elif name in owner:
                out.append(problem(path, line, field, f"provinsi {name!r} sudah masuk wilayah kerja {owner[name]}; satu provinsi satu Balai"))
            else:
                owner[name] = balai.nama
    missing = [p.nama for p in wilayah.provinsi if p.nama not in owner]
    if missing:
        out.append(problem(path, node_line(text, ["balai"], 0), "balai",
                           f"{len(missing)} provinsi belum masuk wilayah kerja Balai mana pun: {', '.join(missing)}"))
    return out
