"""Where a Klinik PKP project keeps its content and configuration: the one path every verb starts from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONTENT_DIR = "content"
CONFIG_DIR = "site_config"


@dataclass
class Project:
    """A project folder (the repository checkout, or another one given with --proyek)."""

    root: Path

    @property
    def content_dir(self) -> Path:
        return self.root / CONTENT_DIR

    @property
    def config_dir(self) -> Path:
        return self.root / CONFIG_DIR
