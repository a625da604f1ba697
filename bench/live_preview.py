"""Measure live preview at scale: edit one FAQ while `klinik preview` runs and time until the page shows it.

Prints one JSON line: {"faq", "initial_build_seconds", "edits", "reload_seconds_max", "reload_seconds_median"}.
Target: an edited FAQ is rebuilt and served again within 3 s at 10,000 FAQ.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from build_scale import COPY, ROOT, add_synthetic_faq


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, timeout: float) -> float:
    """Poll url until its body contains needle; return seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--source", type=Path, default=ROOT)
    args = parser.parse_args()
    klinik = Path(sys.executable).with_name("klinik")
    work = Path(tempfile.mkdtemp(prefix="klinik-preview-"))
    server = None
    try:
        for name in COPY:
            src = args.source / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
        add_synthetic_faq(work, args.faq)
        port = free_port()
        server = subprocess.Popen(
            [str(klinik), "preview", "--proyek", str(work), "--alamat", f"127.0.0.1:{port}"],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        target = sorted((work / "content" / "faq").rglob("sintetis-*.md"))[args.faq // 2]
        url = f"http://127.0.0.1:{port}/faq/{target.stem}/"
        initial = wait_for(url, "Ditinjau", timeout=600)
        times = []
        for edit in range(args.edits):
            marker = f"Suntingan-uji-{edit}-{time.time_ns()}"
            text = target.read_text(encoding="utf-8")
            target.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            times.append(wait_for(url, marker, timeout=60))
            time.sleep(0.5)
        print(json.dumps({
            "faq": args.faq,
            "initial_build_seconds": round(initial, 1),
            "edits": len(times),
            "reload_seconds_max": round(max(times), 2),
            "reload_seconds_median": round(statistics.median(times), 2),
        }))
        return 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
