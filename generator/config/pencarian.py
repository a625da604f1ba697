"""The search dictionary in site_config/pencarian.yml: colloquial forms, filler words, synonym groups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from generator.util.errors import Problem, problem
from generator.util.fields import Strict
from generator.util.yaml_io import load_model, node_line

DICTIONARY_FILE = "pencarian.yml"
Term = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$", max_length=60)]
Word = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$", max_length=30)]


class SearchDictionary(Strict):
    """Editable by TA: how citizens' words map to the words the content uses."""

    normalisasi: dict[Word, Term] = Field(
        default_factory=dict, description="Kata tidak baku, singkatan atau salah ketik umum → bentuk baku."
    )
    kata_pengisi: list[Word] = Field(default_factory=list, description="Kata yang dibuang dari kueri (mis. yang, gimana, dong).")
    sinonim: list[Annotated[list[Term], Field(min_length=2)]] = Field(
        default_factory=list, description="Kelompok istilah yang setara (mis. pbg, imb)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> SearchDictionary:
        for word, target in self.normalisasi.items():
            if word == target:
                raise ValueError(f"normalisasi {word!r} menunjuk dirinya sendiri")
            if target in self.normalisasi:
                raise ValueError(f"normalisasi {word!r} → {target!r}, padahal {target!r} juga dinormalisasi; tulis bentuk akhirnya")
        return self

    def groups_of(self) -> dict[str, int]:
        """Map each synonym term to the index of its group."""
        return {term: index for index, group in enumerate(self.sinonim) for term in group}


def _duplicate_problems(path: Path, text: str, dictionary: SearchDictionary) -> list[Problem]:
    out = []
    seen: dict[str, int] = {}
    for index, group in enumerate(dictionary.sinonim):
        for term in group:
            if term in seen and seen[term] != index:
                line = node_line(text, ["sinonim", str(index)], 0)
                out.append(problem(path, line, f"sinonim.{index}", f"{term!r} sudah ada di kelompok sinonim {seen[term]}; gabungkan kelompoknya"))
            seen.setdefault(term, index)
    for word in dictionary.kata_pengisi:
        if word in seen:
            out.append(problem(path, node_line(text, ["kata_pengisi"], 0), "kata_pengisi", f"{word!r} juga ada di sinonim; kata pengisi dibuang dari kueri"))
    return out


def load_dictionary(config_dir: Path, problems: list[Problem]) -> SearchDictionary | None:
    """Validate site_config/pencarian.yml; append problems and return None when invalid."""
    path = config_dir / DICTIONARY_FILE
    dictionary, text = load_model(path, SearchDictionary, problems)
    if dictionary is None:
        return None
    found = _duplicate_problems(path, text, dictionary)
    problems.extend(found)
    return None if found else dictionary
