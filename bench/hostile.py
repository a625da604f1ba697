"""Attack a fresh intake server and checkout the way issue 9 did, and count what still gets through.

Observable behaviour only: HTTP on 127.0.0.1 against `klinik intake serve` subprocesses (git publisher into
a temporary repository, outbox worker on), the `klinik` CLI, files under var/ and site/, git objects.
Prints one JSON line; every counter should be 0 and freeze_ms_max under 200:
- freeze_ms_max: slowest /healthz or honest POST while the worker publishes the worst redaction inputs
  (a probe that times out counts as the whole probe window);
- pii_leaks: planted phones/NIK/emails in hostile spellings found in any git object of the publish repo
  (NFKC, every Unicode digit as ASCII, separators dropped), plus each Arabic-Indic phone field accepted;
- honest_5xx: 5xx (or no answer) among honest posts sent together with lone-surrogate posts, plus 5xx to
  the surrogate posts themselves;
- xss_live: live <script>/on* from a citizen's question in site/ HTML after `klinik kurasi terbitkan` and
  `klinik build`, plus live javascript:/data:/vbscript: links on the status page of a merged answer;
- erasure_leftovers: (planted value, file) pairs under var/ after `klinik intake hapus-data`;
  world_readable: entries under var/ with group/other permission bits;
- replays_accepted: spent ALTCHA solutions (exact, 7 re-encodings, after a restart), a form token used
  twice, a webhook delivery replayed with the same X-GitHub-Delivery (accepted = the same 2xx answer again);
- server_errors: 5xx to malformed requests (non-ASCII form token and webhook signature, deep JSON, ...);
  traversal_leaks: /etc/passwd served over HTTP;
- missing_headers: (response, header) pairs without CSP, X-Content-Type-Options, CSP frame-ancestors or
  Referrer-Policy, plus 1 if /api/docs loads a third-party script;
- stalled_open: connections stalled mid request line, mid headers or mid body still open after the
  timeout (KLINIK_HEADER_TIMEOUT_SECONDS / KLINIK_BODY_TIMEOUT_SECONDS=2 when README documents them, +3 s;
  else 15 s);
- checker_failures: `klinik check` on hostile copies that does not exit 1 within 20 s with a short message
  naming the file (no traceback, no segfault), plus 1 if `klinik build` copies /etc/passwd into site/.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hostile_common import NOTES, SITE_INDEX, call, note, service
from hostile_intake import TIMEOUT_ENV, freeze_run, open_stalls, pii_run, stall_wait, still_open, surrogate_run
from hostile_requests import malformed, missing_headers, replay_run
from hostile_site import CHECKER_CASES, checker_case, site_run
from intake_load import make_project


def general_run(work: Path, quick: bool, pool: ThreadPoolExecutor) -> tuple[dict, list]:
    """One server for personal data, surrogates and stalls; the checker cases start while the stalls wait."""
    project, repo = make_project(work / "umum")
    (project / "site" / "index.html").write_text(SITE_INDEX, encoding="utf-8")
    server = service(project, {"KLINIK_REPO_PATH": str(repo), "KLINIK_OUTBOX_INTERVAL_SECONDS": "0.2", **TIMEOUT_ENV}, work / "umum.log")
    try:
        out = pii_run(server, repo)
        out.update(surrogate_run(server, 60 if quick else 180, 10 if quick else 20))
        wait, opened = stall_wait(), time.monotonic()
        socks = open_stalls(server.port, 60 if quick else 300)
        t0 = time.perf_counter()
        call(server.port, "GET", "/healthz", timeout=wait)
        out["healthz_ms_while_stalled"] = round((time.perf_counter() - t0) * 1000)
        checks = [pool.submit(checker_case, work, name) for name in CHECKER_CASES]
        time.sleep(max(0.0, opened + wait - time.monotonic()))
        out.update(stalled_open=still_open(socks), stall_wait_s=round(wait))
    finally:
        server.stop()
    return out, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer posts and stalled connections, shorter freeze window (for the test)")
    parser.add_argument("--verbose", action="store_true", help="print what each counter counted to stderr")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server logs, projects) and print its path to stderr")
    args = parser.parse_args()
    started = time.monotonic()
    lap = lambda label: note("time", f"{label} done at {time.monotonic() - started:.1f} s")  # noqa: E731
    work = Path(tempfile.mkdtemp(prefix="klinik-hostile-"))
    try:
        with ThreadPoolExecutor(3) as pool:
            freeze = freeze_run(work, window=5 if args.quick else 10)
            lap("freeze")
            general, checks = general_run(work, args.quick, pool)
            lap("personal data, surrogates, stalls")
            replay, server = replay_run(work, work / "ulang.log")
            try:
                errors, traversal = malformed(server.port)
                headers = missing_headers(server.port)
            finally:
                server.stop()
            lap("replays, malformed requests, headers")
            site = site_run(work)
            lap("site, status page, erasure")
            checker = sum(future.result() for future in checks)
            lap("checker")
    finally:
        if args.verbose:
            print("\n".join(NOTES), file=sys.stderr)
        if args.keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({
        "freeze_ms_max": freeze["freeze_ms_max"], "pii_leaks": general["pii_leaks"], "honest_5xx": general["honest_5xx"],
        "xss_live": site["xss_live"], "erasure_leftovers": site["erasure_leftovers"], "world_readable": site["world_readable"],
        "replays_accepted": replay["replays_accepted"] + site["replays_accepted"], "server_errors": errors,
        "missing_headers": headers, "stalled_open": general["stalled_open"], "checker_failures": checker,
        "traversal_leaks": traversal, "pii_accepted": general["pii_accepted"], "pii_pending": general["pii_pending"],
        "replay_baseline_ok": replay["replay_baseline_ok"], "stall_wait_s": general["stall_wait_s"],
        "healthz_ms_while_stalled": general["healthz_ms_while_stalled"], "seconds": round(time.monotonic() - started),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
