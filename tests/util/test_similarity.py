"""Rough Indonesian roots, terms from a dictionary, rarity-weighted cosine and the near-pair search that skips most pairs."""

from __future__ import annotations

import itertools
import random

import pytest

from generator.util.similarity import Analyser, closest, cosine, near_duplicates, rarity, root, words


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["memperbaiki", "diperbaiki", "perbaikan", "perbaikannya"], "baik"),
        (["membangun", "dibangun", "pembangunan", "bangunan"], "bangun"),
        (["subsidi", "bersubsidi"], "subsid"),
        (["sewa", "disewakan", "menyewakan"], "sewa"),
        (["memilih", "pilih"], "pilih"),
        (["bertanya", "pertanyaan", "tanya"], "tanya"),
        (["perlu", "diperlukan"], "perlu"),
        (["kerusakan", "rusak"], "rusak"),
        (["penghasilan", "hasil"], "hasil"),
    ],
)
def test_forms_of_one_word_meet(forms, expected):
    assert {root(w) for w in forms} == {expected}


@pytest.mark.parametrize("word", ["rumah", "masalah", "sekolah", "dinding", "anggota", "pbg", "2026"])
def test_short_words_roots_and_numbers_stay(word):
    """One-syllable leftovers are never cut (masalah is not masa, dinding not nding)."""
    assert root(word) == word


def test_words_split_as_the_search_does():
    assert words("Retak2 di SP4N-LAPOR! 5jt?") == ["retak", "di", "sp4n", "lapor", "5jt"]


ANALYSER = Analyser.of(
    {"gmn": "bagaimana", "dimana": "di mana"},
    ["bagaimana", "di", "mana", "yang", "apa", "itu"],
    [["pbg", "imb", "izin mendirikan bangunan"], ["permukiman kumuh", "kawasan kumuh"], ["kumuh", "slum"]],
)


def test_terms_drop_fillers_and_join_synonyms():
    """Colloquial forms are read as standard, fillers go, a synonym phrase is one term."""
    assert ANALYSER.terms("Gmn urus IMB dimana?") == {"urus", "=pbg"}
    assert ANALYSER.terms("Apa itu izin mendirikan bangunan?") == ANALYSER.terms("apa itu PBG") == {"=pbg"}


def test_a_phrase_keeps_the_synonym_groups_of_its_words():
    assert ANALYSER.terms("kawasan kumuh") == {"=permukiman_kumuh", "=kumuh"}


def test_cosine_weighs_rare_terms_more():
    sets = [frozenset(s) for s in (["rumah", "pbg"], ["rumah", "atap"], ["rumah", "dinding"], ["rumah", "tapera"])]
    idf = rarity(sets)
    assert idf["rumah"] == 1.0 < idf["tapera"]
    assert cosine(sets[0], sets[0], idf) == pytest.approx(1.0)
    assert cosine(sets[0], frozenset(["lain"]), idf | {"lain": 1.0}) == 0.0
    shares_rare = cosine(frozenset(["pbg", "atap"]), sets[0], idf)
    shares_common = cosine(frozenset(["rumah", "atap"]), sets[0], idf)
    assert shares_rare > shares_common


def brute_force(sets, threshold):
    """Every later text that has an earlier one at or above the threshold, by scoring all pairs."""
    idf = rarity(sets)
    return {j for i, j in itertools.combinations(range(len(sets)), 2) if cosine(sets[i], sets[j], idf) >= threshold - 1e-9}


@pytest.mark.parametrize("threshold", [0.4, 0.6, 0.8])
def test_near_duplicates_finds_what_scoring_every_pair_finds(threshold):
    """Prefix filtering skips pairs, never a match: same texts flagged as scoring all 80,000 pairs."""
    rng = random.Random(13)
    vocabulary = [f"w{k}" for k in range(120)]
    weights = [1 / (k + 1) for k in range(120)]  # a few common words, many rare ones, as in real questions
    sets = [frozenset(rng.choices(vocabulary, weights, k=rng.randint(1, 6))) for _ in range(400)]
    found = near_duplicates(sets, threshold)
    idf = rarity(sets)
    assert {later for _, later, _ in found} == brute_force(sets, threshold)
    for earlier, later, score in found:
        assert earlier < later and score >= threshold - 1e-9
        assert score == pytest.approx(cosine(sets[earlier], sets[later], idf))


def test_a_group_of_copies_gives_one_line_per_later_copy():
    sets = [frozenset(["tapera", "gaji"])] * 4 + [frozenset(["atap", "bocor"])]
    assert [(i, j) for i, j, _ in near_duplicates(sets, 0.6)] == [(0, 1), (0, 2), (0, 3)]


def test_closest_counts_the_query_among_the_texts():
    sets = [frozenset(["atap", "bocor"]), frozenset(["syarat", "kpr"]), frozenset(["kpr", "bunga"])]
    index, score = closest(sets, frozenset(["syarat", "kpr", "subsidi"]))
    assert index == 1 and 0.5 < score < 1
    assert closest(sets, frozenset(["tapera"])) is None
