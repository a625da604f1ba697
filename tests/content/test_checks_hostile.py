"""`klinik check` and `klinik build` on hostile content trees: one short line per bad file, exit 1, never a hang.

Runs that could crash, hang or fill memory on a regression run the real CLI in a child process with a
memory limit and a generous timeout, so a segfault or a hang fails the test instead of the test run.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.util.safe_read import refusal
from tests.conftest import ROOT, write

BIN = Path(sys.executable).parent
FAQ = "content/faq/apa-itu-kpr-flpp.md"
MEMORY = 2 << 30
LINK = refusal(0o120777, 0, 0)
SPECIAL = refusal(0o010644, 0, 0)
DEEP = "bersarang terlalu dalam (lebih dari 20 tingkat); sederhanakan strukturnya"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def klinik(*args: str, timeout: float = 60) -> tuple[int, list[str]]:
    """Run the real CLI in a child; return its exit code and output lines (never a traceback)."""
    proc = subprocess.run([str(BIN / "klinik"), *args], capture_output=True, timeout=timeout, preexec_fn=_limit_memory)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert "Traceback" not in out, out[-3000:]
    return proc.returncode, out.splitlines()


def edit(project: Path, old: str, new: str, rel: str = FAQ) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def published(site: Path, marker: bytes) -> list[str]:
    """Files of the built site that carry the marker (none when the build wrote no site)."""
    return [p.as_posix() for p in site.rglob("*") if p.is_file() and marker in p.read_bytes()] if site.is_dir() else []


def test_links_are_refused_and_nothing_they_point_at_is_published(kecil, tmp_path):
    """Links to files and folders outside, dangling links, and a link to / in an ignored folder: each named, none followed."""
    outside = tmp_path / "luar"
    (outside / "folder").mkdir(parents=True)
    (outside / "rahasia.svg").write_text("<svg>RAHASIA-LUAR</svg>\n")
    (outside / "folder" / "catatan.md").write_text("RAHASIA-LUAR\n")
    (kecil / "content/infografis/alur.svg").unlink()
    (kecil / "content/infografis/alur.svg").symlink_to(outside / "rahasia.svg")
    (kecil / "content/faq/tautan").symlink_to(outside / "folder", target_is_directory=True)
    (kecil / "content/faq/hilang.md").symlink_to(outside / "tidak-ada.md")
    (kecil / "content/_arsip").mkdir()
    (kecil / "content/_arsip/akar").symlink_to("/", target_is_directory=True)  # MkDocs would walk the whole disk
    code, lines = klinik("check")
    assert code == 1
    for rel in ("content/infografis/alur.svg", "content/faq/tautan", "content/faq/hilang.md", "content/_arsip/akar"):
        assert f"{rel}:1: berkas: {LINK}" in lines
    assert lines[-1] == "Dibatalkan: 5 masalah di 5 berkas."  # and alur.md's image is missing
    code, lines = klinik("build", timeout=120)
    assert code == 1 and f"content/faq/hilang.md:1: berkas: {LINK}" in lines
    assert published(kecil / "site", b"RAHASIA-LUAR") == []


def test_ignored_folders_are_checked_for_nothing_and_published_never(kecil):
    """Files in `_` folders are skipped by the check, so the build must not copy them (MkDocs did)."""
    write(kecil, {"content/_arsip/catatan.txt": "RAHASIA-ARSIP\n", "content/faq/_draft/lama.md": "RAHASIA-ARSIP\n"})
    code, lines = klinik("check")
    assert code == 0, lines
    code, lines = klinik("build", timeout=120)
    assert code == 0, lines
    assert (kecil / "site/index.html").is_file()
    assert published(kecil / "site", b"RAHASIA-ARSIP") == []


def test_pipes_devices_and_links_in_config_and_submissions_are_never_opened(kecil):
    """A FIFO blocks a reader forever and /dev/zero fills memory: both are refused from their lstat alone."""
    os.mkfifo(kecil / "content/faq/pipa.md")
    (kecil / "content/faq/nol.md").symlink_to("/dev/zero")
    (kecil / "site_config/balai.yml").unlink()
    os.mkfifo(kecil / "site_config/balai.yml")
    (kecil / "site_config/site.yml").unlink()
    (kecil / "site_config/site.yml").symlink_to("/dev/zero")
    (kecil / "submissions/2026/11").mkdir(parents=True)
    os.mkfifo(kecil / "submissions/2026/11/KPKP-2611-0001.md")
    code, lines = klinik("check")
    assert code == 1
    assert lines == sorted([
        f"content/faq/nol.md:1: berkas: {LINK}",
        f"content/faq/pipa.md:1: berkas: {SPECIAL}",
        f"site_config/balai.yml:1: berkas: {SPECIAL}",
        f"site_config/site.yml:1: berkas: {LINK}",
        f"submissions/2026/11/KPKP-2611-0001.md:1: berkas: {SPECIAL}",
    ]) + ["Dibatalkan: 5 masalah di 5 berkas."]


def test_files_past_the_size_limits_are_not_read(kecil):
    """A page over 256 KiB and a data file over 1 MiB are refused with the limit in the message."""
    write(kecil, {"content/faq/besar.md": "---\npertanyaan: Besar?\n---\n" + "kata " * 60_000})
    with (kecil / "site_config/pencarian.yml").open("a", encoding="utf-8") as handle:
        handle.write("# isi\n" * 200_000)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/faq/besar.md:1: berkas: berkas terlalu besar (lebih dari 256 KiB)",
        "site_config/pencarian.yml:1: berkas: berkas terlalu besar (lebih dari 1 MiB)",
        "Dibatalkan: 2 masalah di 2 berkas.",
    ]


def test_duplicate_keys_are_refused_at_the_second_key_in_data_and_nested_mappings(kecil):
    """The last of two equal keys used to win silently, in site_config/ as in front matter."""
    edit(kecil, "balai:", "catatan: kedua\nbalai:", "site_config/balai.yml")  # the file starts with `catatan: Data uji.`
    edit(kecil, "peninjau: {peran: TA, nama: Tim Uji}", "peninjau: {peran: TA, nama: Tim Uji, peran: Ditjen}")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/faq/apa-itu-kpr-flpp.md:8: peran: kunci ganda (sudah ditulis di baris 8); hapus salah satu",
        "site_config/balai.yml:2: catatan: kunci ganda (sudah ditulis di baris 1); hapus salah satu",
        "Dibatalkan: 2 masalah di 2 berkas.",
    ]


def test_alias_bombs_and_huge_values_give_one_short_line(kecil):
    """A 9-level alias bomb is refused where it starts; a 100,000-character value is quoted in 60 characters."""
    bomb = "[" + ", ".join([f"&a0 [{', '.join(['lol'] * 9)}]"] + [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]) + "]"
    edit(kecil, "status: terbit", "status: " + bomb)
    edit(kecil, "status: terbit", "status: " + "x" * 100_000, "content/faq/pembiayaan/syarat-kpr.md")
    code, lines = klinik("check")
    assert code == 1
    assert lines[0] == "content/faq/apa-itu-kpr-flpp.md:12: front matter: anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"
    assert lines[1].startswith("content/faq/pembiayaan/syarat-kpr.md:8: status: nilai 'xxxx")
    assert "…" in lines[1] and len(lines[1]) < 200
    assert lines[2:] == ["Dibatalkan: 2 masalah di 2 berkas."]


NESTED = {
    "kurung-fm.md": (
        "---\npertanyaan: Apa?\ntag: " + "[" * 100_000 + "]" * 100_000 + "\n---\nIsi.\n", 3, "front matter: bersarang terlalu dalam (lebih dari 20 tingkat)"
    ),
    "daftar-fm.md": ("---\npertanyaan: Apa?\ntag:\n" + "- " * 100_000 + "x\n---\nIsi.\n", 4, "front matter: bersarang terlalu dalam (lebih dari 20 tingkat)"),
    "kurung-isi.md": ("---\npertanyaan: Apa?\n---\nAwal.\n\n" + "[" * 100_000 + "]" * 100_000 + "\n", 6, f"isi: tanda '[' {DEEP}"),
    "daftar-isi.md": ("---\npertanyaan: Apa?\n---\n" + "1. " * 20_000 + "x\n", 4, f"isi: kutipan, daftar atau indentasi {DEEP}"),
    "kotak-isi.md": ("---\npertanyaan: Apa?\n---\n" + "".join("    " * i + "!!! note\n" for i in range(30)), 25, f"isi: kutipan, daftar atau indentasi {DEEP}"),
    "div-isi.md": ("---\npertanyaan: Apa?\n---\n" + "<div markdown>\n\n" * 5_000 + "</div>\n\n" * 5_000, 44, f"isi: elemen HTML {DEEP}"),
}


def test_deep_nesting_is_refused_before_yaml_or_markdown_sees_it(kecil):
    """100,000 '[' segfaulted libyaml's composer; nested lists, notes and divs hit Python-Markdown's recursion limit."""
    for name, (text, _, _) in NESTED.items():
        (kecil / "content/faq" / name).write_text(text, encoding="utf-8")
    code, lines = klinik("check")
    assert code == 1
    assert lines == sorted(f"content/faq/{name}:{line}: {message}" for name, (_, line, message) in NESTED.items()) + [
        f"Dibatalkan: {len(NESTED)} masalah di {len(NESTED)} berkas."
    ]
    code, lines = klinik("build", timeout=120)  # the build's worker processes stop at the same check
    assert code == 1 and "content/faq/kurung-fm.md:3: front matter: bersarang terlalu dalam (lebih dari 20 tingkat)" in lines


def test_a_file_with_thousands_of_mistakes_is_reported_briefly(kecil):
    """3,000 unknown keys took minutes (the YAML was composed again for every error) and printed 3,000 lines."""
    edit(kecil, "status: terbit\n", "status: terbit\n" + "".join(f"k{i}: 1\n" for i in range(3_000)))
    code, lines = klinik("check")
    assert code == 1
    assert lines[0] == (
        "content/faq/apa-itu-kpr-flpp.md:2: front matter: ditambah 2980 masalah lain yang tidak ditampilkan; perbaiki yang di atas lalu periksa lagi"
    )
    assert lines[1] == "content/faq/apa-itu-kpr-flpp.md:13: k0: kunci tidak dikenal (periksa ejaan)"
    assert len(lines) == 22


def test_undecodable_names_and_control_characters_stay_one_readable_line(kecil):
    """A name with a newline or a non-UTF-8 byte is escaped; NUL and Python-Markdown's own markers are refused at their line."""
    (kecil / "content/faq").joinpath(os.fsdecode(b"bukan\xff.md")).write_text("x")
    (kecil / "content/faq/baris\nbaru.md").write_text("x")
    (kecil / "content/faq/nul.md").write_bytes(b"---\npertanyaan: Apa?\n---\nAwal \x00 akhir\n")
    (kecil / "content/faq/penanda.md").write_bytes(b"---\npertanyaan: \x02wzxhzdk:0\x03\n---\nIsi\n")
    code, lines = klinik("check")
    assert code == 1
    assert lines == [
        "content/faq/baris\\nbaru.md:1: nama berkas: berisi karakter kendali atau bukan UTF-8; ganti namanya",
        "content/faq/bukan\\xff.md:1: nama berkas: berisi karakter kendali atau bukan UTF-8; ganti namanya",
        "content/faq/nul.md:4: berkas: berisi karakter kendali U+0000 (mis. NUL); hapus karakter itu",
        "content/faq/penanda.md:2: berkas: berisi karakter kendali U+0002 (mis. NUL); hapus karakter itu",
        "Dibatalkan: 4 masalah di 4 berkas.",
    ]


