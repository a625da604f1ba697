"""Routing: every province of wilayah.yml belongs to exactly one Balai P3KP, and `klinik check` says where it does not."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config import read_site_config
from generator.config.project import Project
from generator.pipeline import checked
from tests.conftest import ROOT, write

KECIL = """catatan: Data uji.
balai:
  - nama: Balai Uji I
    provinsi: [DKI Jakarta, Daerah Istimewa Yogyakarta]
    terverifikasi: true
    slug: uji-i
  - nama: Balai Uji II
    provinsi: [{provinces}]
    terverifikasi: false
    slug: {slug}
"""


def test_every_province_of_the_country_has_exactly_one_balai():
    config = read_site_config(ROOT)
    owners = {p.nama: [b.slug for b in config.balai.balai if p.nama in b.provinsi] for p in config.wilayah.provinsi}
    assert len(owners) == 38 and all(len(found) == 1 for found in owners.values()), owners
    assert all(b.sumber for b in config.balai.balai), "setiap Balai mencantumkan sumbernya"


def test_a_question_of_a_province_goes_to_its_balai(kecil):
    balai = read_site_config(kecil).balai
    assert balai.of("Bali").slug == "uji-ii" and balai.of("DKI Jakarta").slug == "uji-i" and balai.of("Atlantis") is None


@pytest.mark.parametrize(("provinces", "slug", "expected"), [
    ("Bali, DKI Jakarta", "uji-ii",
     ["site_config/balai.yml:8: balai.1.provinsi.1: provinsi 'DKI Jakarta' sudah masuk wilayah kerja Balai Uji I; satu provinsi satu Balai"]),
    ("Pulau Dewata", "uji-ii",
     ["site_config/balai.yml:2: balai: 1 provinsi belum masuk wilayah kerja Balai mana pun: Bali",
      "site_config/balai.yml:8: balai.1.provinsi.0: provinsi 'Pulau Dewata' tidak ada di wilayah.yml (tulis persis seperti di sana)"]),
    ("Bali", "uji-i", ["site_config/balai.yml:10: balai.1.slug: slug 'uji-i' sudah dipakai Balai lain; setiap Balai punya slug sendiri"]),
])
def test_check_names_the_line_of_every_routing_mistake(kecil, provinces, slug, expected):
    write(kecil, {"site_config/balai.yml": KECIL.format(provinces=provinces, slug=slug)})
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == expected


def test_the_research_note_stays_off_the_balai_page():
    """catatan_riset is for staff (sources, dates, what was not found): the Balai page shows catatan, never it."""
    state = checked(Project(ROOT))
    directory = state.content.config.balai
    page = state.renderer.generated()["balai.md"]
    assert directory.catatan and directory.catatan in page
    assert directory.catatan_riset and directory.catatan_riset.startswith("Riset sumber: 2 Desember 2026.")
    assert directory.catatan_riset[:60] not in page and "Catatan riset" not in page
