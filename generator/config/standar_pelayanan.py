"""site_config/standar_pelayanan.yml: the service standard of the three services, the Maklumat, and the two figures
(answer deadline, fee) that the intake and the pages read from this one place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from generator.util.errors import Problem, problem
from generator.util.fields import ShortText, Slug, Strict, duplicated, plain_text
from generator.util.money import rupiah
from generator.util.terbilang import angka_terbilang
from generator.util.yaml_io import load_model, node_line

STANDAR_FILE = "standar_pelayanan.yml"
JANGKA_WAKTU_HARI_KERJA = 3
"""SE 01/SE/Dt/2025 Lampiran I Bab II C.2 huruf c: the TA answers within 3 working days. Used only when the project
has no standar_pelayanan.yml; otherwise its `ketentuan.jangka_waktu_hari_kerja` is the one figure."""

PLACEHOLDERS = {"jangka_waktu", "biaya"}
"""What a text may write instead of the figure: {jangka_waktu} -> "3 (tiga) hari kerja", {biaya} -> the fee."""
_BRACES = re.compile(r"\{([^{}]*)\}")
_FIGURE = re.compile(r"\d+\s*(?:\([^)]*\)\s*)?(?i:hari\s+kerja)|\bRp\.?\s*\d")
"""A deadline or an amount typed as a figure ("3 hari kerja", "5 (lima) Hari Kerja", "Rp 50.000"; not "RP3KP")."""


def own_figures_only(text: str) -> str:
    """Refuse a typed deadline or amount, and any placeholder other than {jangka_waktu} and {biaya}."""
    unknown = [name for name in _BRACES.findall(text) if name not in PLACEHOLDERS]
    if unknown:
        raise ValueError(f"penanda {{{unknown[0]}}} tidak dikenal; pakai {{jangka_waktu}} atau {{biaya}}")
    if _FIGURE.search(text):
        raise ValueError("tenggat jawaban dan biaya ditulis {jangka_waktu} dan {biaya} (angkanya di ketentuan standar_pelayanan.yml); "
                         "tenggat lain ditulis dengan huruf, mis. lima hari kerja")
    return text


Butir = Annotated[plain_text(3, 1500), AfterValidator(own_figures_only)]
"""One point of a component: plain text, with the deadline and fee written as placeholders."""

KOMPONEN: tuple[tuple[str, str, str], ...] = (
    ("persyaratan", "Persyaratan", "penyampaian"),
    ("prosedur", "Sistem, mekanisme, dan prosedur", "penyampaian"),
    ("jangka_waktu", "Jangka waktu pelayanan", "penyampaian"),
    ("biaya", "Biaya/tarif", "penyampaian"),
    ("produk", "Produk pelayanan", "penyampaian"),
    ("pengaduan", "Penanganan pengaduan, saran, dan masukan", "penyampaian"),
    ("dasar_hukum", "Dasar hukum", "pengelolaan"),
    ("sarana", "Sarana dan prasarana, dan/atau fasilitas", "pengelolaan"),
    ("kompetensi", "Kompetensi pelaksana", "pengelolaan"),
    ("pengawasan", "Pengawasan internal", "pengelolaan"),
    ("jumlah_pelaksana", "Jumlah pelaksana", "pengelolaan"),
    ("jaminan_pelayanan", "Jaminan pelayanan", "pengelolaan"),
    ("jaminan_keamanan", "Jaminan keamanan dan keselamatan pelayanan", "pengelolaan"),
    ("evaluasi", "Evaluasi kinerja pelaksana", "pengelolaan"),
)
"""The fourteen components (UU 25/2009 Pasal 21; PermenPANRB 15/2014: those of service delivery, then those of
managing the service), in the order the standard is printed: (key, heading, group)."""
KELOMPOK = {"penyampaian": "Komponen proses penyampaian pelayanan", "pengelolaan": "Komponen proses pengelolaan pelayanan"}


class Peraturan(Strict):
    """One regulation the standard cites: its full title and the short name a table cell can hold."""

    judul: plain_text(10, 400) = Field(description="Judul lengkap, mis. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.")
    singkat: ShortText = Field(description="Sebutan pendek, mis. UU 25/2009.")


class Rujukan(Strict):
    """Where a component's rule comes from: a regulation of the list, and the part of it."""

    peraturan: Slug = Field(description="Kunci peraturan di bagian `peraturan`.")
    bagian: ShortText | None = Field(None, description="Pasal, lampiran atau bab, mis. Pasal 21.")