def test_markdown_that_python_markdown_renders_slowly_is_refused(kecil):
    """Shapes measured at 20 s and more to render: each stops at one line naming the limit; a long plain paragraph passes."""
    head = (
        "---\npertanyaan: Apa yang terlalu berat diolah?\ntopik: pembiayaan\nsubtopik: rumah-subsidi\nditinjau: 2026-11-01\n"
        "peninjau: {peran: TA, nama: Tim Uji}\nstatus: terbit\n---\n"
    )
    write(kecil, {
        "content/faq/kurung.md": head + "Awal.\n\n" + ("[a](" + "b" * 56 + " ") * 1_000 + "\n",  # links never closed
        "content/faq/tabel.md": head + "| a | b |\n|---|---|\n" + "|`" * 30_000 + "\n",
        "content/faq/judul.md": head + "## " + "a" * 600 + "\n",
        "content/faq/panjang.md": head + " ".join(f"kata{n}" for n in range(6_000)) + "\n\n" + "x" * 70_000 + "\n",
        "content/faq/biasa.md": head + " ".join(f"panjang{n}" for n in range(4_000)) + "\n",
    })
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/faq/judul.md:9: isi: judul bagian terlalu panjang (lebih dari 500 karakter)",
        (
            "content/faq/kurung.md:11: isi: terlalu banyak tanda '[' di paragraf panjang "
            "(jumlah '[' × panjang paragraf lebih dari 2.000.000 per berkas); pecah paragrafnya"
        ),
        "content/faq/panjang.md:11: isi: paragraf terlalu panjang (lebih dari 64.000 karakter); pisahkan dengan baris kosong",
        (
            "content/faq/tabel.md:9: isi: terlalu banyak tanda * _ ` \\ & < [ ! di paragraf panjang "
            "(jumlah tanda × panjang paragraf lebih dari 100.000.000 per berkas); pecah paragrafnya"
        ),
        "Dibatalkan: 4 masalah di 4 berkas.",
    ]


