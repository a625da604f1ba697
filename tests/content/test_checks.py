"""`klinik check`, `klinik build` and `mkdocs build` report every content mistake at once, with file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import FIXTURES, write

BIN = Path(sys.executable).parent

EXPECTED = """\
content/faq/kunci-asing.md:5: kategori: kunci tidak dikenal (periksa ejaan)
content/faq/kunci-ganda.md:8: status: kunci ganda (sudah ditulis di baris 7); hapus salah satu
content/faq/perencanaan-rumah/apa-itu-kpr-flpp.md:1: slug: slug 'apa-itu-kpr-flpp' sudah dipakai oleh content/faq/apa-itu-kpr-flpp.md
content/faq/subtopik-asing.md:4: subtopik: sub-bidang 'bangun-sendiri' tidak ada di bidang pembiayaan; pilih: kredit-rumah, rumah-subsidi
content/faq/tanggal-mustahil.md:6: ditinjau: tanggal '2026-02-30' tidak ada di kalender
content/faq/tanpa-tanggal.md:2: ditinjau: wajib diisi
content/faq/tautan-rusak.md:7: terkait: faq 'tidak-ada-faq' tidak ada
content/faq/tautan-rusak.md:10: tautan: 'daftar-harga.md' menunjuk halaman yang tidak ada
content/faq/tautan-rusak.md:12: tautan: 'pembiayaan/syarat-kpr.md#tidak-ada-bagian': tidak ada judul bagian dengan anchor #tidak-ada-bagian
content/faq/tautan-rusak.md:14: tautan: 'rancangan.md' menunjuk konten draft
content/faq/topik-asing.md:3: topik: bidang 'atap' tidak ada di taksonomi; pilih: pembiayaan, perencanaan-rumah
content/faq/yaml-rusak.md:3: front matter: YAML tidak valid: found unexpected end of stream (while scanning a quoted scalar, mulai baris 2)
content/infografis/tanpa-gambar.md:6: gambar: berkas gambar 'tahapan-pbg.png' tidak ditemukan
content/modul/tanpa-pdf.md:9: berkas: berkas 'm-02.pdf' tidak ditemukan
Dibatalkan: 14 masalah di 11 berkas.
"""


def add_mistakes(project: Path) -> None:
    """Overlay the `salah` fixture: one file per kind of mistake."""
    shutil.copytree(FIXTURES / "salah" / "content", project / "content", dirs_exist_ok=True)


def test_clean_tree_passes(kecil):
    """A valid tree exits 0 and says what it found."""
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output == "Konten valid: 7 berkas (1 artikel, 3 faq, 1 infografis, 1 modul, 1 prosedur).\n"


def test_every_mistake_reported_in_one_run(kecil):
    """One run names every mistake with path, line and field, then the count, and exits 1."""
    add_mistakes(kecil)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == EXPECTED


def test_klinik_build_stops_with_the_same_report(kecil):
    """The build refuses bad content with the same lines and writes no site."""
    add_mistakes(kecil)
    proc = subprocess.run([BIN / "klinik", "build"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    for line in EXPECTED.splitlines():
        assert line in proc.stderr
    assert not (kecil / "site" / "index.html").exists()


def test_plain_mkdocs_build_runs_the_same_checks(kecil):
    """Editors who run `mkdocs build` get the same report (MkDocs itself would ignore bad front matter)."""
    add_mistakes(kecil)
    proc = subprocess.run([BIN / "mkdocs", "build", "-q"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    for line in EXPECTED.splitlines():
        assert line in proc.stderr


def test_file_level_mistakes(kecil):
    """Missing or empty front matter, bad encoding, misplaced files and extra titles are reported."""
    write(kecil, {
        "content/faq/tanpa-front-matter.md": "Hanya jawaban.\n",
        "content/faq/front-matter-kosong.md": "---\n---\nJawaban.\n",
        "content/faq/tidak-ditutup.md": "---\npertanyaan: Apa?\n",
        "content/catatan.md": "---\njudul: x\n---\n",
        "content/artikel/gambar.bmp": "x",
        "content/faq/Huruf_Besar.md": (kecil / "content/faq/apa-itu-kpr-flpp.md").read_text().replace("terkait: [syarat-kpr]", "terkait: []"),
        "content/artikel/dua-judul.md": (
            "---\njudul: Dua judul\nringkasan: Uji.\ntopik: pembiayaan\ntanggal: 2026-11-01\npenulis: Tim\nstatus: terbit\n---\n# Judul lagi\n\nIsi.\n"
        ),
    })
    (kecil / "content/faq/bukan-utf8.md").write_bytes(b"---\npertanyaan: \xff\xfe\n---\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/artikel/dua-judul.md:9: isi: judul tingkat 1 ('# ') dibuat otomatis; gunakan '## ' untuk subjudul",
        "content/artikel/gambar.bmp:1: berkas: jenis berkas .bmp tidak didukung di content/",
        "content/catatan.md:1: berkas: letakkan berkas di salah satu folder: artikel, desain-rumah, faq, infografis, modul, poster, prosedur, video",
        "content/faq/Huruf_Besar.md:1: nama berkas: gunakan huruf kecil, angka dan tanda '-' saja (mis. apa-itu-pbg.md)",
        "content/faq/bukan-utf8.md:1: berkas: bukan teks UTF-8",
        "content/faq/front-matter-kosong.md:1: front matter: front matter kosong",
        "content/faq/tanpa-front-matter.md:1: front matter: berkas harus diawali front matter YAML di antara baris '---'",
        "content/faq/tidak-ditutup.md:1: front matter: front matter tidak ditutup dengan baris '---'",
        "Dibatalkan: 8 masalah di 8 berkas.",
    ]


def test_site_config_mistakes(kecil):
    """Errors in site_config/ name the file, line and nested field."""
    balai = (kecil / "site_config/balai.yml").read_text()
    (kecil / "site_config/balai.yml").write_text(balai.replace('telepon: "024 123456"', "telepon: nomor kantor\n    faks: 1"))
    (kecil / "site_config/taxonomy.yml").write_text("bidang:\n  - slug: Pembiayaan Rumah\n    nama: x\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "site_config/balai.yml:6: balai.0.telepon: format tidak valid: 'nomor kantor'",
        "site_config/balai.yml:7: balai.0.faks: kunci tidak dikenal (periksa ejaan)",
        "site_config/taxonomy.yml:2: bidang.0.slug: format tidak valid: 'Pembiayaan Rumah'",
        "site_config/taxonomy.yml:2: bidang.0.subtopik: wajib diisi",
        "site_config/taxonomy.yml:2: bidang.0.uraian: wajib diisi",
        "Dibatalkan: 5 masalah di 2 berkas.",
    ]
