"""Intake settings from KLINIK_* environment variables, so one deployment file configures everything."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from generator.intake.private_files import tighten, write_private
from generator.util.errors import GeneratorError


class IntakeSettings(BaseSettings):
    """Everything `klinik intake` needs; each field is one KLINIK_<NAME> variable (see README)."""

    model_config = SettingsConfigDict(env_prefix="KLINIK_", extra="ignore", frozen=True)

    project_dir: Path = Field(default_factory=Path.cwd, description="Folder proyek (site_config/, site/).")
    database_url: str = Field("", description="SQLAlchemy URL; kosong = sqlite:///<proyek>/var/klinik.db.")
    repo_path: Path | None = Field(None, description="Repositori git tujuan publikasi; kosong = folder proyek.")
    publisher: Literal["git", "github"] = "git"
    base_branch: str = Field("main", min_length=1)
    github_repo: str = Field("", pattern=r"^$|^[\w.-]+/[\w.-]+$")
    github_token: SecretStr | None = None
    github_app_id: str | None = None
    github_app_private_key: SecretStr | None = None
    github_installation_id: str | None = None
    github_api_url: str = "https://api.github.com"
    github_min_interval_seconds: float = Field(1.0, ge=0, description="Jeda minimum antar-permintaan GitHub yang mengubah data (anjuran GitHub: 1 detik).")
    webhook_secret: SecretStr | None = None
    github_oauth_client_id: str = Field(
        "", pattern=r"^$|^[\w.-]{1,100}$", description="Client ID OAuth App GitHub untuk masuk ke editor /admin/; kosong = tidak aktif.")
    github_oauth_client_secret: SecretStr | None = Field(None, description="Client secret OAuth App GitHub (pasangan client ID).")
    github_oauth_url: str = Field(
        "https://github.com", pattern=r"^https?://[^\s/?#]+$", description="Alamat otorisasi dan penukaran kode OAuth GitHub (diganti untuk uji).")
    github_oauth_scope: str = Field(
        "repo", pattern=r"^[a-z:_]+( [a-z:_]+)*$", description="Cakupan token editor (Decap CMS menulis cabang dan pull request: repo).")
    cms_origin: str = Field(
        "", pattern=r"^$|^https?://[^\s/?#]+$", description="Asal halaman editor /admin/ penerima token; kosong = asal KLINIK_PUBLIC_URL/server ini.")
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    site_dir: Path | None = Field(None, description="Situs hasil build; kosong = <proyek>/site.")
    secret_key: SecretStr | None = Field(None, description="Kunci HMAC token formulir dan ALTCHA; kosong = dibuat dan disimpan di var/.")
    honeypot: bool = True
    min_fill_seconds: float = Field(3.0, ge=0)
    rate_limit: int = Field(20, ge=1, description="Kiriman per IP per jendela waktu (longgar: banyak ponsel berbagi IP operator).")
    rate_window_seconds: int = Field(600, ge=1)
    rate_limit_no_pow: int = Field(5, ge=0, description="Kiriman tanpa JavaScript (tanpa ALTCHA) per IP per jendela.")
    pow: bool = True
    pow_difficulty: int = Field(50000, ge=1000, le=10_000_000, description="Angka maksimum teka-teki ALTCHA.")
    max_body_bytes: int = Field(32_768, ge=4096)
    header_timeout_seconds: float = Field(
        10.0, gt=0, description="Header permintaan harus lengkap dalam waktu ini; koneksi yang lebih lambat ditutup (slowloris)."
    )
    body_timeout_seconds: float = Field(30.0, gt=0, description="Badan permintaan harus lengkap dalam waktu ini; yang lebih lambat dijawab 408.")
    keep_alive_seconds: float = Field(5.0, gt=0, description="Koneksi keep-alive yang menganggur ditutup setelah waktu ini.")
    max_concurrency: int = Field(1000, ge=1, description="Koneksi dan permintaan serentak maksimum; lebihnya dijawab 503.")
    trusted_proxies: list[str] = Field(default_factory=list, description="IP proksi yang header X-Forwarded-For-nya dipercaya.")
    smtp_host: str = Field("", description="Kosong = email ditulis sebagai .eml ke var/outbox-email/.")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    mail_from: str = "Klinik PKP <noreply@klinik.pkp.go.id>"
    email_dir: Path | None = None
    public_url: str = Field("", description="Alamat publik situs untuk tautan di email; kosong = http://host:port/.")
    worker: bool = Field(True, description="Jalankan pekerja outbox di dalam `klinik intake serve`.")
    outbox_interval_seconds: float = Field(2.0, gt=0)
    answers_interval_seconds: float = Field(60.0, gt=0)
    retention_months: int = Field(24, ge=1, le=120, description=(
        "Identitas dan teks asli kasus dihapus otomatis sekian bulan setelah kasus selesai (dijawab, atau dicatat "
        "untuk layanan luring); jumlah layanan tetap."))
    outbox_lease_seconds: float = Field(
        60.0, gt=0, description="Berapa lama pertanyaan yang sedang dipublikasikan dipegang pekerja; setelah crash dicoba lagi sesudahnya."
    )
    redact_timeout_seconds: float = Field(
        10.0,
        gt=0,
        le=600,
        description=(
            "Batas waktu penyamaran data pribadi satu pertanyaan (di proses terpisah); "
            "lewat batas, pertanyaan tidak diterbitkan otomatis (dead-letter)."
        ),
    )
    retry_base_seconds: float = Field(5.0, gt=0)
    retry_max_seconds: float = Field(3600.0, gt=0)
    digest_hour: int = Field(7, ge=0, le=23, description="Jam (WIB) pekerja mengirim peringatan tenggat dan ringkasan harian petugas.")
    whatsapp_token: SecretStr | None = Field(None, description="Token akses WhatsApp Cloud API; kosong = tanpa WhatsApp.")
    whatsapp_phone_number_id: str = Field("", pattern=r"^$|^[0-9]{1,30}$", description="ID nomor pengirim WhatsApp Business.")
    whatsapp_api_url: str = "https://graph.facebook.com"
    whatsapp_api_version: str = Field("v21.0", pattern=r"^v[0-9]{1,3}\.[0-9]{1,3}$")
    whatsapp_template_answer: str = Field("klinik_jawaban_siap", pattern=r"^[a-z0-9_]{1,512}$")
    whatsapp_template_status: str = Field("klinik_tautan_status", pattern=r"^[a-z0-9_]{1,512}$")
    whatsapp_template_digest: str = Field("klinik_ringkasan_petugas", pattern=r"^[a-z0-9_]{1,512}$")
    whatsapp_language: str = Field("id", pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")
    whatsapp_max_attempts: int = Field(8, ge=1, le=50, description=(
        "Berapa kali satu pesan WhatsApp yang gagal sementara (429, 5xx, jaringan) dicoba, dengan jeda makin panjang, "
        "sebelum ditandai gagal permanen."))

    @model_validator(mode="after")
    def _github_needs_repo(self) -> IntakeSettings:
        if self.publisher == "github" and not self.github_repo:
            raise ValueError("KLINIK_GITHUB_REPO wajib diisi (owner/nama) bila KLINIK_PUBLISHER=github")
        return self

    @property
    def var_dir(self) -> Path:
        return self.project_dir / "var"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'klinik.db'}"

    @property
    def repository(self) -> Path:
        return self.repo_path or self.project_dir

    @property
    def site(self) -> Path:
        return self.site_dir or self.project_dir / "site"

    @property
    def outbox_email_dir(self) -> Path:
        return self.email_dir or self.var_dir / "outbox-email"

    @property
    def base_url(self) -> str:
        return (self.public_url or f"http://{self.host}:{self.port}/").rstrip("/") + "/"


def load_settings(**overrides) -> IntakeSettings:
    """Read the environment (plus overrides); a bad value becomes one Indonesian line, not a traceback."""
    try:
        return IntakeSettings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "KLINIK_" + str(first["loc"][0]).upper() if first["loc"] else "pengaturan"
        message = _MESSAGES.get(first["type"], first["msg"].removeprefix("Value error, ")).format(**first.get("ctx", {})).replace(" or ", " atau ")
        hidden = any(word in name for word in ("TOKEN", "KEY", "PASSWORD", "SECRET"))
        shown = "" if hidden or not first["loc"] else f" (nilai: {first.get('input')!r})"
        raise GeneratorError(f"Pengaturan tidak valid: {name}: {message}{shown}") from None


_MESSAGES = {
    "int_parsing": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "bool_parsing": "harus true/false (atau 1/0)",
    "literal_error": "harus salah satu dari {expected}",
    "greater_than_equal": "minimal {ge}",
    "greater_than": "harus lebih dari {gt}",
    "less_than_equal": "maksimal {le}",
    "string_pattern_mismatch": "format tidak sesuai",
    "string_too_short": "tidak boleh kosong",
    "list_type": "harus daftar JSON, mis. [\"10.0.0.1\"]",
}


def secret_key(settings: IntakeSettings) -> bytes:
    """The HMAC key for form tokens and ALTCHA: from the environment, else a random one kept in var/."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode("utf-8")
    path = settings.var_dir / "secret.key"
    if not path.exists():  # written whole and owner-only from the start; a second first start keeps the first key
        write_private(path, secrets.token_urlsafe(32).encode("utf-8"), exclusive=True)
    tighten(path)
    return path.read_text(encoding="utf-8").strip().encode("utf-8")
