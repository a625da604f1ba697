"""`klinik rapikan` rewrites front matter in the CMS's bytes, keeps every value, and refuses a rewrite that would change one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.content.canonical import canonical
from generator.content.schemas import Faq
from generator.util.yaml_io import split_front_matter
from tests.conftest import write

HAND_WRITTEN = (
    "---\n"
    'pertanyaan: "Apakah renovasi dapur perlu PBG, atau cukup memberi tahu kelurahan setempat saja?"\n'
    "topik: perencanaan-rumah\nsubtopik: pbg\n"
    'tag: ["pbg", "renovasi"]\n'
    "alias: []\nditinjau: 2026-11-20\n"
    "peninjau: {nama: Tim Tenaga Ahli Klinik PKP, peran: TA}\n"
    "dasar_hukum: []\nterkait: []\nstatus: terbit\n"
    "---\n\nTergantung perubahan strukturnya.\n"
)
CANONICAL = (
    "---\n"
    "status: terbit\n"
    "pertanyaan: Apakah renovasi dapur perlu PBG, atau cukup memberi tahu kelurahan\n  setempat saja?\n"
    "topik: perencanaan-rumah\nsubtopik: pbg\n"
    "tag:\n  - pbg\n  - renovasi\n"
    "alias: []\nditinjau: 2026-11-20\n"
    "peninjau:\n  peran: TA\n  nama: Tim Tenaga Ahli Klinik PKP\n"
    "dasar_hukum: []\nterkait: []\n"
    "---\n\nTergantung perubahan strukturnya.\n"
)
"""The same FAQ as the editor writes it: schema order, quotes only where needed, folded at 80, the body as it was."""


def run(*args: str):
    return CliRunner().invoke(main, ["rapikan", *args])


def data_of(path: Path) -> tuple[dict | None, str]:
    data, body, _ = split_front_matter(path.read_text(encoding="utf-8"), path, [])
    return data, body


def test_rewrites_in_the_editors_bytes_and_keeps_every_value(kecil):
    """A hand-written FAQ becomes the canonical text; its data and body read back unchanged; a second run changes nothing."""
    path = kecil / "content/faq/perencanaan-rumah/renovasi-dapur.md"
    write(kecil, {"content/faq/perencanaan-rumah/renovasi-dapur.md": HAND_WRITTEN})
    before = data_of(path)
    result = run()
    assert result.exit_code == 0, result.output
    assert "Dirapikan: content/faq/perencanaan-rumah/renovasi-dapur.md\n" in result.output
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert data_of(path) == before
    again = run()
    assert again.exit_code == 0
    assert again.output.startswith("0 berkas dirapikan, ")
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output


def test_periksa_lists_without_writing_and_fails(kecil):
    """--periksa (for CI) names the untidy files, writes nothing and exits 1."""
    write(kecil, {"content/faq/perencanaan-rumah/renovasi-dapur.md": HAND_WRITTEN})
    result = run("--periksa")
    assert result.exit_code == 1
    assert "Belum rapi: content/faq/perencanaan-rumah/renovasi-dapur.md\n" in result.output
    assert (kecil / "content/faq/perencanaan-rumah/renovasi-dapur.md").read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_rewrite_that_would_change_a_value_is_refused(kecil):
    """'1_000' quoted is text; the editor writes it bare, which the checker reads as a number: the file is left as it was."""
    risky = HAND_WRITTEN.replace('tag: ["pbg", "renovasi"]', 'tag: ["1_000"]')
    write(kecil, {"content/faq/perencanaan-rumah/renovasi-dapur.md": risky})
    result = run()
    assert result.exit_code == 1
    assert ("content/faq/perencanaan-rumah/renovasi-dapur.md:2: front matter: bila ditulis seperti editor menulisnya, "
            "isinya terbaca lain") in result.output
    assert (kecil / "content/faq/perencanaan-rumah/renovasi-dapur.md").read_text(encoding="utf-8") == risky


def test_canonical_is_what_new_faq_writes(kecil):
    """`klinik new faq` writes a file `rapikan` would not touch (both write the editor's bytes)."""
    made = CliRunner().invoke(main, ["new", "faq", "--topik", "pembiayaan", "--pertanyaan", "Apakah ojek online bisa mengajukan KPR?",
                                     "--jawaban", "Bisa, dengan bukti penghasilan."])
    assert made.exit_code == 0, made.output
    path = kecil / made.output.strip()
    text = path.read_text(encoding="utf-8")
    assert canonical(text, data_of(path)[0], Faq) == text
    assert text.startswith("---\nstatus: terbit\npertanyaan: Apakah ojek online bisa mengajukan KPR?\n")
    assert text.endswith("---\nBisa, dengan bukti penghasilan.\n")
