"""How alike two short Indonesian texts are: rough word roots, rarity weights and cosine, fast over thousands.

A text becomes a set of terms (`Analyser.terms`): words as the search splits them, colloquial forms made
standard, synonym phrases made one term, filler words dropped, every other word cut to a rough root, so
"memperbaiki" and "perbaikan" meet. Two sets are compared by the cosine of their term weights, each weight
the term's rarity across the texts compared (IDF): sharing "rumah" says little, sharing "tapera" a lot.
`near_duplicates` finds near pairs without scoring all n² pairs (prefix filtering).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_WORD = re.compile(r"[a-z0-9]+")
_REDUPLICATED = re.compile(r"^([a-z]{3,})2$")  # "retak2" is how "retak-retak" is typed
_VOWELS = frozenset("aeiou")
_VERBAL = ("meng", "meny", "men", "mem", "me", "di", "ter")
_NOMINAL = ("peng", "peny", "pen", "pem", "ke")
_FIRST = tuple(sorted(_VERBAL + _NOMINAL, key=len, reverse=True))
_SECOND = ("per", "ber")
_NYA_ROOTS = ("tanya", "punya")
"""Roots that end in -nya themselves: bertanya is ber-tanya, not bertanya minus -nya (anggotanya is)."""
_NYA_PREFIXES = ("", "ber", "per", "pe", "di", "me", "mem", "ter", "ke", "se")
MEMO_LIMIT = 100_000


def words(text: str) -> list[str]:
    """Lowercase words, split as the site's search splits them ("retak2" read as "retak")."""
    out = _WORD.findall(text.lower())
    for index, word in enumerate(out):
        if word.endswith("2"):
            doubled = _REDUPLICATED.match(word)
            out[index] = doubled.group(1) if doubled else word
    return out


def _vowels(text: str) -> int:
    return sum(ch in _VOWELS for ch in text)


def _strip_end(word: str, endings: Iterable[str]) -> str:
    """Drop the first ending that leaves at least two vowels (one syllable is too little to be a root)."""
    for end in endings:
        if word.endswith(end) and _vowels(word[: -len(end)]) >= 2:
            if end == "i" and word[-2] == "s":  # "...si" is part of the root (kondisi, lokasi)
                continue
            return word[: -len(end)]
    return word


def _strip_prefix(word: str, prefixes: tuple[str, ...]) -> tuple[str, str]:
    """Drop the longest prefix that leaves two vowels; a nasal before a vowel stands for a lost p/s/t."""
    for prefix in prefixes:
        rest = word[len(prefix):]
        if not word.startswith(prefix) or _vowels(rest) < 2:
            continue
        if prefix in ("meny", "peny"):
            if rest[:1] not in _VOWELS:
                continue
            return prefix, "s" + rest  # menyewa: sewa
        if prefix in ("mem", "pem") and rest[:1] in _VOWELS:
            return prefix, "p" + rest  # memilih: pilih
        if prefix in ("men", "pen") and rest[:1] in _VOWELS:
            return prefix, "t" + rest  # menulis: tulis, penanganan: tangan
        return prefix, rest
    return "", word


@functools.lru_cache(maxsize=65536)
def root(word: str) -> str:
    """A rough Indonesian root, after Tala's stemmer (the Snowball one Pagefind indexes with), for comparing words.

    Particle, then -nya, then one verbal or noun prefix, the suffix that prefix allows (pe-/ke-/per- nouns
    end in -an only), then per-/ber-. No dictionary: "perumahan" gives "umah", not "rumah"; what matters here
    is that the forms of one word meet, not linguistics.
    """
    if len(word) < 4 or not word.isalpha():
        return word
    word = _strip_end(word, ("kah", "pun"))  # not -lah: masalah is no masa
    if not any(word == p + r for p in _NYA_PREFIXES for r in _NYA_ROOTS):
        word = _strip_end(word, ("nya",))
    first, word = _strip_prefix(word, _FIRST)
    second = ""
    if not first:
        second, word = _strip_prefix(word, _SECOND)
    nominal = first in _NOMINAL or second == "per"
    word = _strip_end(word, ("an",) if nominal else ("kan", "i", "an"))
    if first:
        _, word = _strip_prefix(word, _SECOND)
    return word


