"""Routing of questions to GitHub labels and reviewers, validated by `klinik check`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config import read_site_config
from generator.config.peninjau import Route
from generator.util.errors import ContentErrors
from tests.conftest import ROOT, write


def test_the_repository_routing_covers_every_area_with_derived_labels():
    routing = read_site_config(ROOT).peninjau
    assert routing.route("pembiayaan") == Route("Pembiayaan", ["bidang/pembiayaan", "menunggu-jawaban"], [], [])
    assert len(routing.titles) == 8 and set(routing.areas) == set(routing.titles)


def test_file_is_optional_and_extra_labels_and_reviewers_are_used(kecil):
    assert read_site_config(kecil).peninjau.route("perencanaan-rumah") == Route("Perencanaan Rumah", ["bidang/perencanaan-rumah", "menunggu-jawaban"], [], [])
    write(kecil, {
        "site_config/peninjau.yml": "bidang:\n  pembiayaan:\n    label: [prioritas, menunggu-jawaban]\n    peninjau: [ta-budi]\n    tim: [tim-pembiayaan]\n"
    })
    route = read_site_config(kecil).peninjau.route("pembiayaan")
    assert route == Route("Pembiayaan", ["bidang/pembiayaan", "menunggu-jawaban", "prioritas"], ["ta-budi"], ["tim-pembiayaan"])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("bidang:\n  pembiayaan: {peninjau: []}\n  perumahan: {tim: []}\n",
         "site_config/peninjau.yml:3: bidang.perumahan: bidang 'perumahan' tidak ada di taxonomy.yml; pilih: pembiayaan, perencanaan-rumah"),
        ("bidang:\n  pembiayaan:\n    peninjau: [-budi]\n",
         "site_config/peninjau.yml:3: bidang.pembiayaan.peninjau.0: format tidak valid: '-budi'"),
        ("bidang:\n  pembiayaan:\n    reviewer: [budi]\n",
         "site_config/peninjau.yml:3: bidang.pembiayaan.reviewer: kunci tidak dikenal (periksa ejaan)"),
    ],
)
def test_check_reports_routing_mistakes_with_their_line(kecil, text, line):
    write(kecil, {"site_config/peninjau.yml": text})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == f"{line}\nDibatalkan: 1 masalah di 1 berkas.\n"
    with pytest.raises(ContentErrors):
        read_site_config(kecil)
