"""Published FAQ that ask nearly the same question: a warning for `klinik check`, the closest one for curation."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.config.pencarian import SearchDictionary
from generator.content.collection import ContentSet
from generator.content.loader import Document
from generator.util.errors import Problem, problem
from generator.util.similarity import Analyser, closest, near_duplicates

THRESHOLD = 0.60
"""Cosine at or above which two questions are called near-duplicates.

Chosen on the 30 labelled pairs of tests/content/duplicate_pairs.yml (`berlabel`: every pair at or above
0.60 is a duplicate, 13 of 14 duplicates reach it; the highest non-duplicate scores 0.50) and checked on
the 15 held out (`uji`: precision 1.00, recall 0.71); tests/content/test_duplicates.py keeps both figures.
"""

_last: tuple[tuple[object, ...], list[tuple[int, int, float]]] | None = None
"""The last set of questions compared and its pairs: a live-preview rebuild that changed no question reuses them."""


@functools.lru_cache(maxsize=4)
def _analyser(dictionary_json: str) -> Analyser:
    dictionary = SearchDictionary.model_validate_json(dictionary_json)
    return Analyser.of(dictionary.normalisasi, dictionary.kata_pengisi, dictionary.sinonim)


def analyser_of(dictionary: SearchDictionary) -> Analyser:
    """Words as the site's search reads them: site_config/pencarian.yml's forms, fillers and synonyms (built once)."""
    return _analyser(dictionary.model_dump_json())


def decimal(score: float) -> str:
    """A similarity as Indonesian writes it: 0,87."""
    return f"{score:.2f}".replace(".", ",")


def _pairs(analyser: Analyser, questions: list[str]) -> list[tuple[int, int, float]]:
    global _last
    key = (analyser, THRESHOLD, *questions)
    if _last is None or _last[0] != key:
        _last = (key, near_duplicates([analyser.terms(q) for q in questions], THRESHOLD))
    return _last[1]


def _question_line(doc: Document) -> int:
    """The line of `pertanyaan:` by a scan of the front matter (parsing it again per warning costs seconds at 10,000 FAQ)."""
    for index, line in enumerate(doc.front_text.split("\n")):
        if line.startswith("pertanyaan:"):
            return index + 2  # the front matter starts after the opening '---'
    return doc.line_of("pertanyaan")


def check_duplicates(content: ContentSet) -> list[Problem]:
    """A warning at the question of each published FAQ that nearly repeats an earlier one (by path), naming it.

    A group of k such FAQ gives k - 1 warnings, each naming one other file of the group.
    """
    faq = content.section("faq")
    out = []
    for i, j, score in _pairs(analyser_of(content.config.pencarian), [d.title for d in faq]):
        earlier, later = faq[i], faq[j]
        if earlier.slug == later.slug:  # one slug twice is already an error of its own
            continue
        out.append(problem(
            later.path, _question_line(later), "pertanyaan",
            f"hampir sama dengan content/{earlier.src_uri} (kemiripan {decimal(score)}); gabungkan atau bedakan pertanyaannya",
            peringatan=True,
        ))
    return out


@dataclass(frozen=True)
class Closest:
    """The published FAQ most like a question, and how alike they are."""

    document: Document
    score: float

    @property
    def near_duplicate(self) -> bool:
        return self.score >= THRESHOLD


def closest_faq(content: ContentSet, question: str) -> Closest | None:
    """The published FAQ whose question is most like `question`; None when no FAQ shares a word that matters."""
    analyser = analyser_of(content.config.pencarian)
    faq = content.section("faq")
    found = closest([analyser.terms(d.title) for d in faq], analyser.terms(question))
    return None if found is None else Closest(faq[found[0]], found[1])
