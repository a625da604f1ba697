"""Measure what a first search costs at scale: bytes transferred and time from last keystroke to results.

Builds a copy of the project with N synthetic FAQ (as bench/build_scale.py), serves it on loopback, and
in headless Chromium types queries into the search page. Prints one JSON line: {"faq", "pages", "first_search_bytes_median", "first_search_bytes_max",
"first_search_ms_median", "first_search_ms_max", "warm_search_ms_median", "warm_search_ms_max", "key_delay_ms"}; "first" is
each query typed in a fresh browser (nothing cached), "warm" the following queries in one page. Text files
are served gzip-compressed, as `klinik serve` and any production web server do.
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


KEY_DELAY_MS = 150
"""Between keystrokes: a quick typist on a phone. At 30 ms the live searches between keys mostly never ran, so the
bytes measured were those of an imaginary typist; every partial word a real one leaves searched counts here."""


def type_and_time(page, query: str, delay: int = KEY_DELAY_MS) -> float:
    """Type a query key by key; return ms from the last keystroke to rendered results."""
    page.fill("#klinik-cari-halaman", "")
    page.evaluate("document.addEventListener('keydown', () => { window.__lastKey = performance.now(); })")
    page.evaluate(TIMING)
    page.type("#klinik-cari-halaman", query, delay=delay)
    return page.evaluate("window.__done")


def first_search(browser, base_url: str, query: str, delay: int) -> tuple[int, float]:
    """In a fresh browser context: bytes the search downloads (engine, index, dictionary) and ms to results."""
    context = browser.new_context()
    page = context.new_page()
    transferred: list[tuple[str, int]] = []
    # Everything the search downloads, including what is preloaded when the box gets focus; not the page itself.
    page.on("response", lambda response: ("/pagefind/" in response.url or "/pencarian/" in response.url)
            and transferred.append((response.url, int(response.headers.get("content-length", "0")))))
    page.goto(base_url + "cari/")
    page.wait_for_function("typeof window.klinikSearch === 'function'")
    ms = type_and_time(page, query, delay)
    page.wait_for_timeout(200)
    kinds: dict[str, int] = {}
    for url, size in transferred:
        kind = url.split("/pagefind/", 1)[1].split("/")[0].split("?")[0] if "/pagefind/" in url else url.rsplit("/", 1)[-1]
        kinds[kind] = kinds.get(kind, 0) + size
    print(f"{query!r}: {ms:.0f} ms {json.dumps(kinds)}", file=sys.stderr)
    context.close()
    return sum(size for _, size in transferred), ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=int, default=10000)
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--keep", type=Path, help="copy the built site here for inspection")
    parser.add_argument("--site", type=Path, help="measure an already built site (e.g. one kept with --keep)")
    parser.add_argument("--key-delay-ms", type=int, default=KEY_DELAY_MS, help="ms between keystrokes")
    args = parser.parse_args()
    klinik = Path(sys.executable).with_name("klinik")
    work = Path(tempfile.mkdtemp(prefix="klinik-search-cost-"))
    try:
        if args.site:
            shutil.copytree(args.site, work / "site")
            return report(args.faq, work / "site", args.key_delay_ms)
        for name in COPY:
            src = args.source / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
        add_synthetic_faq(work, args.faq)
        proc = subprocess.run([str(klinik), "build", "--proyek", str(work)], cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
            return 1
        if args.keep:
            shutil.copytree(work / "site", args.keep, dirs_exist_ok=True)
        return report(args.faq, work / "site", args.key_delay_ms)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(faq: int, site: Path, delay: int) -> int:
    """Measure the built site and print the JSON line."""
    pages, _, _ = measure(site)
    with served(site) as base_url, browser_page() as page:
        cold = [first_search(page.context.browser, base_url, q, delay) for q in QUERIES]
        page.goto(base_url + "cari/")
        page.wait_for_function("typeof window.klinikSearch === 'function'")
        type_and_time(page, QUERIES[0], delay)
        warm = [type_and_time(page, q, delay) for q in QUERIES[1:]]
    cold_bytes = [b for b, _ in cold]
    cold_ms = [ms for _, ms in cold]
    print(json.dumps({
        "faq": faq,
        "pages": pages,
        "key_delay_ms": delay,
        "first_search_bytes_median": round(statistics.median(cold_bytes)),
        "first_search_bytes_max": max(cold_bytes),
        "first_search_ms_median": round(statistics.median(cold_ms)),
        "first_search_ms_max": round(max(cold_ms)),
        "warm_search_ms_median": round(statistics.median(warm)),
        "warm_search_ms_max": round(max(warm)),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