@dataclass(frozen=True)
class Analyser:
    """Turns a text into its terms; the word lists are data (a site's search dictionary), not code."""

    normal: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Colloquial or short form -> its standard words ("gmn" -> ("bagaimana",))."""
    fillers: frozenset[str] = frozenset()
    """Words that say nothing about the subject ("apa", "yang", "dong")."""
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Roots of a synonym phrase -> the one term all its synonyms become."""
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """First root of a phrase -> the lengths of the phrases it starts, longest first."""
    memo: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """Terms already worked out, so a live-preview rebuild redoes only edited questions."""

    @classmethod
    def of(cls, normal: dict[str, str], fillers: Iterable[str], synonyms: Iterable[Sequence[str]]) -> Analyser:
        """Build from a dictionary: each synonym group becomes one term named after its first phrase."""
        phrases: dict[tuple[str, ...], str] = {}
        for group in synonyms:
            name = "=" + "_".join(words(group[0]))
            for term in group:
                key = tuple(root(w) for w in words(term))
                if key:
                    phrases.setdefault(key, name)
        starts: dict[str, set[int]] = defaultdict(set)
        for key in phrases:
            starts[key[0]].add(len(key))
        return cls(
            {k: tuple(words(v)) for k, v in normal.items()}, frozenset(fillers), phrases,
            {first: tuple(sorted(sizes, reverse=True)) for first, sizes in starts.items()},
        )

    def terms(self, text: str) -> frozenset[str]:
        """The set of terms of a text: synonym phrases (longest first), then roots of the words that matter."""
        found = self.memo.get(text)
        if found is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            found = self.memo[text] = self._terms(text)
        return found

    def _terms(self, text: str) -> frozenset[str]:
        plain = [w for word in words(text) for w in self.normal.get(word, (word,))]
        roots = [root(w) for w in plain]
        out: set[str] = set()
        i = 0
        while i < len(plain):
            for size in self.starts.get(roots[i], ()):
                name = self.phrases.get(tuple(roots[i:i + size])) if i + size <= len(roots) else None
                if name is not None:
                    out.add(name)
                    if size > 1:  # "permukiman kumuh" also speaks of kumuh, "kpr subsidi" of kpr
                        out.update(self.phrases.get((r,), "") for r in roots[i:i + size])
                    i += size
                    break
            else:
                if plain[i] not in self.fillers:
                    out.add(roots[i])
                i += 1
        out.discard("")
        return frozenset(out)


def rarity(term_sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """Each term's weight: ln((n+1)/(df+1)) + 1, so a term in every text weighs 1 and a rare one several."""
    df: dict[str, int] = defaultdict(int)
    for terms in term_sets:
        for term in terms:
            df[term] += 1
    n = len(term_sets)
    return {term: math.log((n + 1) / (count + 1)) + 1 for term, count in df.items()}


def _unit(terms: frozenset[str], idf: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(idf[t] ** 2 for t in terms))
    return {t: idf[t] / norm for t in terms} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def cosine(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Cosine of two term sets weighted by rarity (0: nothing shared, 1: the same terms)."""
    return _dot(_unit(a, idf), _unit(b, idf))


def near_duplicates(term_sets: Sequence[frozenset[str]], threshold: float) -> list[tuple[int, int, float]]:
    """For each text, one earlier text it reaches `threshold` with: (earlier, later, cosine), sorted.

    Prefix filtering: with terms in one global order, rarest first, only the shortest head of each text
    whose tail weighs less than the threshold is indexed. Two texts whose heads share no term cannot reach
    it (their shared terms all lie in one tail, and a dot product is at most the tail's length), so only
    texts sharing a rare head term are scored, rarest term first, and a text stops at its first match:
    ten identical questions give nine lines, not 45, and cost about as much.
    """
    idf = rarity(term_sets)
    order = {t: (-w, t) for t, w in idf.items()}
    limit = threshold * threshold - 1e-9
    units = [_unit(terms, idf) for terms in term_sets]
    heads: list[list[tuple[str, float]]] = []  # per text: (term, the text's length from this term on)
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, unit in enumerate(units):
        head = []
        tail = 1.0
        for term in sorted(unit, key=order.__getitem__):
            if tail < limit:
                break
            rest = math.sqrt(max(tail, 0.0))
            head.append((term, rest))
            postings[term].append((-rest, i))
            tail -= unit[term] ** 2
        heads.append(head)
    for entries in postings.values():
        entries.sort()  # longest rest first, so a scan stops at the first text too short to reach the threshold
    found = []
    for i, unit in enumerate(units):
        match = _first_match(i, unit, heads[i], postings, units, threshold - 1e-9)
        if match is not None:
            found.append((match[0], i, min(match[1], 1.0)))
    return sorted(found)


def _first_match(
    i: int, unit: dict[str, float], head: list[tuple[str, float]], postings: dict[str, list[tuple[float, int]]],
    units: list[dict[str, float]], threshold: float,
) -> tuple[int, float] | None:
    """An earlier text reaching `threshold`, trying texts that share the rarest head terms first.

    A text met first through term t shares no rarer term, so its cosine is at most the product of both
    texts' lengths from t on: the scan of t's texts (longest rest first) stops where that falls short.
    """
    seen: set[int] = set()
    for term, rest in head:
        for other_rest, j in postings[term]:
            if rest * -other_rest < threshold:
                break
            if j >= i or j in seen:
                continue
            seen.add(j)
            score = _dot(unit, units[j])
            if score >= threshold:
                return j, score
    return None


def closest(term_sets: Sequence[frozenset[str]], query: frozenset[str]) -> tuple[int, float] | None:
    """The index and cosine of the text most like `query` (rarity counted with the query among them), or None."""
    idf = rarity([*term_sets, query])
    target = _unit(query, idf)
    best: tuple[int, float] | None = None
    for i, terms in enumerate(term_sets):
        if not terms.isdisjoint(query):
            score = _dot(target, _unit(terms, idf))
            if best is None or score > best[1]:
                best = (i, score)
    return best
