"""Who reviews a question of each area on GitHub: labels and reviewers from site_config/peninjau.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from generator.config.taxonomy import Taxonomy
from generator.util.errors import Problem, problem
from generator.util.fields import Slug, Strict
from generator.util.yaml_io import load_model, node_line

ROUTING_FILE = "peninjau.yml"
AREA_LABEL_PREFIX = "bidang/"
WAITING_LABEL = "menunggu-jawaban"
GitHubUser = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$")]
TeamSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class AreaReviewers(Strict):
    """Routing of one area: extra labels and who is asked to review."""

    label: list[Label] = Field(default_factory=list, description="Label tambahan selain bidang/<slug>.")
    peninjau: list[GitHubUser] = Field(default_factory=list, description="Nama pengguna GitHub peninjau.")
    tim: list[TeamSlug] = Field(default_factory=list, description="Slug tim GitHub di organisasi pemilik repositori.")


class DefaultOwners(Strict):
    """Who reviews every file no area claims (CODEOWNERS `*`): site_config/, templates, the workflows."""

    peninjau: list[GitHubUser] = Field(default_factory=list, description="Nama pengguna GitHub peninjau semua berkas lain.")
    tim: list[TeamSlug] = Field(default_factory=list, description="Slug tim GitHub peninjau semua berkas lain.")


class RoutingFile(Strict):
    """site_config/peninjau.yml."""

    bidang: dict[Slug, AreaReviewers] = Field(default_factory=dict)
    bawaan: DefaultOwners = Field(default_factory=DefaultOwners, description="Peninjau berkas yang tidak termasuk bidang mana pun.")


@dataclass(frozen=True)
class Route:
    """Everything the GitHub backend needs for one pull request of an area."""

    title: str
    labels: list[str]
    reviewers: list[str] = field(default_factory=list)
    team_reviewers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Routing:
    """Area slug → Route; areas not in the file get the derived labels and no reviewers."""

    titles: dict[str, str] = field(default_factory=dict)
    areas: dict[str, AreaReviewers] = field(default_factory=dict)
    default: DefaultOwners = field(default_factory=DefaultOwners)

    def route(self, area: str) -> Route:
        """Labels bidang/<area> + menunggu-jawaban (+ extras) and the reviewers of the area."""
        config = self.areas.get(area, AreaReviewers())
        labels = list(dict.fromkeys([f"{AREA_LABEL_PREFIX}{area}", WAITING_LABEL, *config.label]))
        return Route(self.titles.get(area, area), labels, list(config.peninjau), list(config.tim))


def load_routing(config_dir: Path, taxonomy: Taxonomy | None, problems: list[Problem]) -> Routing | None:
    """Validate site_config/peninjau.yml (optional file) against the taxonomy; append problems."""
    path = config_dir / ROUTING_FILE
    titles = {b.slug: b.nama for b in taxonomy.bidang} if taxonomy else {}
    if not path.exists():
        return Routing(titles=titles)
    parsed, text = load_model(path, RoutingFile, problems)
    if parsed is None:
        return None
    unknown = [slug for slug in parsed.bidang if taxonomy is not None and slug not in titles]
    for slug in unknown:
        problems.append(problem(
            path, node_line(text, ["bidang", slug], 0), f"bidang.{slug}",
            f"bidang {slug!r} tidak ada di taxonomy.yml; pilih: {', '.join(titles)}",
        ))
    return None if unknown else Routing(titles=titles, areas=dict(parsed.bidang), default=parsed.bawaan)
