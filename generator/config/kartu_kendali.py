"""site_config/kartu-kendali.yml: the self-supervision control card's stages and check items, with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, model_validator

from generator.util.errors import Problem, problem
from generator.util.fields import ShortText, Slug, Strict, duplicated, plain_text
from generator.util.yaml_io import load_model, node_line

CARD_FILE = "kartu-kendali.yml"
LongText = plain_text(1, 800)


class SumberKartu(Strict):
    """Where check items come from; unconfirmed sources mark their items 'angka perlu dicek'."""

    kode: Slug = Field(description="Kode sumber, dirujuk oleh butir periksa.")
    nama: LongText = Field(description="Nama pedoman atau peraturan dan tempat kutipannya.")
    terkonfirmasi: bool = Field(description="true bila isi sumber sudah dicek ke teks resmi.")
    praktik: bool = Field(default=False, description=(
        "true bila sumber ini praktik baik, bukan pedoman atau peraturan: butirnya ditandai \"praktik baik\", "
        "bukan \"belum terkonfirmasi\", dan tidak pernah terkonfirmasi."))

    @model_validator(mode="after")
    def _practice_is_never_confirmed(self) -> SumberKartu:
        if self.praktik and self.terkonfirmasi:
            raise ValueError("praktik baik tidak dapat terkonfirmasi: tidak ada naskah resmi untuk dicocokkan")
        return self


class ButirPeriksa(Strict):
    """One thing to check before the work of a stage is covered by the next."""

    butir: LongText = Field(description="Apa yang diperiksa, dengan ukuran bila ada.")
    sumber: Slug = Field(description="Kode sumber dari daftar `sumber`.")
    terkonfirmasi: bool | None = Field(default=None, description="Menimpa status sumber untuk butir ini (mis. false bila angka belum dicek).")


class TahapKartu(Strict):
    """One construction stage, printed on its own sheet."""

    kode: Slug = Field(description="Kode tahap (anchor halaman).")
    nama: ShortText = Field(description="Nama tahap.")
    tujuan: LongText = Field(description="Mengapa tahap ini diperiksa.")
    periksa: Annotated[list[ButirPeriksa], Field(min_length=1)] = Field(description="Butir periksa.")


class KartuKendali(Strict):
    """The whole card: title, introduction, sources and stages in building order."""

    judul: ShortText = Field(description="Judul kartu.")
    pengantar: LongText = Field(description="Cara memakai kartu.")
    sumber: Annotated[list[SumberKartu], Field(min_length=1)] = Field(description="Sumber butir periksa.")
    tahap: Annotated[list[TahapKartu], Field(min_length=1)] = Field(description="Tahap pembangunan, berurutan.")

    @model_validator(mode="after")
    def _unique_codes(self) -> KartuKendali:
        for name, codes in (("sumber", [s.kode for s in self.sumber]), ("tahap", [t.kode for t in self.tahap])):
            dupes = duplicated(codes)
            if dupes:
                raise ValueError(f"kode {name} ganda: {', '.join(dupes)}")
        return self

    def marker(self, item: ButirPeriksa) -> str:
        """What the printed card says after an item: nothing, 'praktik baik' or 'belum terkonfirmasi'."""
        if next(s.praktik for s in self.sumber if s.kode == item.sumber):
            return "praktik baik, bukan ketentuan"
        return "" if self.confirmed(item) else "belum terkonfirmasi"

    def confirmed(self, item: ButirPeriksa) -> bool:
        """Whether an item's figures are confirmed: its own mark, else its source's."""
        if item.terkonfirmasi is not None:
            return item.terkonfirmasi
        return next(s.terkonfirmasi for s in self.sumber if s.kode == item.sumber)


def _unknown_sources(path: Path, text: str, card: KartuKendali) -> list[Problem]:
    known = {s.kode for s in card.sumber}
    out = []
    for t, stage in enumerate(card.tahap):
        for i, item in enumerate(stage.periksa):
            if item.sumber not in known:
                loc = ["tahap", str(t), "periksa", str(i), "sumber"]
                out.append(problem(
                    path, node_line(text, loc, 0), ".".join(loc),
                    f"sumber {item.sumber!r} tidak ada di daftar sumber; pilih: {', '.join(sorted(known))}",
                ))
    return out


def load_kartu(config_dir: Path, problems: list[Problem]) -> KartuKendali | None:
    """Validate site_config/kartu-kendali.yml when present; append problems and return None when absent or invalid."""
    path = config_dir / CARD_FILE
    if not path.exists():
        return None
    card, text = load_model(path, KartuKendali, problems)
    if card is None:
        return None
    found = _unknown_sources(path, text, card)
    problems.extend(found)
    return None if found else card
