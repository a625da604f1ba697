"""Freshness: `klinik check` warns (never fails) on published pages not reviewed for site.yml `tinjau_bulan` months, the
FAQ pages say when they were last reviewed, and the review schedule lists every page oldest first. Every test fixes
"today", so it stays true whatever day it runs."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config.project import Project
from generator.content.freshness import add_months, check_freshness, due_for_review, last_reviewed, reviews
from generator.pipeline import checked, gather

SITE = "site_config/site.yml"
COUNTS = "Konten valid: 7 berkas (1 artikel, 3 faq, 1 infografis, 1 modul, 1 prosedur)."


def _age(kecil, months: int) -> None:
    path = kecil / SITE
    path.write_text(path.read_text(encoding="utf-8").replace("tinjau_bulan: 0", f"tinjau_bulan: {months}"), encoding="utf-8")


@pytest.mark.parametrize("day, months, expected", [
    ("2026-11-21", 12, "2027-11-21"),
    ("2024-02-29", 12, "2025-02-28"),  # no 29 February in 2025
    ("2026-01-31", 1, "2026-02-28"),
    ("2026-11-30", 3, "2027-02-28"),
    ("2026-12-15", 1, "2027-01-15"),
])
def test_add_months_keeps_the_day_or_the_months_last(day, months, expected):
    assert add_months(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


def test_pages_past_their_review_age_are_warned_with_file_line_and_field(kecil):
    _age(kecil, 12)
    content = checked(Project(kecil)).content
    # On 2 November 2027 the procedure (ditinjau 1 Nov 2026) is overdue; the article (tanggal 2 Nov 2026) is due that very day.
    found = [str(p) for p in check_freshness(content, dt.date(2027, 11, 2))]
    assert found == [
        "content/prosedur/pbg.md:6: ditinjau: PERINGATAN: terakhir ditinjau 1 November 2026, lebih dari 12 bulan lalu "
        "(batas site.yml tinjau_bulan): periksa lagi isi dan dasar hukumnya, lalu perbarui ditinjau",
    ]
    later = check_freshness(content, dt.date(2027, 11, 22))
    assert [(p.path, p.line, p.field) for p in later] == [
        ("content/prosedur/pbg.md", 6, "ditinjau"), ("content/artikel/rumah-layak.md", 5, "tanggal"),
        ("content/infografis/alur.md", 5, "tanggal"), ("content/faq/apa-itu-kpr-flpp.md", 7, "ditinjau"),
        ("content/faq/pembiayaan/syarat-kpr.md", 5, "ditinjau"),
    ]
    assert all(p.peringatan for p in later)
    assert "terbit dan belum ditinjau sejak 2 November 2026" in later[1].message
    assert "rancangan" not in " ".join(p.path for p in later)  # a draft is not published, so nothing to review


def test_due_list_is_oldest_first_and_the_age_is_configurable(kecil):
    _age(kecil, 1)
    content = checked(Project(kecil)).content
    due = due_for_review(content, dt.date(2026, 12, 21))
    assert [(r.document.slug, r.reviewed.isoformat(), r.due.isoformat()) for r in due] == [
        ("pbg", "2026-11-01", "2026-12-01"), ("rumah-layak", "2026-11-02", "2026-12-02"), ("alur", "2026-11-03", "2026-12-03"),
        ("apa-itu-kpr-flpp", "2026-11-20", "2026-12-20"),
    ]
    assert [r.document.slug for r in reviews(content)] == ["pbg", "rumah-layak", "alur", "apa-itu-kpr-flpp", "syarat-kpr"]


def test_zero_turns_the_warning_off(kecil):
    content = checked(Project(kecil)).content
    assert content.config.meta.tinjau_bulan == 0
    assert check_freshness(content, dt.date(2040, 1, 1)) == []
    assert all(r.due is None for r in reviews(content))


def test_default_is_twelve_months(kecil):
    path = kecil / SITE
    path.write_text(path.read_text(encoding="utf-8").replace("tinjau_bulan: 0\n", ""), encoding="utf-8")
    assert checked(Project(kecil)).content.config.meta.tinjau_bulan == 12


def test_klinik_check_warns_but_passes_and_a_build_ignores_the_clock(kecil):
    _age(kecil, 12)
    result = CliRunner().invoke(main, ["check", "--tanggal", "2027-11-02"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"{COUNTS} 1 peringatan."
    assert result.output.splitlines()[0].startswith("content/prosedur/pbg.md:6: ditinjau: PERINGATAN: terakhir ditinjau 1 November 2026")
    early = CliRunner().invoke(main, ["check", "--tanggal", "2027-01-01"])
    assert early.exit_code == 0 and early.output == COUNTS + "\n"
    state, problems = gather(Project(kecil))  # what the plugin and `klinik build` run: no date, no freshness warning
    assert problems == [] and state.peringatan == []


def test_a_bad_date_is_a_usage_error(kecil):
    result = CliRunner().invoke(main, ["check", "--tanggal", "2027-13-01"])
    assert result.exit_code == 2 and "Galat:" in result.output


def test_a_bad_age_names_the_field(kecil):
    _age(kecil, 200)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("site_config/site.yml:14: tinjau_bulan: harus paling banyak 120\n")


def test_faq_pages_say_when_they_were_last_reviewed(kecil):
    state = checked(Project(kecil))
    faq = state.content.by_src["faq/pembiayaan/syarat-kpr.md"]
    assert "**Terakhir ditinjau:** 21 November 2026, oleh Asisten Tenaga Ahli (ATA): Tim Uji." in state.renderer.document(faq)
    assert last_reviewed(state.content.section("faq")) == dt.date(2026, 11, 21)
    index = state.renderer.generated()["faq/index.md"]
    assert "Terakhir ditinjau: 21 November 2026." in index and "[jadwal tinjau](../perlu-ditinjau.md)" in index


def test_the_schedule_page_lists_every_published_page_oldest_first_with_its_due_date(kecil):
    _age(kecil, 12)
    page = checked(Project(kecil)).renderer.generated()["perlu-ditinjau.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows[0] == "| [Mengurus PBG rumah tinggal](prosedur/pbg.md) | Prosedur | 1 November 2026 | 1 November 2027 |"
    assert rows[1] == "| [Rumah layak huni](artikel/rumah-layak.md) | Artikel | 2 November 2026 (terbit) | 2 November 2027 |"
    assert len(rows) == 5 and "ditinjau ulang paling lambat **12 bulan**" in page


def test_the_schedule_stays_small_and_says_how_many_it_leaves_out(kecil):
    from generator.pages.render import REVIEW_ROWS

    for n in range(REVIEW_ROWS):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=n % 300)
        (kecil / "content" / "faq" / "pembiayaan" / f"uji-{n}.md").write_text(
            f"---\npertanyaan: Pertanyaan uji nomor {n} tentang kredit rumah?\ntopik: pembiayaan\nsubtopik: kredit-rumah\n"
            f"ditinjau: {day.isoformat()}\npeninjau: {{peran: TA, nama: Tim Uji}}\nstatus: terbit\n---\nJawaban uji nomor {n}.\n",
            encoding="utf-8")
    page = checked(Project(kecil)).renderer.generated()["perlu-ditinjau.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == REVIEW_ROWS and "1 Januari 2026" in rows[0]
    assert f"Daftar ini memuat {REVIEW_ROWS} konten yang paling lama ditinjau dari {REVIEW_ROWS + 5} konten terbit" in page