def test_a_reference_to_a_file_that_failed_is_not_a_second_mistake(kecil):
    """The impossible date is reported at its own line; the FAQ pointing at that file adds no 'tidak ada'."""
    edit(kecil, "ditinjau: 2026-11-20", "ditinjau: 2026-02-30")
    result = CliRunner().invoke(main, ["check"])
    assert result.output.splitlines() == [
        "content/faq/apa-itu-kpr-flpp.md:7: ditinjau: tanggal '2026-02-30' tidak ada di kalender",
        "Dibatalkan: 1 masalah di 1 berkas.",
    ]


SCANS = r"""
from generator.util.markdown import find_links, heading_anchors, plain_text
from generator.search.records import _BLOCK_ATTRS
n = 200_000
assert heading_anchors("## Biaya" + " " * n + "x {: #biaya }") == {"biaya"}
assert heading_anchors("## " + "{" * n) and heading_anchors("# " + "# " * n + "x")
for text in ("[" * n, "![" * n, "[a](x" * n, '[a](x "' * n, "\\[" * n, "[](x" + " " * n + "y"):
    find_links(text, 1)
    plain_text(text)
assert _BLOCK_ATTRS.match("{" + " " * n + "x") is None
links = find_links("[![peta](peta.svg)](pbg.md) dan [a [b] c](d.md)", 1)
print([(l.target, l.image) for l in links])
"""


def test_link_heading_and_attribute_scans_are_linear():
    """A heading with 2,000 trailing spaces took 43 s, 8,000 '![' 12 s: every scan now reads each character a bounded number of times."""
    proc = subprocess.run([sys.executable, "-c", SCANS], cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "[('peta.svg', True), ('pbg.md', False), ('d.md', False)]"
