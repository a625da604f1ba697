"""How often the Ajukan form's "Mungkin sudah terjawab" shows the FAQ a held-out query is about (issue 13, item 4).

For each query of the held-out sets whose expected page (url or boleh) is a FAQ: call window.klinikSaranFaq (the
function the form uses: at most 3 FAQ, from window.klinikSearch) on the built /ajukan/ page, and count a hit when the
expected FAQ is among them; in the same run, the same count for the plain fusion baseline of search_quality.py (its
top 3 FAQ, for the same questions: the form suggests nothing below klinikSaranFaq.minWords words).
Prints one JSON line: {"heldout": {"queries", "shown", "baseline", "ratio"}, "heldout_new": {...}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_quality import QUERY_SETS, ROOT, browser_page, load_queries, run_baseline, served  # noqa: E402

SHOWN = 3
SUGGEST_JS = """async (queries) => {
    const out = [];
    for (const q of queries) out.push((await window.klinikSaranFaq(q)).map(r => new URL(r.url, location.href).pathname));
    return out;
}"""


def faq_queries(queries: list[dict]) -> list[dict]:
    """The queries whose answer is a FAQ page: only those can appear among the form's suggestions."""
    return [q for q in queries if any(u.startswith("faq/") for u in (q["url"], *q.get("boleh", [])))]


def share(queries: list[dict], shown: list[list[str]]) -> float:
    """The share of queries whose expected FAQ is among the pages shown."""
    hits = sum(bool({q["url"], *q.get("boleh", [])} & set(urls)) for q, urls in zip(queries, shown, strict=True))
    return round(hits / len(queries), 3) if queries else 0.0


def relative(base_url: str, rows: list[list[str]]) -> list[list[str]]:
    prefix = "/" + base_url.split("/", 3)[3] if base_url.count("/") > 3 else "/"
    return [[u[len(prefix):] if u.startswith(prefix) else u.lstrip("/") for u in row] for row in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build this repository)")
    args = parser.parse_args()
    sets = {name: faq_queries(load_queries(path)) for name, path in QUERY_SETS.items() if name != "tuning"}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generator.config.project import Project
            from generator.site.build import build

            site = build(Project(ROOT), site_dir=Path(tmp) / "site")
        with served(site) as base_url, browser_page() as page:
            for name, queries in sets.items():
                page.goto(base_url + "ajukan/")
                page.wait_for_function("typeof window.klinikSaranFaq === 'function' && typeof window.klinikSearch === 'function'")
                shown = relative(base_url, page.evaluate(SUGGEST_JS, [q["q"] for q in queries]))
                long_enough = page.evaluate("qs => qs.map(q => window.klinikSearchQuery.words(q).length >= window.klinikSaranFaq.minWords)",
                                            [q["q"] for q in queries])
                plain = [[u for u in row if u.startswith("faq/")][:SHOWN] if ok else []
                         for row, ok in zip(run_baseline(page, base_url, queries, limit=10), long_enough, strict=True)]
                site_share, base_share = share(queries, shown), share(queries, plain)
                out[name] = {"queries": len(queries), "shown": site_share, "baseline": base_share,
                             "ratio": round(site_share / base_share, 3) if base_share else None}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
