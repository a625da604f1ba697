"""Score the site's search on the tuning and held-out query sets, against a plain fusion baseline, in headless Chromium.

Four sets (tests/search/): tuning (dev_queries.yml, rules may be written against it), heldout (heldout_queries.yml,
frozen 25% of the former development set) and heldout_new (heldout_new_queries.yml, over FAQ no rule was written for).
heldout_3 (heldout_3_queries.yml) is a third frozen set over FAQ added 2026-12-03, written blind before any search ran.
Each is scored through window.klinikSearch and, in the same run over the same Pagefind index, through BASELINE_JS:
drop filler words, fuse the all-words Pagefind search with one search per word, sum Pagefind scores.
Prints one JSON line: {"tuning": {"queries", "hit@1", "hit@5", "mrr@10"}, "heldout": {...}, "heldout_new": {...},
"baseline": {"tuning": {...}, ...}, "ratio": {set: {metric: site / baseline}}, "ratio_hit1_heldout_new": ...}.
Targets: hit@5 >= 0.90, hit@1 >= 0.70 (tuning, checked by make test); held-out sets ahead of the baseline.
With --misses it also prints each query whose expected page is not first (to stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search" / "dev_queries.yml"
QUERY_SETS = {
    "tuning": QUERIES,
    "heldout": ROOT / "tests" / "search" / "heldout_queries.yml",
    "heldout_new": ROOT / "tests" / "search" / "heldout_new_queries.yml",
    "heldout_3": ROOT / "tests" / "search" / "heldout_3_queries.yml",
}
DICTIONARY = ROOT / "site_config" / "pencarian.yml"
# The plain fusion baseline (issue 13), run in the page through Pagefind itself: no synonyms, no typo correction.
BASELINE_JS = """async ([queries, limit, fillers]) => {
    const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
    await pf.options({baseUrl: location.pathname});
    const filler = new Set(fillers), out = [];
    for (const q of queries) {
        const words = q.toLowerCase().split(/[^a-z0-9]+/).filter(w => w && !filler.has(w));
        const scores = new Map();
        for (const text of new Set([words.join(" "), ...words])) {
            const found = text ? await pf.search(text) : null;
            for (const r of (found && found.results) || []) {
                const seen = scores.get(r.id) || {r, score: 0};
                seen.score += r.score;
                scores.set(r.id, seen);
            }
        }
        const top = [...scores.values()].sort((a, b) => b.score - a.score).slice(0, limit);
        const pages = await Promise.all(top.map(s => s.r.data()));
        out.push(pages.map(d => new URL(d.url, location.href).pathname));
    }
    return out;
}"""
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler:
    """Mixin: no request log (a quality run makes thousands of requests)."""

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def served(site_dir: Path):
    """Serve a built site on a free loopback port; yield its base URL."""
    sys.path.insert(0, str(ROOT))
    from generator.site.serve import _SiteHandler

    handler_class = type("Handler", (_QuietHandler, _SiteHandler), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler_class, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser_page():
    """A headless Debian Chromium page (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium tidak ada di {CHROMIUM}: jalankan `make browser`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def load_queries(path: Path = QUERIES) -> list[dict]:
    """Read the query set: [{q, url, boleh?}]."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fillers(path: Path = DICTIONARY) -> list[str]:
    """The site's filler words (kata_pengisi), which the baseline drops too."""
    return [str(word) for word in yaml.safe_load(path.read_text(encoding="utf-8"))["kata_pengisi"]]


def run_queries(page, base_url: str, queries: list[dict], limit: int = 10) -> list[list[str]]:
    """Return, per query, the result URLs (site-relative) exactly as window.klinikSearch ranks them."""
    page.goto(base_url)
    page.wait_for_function("typeof window.klinikSearch === 'function'")
    urls = page.evaluate(
        """async ([queries, limit]) => {
            const out = [];
            for (const q of queries) {
                const results = await window.klinikSearch(q, {limit});
                out.push(results.map(r => new URL(r.url, location.href).pathname));
            }
            return out;
        }""",
        [[q["q"] for q in queries], limit],
    )
    return _site_relative(base_url, urls)


def run_baseline(page, base_url: str, queries: list[dict], limit: int = 10) -> list[list[str]]:
    """Return, per query, the result URLs (site-relative) of the plain fusion baseline over the same index."""
    page.goto(base_url)
    urls = page.evaluate(BASELINE_JS, [[q["q"] for q in queries], limit, fillers()])
    return _site_relative(base_url, urls)


def _site_relative(base_url: str, urls: list[list[str]]) -> list[list[str]]:
    """Strip the served prefix so URLs compare with the query sets' `url` values."""
    prefix = "/" + base_url.split("/", 3)[3] if base_url.count("/") > 3 else "/"
    return [[u[len(prefix):] if u.startswith(prefix) else u.lstrip("/") for u in row] for row in urls]


def score(queries: list[dict], results: list[list[str]]) -> dict:
    """hit@1, hit@5 and MRR@10 of the ranked URLs against the expected pages."""
    hit1 = hit5 = mrr = 0.0
    for query, urls in zip(queries, results, strict=False):
        wanted = {query["url"], *query.get("boleh", [])}
        rank = next((i + 1 for i, u in enumerate(urls[:10]) if u in wanted), None)
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        mrr += 1 / rank if rank else 0
    n = len(queries)
    return {"queries": n, "hit@1": round(hit1 / n, 3), "hit@5": round(hit5 / n, 3), "mrr@10": round(mrr / n, 3)}


def print_misses(name: str, queries: list[dict], results: list[list[str]]) -> None:
    """List (to stderr) each query whose expected page is not first, with its rank and the top 3 results."""
    for query, urls in zip(queries, results, strict=False):
        wanted = {query["url"], *query.get("boleh", [])}
        if not urls or urls[0] not in wanted:
            rank = next((i + 1 for i, u in enumerate(urls) if u in wanted), "-")
            print(f"{name} [{rank}] {query['q']!r} -> {query['url']} | got {urls[:3]}", file=sys.stderr)


def ratios(site: dict, baseline: dict) -> dict:
    """site / baseline for each set and metric (None when the baseline scores 0)."""
    return {
        name: {m: round(site[name][m] / baseline[name][m], 3) if baseline[name][m] else None for m in ("hit@1", "hit@5", "mrr@10")}
        for name in site
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build this repository)")
    parser.add_argument("--misses", action="store_true", help="list queries whose expected page is not first")
    args = parser.parse_args()
    sets = {name: load_queries(path) for name, path in QUERY_SETS.items()}
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(ROOT))
            from generator.config.project import Project
            from generator.site.build import build

            site = build(Project(ROOT), site_dir=Path(tmp) / "site")
        with served(site) as base_url, browser_page() as page:
            results = {name: run_queries(page, base_url, queries) for name, queries in sets.items()}
            plain = {name: run_baseline(page, base_url, queries) for name, queries in sets.items()}
    if args.misses:
        for name, queries in sets.items():
            print_misses(name, queries, results[name])
    figures = {name: score(queries, results[name]) for name, queries in sets.items()}
    baseline = {name: score(queries, plain[name]) for name, queries in sets.items()}
    ratio = ratios(figures, baseline)
    print(json.dumps({**figures, "baseline": baseline, "ratio": ratio, "ratio_hit1_heldout_new": ratio["heldout_new"]["hit@1"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
