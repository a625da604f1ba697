"""site_config/taxonomy.yml: the eight subject areas of the circular and their sub-areas."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from generator.config.site import LongText
from generator.util.fields import ShortText, Slug, Strict, duplicated

TAXONOMY_FILE = "taxonomy.yml"


class SubBidang(Strict):
    """A sub-area of a subject area."""

    slug: Slug
    nama: ShortText


class Bidang(Strict):
    """One of the eight subject areas with its sub-areas."""

    slug: Slug
    nama: ShortText
    uraian: LongText
    subtopik: Annotated[list[SubBidang], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_subareas(self) -> Bidang:
        dupes = duplicated([s.slug for s in self.subtopik])
        if dupes:
            raise ValueError(f"sub-bidang ganda: {', '.join(dupes)}")
        return self


class Taxonomy(Strict):
    """site_config/taxonomy.yml: the areas, in display order."""

    bidang: Annotated[list[Bidang], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_areas(self) -> Taxonomy:
        dupes = duplicated([b.slug for b in self.bidang])
        if dupes:
            raise ValueError(f"bidang ganda: {', '.join(dupes)}")
        return self

    def area(self, slug: str) -> Bidang | None:
        """Return the area with this slug, or None."""
        return next((b for b in self.bidang if b.slug == slug), None)
