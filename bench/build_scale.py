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

WORDS = (
    "rumah tanah bangunan atap dinding pondasi kolom balok sloof semen pasir bata batako genteng rangka baja "
    "ringan kayu besi tulangan cor beton plester acian cat kusen jendela pintu lantai keramik sanitasi septik "
    "tangki air bersih listrik ventilasi pencahayaan kredit angsuran bunga tenor uang muka subsidi bank "
    "penghasilan gaji sertifikat girik akta hibah waris izin persetujuan retribusi dokumen gambar rencana "
    "anggaran biaya volume harga satuan tukang mandor pengawas kartu kendali retak bocor lembap rayap gempa "
    "banjir longsor kawasan kumuh drainase jalan lingkungan sampah rusun pengelola iuran perawatan pemeliharaan"
).split()
VERBS = "membangun memperbaiki mengajukan menghitung memeriksa mengurus memilih merawat melapor membayar".split()


def answer(rng: random.Random, serial: int) -> str:
    """Make a varied ~200-word Indonesian answer with two sub-headings and a list."""
    def sentence() -> str:
        words = rng.sample(WORDS, 9)
        return f"{rng.choice(VERBS).capitalize()} {' '.join(words)} nomor {serial}."

    parts = [" ".join(sentence() for _ in range(4)), "## Langkah yang disarankan"]
    parts.append("\n".join(f"- {sentence()}" for _ in range(4)))
    parts += ["## Catatan", " ".join(sentence() for _ in range(5))]
    return "\n\n".join(parts) + "\n"


def add_synthetic_faq(project: Path, count: int, seed: int = 7) -> None:
    """Write `count` valid FAQ files spread evenly over every area and sub-area."""
    rng = random.Random(seed)
    taxonomy = yaml.safe_load((project / "site_config" / "taxonomy.yml").read_text(encoding="utf-8"))
    slots = [(b["slug"], s["slug"]) for b in taxonomy["bidang"] for s in b["subtopik"]]
    for i in range(count):
        area, sub = slots[i % len(slots)]
        related = [f"sintetis-{j:05d}" for j in {(i + 1) % count, (i + 7) % count} if j != i]
        meta = {
            "pertanyaan": f"Bagaimana cara {rng.choice(VERBS)} {' '.join(rng.sample(WORDS, 4))} (kasus {i})?",
            "topik": area,
            "subtopik": sub,
            "tag": rng.sample(WORDS, 3),
            "alias": [" ".join(rng.sample(WORDS, 3))],
            "ditinjau": "2026-11-01",
            "peninjau": {"peran": "TA", "nama": "Tim Tenaga Ahli Uji Skala"},
            "dasar_hukum": ["Peraturan Pemerintah Nomor 16 Tahun 2021"],
            "terkait": related,
            "status": "terbit",
        }
        folder = project / "content" / "faq" / area
        folder.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).replace("'2026-11-01'", "2026-11-01")
        (folder / f"sintetis-{i:05d}.md").write_text(f"---\n{front}---\n{answer(rng, i)}", encoding="utf-8")


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
