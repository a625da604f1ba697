"""`klinik new faq` writes a valid FAQ that the next check accepts, and refuses bad input clearly."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from generator.cli.main import main
from generator.commands.new_faq import slugify


def run(*args: str):
    return CliRunner().invoke(main, ["new", "faq", *args])


def test_writes_a_published_faq_and_prints_its_path(kecil):
    """The printed path exists, is valid, and the whole tree still checks clean."""
    result = run(
        "--topik", "pembiayaan", "--subtopik", "kredit-rumah",
        "--pertanyaan", "Apakah ojek online bisa mengajukan KPR?", "--jawaban", "Bisa, dengan bukti penghasilan.",
    )
    assert result.exit_code == 0, result.output
    assert result.output == "content/faq/pembiayaan/apakah-ojek-online-bisa-mengajukan-kpr.md\n"
    text = (kecil / result.output.strip()).read_text()
    assert "status: terbit" in text and f"ditinjau: {dt.date.today().isoformat()}" in text
    assert text.rstrip().endswith("Bisa, dengan bukti penghasilan.")
    check = CliRunner().invoke(main, ["check"])
    assert check.exit_code == 0, check.output
    assert "4 faq" in check.output


def test_draft_flag_and_explicit_slug(kecil):
    """--draft keeps the FAQ out of the site; --slug names the file."""
    result = run(
        "--topik", "perencanaan-rumah", "--pertanyaan", "Apakah renovasi dapur perlu PBG?",
        "--jawaban", "Tergantung perubahan struktur.", "--slug", "renovasi-dapur", "--draft",
    )
    assert result.exit_code == 0, result.output
    assert result.output == "content/faq/perencanaan-rumah/renovasi-dapur.md\n"
    assert "status: draft" in (kecil / "content/faq/perencanaan-rumah/renovasi-dapur.md").read_text()


def test_refuses_unknown_area_taken_slug_and_short_question(kecil):
    """Each refusal exits 1 with a one-line reason and writes nothing."""
    before = sorted(p.as_posix() for p in (kecil / "content").rglob("*.md"))
    bad_area = run("--topik", "atap", "--pertanyaan", "Bagaimana memperbaiki atap bocor?", "--jawaban", "Ganti genteng.")
    assert bad_area.exit_code == 1
    assert bad_area.output == "topik 'atap' tidak dikenal; pilih: pembiayaan, perencanaan-rumah\n"
    taken = run("--topik", "pembiayaan", "--pertanyaan", "Apa itu KPR FLPP sebenarnya?", "--jawaban", "x", "--slug", "syarat-kpr")
    assert taken.exit_code == 1
    assert taken.output == "slug 'syarat-kpr' sudah dipakai oleh content/faq/pembiayaan/syarat-kpr.md\n"
    short = run("--topik", "pembiayaan", "--pertanyaan", "KPR?", "--jawaban", "x")
    assert short.exit_code == 1
    assert "pertanyaan: terlalu pendek" in short.output
    assert sorted(p.as_posix() for p in (kecil / "content").rglob("*.md")) == before


def test_missing_option_is_a_usage_error(kecil):
    """Bad usage exits 2, as with every click command."""
    assert run("--topik", "pembiayaan").exit_code == 2


def test_slugify_is_ascii_and_bounded():
    """Slugs drop accents and punctuation and stay short."""
    assert slugify("Bagaimana cara mengurus PBG/IMB di Kab. Bandung?") == "bagaimana-cara-mengurus-pbg-imb-di-kab-bandung"
    assert len(slugify("kata " * 40)) <= 60
