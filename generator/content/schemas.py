"""Front-matter schemas for every kind of content under content/ (no I/O here)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from generator.util.fields import TICKET_PATTERN, ShortText, Slug, Strict, plain_text

QuestionText = plain_text(10, 300)
"""A FAQ question or an image's alt text: a sentence, not a word."""
StepText = plain_text(1, 2000)
Status = Literal["draft", "terbit"]


class Peninjau(Strict):
    """Who reviewed an answer: role from the circular (TA, ATA, Ditjen) and name or team."""

    peran: Literal["TA", "ATA", "Ditjen"] = Field(description="Peran peninjau: TA, ATA atau Ditjen.")
    nama: ShortText = Field(description="Nama peninjau atau tim peninjau.")


class BaseEntry(Strict):
    """Fields shared by every published kind of content."""

    status: Status = Field(description="draft (tidak diterbitkan) atau terbit.")


class Faq(BaseEntry):
    """A curated question and answer; the Markdown body is the answer."""

    pertanyaan: QuestionText = Field(
        description="Pertanyaan seperti yang ditanyakan warga."
    )
    topik: Slug = Field(description="Bidang layanan (slug dari site_config/taxonomy.yml).")
    subtopik: Slug = Field(description="Sub-bidang dari bidang tersebut.")
    tag: list[ShortText] = Field(default_factory=list, description="Kata kunci.")
    alias: list[ShortText] = Field(
        default_factory=list, description="Cara lain menanyakan hal yang sama (untuk pencarian)."
    )
    ditinjau: dt.date = Field(description="Tanggal terakhir jawaban ditinjau (YYYY-MM-DD).")
    peninjau: Peninjau = Field(description="Peran dan nama peninjau.")
    dasar_hukum: list[ShortText] = Field(default_factory=list, description="Daftar dasar hukum.")
    terkait: list[Slug] = Field(default_factory=list, description="Slug FAQ terkait.")
    tiket: Annotated[str, StringConstraints(pattern=TICKET_PATTERN)] | None = Field(
        default=None, description="Nomor tiket asal pertanyaan (mis. KPKP-2026-000123)."
    )


class Artikel(BaseEntry):
    """An article for the informasi service; the Markdown body is the article."""

    judul: ShortText = Field(description="Judul artikel.")
    ringkasan: ShortText = Field(description="Ringkasan satu atau dua kalimat.")
    topik: Slug = Field(description="Bidang layanan.")
    tanggal: dt.date = Field(description="Tanggal terbit (YYYY-MM-DD).")
    penulis: ShortText = Field(description="Penulis atau tim penulis.")
    tag: list[ShortText] = Field(default_factory=list, description="Kata kunci.")
    dasar_hukum: list[ShortText] = Field(default_factory=list, description="Daftar dasar hukum.")


class Infografis(BaseEntry):
    """An infographic image; the Markdown body is its full text transcript."""

    judul: ShortText = Field(description="Judul infografis.")
    ringkasan: ShortText = Field(description="Ringkasan satu kalimat.")
    topik: Slug = Field(description="Bidang layanan.")
    tanggal: dt.date = Field(description="Tanggal terbit (YYYY-MM-DD).")
    gambar: ShortText = Field(description="Berkas gambar, relatif terhadap berkas .md.")
    alt: QuestionText = Field(
        description="Teks alternatif gambar (wajib, untuk pembaca layar)."
    )


class RiwayatVersi(Strict):
    """One entry of a module's version history."""

    versi: ShortText = Field(description="Nomor versi.")
    tanggal: dt.date = Field(description="Tanggal versi ini terbit.")
    catatan: ShortText = Field(description="Apa yang berubah.")


