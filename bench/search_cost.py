"""Measure what a first search costs at scale: bytes transferred and time from last keystroke to results.

Builds a copy of the project with N synthetic FAQ (as bench/build_scale.py), serves it on loopback, and
in headless Chromium types queries into the search page. Prints one JSON line:
{"faq", "pages", "first_search_bytes", "first_search_ms", "warm_search_ms_median", "warm_search_ms_max"}.
Targets at 10,000 FAQ: first search <= 300 KB transferred, results within 300 ms of the last keystroke.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from build_scale import COPY, ROOT, add_synthetic_faq, measure
from search_quality import browser_page, served

QUERIES = ["rumah subsidi gaji 4 juta", "pondsi retak", "imb rumah", "atap bocor", "kartu kendali", "sertifikat tanah girik"]

TIMING = """
() => { window.__done = new Promise(resolve => {
  const box = document.querySelector('[data-klinik-halaman]');
  const before = box.getAttribute('data-klinik-selesai');
  const observer = new MutationObserver(() => {
    if (box.getAttribute('data-klinik-selesai') !== before) {
      observer.disconnect();
      resolve(performance.now() - window.__lastKey);
    }
  });
  observer.observe(box, {attributes: true});
}); }
"""


def type_and_time(page, query: str) -> float:
    """Type a query key by key; return ms from the last keystroke to rendered results."""
    page.fill("#klinik-cari-halaman", "")
    page.evaluate("document.addEventListener('keydown', () => { window.__lastKey = performance.now(); })")
    page.evaluate(TIMING)
    page.type("#klinik-cari-halaman", query, delay=30)
    return page.evaluate("window.__done")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=int, default=10000)
    parser.add_argument("--source", type=Path, default=ROOT)
    args = parser.parse_args()
    klinik = Path(sys.executable).with_name("klinik")
    work = Path(tempfile.mkdtemp(prefix="klinik-search-cost-"))
    try:
        for name in COPY:
            src = args.source / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
        add_synthetic_faq(work, args.faq)
        proc = subprocess.run([str(klinik), "build", "--proyek", str(work)], cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
            return 1
        pages, _, _ = measure(work / "site")
        with served(work / "site") as base_url, browser_page() as page:
            transferred: list[int] = []
            page.goto(base_url + "cari/")
            page.wait_for_function("typeof window.klinikSearch === 'function'")
            page.on("requestfinished", lambda request: transferred.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
            first_ms = type_and_time(page, QUERIES[0])
            first_bytes = sum(transferred)
            warm = [type_and_time(page, q) for q in QUERIES[1:]]
        print(json.dumps({
            "faq": args.faq,
            "pages": pages,
            "first_search_bytes": first_bytes,
            "first_search_ms": round(first_ms),
            "warm_search_ms_median": round(statistics.median(warm)),
            "warm_search_ms_max": round(max(warm)),
        }))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
