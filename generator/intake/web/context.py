"""What one running intake app holds, loaded and validated before it accepts a single request."""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import load_site_config
from generator.config.balai import BalaiDirectory
from generator.config.ikm import IkmConfig
from generator.config.wilayah import Wilayah
from generator.intake.deadline import Calendar, calendar_of
from generator.intake.model import Publisher
from generator.intake.outbox import Outbox, make_publisher
from generator.intake.settings import IntakeSettings, secret_key
from generator.intake.store.db import Store, open_engine
from generator.intake.store.ratelimit import RateLimits
from generator.intake.store.register import Register
from generator.intake.store.replay import SpentTokens
from generator.intake.web.pages import SitePages
from generator.util.errors import ContentErrors, Problem


@dataclass
class Intake:
    """Everything one running app holds: settings, the store and the loaded site configuration."""

    settings: IntakeSettings
    store: Store
    calendar: Calendar
    wilayah: Wilayah
    areas: dict[str, str]
    pages: SitePages
    key: bytes
    limiter: RateLimits
    seen: SpentTokens
    balai: BalaiDirectory
    ikm: IkmConfig
    outbox: Outbox | None = None
    built_publisher: Publisher | None = None

    def publisher(self) -> Publisher:
        """The worker's publisher, or one built from the settings when this server runs no worker."""
        if self.outbox is not None:
            return self.outbox.publisher
        if self.built_publisher is None:
            self.built_publisher = make_publisher(self.settings)
        return self.built_publisher

    def balai_of(self, provinsi: str) -> str:
        """The slug of the Balai serving a province ("" only if balai.yml misses it, which `klinik check` refuses)."""
        found = self.balai.of(provinsi)
        return found.slug if found else ""


def load_intake(settings: IntakeSettings) -> Intake:
    """Load and validate everything the app needs before it accepts a single request."""
    config_dir = settings.project_dir / "site_config"
    problems: list[Problem] = []
    config = load_site_config(config_dir, problems)
    if config is None or config.wilayah is None or config.hari_libur is None or problems:
        raise ContentErrors(problems)
    store = Store(open_engine(settings.db_url))
    key = secret_key(settings)
    intake = Intake(
        settings=settings, store=store, calendar=calendar_of(config.hari_libur, config.ketentuan.jangka_waktu_hari_kerja), wilayah=config.wilayah,
        areas={b.slug: b.nama for b in config.taxonomy.bidang}, pages=SitePages(settings.site), key=key,
        limiter=RateLimits(store, key, settings.rate_window_seconds), seen=SpentTokens(store), balai=config.balai,
        ikm=config.ikm,
    )
    Register(store).backfill_online(intake.balai_of)  # questions stored before the register existed get their row
    return intake