class Modul(BaseEntry):
    """A module or guideline (modul/pedoman) published by the Ditjen, with its PDF."""

    nomor: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9./-]{0,30}$")] = Field(
        description="Nomor modul, mis. M-01."
    )
    judul: ShortText = Field(description="Judul modul.")
    ringkasan: ShortText = Field(description="Ringkasan isi modul.")
    topik: Slug = Field(description="Bidang layanan.")
    versi: ShortText = Field(description="Versi yang berlaku.")
    tahun: int = Field(ge=2000, le=2100, description="Tahun terbit.")
    penerbit: ShortText = Field(description="Unit penerbit.")
    berkas: ShortText = Field(description="Berkas PDF, relatif terhadap berkas .md.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        None, description="Checksum SHA-256 berkas PDF (huruf kecil); kosong = dihitung dari PDF saat periksa dan build, diisi = harus cocok."
    )
    riwayat: list[RiwayatVersi] = Field(default_factory=list, description="Riwayat versi.")
    menggantikan: list[Slug] = Field(
        default_factory=list, description="Slug modul lama yang digantikan modul ini."
    )

    @field_validator("berkas")
    @classmethod
    def _pdf_only(cls, value: str) -> str:
        if not value.lower().endswith(".pdf"):
            raise ValueError("berkas modul harus PDF (.pdf)")
        return value


Url = Annotated[str, StringConstraints(pattern=r"""^https?://[^\s<>"'`{}|\\^]+$""")]
"""An absolute web address with nothing that could end a link or an HTML attribute."""


class Retribusi(Strict):
    """A levy charged at a step, with the rule that sets it (the amount varies by region)."""

    besaran: ShortText = Field(description="Besaran retribusi atau cara menghitungnya (mis. Rp 0 untuk rumah MBR).")
    dasar_hukum: Annotated[list[ShortText], Field(min_length=1)] = Field(description="Peraturan yang menetapkan retribusi.")


class LayananDaring(Strict):
    """The online service where the whole procedure runs (SIMBG for PBG and SLF)."""

    nama: ShortText = Field(description="Nama layanan daring, mis. SIMBG.")
    url: Url = Field(description="Alamat layanan daring.")


class LangkahProsedur(Strict):
    """One ordered step of an administrative procedure."""

    judul: ShortText = Field(description="Nama langkah.")
    uraian: StepText = Field(
        description="Apa yang dilakukan pada langkah ini."
    )
    dokumen: list[ShortText] = Field(default_factory=list, description="Dokumen yang disiapkan.")
    durasi: ShortText = Field(description="Perkiraan lama langkah.")
    biaya: ShortText = Field(description="Biaya langkah ini.")
    instansi: ShortText = Field(description="Kantor atau pihak yang bertanggung jawab atas langkah ini.")
    retribusi: Retribusi | None = Field(default=None, description="Retribusi atau pajak daerah yang dipungut pada langkah ini, dengan dasar hukumnya.")
    dasar_hukum: list[ShortText] = Field(default_factory=list, description="Dasar hukum langkah.")
    tautan: Url | None = Field(default=None, description="Tautan layanan daring, bila ada.")


class Prosedur(BaseEntry):
    """An administrative procedure (PBG, SLF, land) as ordered steps; body is the introduction."""

    judul: ShortText = Field(description="Judul prosedur.")
    ringkasan: ShortText = Field(description="Ringkasan prosedur.")
    topik: Slug = Field(description="Bidang layanan.")
    subtopik: Slug | None = Field(default=None, description="Sub-bidang, bila ada.")
    ditinjau: dt.date = Field(description="Tanggal terakhir ditinjau.")
    dasar_hukum: list[ShortText] = Field(default_factory=list, description="Dasar hukum prosedur.")
    durasi_total: ShortText = Field(description="Perkiraan lama seluruh prosedur.")
    layanan_daring: LayananDaring | None = Field(default=None, description="Layanan daring tempat prosedur diurus (mis. SIMBG).")
    langkah: Annotated[list[LangkahProsedur], Field(min_length=1)] = Field(
        description="Langkah berurutan."
    )

    def dokumen(self) -> list[str]:
        """Every document the steps ask for, once each (the first spelling), in the order they are first needed."""
        first: dict[str, str] = {}
        for step in self.langkah:
            for item in step.dokumen:
                first.setdefault(checklist_key(item), item)
        return list(first.values())


def checklist_key(item: str) -> str:
    """What makes two checklist items the same item: case, spacing and a final full stop do not count."""
    return " ".join(item.casefold().split()).rstrip(".")


def _ending(*suffixes: str):
    """A validator that a file name ends with one of the suffixes (the message names them)."""
    def check(value: str) -> str:
        if not value.lower().endswith(suffixes):
            raise ValueError(f"harus berkas {' atau '.join(suffixes)}")
        return value
    return AfterValidator(check)


