"""Layer 2, site_config/: one module per file a TA edits, gathered here into one SiteConfig."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config.balai import BALAI_FILE, BalaiDirectory, coverage_problems
from generator.config.harga import BukuHarga, load_price_book
from generator.config.hari_libur import HariLibur, load_hari_libur
from generator.config.ikm import IkmConfig, default_ikm, load_ikm
from generator.config.kartu_kendali import KartuKendali, load_kartu
from generator.config.pembiayaan import PembiayaanConfig, load_pembiayaan
from generator.config.pencarian import SearchDictionary, load_dictionary
from generator.config.peninjau import Routing, load_routing
from generator.config.project import CONFIG_DIR
from generator.config.site import SITE_FILE, SiteMeta
from generator.config.standar_pelayanan import Ketentuan, StandarPelayanan, ketentuan_of, load_standar
from generator.config.taxonomy import TAXONOMY_FILE, Taxonomy
from generator.config.wilayah import Wilayah, load_wilayah
from generator.util.errors import ContentErrors, Problem
from generator.util.yaml_io import load_model


@dataclass(frozen=True)
class SiteConfig:
    """Everything in site_config/, validated."""

    root: Path
    meta: SiteMeta
    taxonomy: Taxonomy
    balai: BalaiDirectory
    pencarian: SearchDictionary
    peninjau: Routing
    wilayah: Wilayah | None = None
    """None when wilayah.yml is invalid: its problems are reported, the site's other pages still check."""
    hari_libur: HariLibur | None = None
    pembiayaan: PembiayaanConfig | None = None
    kartu_kendali: KartuKendali | None = None
    harga: BukuHarga = field(default_factory=BukuHarga)
    ikm: IkmConfig = field(default_factory=default_ikm)
    """The survey element sets (site_config/ikm.yml, else the packaged copy)."""
    standar: StandarPelayanan | None = None
    """The service standard and Maklumat (site_config/standar_pelayanan.yml); None: no standard pages."""

    @property
    def ketentuan(self) -> Ketentuan:
        """The answer deadline and the fee, which the intake computes with and every page prints."""
        return ketentuan_of(self.standar)


REQUIRED_FILES = {"meta": (SITE_FILE, SiteMeta), "taxonomy": (TAXONOMY_FILE, Taxonomy), "balai": (BALAI_FILE, BalaiDirectory)}
"""The files without which no page can be drawn; the others are optional or checked alongside."""


def load_site_config(root: Path, problems: list[Problem]) -> SiteConfig | None:
    """Validate every file in site_config/; append problems and return None if any is invalid."""
    loaded: dict[str, object] = {}
    texts: dict[str, str] = {}
    for key, (name, model) in REQUIRED_FILES.items():
        parsed, texts[key] = load_model(root / name, model, problems)
        if parsed is not None:
            loaded[key] = parsed
    before = len(problems)
    gathered = {
        "pencarian": load_dictionary(root, problems),
        "pembiayaan": load_pembiayaan(root, problems),
        "kartu_kendali": load_kartu(root, problems),
        "peninjau": load_routing(root, loaded.get("taxonomy"), problems),  # type: ignore[arg-type]
        "harga": load_price_book(root, problems),
        "ikm": load_ikm(root, problems),
        "standar": load_standar(root, problems),
    }
    failed = len(loaded) != len(REQUIRED_FILES) or len(problems) != before or None in (gathered["pencarian"], gathered["peninjau"])
    # The intake's files are reported with the rest but do not stop the content checks (every problem in one run).
    intake = {"wilayah": load_wilayah(root, problems), "hari_libur": load_hari_libur(root, problems)}
    if intake["wilayah"] is not None and "balai" in loaded:  # routing: each province to exactly one Balai
        problems.extend(coverage_problems(root / BALAI_FILE, texts["balai"], loaded["balai"], intake["wilayah"]))  # type: ignore[arg-type]
    if failed:
        return None
    return SiteConfig(root=root, **loaded, **gathered, **intake)  # type: ignore[arg-type]


def read_site_config(project_root: Path) -> SiteConfig:
    """The project's configuration for a long-running service; raise ContentErrors listing every problem."""
    problems: list[Problem] = []
    config = load_site_config(project_root / CONFIG_DIR, problems)
    if config is None or problems:
        raise ContentErrors(problems)
    return config
