"""The published IKM pages: numbers recomputed exactly from the merged sums, charts drawn at build time with a
table beside them, thin samples marked, and every IKM page free of serious axe violations on a phone and a desktop."""

from __future__ import annotations

import functools
import http.server
import threading
from fractions import Fraction

import pytest

from generator.config.project import Project
from generator.measure.ikm import compute
from generator.site.build import build
from tests.browser_support import assert_fits, axe_blocking, describe_violations
from tests.conftest import VIEWPORTS, _SiteHandler, copy_project, write

S1 = """\
periode: 2026-S1
unsur: permenpanrb-2017
diterbitkan: 2026-07-03
hasil:
  - balai: nasional
    layanan: 120
    responden: 40
    jumlah: [130, 128, 120, 160, 126, 131, 140, 110, 125]
  - balai: uji-ii
    layanan: 100
    responden: 37
    jumlah: [120, 118, 111, 148, 116, 121, 130, 101, 115]
    tindak_lanjut:
      - "Menambah jam layanan konsultasi tatap muka pada hari Sabtu pertama setiap bulan."
  - balai: uji-i
    layanan: 20
    responden: 3
"""
S2 = """\
periode: 2026-S2
unsur: permenpanrb-2017
diterbitkan: 2027-01-04
hasil:
  - balai: nasional
    layanan: 1000
    responden: 300
    jumlah: [1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project("kecil", tmp_path_factory.mktemp("ikm") / "kecil")
    write(project, {"content/ikm/2026-S1.yml": S1, "content/ikm/2026-S2.yml": S2})
    return build(Project(project), jobs=1)


def test_the_period_page_shows_each_balai_with_its_sample_and_weakest_elements(built):
    html = (built / "ikm" / "2026-s1" / "index.html").read_text(encoding="utf-8")
    assert "Indeks Kepuasan Masyarakat Semester I 2026" in html
    # nasional: NRR 130/40 = 3,25 ...; IKM = mean of the NRR x 25, exactly
    nrr = [Fraction(t, 40) for t in (130, 128, 120, 160, 126, 131, 140, 110, 125)]
    assert sum(nrr) / 9 * 25 == Fraction(8125, 100)
    assert "IKM:</strong> 81,25, mutu B (Baik)" in html
    assert "40 dari 120 layanan; sampel minimum 92" in html and "belum memenuhi sampel minimum" in html
    assert html.count('role="img"') == 2  # one chart per Balai with enough answers
    assert "<td>U9 Sarana dan prasarana</td>" in html or "U9 Sarana dan prasarana" in html
    assert "Tiga unsur terlemah:</strong> Penanganan pengaduan, saran dan masukan (2,75), Waktu penyelesaian (3,00)" in html
    assert "Menambah jam layanan konsultasi tatap muka" in html
    assert "Rencana tindak lanjut untuk unsur terlemah belum diterbitkan" in html  # the national row has none
    assert "Responden kurang dari 5: nilai per unsur tidak dihitung" in html  # Balai Uji I: 3 answers, no sums published


def test_a_big_enough_sample_is_not_flagged_and_the_index_shows_the_trend(built):
    page = (built / "ikm" / "2026-s2" / "index.html").read_text(encoding="utf-8")
    assert "300 dari 1000 layanan; sampel minimum 278" in page and "belum memenuhi" not in page
    same = compute([[3, 4]] * 150 + [[4, 3]] * 150, 2)  # 3,5 on average: 87,50 with the exact weights (0,111 gives 87,41)
    assert same.ikm == compute([[4] * 9] * 150 + [[3] * 9] * 150, 9).ikm
    assert f"IKM:</strong> {str(same.ikm).replace('.', ',')}, mutu B (Baik)" in page
    index = (built / "ikm" / "index.html").read_text(encoding="utf-8")
    assert 'href="2026-s1/"' in index and 'href="2026-s2/"' in index
    assert "IKM nasional per periode" in index and "<td>81,25</td>" in index.replace(' align="right"', "").replace(' style="text-align: right;"', "")
    assert "&lt; 5 responden" in index and "tidak ada data" in index


def test_without_releases_the_index_explains_the_survey_and_promises_nothing_else(kecil):
    site = build(Project(kecil), jobs=1)
    index = (site / "ikm" / "index.html").read_text(encoding="utf-8")
    assert "Hasil pertama diterbitkan setelah semester pertama survei berakhir" in index
    assert not (site / "ikm" / "2026-s1").exists()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_ikm_pages_pass_axe_and_fit(built, browser, viewport):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(locale="id-ID", **VIEWPORTS[viewport])
    failures = []
    try:
        page = context.new_page()
        for path in ("/ikm/", "/ikm/2026-s1/"):
            assert page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}").status == 200
            assert_fits(page)
            blocking = axe_blocking(page)
            if blocking:
                failures.append(f"{path}:\n{describe_violations(blocking)}")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert not failures, "\n".join(failures)
