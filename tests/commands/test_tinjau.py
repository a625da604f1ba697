"""`klinik kurasi tinjau`: the pages overdue for review on a fixed day, the longest unreviewed first."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli.main import main

SITE = "site_config/site.yml"


def _age(kecil, months: int) -> None:
    path = kecil / SITE
    path.write_text(path.read_text(encoding="utf-8").replace("tinjau_bulan: 0", f"tinjau_bulan: {months}"), encoding="utf-8")


def test_lists_overdue_pages_oldest_first(kecil):
    _age(kecil, 12)
    result = CliRunner().invoke(main, ["kurasi", "tinjau", "--tanggal", "2027-11-21"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "ditinjau    batas       jenis        berkas\n"
        "2026-11-01  2027-11-01  Prosedur     content/prosedur/pbg.md\n"
        "2026-11-02  2027-11-02  Artikel      content/artikel/rumah-layak.md\n"
        "2026-11-03  2027-11-03  Infografis   content/infografis/alur.md\n"
        "2026-11-20  2027-11-20  Tanya Jawab  content/faq/apa-itu-kpr-flpp.md\n"
        "4 konten perlu ditinjau per 21 November 2027 (umur tinjauan 12 bulan); setelah meninjau, perbarui `ditinjau` "
        "(atau `tanggal`) berkasnya.\n"
    )


def test_nothing_due_and_switched_off(kecil):
    result = CliRunner().invoke(main, ["kurasi", "tinjau", "--tanggal", "2040-01-01"])
    assert result.output == "Umur tinjauan tidak diperiksa (site_config/site.yml: tinjau_bulan: 0).\n"
    _age(kecil, 12)
    result = CliRunner().invoke(main, ["kurasi", "tinjau", "--tanggal", "2027-01-01"])
    assert result.exit_code == 0
    assert result.output == "Tidak ada konten yang perlu ditinjau per 1 Januari 2027 (umur tinjauan 12 bulan).\n"
