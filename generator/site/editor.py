"""The browser editor at /admin/ of the built site: Decap CMS from node_modules, its Indonesian start files, config.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.config import SiteConfig
from generator.site.cms_config import config_yaml, decap_config
from generator.util.errors import GeneratorError

ADMIN_DIR = "admin"
"""The editor's folder in the built site (/admin/)."""

CONFIG_FILE = "config.yml"
START_FILES = Path(__file__).resolve().parent / "admin"
"""index.html and the scripts that start Decap in Indonesian (data shipped with the package)."""

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
"""The checkout holding generator/, whose node_modules serves projects that have none of their own (tests' copies)."""

BUNDLE = ("decap-cms.js", "decap-cms.js.LICENSE.txt", "*.decap-cms.js", "*.wasm")
"""What the browser loads from decap-cms/dist: the bundle, the chunks it loads on demand, its WebAssembly, its licences."""


def decap_dist(*roots: Path) -> Path:
    """The installed Decap CMS bundle in the first of roots holding one; refuse when npm never ran."""
    for root in dict.fromkeys(roots):
        dist = root / "node_modules" / "decap-cms" / "dist"
        if (dist / "decap-cms.js").is_file():
            return dist
    raise GeneratorError(
        "Editor /admin/ memerlukan Decap CMS dari npm, tetapi node_modules/decap-cms tidak ada: jalankan `make setup` (npm ci)."
    )


def _copy_if_changed(source: Path, target: Path) -> None:
    """Copy one file unless the target already is that version (a live preview rebuilds often; the bundle is 5 MB)."""
    if target.exists():
        old, new = target.stat(), source.stat()
        if old.st_size == new.st_size and old.st_mtime_ns == new.st_mtime_ns:
            return
    shutil.copy2(source, target)


def write_cms_config(path: Path, config: SiteConfig, *, local_backend: str | None = None) -> Path:
    """Write Decap's config.yml, generated from the schemas and site_config/, to path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(config_yaml(decap_config(config, local_backend=local_backend)), encoding="utf-8")
    return path


def write_editor(site_dir: Path, config: SiteConfig, project_root: Path) -> Path:
    """Put the editor into the built site: Decap's bundle, the start files and config.yml; return site/admin/."""
    dist = decap_dist(project_root, PACKAGE_ROOT)  # the project's own node_modules, else this checkout's
    admin = site_dir / ADMIN_DIR
    admin.mkdir(parents=True, exist_ok=True)
    for pattern in BUNDLE:
        for source in sorted(dist.glob(pattern)):
            _copy_if_changed(source, admin / source.name)
    for source in sorted(START_FILES.iterdir()):
        _copy_if_changed(source, admin / source.name)
    write_cms_config(admin / CONFIG_FILE, config)
    return admin
