"""The shared types of the intake: what may be published, what comes back, how publishing fails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True)
class PublicSubmission:
    """What may leave the private store: never identity; question already redacted."""

    ticket: str  # "KPKP-2026-000123"  (regex ^KPKP-\d{4}-\d{6}$)
    area: str  # taxonomy area slug, e.g. "pembiayaan"
    provinsi: str  # province name, e.g. "Jawa Barat"
    received: datetime  # timezone-aware (Asia/Jakarta when rendered)
    deadline: date  # 3 working days
    question: str  # ALREADY passed through redact.redact()
    follows: str | None = None  # a follow-up: the ticket of the case it continues
    balai: str = ""  # slug of the Balai whose work area holds the province (site_config/balai.yml); "" if unknown


@dataclass(frozen=True)
class Answer:
    """A TA answer that reached the main branch."""

    ticket: str
    answer_markdown: str
    answered_at: datetime  # aware; commit/merge time


@dataclass(frozen=True)
class Author:
    """The staff member an answer commit names: the TA, never the citizen."""

    name: str
    username: str

    @property
    def email(self) -> str:
        return f"{self.username}@staf.klinik.pkp.go.id"


class PublishRetry(Exception):
    """Transient failure (host down, 5xx, rate limit): try again later."""

    def __init__(self, reason: str, after_seconds: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.after_seconds = after_seconds


class AnswerRefused(Exception):
    """An answer the back office cannot save or merge now; the message tells the TA why, in Indonesian."""


class PublishError(Exception):
    """Permanent failure (bad config, 401/404/422 that retrying cannot fix)."""


class Publisher(Protocol):
    """A backend that turns a submission into a review branch or pull request."""

    def publish(self, item: PublicSubmission) -> str:
        """Publish idempotently; return the branch name (git) or the PR html_url (github)."""
        ...

    def answers(self) -> list[Answer]:
        """Return the answers found on the base branch."""
        ...

    def fetch_answer(self, ticket: str) -> Answer | None:
        """Return the answer for one ticket from the base branch, or None."""
        ...


@dataclass(frozen=True)
class Photo:
    """A citizen's photo re-encoded by intake/photos.py: JPEG bytes with no metadata at all, and its size in pixels."""

    data: bytes
    width: int
    height: int
    mime: str = "image/jpeg"


@dataclass(frozen=True)
class NewSubmission:
    """A validated form, ready to store."""

    nama: str
    telepon: str
    email: str | None
    provinsi: str
    kabupaten_kota: str
    area: str
    question: str
    balai: str = ""
    """The Balai whose work area holds the province (site_config/balai.yml); the register counts it there."""
    follows: str | None = None
    """For a follow-up, the ticket of the case's first question."""
    photos: tuple[Photo, ...] = ()
    """Photos already re-encoded by intake/photos.py (outside the store's write lock), kept in the same transaction."""
    jenis_pemohon: str = "perorangan"
    """Who asks (JENIS_PEMOHON): a person, a Pemda or an organisation; the register counts it."""
    instansi: str | None = None
    """The Pemda's or organisation's name, kept with the identity (private)."""


@dataclass(frozen=True)
class NewComplaint:
    """A validated saran, masukan or pengaduan about the clinic itself: routed to a Kepala Balai, never to a TA."""

    jenis: str
    nama: str
    telepon: str
    email: str | None
    provinsi: str
    isi: str
    tiket_terkait: str | None = None
    balai: str = ""


JENIS_LAYANAN = ("informasi", "konsultasi", "pendampingan")
"""The circular's three services (SE 01/SE/Dt/2025 Bab II C)."""
KANAL = ("daring", "kantor", "lapangan", "acara")
"""Where a service was given: the web form, the Balai's office (Buku Tamu), a field visit, an event."""
KANAL_NAMA = {"daring": "Daring (formulir situs)", "kantor": "Kantor (Buku Tamu)", "lapangan": "Kunjungan lapangan", "acara": "Acara"}
"""How a channel is written for people: the back office, the report and its downloads use the same words."""
JENIS_PEMOHON = ("perorangan", "pemda", "lembaga")
PEMOHON_NAMA = {"perorangan": "Perorangan", "pemda": "Pemerintah daerah (Pemda)", "lembaga": "Lembaga/organisasi"}
"""Who is asking, as the form, the back office and the report write it (SE Bab I D: masyarakat and Pemda)."""
JENIS_PENGADUAN = {"saran": "Saran", "masukan": "Masukan", "pengaduan": "Pengaduan layanan"}
"""The kinds of message about the clinic's own service (not a housing question)."""
STATUS_PENGADUAN = {"diterima": "Diterima, menunggu tindak lanjut Kepala Balai", "ditindaklanjuti": "Sedang ditindaklanjuti",
                    "selesai": "Selesai ditanggapi"}
BENTUK_PENDAMPINGAN = {
    "perancangan": "Pendampingan dalam perancangan pembangunan/perbaikan rumah sederhana",
    "rab": "Pendampingan penyusunan rencana anggaran biaya pembangunan/perbaikan rumah sederhana",
    "bahan-bangunan": "Advis teknis penggunaan bahan bangunan sesuai standar serta metode aplikasinya",
    "pembiayaan": "Advis teknis perhitungan cicilan bank, pemilihan skema pembiayaan sesuai kemampuan masyarakat",
    "pelaksanaan": "Pemberian masukan teknis pelaksanaan pembangunan/perbaikan rumah sederhana",
    "pengawasan": "Pendampingan dalam pengawasan konstruksi rumah",
    "pemberdayaan": "Pemberdayaan masyarakat",
}
"""The forms of pendampingan dan bantuan teknis, SE 01/SE/Dt/2025 Bab II C.3 a-g, in the circular's words."""


@dataclass(frozen=True)
class NewService:
    """One service for the register, validated: off-line ones carry their own identity, events none."""

    jenis: str
    kanal: str
    balai: str
    area: str
    provinsi: str
    kabupaten_kota: str | None
    tanggal: date
    uraian: str | None = None
    nama: str | None = None
    telepon: str | None = None
    email: str | None = None
    jenis_pemohon: str = "perorangan"
    jumlah_orang: int | None = None
    sumber: str | None = None
    """Where the row came from; for an imported guest-book row its key, so importing it again adds nothing."""
    bentuk: str | None = None
    """For pendampingan: which of the circular's forms (BENTUK_PENDAMPINGAN)."""
    menindaklanjuti: str | None = None
    """For pendampingan: the ticket of the consultation it follows (SE Bab II C.3: a follow-up of a consultation)."""
