"""Measure a cold production build with N synthetic FAQ added to a copy of the project.

Prints one JSON line: {"faq", "pages", "seconds", "peak_rss_mb", "site_bytes", "html_bytes_per_page"};
peak_rss_mb is the largest summed resident memory of the build's whole process tree.
Targets (2 cores, N=10,000): <= 60 s, <= 2 GB peak RSS, <= 60 KB HTML per page.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPY = ["content", "site_config", "mkdocs.yml"]

def real_paragraphs(project: Path) -> tuple[list[str], list[str]]:
    """Return the paragraphs and questions of the project's real FAQ, the material synthetic FAQ are made of."""
    paragraphs, questions = [], []
    for path in sorted((project / "content" / "faq").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        questions.append(yaml.safe_load(front)["pertanyaan"])
        for block in body.split("\n\n"):
            block = block.strip()
            if block and not block.startswith(("#", "|", "<", "{")) and "](" not in block:
                paragraphs.append(block)
    return paragraphs, questions


def add_synthetic_faq(project: Path, count: int, seed: int = 7) -> None:
    """Write `count` valid FAQ spread over every area and sub-area, recombined from real FAQ paragraphs.

    Recombining real text keeps each word's share of pages realistic (a tiny invented vocabulary would put
    every word on almost every page and make search and index sizes look far worse than real content).
    """
    rng = random.Random(seed)
    paragraphs, questions = real_paragraphs(project)
    taxonomy = yaml.safe_load((project / "site_config" / "taxonomy.yml").read_text(encoding="utf-8"))
    slots = [(b["slug"], s["slug"]) for b in taxonomy["bidang"] for s in b["subtopik"]]
    for i in range(count):
        area, sub = slots[i % len(slots)]
        related = [f"sintetis-{j:05d}" for j in {(i + 1) % count, (i + 7) % count} if j != i]
        picked = rng.sample(paragraphs, 5)
        meta = {
            "pertanyaan": f"{rng.choice(questions).rstrip('?')} (kasus {i})?",
            "topik": area,
            "subtopik": sub,
            "tag": [f"kasus{i}"],
            "alias": [],
            "ditinjau": "2026-11-01",
            "peninjau": {"peran": "TA", "nama": "Tim Tenaga Ahli Uji Skala"},
            "dasar_hukum": ["Peraturan Pemerintah Nomor 16 Tahun 2021"],
            "terkait": related,
            "status": "terbit",
        }
        body = "\n\n".join([picked[0], picked[1], "## Langkah yang disarankan", picked[2], picked[3], "## Catatan", picked[4]])
        folder = project / "content" / "faq" / area
        folder.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).replace("'2026-11-01'", "2026-11-01")
        (folder / f"sintetis-{i:05d}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def _tree_rss_kb(root_pid: int) -> int:
    """Sum the resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as handle:
                kb = next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kb
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_sampled(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run a command; return (result, seconds, peak summed RSS in KB of its process tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return subprocess.CompletedProcess(command, proc.returncode, out, err), seconds, peak


def measure(site: Path) -> tuple[int, int, int]:
    """Return (pages, all bytes, html bytes) of a built site."""
    pages = total = html = 0
    for dirpath, _, files in os.walk(site):
        for name in files:
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            if name.endswith(".html"):
                html += size
                pages += 1
    return pages, total, html


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faq", type=int, default=1000, help="number of synthetic FAQ to add")
    parser.add_argument("--source", type=Path, default=ROOT, help="project to copy (default: this repository)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = parser.parse_args()
    klinik = Path(sys.executable).with_name("klinik")
    work = Path(tempfile.mkdtemp(prefix="klinik-bench-"))
    try:
        for name in COPY:
            src = args.source / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, work / name)
        add_synthetic_faq(work, args.faq)
        proc, seconds, peak_kb = run_sampled([str(klinik), "build", "--proyek", str(work)], work)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
            return 1
        peak_kb = max(peak_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        pages, total, html = measure(work / "site")
        print(json.dumps({
            "faq": args.faq,
            "pages": pages,
            "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "site_bytes": total,
            "html_bytes_per_page": round(html / max(pages, 1)),
        }))
        return 0
    finally:
        if args.keep:
            print(work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
