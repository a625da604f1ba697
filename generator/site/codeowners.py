"""`.github/CODEOWNERS` from site_config/peninjau.yml, so branch protection asks each area's reviewers for its files.

Each area owns its FAQ folder `content/faq/<area>/` (where `klinik new faq`, `kurasi terbitkan` and the editor put a
new FAQ) and every other content file whose `topik` is that area, with the module PDF or infographic image beside
it. `bawaan` in peninjau.yml owns everything else (`*`). GitHub lets the last matching line win, so `*` comes first,
then the area folders, then the single files. An area without reviewers gets a comment, never an empty rule (an
empty rule would take the file away from `bawaan`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.config import SiteConfig
from generator.config.peninjau import DefaultOwners
from generator.config.project import CONTENT_DIR, Project
from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.pipeline import gather
from generator.util.errors import ContentErrors, GeneratorError
from generator.util.markdown import resolve

CODEOWNERS_FILE = Path(".github") / "CODEOWNERS"
ASSET_FIELDS = ("berkas", "gambar")
"""Front-matter keys naming a file beside the page (a module's PDF, an infographic's image): same owners."""
HEADER = """\
# Dibuat dari site_config/peninjau.yml oleh generator/site/codeowners.py: jangan disunting di sini.
# Ubah peninjau di site_config/peninjau.yml, lalu buat ulang berkas ini (`klinik cms`). Baris yang lebih bawah menang.
"""


def _handles(users: Iterable[str], teams: Iterable[str], organisation: str | None, where: str) -> list[str]:
    """`@user` and `@org/team` handles; a team needs site.yml's `repositori` to know its organisation."""
    teams = list(teams)
    if teams and not organisation:
        raise GeneratorError(f"site_config/peninjau.yml: {where}.tim: isi `repositori: pemilik/nama` di site_config/site.yml "
                             "agar tim GitHub dapat ditulis sebagai @pemilik/tim")
    return [f"@{u}" for u in users] + [f"@{organisation}/{t}" for t in teams]


def _area_files(doc: Document, area: str) -> list[str]:
    """The repository paths a document of an area brings outside its area's FAQ folder: the page and its asset."""
    if doc.src_uri.startswith(f"faq/{area}/"):
        return []
    paths = [f"/{CONTENT_DIR}/{doc.src_uri}"]
    for name in ASSET_FIELDS:
        value = getattr(doc.entry, name, None)
        if isinstance(value, str):
            paths.append(f"/{CONTENT_DIR}/{resolve(doc.src_uri, value)[0]}")
    return paths


def codeowners_text(config: SiteConfig, content: ContentSet) -> str:
    """The CODEOWNERS text for this configuration and content: `*`, then area folders, then single files."""
    routing = config.peninjau
    organisation = config.meta.repositori.split("/")[0] if config.meta.repositori else None
    default: DefaultOwners = routing.default
    owners = _handles(default.peninjau, default.tim, organisation, "bawaan")
    lines = [HEADER, "* " + " ".join(owners) if owners else "# bawaan: belum ada peninjau (site_config/peninjau.yml `bawaan`)", ""]
    files: list[str] = []
    for area in config.taxonomy.bidang:
        reviewers = routing.areas.get(area.slug)
        handles = _handles(reviewers.peninjau, reviewers.tim, organisation, f"bidang.{area.slug}") if reviewers else []
        if not handles:
            lines.append(f"# {area.slug}: belum ada peninjau di site_config/peninjau.yml")
            continue
        lines.append(f"# {area.slug}")
        lines.append(f"/{CONTENT_DIR}/faq/{area.slug}/ " + " ".join(handles))
        docs = sorted((d for d in content.documents if getattr(d.entry, "topik", None) == area.slug), key=lambda d: d.src_uri)
        files += [f"{path} {' '.join(handles)}" for doc in docs for path in _area_files(doc, area.slug)]
    if files:
        lines += ["", "# Berkas konten di luar folder FAQ bidangnya, menurut `topik`-nya", *files]
    return "\n".join(lines).rstrip("\n") + "\n"


def project_codeowners(project: Project) -> str:
    """The CODEOWNERS text of a project, from its checked configuration and content (ContentErrors if invalid)."""
    state, problems = gather(project)
    if state is None:
        raise ContentErrors(problems)
    return codeowners_text(state.content.config, state.content)


def write_codeowners(project: Project, text: str | None = None) -> Path:
    """Write `.github/CODEOWNERS` (the given text, else the project's) when it changed; return its path."""
    path = project.root / CODEOWNERS_FILE
    text = project_codeowners(project) if text is None else text
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path