class Bagian(Strict):
    """One component of one service: what it promises, and on which rules."""

    isi: Annotated[list[Butir], Field(min_length=1)] = Field(description="Butir uraian komponen.")
    dasar: Annotated[list[Rujukan], Field(min_length=1)] = Field(description="Dasar hukum komponen ini.")


class Komponen(Strict):
    """Every component, each optional here: a service gives its own, else the `umum` block's is used."""

    persyaratan: Bagian | None = None
    prosedur: Bagian | None = None
    jangka_waktu: Bagian | None = None
    biaya: Bagian | None = None
    produk: Bagian | None = None
    pengaduan: Bagian | None = None
    dasar_hukum: Annotated[list[Slug], Field(min_length=1)] | None = Field(None, description="Kunci peraturan yang menjadi dasar layanan.")
    sarana: Bagian | None = None
    kompetensi: Bagian | None = None
    pengawasan: Bagian | None = None
    jumlah_pelaksana: Bagian | None = None
    jaminan_pelayanan: Bagian | None = None
    jaminan_keamanan: Bagian | None = None
    evaluasi: Bagian | None = None


class Layanan(Komponen):
    """One of the three services of SE 01/SE/Dt/2025 Bab F with its standard."""

    slug: Slug = Field(description="Alamat halaman standar layanan ini, mis. konsultasi.")
    nama: ShortText = Field(description="Nama layanan, mis. Layanan Konsultasi.")
    ringkasan: plain_text(10, 600) = Field(description="Satu-dua kalimat tentang layanan ini.")


class Ketentuan(Strict):
    """The figures the intake computes with and every page prints: one source, so they cannot disagree."""

    jangka_waktu_hari_kerja: int = Field(JANGKA_WAKTU_HARI_KERJA, ge=1, le=30, description="Tenggat jawaban konsultasi, hari kerja.")
    biaya_rupiah: int = Field(0, ge=0, description="Biaya layanan dalam rupiah; 0 = gratis.")

    @property
    def hari_kerja(self) -> str:
        """3 hari kerja."""
        return f"{self.jangka_waktu_hari_kerja} hari kerja"

    @property
    def jangka_waktu(self) -> str:
        """3 (tiga) hari kerja."""
        return f"{angka_terbilang(self.jangka_waktu_hari_kerja)} hari kerja"

    @property
    def gratis(self) -> bool:
        """Whether the service is free (the circular's case)."""
        return self.biaya_rupiah == 0

    @property
    def biaya(self) -> str:
        """What the fee component says: "gratis, tidak dipungut biaya apa pun (Rp 0)" or "dikenai biaya Rp 10.000"."""
        return "gratis, tidak dipungut biaya apa pun (Rp 0)" if self.gratis else f"dikenai biaya {rupiah(self.biaya_rupiah)}"

    def isi(self, text: str) -> str:
        """A text of the standard with its placeholders filled in from these figures."""
        return text.replace("{jangka_waktu}", self.jangka_waktu).replace("{biaya}", self.biaya)


class Maklumat(Strict):
    """The service declaration the Kepala Balai signs and posts (UU 25/2009 Pasal 22)."""

    judul: ShortText = Field("Maklumat Pelayanan", description="Judul maklumat.")
    isi: Annotated[list[Butir], Field(min_length=1)] = Field(description="Paragraf pernyataan.")
    janji: list[Butir] = Field(default_factory=list, description="Janji yang dirinci satu per satu.")
    penandatangan: ShortText = Field(description="Jabatan yang menandatangani, mis. Kepala Balai P3KP.")
    dasar: Annotated[list[Rujukan], Field(min_length=1)] = Field(description="Dasar hukum maklumat.")


