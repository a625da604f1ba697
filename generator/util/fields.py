"""Field types shared by every schema: slugs, bounded plain text, strict models (no I/O here)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from generator.util.markup import reject_markup

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]


def plain_text(min_length: int, max_length: int) -> type[str]:
    """A plain-text field: trimmed, bounded, and no HTML markup or script link (templates escape it too)."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length), AfterValidator(reject_markup)]  # type: ignore[return-value]


ShortText = plain_text(1, 300)
TICKET_PATTERN = r"^KPKP-\d{4}-\d{6}$"


class Strict(BaseModel):
    """Base for every schema: unknown keys are an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def duplicated(values: list[str]) -> list[str]:
    """Return the values that occur more than once, sorted (for "... ganda" schema errors)."""
    return sorted({v for v in values if values.count(v) > 1})
