"""Time the near-duplicate FAQ check on N synthetic questions (default 10,000), as `klinik check` runs it.

Prints one JSON line per question set: {"set", "faq", "terms_seconds", "pairs_seconds", "warm_seconds", "warnings"}.
`build_scale`: the questions bench/build_scale.py gives its synthetic FAQ (a real question + "(kasus i)": many
near-duplicates by construction). `ubahan`: each a real question with 60% of its content words replaced by
words of the real FAQ, so questions overlap as on a large site without repeating each other.
warm_seconds: the pairs again with every question already analysed (a live-preview rebuild after a question was
edited; a rebuild that changed no question reuses the last pairs in generator/content/duplicates.py).
Target: terms + pairs <= 2 s at 10,000 FAQ on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time

from build_scale import ROOT, real_paragraphs

from generator.config.pencarian import load_dictionary
from generator.content.duplicates import THRESHOLD, analyser_of
from generator.util.similarity import near_duplicates


def question_sets(count: int, fillers: set[str]) -> dict[str, list[str]]:
    """The two synthetic sets of `count` questions, from the project's real FAQ."""
    paragraphs, questions = real_paragraphs(ROOT)
    rng = random.Random(7)
    build_scale = [f"{rng.choice(questions).rstrip('?')} (kasus {i})?" for i in range(count)]
    vocabulary = sorted({w for text in paragraphs + questions for w in re.findall(r"[a-z]{3,}", text.lower())})

    def variant(question: str) -> str:
        return " ".join(
            w if w.lower().strip("?,.!") in fillers or rng.random() > 0.6 else rng.choice(vocabulary) for w in question.split()
        )

    return {"build_scale": build_scale, "ubahan": questions + [variant(rng.choice(questions)) for _ in range(count - len(questions))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=int, default=10_000, help="number of questions per set")
    args = parser.parse_args()
    dictionary = load_dictionary(ROOT / "site_config", [])
    for name, texts in question_sets(args.faq, set(dictionary.kata_pengisi)).items():
        analyser = analyser_of(dictionary)
        analyser.memo.clear()
        start = time.process_time()
        sets = [analyser.terms(t) for t in texts]
        analysed = time.process_time()
        pairs = near_duplicates(sets, THRESHOLD)
        done = time.process_time()
        near_duplicates([analyser.terms(t) for t in texts], THRESHOLD)
        warm = time.process_time() - done
        print(json.dumps({
            "set": name, "faq": len(texts), "terms_seconds": round(analysed - start, 3),
            "pairs_seconds": round(done - analysed, 3), "warm_seconds": round(warm, 3), "warnings": len(pairs),
        }))


if __name__ == "__main__":
    main()
