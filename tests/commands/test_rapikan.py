"""`klinik rapikan` rewrites front matter and the editor's data files in the CMS's bytes, keeps every value, and refuses a
rewrite that would change one or drop a comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.content.canonical import canonical, data_file_text
from generator.content.schemas import Faq
from generator.site.cms_config import DATA_FILES
from generator.util.yaml_io import parse_yaml, split_front_matter
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


BALAI_BY_HAND = (
    "catatan: Data uji.\n"
    "balai:\n"
    '  - provinsi: ["DKI Jakarta", Daerah Istimewa Yogyakarta]\n'
    "    slug: uji-i\n"
    '    nama: "Balai Uji I"\n'
    "    terverifikasi: true\n"
    "  - {slug: uji-ii, nama: Balai Uji II, provinsi: [Bali], terverifikasi: false, telepon: \"024 123456\"}\n"
)
BALAI_CANONICAL = (
    "catatan: Data uji.\n"
    "balai:\n"
    "  - slug: uji-i\n    nama: Balai Uji I\n    provinsi:\n      - DKI Jakarta\n      - Daerah Istimewa Yogyakarta\n"
    "    terverifikasi: true\n"
    "  - slug: uji-ii\n    nama: Balai Uji II\n    provinsi:\n      - Bali\n    telepon: 024 123456\n"
    "    terverifikasi: false\n"
)
"""site_config/balai.yml as the editor writes it: keys in the model's order, block lists, quotes only where needed."""


@pytest.fixture
def kecil(kecil):
    """The small project with its editor data files already in the editor's bytes (the fixture keeps them by hand)."""
    models = {file: model for _, _, file, model in DATA_FILES}
    for file, model in models.items():
        path = kecil / "site_config" / file
        data = parse_yaml(path.read_text(encoding="utf-8"), path, 0, [])
        path.write_text(data_file_text(data, model), encoding="utf-8")
    return kecil


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


def test_data_files_of_the_editor_are_rewritten_in_its_bytes(kecil):
    """site_config/balai.yml written by hand becomes what the editor writes; its data reads back unchanged; check passes."""
    path = kecil / "site_config/balai.yml"
    write(kecil, {"site_config/balai.yml": BALAI_BY_HAND})
    before = parse_yaml(BALAI_BY_HAND, path, 0, [])
    result = run()
    assert result.exit_code == 0, result.output
    assert "Dirapikan: site_config/balai.yml\n" in result.output
    assert path.read_text(encoding="utf-8") == BALAI_CANONICAL
    assert parse_yaml(BALAI_CANONICAL, path, 0, []) == before
    assert run().output.startswith("0 berkas dirapikan, ")
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output


def test_periksa_names_an_untidy_data_file(kecil):
    write(kecil, {"site_config/balai.yml": BALAI_BY_HAND})
    result = run("--periksa")
    assert result.exit_code == 1
    assert "Belum rapi: site_config/balai.yml\n" in result.output
    assert (kecil / "site_config/balai.yml").read_text(encoding="utf-8") == BALAI_BY_HAND


def test_a_data_file_with_comments_is_left_alone(kecil):
    """The editor drops comments on save: rapikan names the comment's line and keeps the file until the note is moved."""
    text = "tambah: []\n# Belum ada koreksi: holidays 0.109 cocok dengan SKB 2026\nhapus: [ ]\n"
    write(kecil, {"site_config/hari_libur.yml": text})
    result = run()
    assert result.exit_code == 1
    assert "site_config/hari_libur.yml:2: komentar: editor menghapus setiap komentar # saat menyimpan" in result.output
    assert (kecil / "site_config/hari_libur.yml").read_text(encoding="utf-8") == text
    moved = "catatan: Belum ada koreksi, holidays 0.109 cocok dengan SKB 2026.\ntambah: [ ]\nhapus: []\n"
    write(kecil, {"site_config/hari_libur.yml": moved})
    assert run().exit_code == 0
    assert (kecil / "site_config/hari_libur.yml").read_text(encoding="utf-8") == (
        "catatan: Belum ada koreksi, holidays 0.109 cocok dengan SKB 2026.\ntambah: []\nhapus: []\n")