ImageFile = Annotated[ShortText, _ending(".svg", ".png", ".jpg", ".jpeg", ".webp")]
"""An image next to the .md file."""


class Video(BaseEntry):
    """A short video: a file next to the .md or an embed from an allowed host; the Markdown body is its transcript."""

    judul: ShortText = Field(description="Judul video.")
    ringkasan: ShortText = Field(description="Ringkasan satu atau dua kalimat.")
    topik: Slug = Field(description="Bidang layanan.")
    subtopik: Slug | None = Field(default=None, description="Sub-bidang, bila ada.")
    tanggal: dt.date = Field(description="Tanggal terbit (YYYY-MM-DD).")
    ditinjau: dt.date = Field(description="Tanggal terakhir isi video ditinjau (YYYY-MM-DD).")
    durasi: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}:[0-5][0-9]$")] = Field(
        description="Lama video, menit:detik (mis. 1:05)."
    )
    berkas: Annotated[ShortText, _ending(".webm", ".mp4")] | None = Field(
        default=None, description="Berkas video WebM atau MP4 di samping berkas .md (isi ini atau `sematan`)."
    )
    sematan: Url | None = Field(
        default=None, description="Alamat sematan (embed) dari host yang diizinkan `video_sematan` di site.yml (isi ini atau `berkas`)."
    )
    takarir: Annotated[ShortText, _ending(".vtt")] = Field(description="Berkas takarir WebVTT (.vtt), wajib.")
    sampul: ImageFile = Field(description="Gambar sampul yang tampil sebelum video diputar.")
    dasar_hukum: list[ShortText] = Field(default_factory=list, description="Daftar dasar hukum.")

    def seconds(self) -> int:
        """The length in seconds, for captions and ISO 8601 durations."""
        minutes, seconds = self.durasi.split(":")
        return int(minutes) * 60 + int(seconds)


class Poster(BaseEntry):
    """A printable poster: its image, the PDF to print and the Markdown body as its full text transcript."""

    judul: ShortText = Field(description="Judul poster.")
    ringkasan: ShortText = Field(description="Ringkasan satu kalimat.")
    topik: Slug = Field(description="Bidang layanan.")
    subtopik: Slug | None = Field(default=None, description="Sub-bidang, bila ada.")
    tanggal: dt.date = Field(description="Tanggal terbit (YYYY-MM-DD).")
    gambar: ImageFile = Field(description="Gambar poster, relatif terhadap berkas .md.")
    alt: QuestionText = Field(description="Teks alternatif gambar (wajib, untuk pembaca layar).")
    berkas: Annotated[ShortText, _ending(".pdf")] = Field(description="PDF poster siap cetak, relatif terhadap berkas .md.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        None, description="Checksum SHA-256 berkas PDF (huruf kecil); kosong = dihitung dari PDF saat periksa dan build, diisi = harus cocok."
    )


SECTION_SCHEMAS: dict[str, type[BaseEntry]] = {
    "faq": Faq,
    "artikel": Artikel,
    "infografis": Infografis,
    "modul": Modul,
    "prosedur": Prosedur,
    "video": Video,
    "poster": Poster,
}
"""Which schema validates the Markdown files in each top-level folder of content/."""

SECTION_TITLES: dict[str, str] = {
    "faq": "Tanya Jawab",
    "artikel": "Artikel",
    "infografis": "Infografis",
    "modul": "Modul dan Pedoman",
    "prosedur": "Prosedur",
    "video": "Video",
    "poster": "Poster",
}

BODY_REQUIRED: dict[str, str] = {
    "faq": "jawaban (isi berkas setelah front matter) tidak boleh kosong",
    "artikel": "isi artikel tidak boleh kosong",
    "infografis": "transkrip teks infografis (isi berkas) wajib diisi",
    "video": "transkrip video (isi berkas setelah front matter) wajib diisi",
    "poster": "transkrip teks poster (isi berkas) wajib diisi",
}
"""Sections whose Markdown body must not be empty, with the message when it is."""


def title_of(entry: BaseEntry) -> str:
    """Return the human title of any entry (the question for a FAQ)."""
    return entry.pertanyaan if isinstance(entry, Faq) else entry.judul  # type: ignore[attr-defined]

