"""RAB estimated from the BPS construction cost index: every province priced, labelled as an estimate everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.config.project import Project
from generator.pipeline import checked
from generator.rab.checks import designs
from generator.rab.compute import rab
from generator.rab.downloads import write_downloads
from generator.rab.pages import catalogue_context
from tests.conftest import ROOT, check_problems

KLINIK = Path(sys.executable).parent / "klinik"




def test_estimated_rab_by_hand(rumah):
    """Bali = Alfa's prices x 1,5: X.01 = (0,5x150.000 + 10x2.250)x1,10 = 107.250; Y.01 = (0,1x225.000 + 70x1.500 + 0,5x30.000)x1,10
    = 156.750; 2,5 x 107.250 = 268.125; 3,33 x 156.750 = 521.977,5 -> 521.978; total 790.103; per m² 790.103 / 21 = 37.623,95 -> 37.624."""
    state = checked(Project(rumah))
    book = state.content.config.harga
    design = state.content.by_slug[("desain-rumah", "mini")].entry
    bali = rab(design, book, book.by_slug("bali"))
    assert bali["harga_satuan"] == {"X.01": 107250, "Y.01": 156750}
    assert [r["jumlah"] for r in bali["baris"]] == [268125, 521978]
    assert (bali["total"], bali["per_m2"]) == (790103, 37624)
    # the priced tables are used as they are
    assert rab(design, book, book.by_slug("alfa"))["total"] == 526735
    assert rab(design, book, book.by_slug("beta"))["total"] == 433050


def test_check_proves_every_item_is_priced_in_every_province_including_estimates(rumah):
    """A basic price missing from the base table leaves the item unpriced there and in every province estimated from it."""
    alfa = rumah / "site_config" / "harga_satuan" / "provinsi" / "alfa.yml"
    alfa.write_text(alfa.read_text(encoding="utf-8").replace("bata: 1000, ", ""), encoding="utf-8")
    assert check_problems(rumah) == [
        "content/desain-rumah/mini.md:15: boq.1.kode_analisa: desain mini, item 'Dinding sementara': tidak berharga di provinsi Alfa "
        "(harga dasar bata tidak ada di site_config/harga_satuan/provinsi/alfa.yml); tabel ini juga basis perkiraan 1 provinsi: Bali",
    ]


def test_cost_band_warns_only_on_priced_tables(rumah):
    """An estimate follows the index: only a TA's own prices are held against the plausible band."""
    batas = rumah / "site_config" / "harga_satuan" / "batas.yml"
    batas.write_text(batas.read_text(encoding="utf-8").replace("biaya_per_m2_maks: 100000", "biaya_per_m2_maks: 30000"), encoding="utf-8")
    warnings = [str(w) for w in checked(Project(rumah)).peringatan]
    assert [w for w in warnings if "desain-rumah" in w] == []  # Alfa 25.083 and Beta 20.621 are inside; Bali 37.624 is an estimate


def test_design_page_shows_every_province_and_says_which_are_estimates(rumah):
    state = checked(Project(rumah))
    doc = state.content.by_slug[("desain-rumah", "mini")]
    page = state.renderer.document(doc)
    assert '<option value="bali">Bali (perkiraan IKK)</option>' in page
    assert '<option value="alfa" selected>Alfa</option>' in page
    bali = page[page.index('id="rab-bali"'):]
    bali = bali[: bali.index("</section>")]
    assert "Perkiraan, bukan harga survei di provinsi ini" in bali
    assert "harga dasar Alfa 2025 dikali IKK 2024 Bali / IKK Alfa (150,00 / 100,00)" in bali
    assert "Indeks uji" in bali and "semua kabupaten/kota di provinsi ini memakai IKK provinsinya" in bali
    assert "Rp 790.103" in bali and "Rp 37.624" in bali
    assert 'href="rab-mini-bali.xlsx"' in bali
    alfa = page[page.index('id="rab-alfa"'):]
    assert "perkiraan" not in alfa[: alfa.index("</section>")].lower()