class StandarPelayanan(Strict):
    """site_config/standar_pelayanan.yml."""

    ketentuan: Ketentuan = Field(default_factory=Ketentuan)
    penyelenggara: ShortText = Field(description="Unit yang menyelenggarakan dan menetapkan standar ini.")
    peraturan: Annotated[dict[Slug, Peraturan], Field(min_length=1)] = Field(description="Peraturan yang dirujuk, per kunci.")
    umum: Komponen = Field(default_factory=Komponen, description="Komponen yang sama untuk semua layanan.")
    layanan: Annotated[list[Layanan], Field(min_length=1)] = Field(description="Layanan dan standarnya.")
    maklumat: Maklumat

    def komponen(self, layanan: Layanan) -> list[tuple[str, str, str, object]]:
        """(key, heading, group, value) of every component of one service: its own, else the shared one."""
        return [(key, judul, kelompok, getattr(layanan, key) or getattr(self.umum, key)) for key, judul, kelompok in KOMPONEN]

    def layanan_of(self, slug: str) -> Layanan | None:
        """The service with this slug, if the standard has it."""
        return next((item for item in self.layanan if item.slug == slug), None)


@dataclass(frozen=True)
class _Found:
    """A reference to check: where it is in the file, and the key it names."""

    loc: list[str]
    key: str


def _references(standar: StandarPelayanan) -> list[_Found]:
    """Every regulation key the file names, with its place: components of `umum` and each service, and the Maklumat."""
    found = []
    blocks = [(["umum"], standar.umum)] + [(["layanan", str(i)], item) for i, item in enumerate(standar.layanan)]
    for loc, block in blocks:
        for key, _, _ in KOMPONEN:
            value = getattr(block, key)
            if key == "dasar_hukum" and value:
                found += [_Found([*loc, key, str(j)], slug) for j, slug in enumerate(value)]
            elif isinstance(value, Bagian):
                found += [_Found([*loc, key, "dasar", str(j), "peraturan"], r.peraturan) for j, r in enumerate(value.dasar)]
    found += [_Found(["maklumat", "dasar", str(j), "peraturan"], r.peraturan) for j, r in enumerate(standar.maklumat.dasar)]
    return found


def _problems(path: Path, text: str, standar: StandarPelayanan) -> list[Problem]:
    """What one model cannot see: unknown regulation keys, components given nowhere, the fee and deadline placeholders."""
    out = []
    known = ", ".join(sorted(standar.peraturan))
    for ref in _references(standar):
        if ref.key not in standar.peraturan:
            out.append(problem(path, node_line(text, ref.loc, 0), ".".join(ref.loc), f"peraturan {ref.key!r} tidak ada di daftar peraturan; pilih: {known}"))
    for slug in duplicated([item.slug for item in standar.layanan]):
        index = [item.slug for item in standar.layanan].index(slug)
        out.append(problem(path, node_line(text, ["layanan", str(index), "slug"], 0), f"layanan.{index}.slug", f"slug {slug!r} ganda"))
    for i, item in enumerate(standar.layanan):
        for key, judul, _, value in standar.komponen(item):
            loc = ["layanan", str(i)]
            if value is None:
                out.append(problem(path, node_line(text, loc, 0), f"layanan.{i}.{key}", f"{judul} wajib diisi di layanan ini atau di bagian umum"))
            elif key == "biaya" and not any("{biaya}" in butir for butir in value.isi):  # type: ignore[attr-defined]
                out.append(problem(path, node_line(text, [*loc, key], 0), f"layanan.{i}.biaya",
                                   "tulis {biaya} di salah satu butir: biayanya diambil dari ketentuan"))
    uses_deadline = any(isinstance(v, Bagian) and any("{jangka_waktu}" in b for b in v.isi)
                        for item in standar.layanan for key, _, _, v in standar.komponen(item) if key == "jangka_waktu")
    if not uses_deadline:
        out.append(problem(path, node_line(text, ["layanan"], 0), "layanan",
                           "jangka waktu salah satu layanan harus memakai {jangka_waktu}: tenggat jawaban formulir"))
    return out


def load_standar(config_dir: Path, problems: list[Problem]) -> StandarPelayanan | None:
    """Validate site_config/standar_pelayanan.yml when present; None when absent or invalid (problems appended)."""
    path = config_dir / STANDAR_FILE
    if not path.exists():
        return None
    standar, text = load_model(path, StandarPelayanan, problems)
    if standar is None:
        return None
    found = _problems(path, text, standar)  # type: ignore[arg-type]
    problems.extend(found)
    return None if found else standar  # type: ignore[return-value]


def ketentuan_of(standar: StandarPelayanan | None) -> Ketentuan:
    """The deadline and fee: the file's, or the circular's when the project has no standard yet."""
    return standar.ketentuan if standar is not None else Ketentuan()
