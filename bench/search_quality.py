"""Score the site's search on the development query set, through window.klinikSearch in headless Chromium.

Prints one JSON line: {"queries": n, "hit@1": ..., "hit@5": ..., "mrr@10": ...}. Targets: hit@5 >= 0.90, hit@1 >= 0.70.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build this repository)")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--misses", action="store_true", help="list queries whose expected page is not first")
    args = parser.parse_args()
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(ROOT))
            from generator.config.project import Project
            from generator.site.build import build

            site = build(Project(ROOT), site_dir=Path(tmp) / "site")
        with served(site) as base_url, browser_page() as page:
            results = run_queries(page, base_url, queries)
    if args.misses:
        for query, urls in zip(queries, results, strict=False):
            wanted = {query["url"], *query.get("boleh", [])}
            if not urls or urls[0] not in wanted:
                rank = next((i + 1 for i, u in enumerate(urls) if u in wanted), "-")
                print(f"[{rank}] {query['q']!r} -> {query['url']} | got {urls[:3]}", file=sys.stderr)
    print(json.dumps(score(queries, results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