def test_catalogue_offers_every_province_and_marks_estimates(rumah):
    state = checked(Project(rumah))
    catalogue = state.renderer.generated()["desain-rumah/index.md"]
    assert catalogue.count('<option value="bali">Bali (perkiraan IKK)</option>') == 2  # budget filter and estimator
    assert "Perkiraan biaya: Alfa Rp 526.735; Beta Rp 433.050; 1 provinsi lain: perkiraan IKK di halaman desain." in catalogue
    assert "| Bali | 150,00 | perkiraan dari Alfa |" in catalogue
    context = catalogue_context(designs(state.content, published_only=True), state.content.config.harga)
    assert context["cards"][0]["totals"] == {"alfa": 526735, "beta": 433050, "bali": 790103}
    estimator = json.loads(context["rab_json"])["provinsi"]["bali"]
    assert estimator["harga_dasar"] == {"pekerja": 150000, "tukang": 225000, "semen": 2250, "bata": 1500, "molen": 30000}
    assert "Indeks uji" in catalogue and "https://contoh.go.id/ikk" in catalogue


def test_downloads_of_an_estimate_say_so(rumah, tmp_path):
    state = checked(Project(rumah))
    doc = state.content.by_slug[("desain-rumah", "mini")]
    paths = write_downloads([doc], state.content.config.harga, tmp_path)
    text = next(p for p in paths if p.name == "rab-mini-bali.csv").read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[1].startswith("Provinsi Bali: PERKIRAAN, bukan harga survei di provinsi ini. Perkiraan dari harga dasar Alfa 2025")
    assert "Indeks uji" in lines[2] and "IKK provinsi berlaku untuk semua kabupaten/kota di provinsi ini" in lines[2]
    assert ";TOTAL;;;;;790103" in lines


def test_cli_names_the_estimate(rumah):
    proc = subprocess.run([KLINIK, "rab", "mini", "--provinsi", "bali"], capture_output=True, text=True, cwd=rumah)
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.splitlines()[0]
    assert first.startswith("RAB Rumah Mini Uji (tipe 21), provinsi Bali, PERKIRAAN dari harga dasar Alfa 2025 x IKK 2024 (150,00 / 100,00)")
    data = json.loads(subprocess.run([KLINIK, "rab", "mini", "--provinsi", "bali", "--json"], capture_output=True, text=True, cwd=rumah).stdout)
    assert (data["total"], data["perkiraan"]) == (790103, {"basis": "alfa", "ikk": "150.00", "ikk_basis": "100.00", "tahun_ikk": 2024})


def test_real_project_priced_tables_are_kept_and_estimates_follow_the_index():
    """The three priced provinces give the RAB they gave before (one item of Tipe 36 corrected by Rp 1: 2,55 x Rp 1.599.890 =
    Rp 4.079.719,5, now rounded up as the rule says); every other province is Jawa Barat's RAB times its IKK ratio, within rounding."""
    state = checked(Project(ROOT))
    book = state.content.config.harga
    before = {
        "t21-konvensional": (119367904, 98414543, 109906700), "t30-konvensional": (157369464, 129750856, 144459811),
        "t36-konvensional": (176697897, 145639069, 162045554), "t36-panggung-kayu": (152109362, 128165864, 136392076),
        "t36-risha": (198067901, 165193513, 194219996),
    }
    for doc in state.content.section("desain-rumah"):
        totals = tuple(rab(doc.entry, book, book.by_slug(s))["total"] for s in ("dki-jakarta", "jawa-barat", "nusa-tenggara-timur"))
        assert totals == before[doc.slug], doc.slug
        base = rab(doc.entry, book, book.by_slug("jawa-barat"))["total"]
        for prov in book.provinsi:
            if prov.perkiraan:
                ratio = prov.perkiraan.ikk / prov.perkiraan.ikk_basis
                assert abs(rab(doc.entry, book, prov)["total"] - float(ratio) * base) < 0.001 * base, (doc.slug, prov.slug)
    assert not [w for w in state.peringatan if "desain-rumah" in w.path]
