"""`klinik laporan bulanan`: the JSON recap is `klinik layanan rekap --json` to the byte's meaning, XLSX and PDF open
with all five sections, the same data gives the same files, and every mistake is one Indonesian line."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.cli.main import main
from generator.intake.settings import load_settings
from generator.intake.store.db import Store, open_engine
from tests.report_register import AS_OF, fill


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(kecil, monkeypatch):
    fill(Store(open_engine(load_settings(project_dir=kecil).db_url)))
    monkeypatch.setattr("generator.commands.laporan.today", lambda: AS_OF)  # on-time answers are judged on a fixed day
    return kecil


@pytest.mark.parametrize("balai", ["uji-ii", "uji-i", "semua"])
def test_the_json_recap_is_the_registers_recap(project, balai):
    out = project / f"{balai}.json"
    result = run("laporan", "bulanan", "--balai", balai, "--bulan", "2026-11", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    recap = json.loads(run("layanan", "rekap", "--balai", balai, "--bulan", "2026-11", "--json").output)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {k: report[k] for k in recap} == recap and list(report)[:len(recap)] == list(recap)
    assert {"indikator", "target", "kendala", "dokumentasi", "media"} <= set(report)
    assert f"{recap['total']} layanan" in result.output and str(out) in result.output


def test_xlsx_and_pdf_open_with_every_section_and_are_the_same_bytes_twice(project):
    files = {}
    for fmt in ("xlsx", "pdf"):
        for n in (1, 2):
            out = project / f"laporan-{n}.{fmt}"
            result = run("laporan", "bulanan", "--balai", "uji-ii", "--bulan", "2026-11", "--format", fmt, "-o", str(out))
            assert result.exit_code == 0, result.output
            files[fmt, n] = out.read_bytes()
        assert files[fmt, 1] == files[fmt, 2]
    book = load_workbook(project / "laporan-1.xlsx")
    assert [s.split(".")[0] for s in book.sheetnames] == ["a", "b", "c", "d", "e", "Indikator"]
    assert book["c. Rekapitulasi"]["B4"].value == 12  # the total, as `klinik layanan rekap` counts it
    document = pdfium.PdfDocument(files["pdf", 1])
    try:
        text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    for heading in ("a. Capaian target layanan", "b. Kendala dan tindak lanjut", "c. Rekapitulasi layanan",
                    "d. Dokumentasi kegiatan", "e. Media informasi yang diakses pengguna"):
        assert heading in text
    assert "Persentase jawaban tepat waktu = 2 / 4 x 100 = 50,00%" in text and "Dokumen internal — memuat foto lapangan" in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--bulan", "2026-13"], 2, "Galat: --bulan '2026-13' tidak valid; tulis tahun-bulan, mis. 2026-11"),
    (["--balai", "jawa-ix"], 2, "Galat: Balai 'jawa-ix' tidak ada di site_config/balai.yml; pilih: uji-i, uji-ii, semua"),
    (["--format", "docx"], 2, "Galat: --format 'docx' tidak dikenal; pilih: json, xlsx, pdf"),
    (["-o", "tidak-ada/laporan.pdf"], 1, "Galat: tidak dapat menulis tidak-ada/laporan.pdf: No such file or directory"),
    (["-o", "."], 1, "Galat: tidak dapat menulis .: itu folder; tulis nama berkas, mis. laporan.pdf"),
])
def test_each_mistake_is_one_indonesian_line(project, args, code, message):
    values = {"--balai": "uji-ii", "--bulan": "2026-11", "--format": "pdf", "-o": "laporan.pdf"}
    values.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = run("laporan", "bulanan", *[part for pair in values.items() for part in pair])
    assert result.exit_code == code and result.output.strip().splitlines() == [message]
