"""Near-duplicate FAQ questions: the threshold against labelled and held-out pairs, and the warning `klinik check` prints."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import main
from generator.config.pencarian import load_dictionary
from generator.content.duplicates import THRESHOLD, analyser_of
from generator.util.similarity import cosine, rarity
from tests.conftest import ROOT, write

PAIRS = yaml.safe_load((Path(__file__).parent / "duplicate_pairs.yml").read_text(encoding="utf-8"))


def confusion(pairs: list[dict]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) at THRESHOLD, rarity counted over every question in the file."""
    analyser = analyser_of(load_dictionary(ROOT / "site_config", []))
    texts = sorted({p[k] for group in PAIRS.values() for p in group for k in ("a", "b")})
    idf = rarity([analyser.terms(t) for t in texts])
    called = [(cosine(analyser.terms(p["a"]), analyser.terms(p["b"]), idf) >= THRESHOLD, p["duplikat"]) for p in pairs]
    return (sum(c and d for c, d in called), sum(c and not d for c, d in called), sum(d and not c for c, d in called))


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("berlabel", (13, 0, 1)),  # precision 1.00, recall 0.93: the threshold was chosen here
        ("uji", (5, 0, 2)),  # held out: precision 1.00, recall 0.71 (two rewordings share almost no word)
    ],
)
def test_threshold_on_labelled_and_held_out_pairs(sample, expected):
    assert len(PAIRS[sample]) >= 15
    assert confusion(PAIRS[sample]) == expected


def test_labelled_questions_are_the_real_ones():
    """Every `a` (and every labelled `b` file) is the question of that FAQ in content/faq/."""
    questions = {}
    for path in (ROOT / "content" / "faq").rglob("*.md"):
        questions[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["pertanyaan"]
    for pair in PAIRS["berlabel"] + PAIRS["uji"]:
        assert questions[pair["a_berkas"]] == pair["a"]
        if pair["b_berkas"]:
            assert questions[pair["b_berkas"]] == pair["b"]


def faq(question: str, status: str = "terbit") -> str:
    return (
        f"---\npertanyaan: {question}\ntopik: pembiayaan\nsubtopik: kredit-rumah\nditinjau: 2026-11-21\n"
        f"peninjau: {{peran: TA, nama: Tim Uji}}\nstatus: {status}\n---\nJawaban.\n"
    )


def test_check_warns_on_a_near_duplicate_and_still_passes(kecil):
    """Both files are named, at the line of the later file's question; exit code 0."""
    write(kecil, {"content/faq/pembiayaan/syarat-kpr-subsidi.md": faq("Apa saja syarat untuk mengajukan KPR subsidi?")})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "content/faq/pembiayaan/syarat-kpr.md:2: pertanyaan: PERINGATAN: hampir sama dengan "
        "content/faq/pembiayaan/syarat-kpr-subsidi.md (kemiripan 0,66); gabungkan atau bedakan pertanyaannya",
        "Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur). 1 peringatan.",
    ]


def test_drafts_and_different_questions_are_not_warned(kecil):
    write(kecil, {
        "content/faq/pembiayaan/syarat-kpr-draft.md": faq("Apa saja syarat untuk mengajukan KPR subsidi?", "draft"),
        "content/faq/pembiayaan/bunga-kpr.md": faq("Berapa bunga KPR subsidi per tahun?"),
    })
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "PERINGATAN" not in result.output


def test_three_copies_give_two_warnings(kecil):
    write(kecil, {f"content/faq/pembiayaan/tapera-{n}.md": faq("Apakah gaji saya wajib dipotong untuk Tapera?") for n in (1, 2, 3)})
    lines = CliRunner().invoke(main, ["check"]).output.splitlines()
    assert lines == [
        "content/faq/pembiayaan/tapera-2.md:2: pertanyaan: PERINGATAN: hampir sama dengan content/faq/pembiayaan/tapera-1.md "
        "(kemiripan 1,00); gabungkan atau bedakan pertanyaannya",
        "content/faq/pembiayaan/tapera-3.md:2: pertanyaan: PERINGATAN: hampir sama dengan content/faq/pembiayaan/tapera-1.md "
        "(kemiripan 1,00); gabungkan atau bedakan pertanyaannya",
        "Konten valid: 10 berkas (1 artikel, 6 faq, 1 infografis, 1 modul, 1 prosedur). 2 peringatan.",
    ]
