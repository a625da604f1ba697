"""Video and poster pages as rendered and built: the video never preloads, its captions track and cover are addressed
from the page, an embed is only a cover and a button, a poster links its PDF; both kinds reach the section lists,
the home page, the feed, the sitemap and the Pagefind index with their transcripts (issue 16)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.config.project import Project
from generator.pages import feed
from generator.pages.inventory import generated_pages
from generator.pages.media import iso_duration, minutes
from generator.pipeline import checked
from generator.site.build import build
from tests.conftest import write

WEBM = b"\x1a\x45\xdf\xa3" + bytes(2000)
PDF = b"%PDF-1.4\n%uji poster\n"
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:04.000\nSiapkan bata yang baik.\n"
VIDEO = """---
judul: Memilih bata uji
ringkasan: Video uji tentang bata.
topik: perencanaan-rumah
subtopik: pbg
tanggal: 2026-12-02
ditinjau: 2026-12-02
durasi: "1:05"
{source}
takarir: bata.vtt
sampul: bata.jpg
status: terbit
---
Siapkan bata yang baik. Kata unik transkrip: batamerahsiku.
"""
POSTER = f"""---
judul: Poster uji gempa
ringkasan: Poster uji.
topik: perencanaan-rumah
tanggal: 2026-12-01
gambar: gempa.png
alt: Poster uji tentang rumah tahan gempa
berkas: gempa.pdf
sha256: {hashlib.sha256(PDF).hexdigest()}
status: terbit
---
Transkrip poster uji: kolomsudutterikat.
"""


def add(project: Path, folder: str = "content/video", source: str = "berkas: bata.webm", sematan: bool = False) -> Path:
    """Put one video (self-hosted, or embedded with the host allowed) and one poster into the small project."""
    if sematan:
        site = project / "site_config" / "site.yml"
        site.write_text(site.read_text(encoding="utf-8") + "video_sematan: [player.vimeo.com]\n", encoding="utf-8")
    write(project, {f"{folder}/bata.md": VIDEO.format(source=source), f"{folder}/bata.vtt": CAPTIONS, "content/poster/gempa.md": POSTER})
    for rel, data in {f"{folder}/bata.webm": WEBM, f"{folder}/bata.jpg": b"\xff\xd8jpg", "content/poster/gempa.png": b"png",
                      "content/poster/gempa.pdf": PDF}.items():
        (project / rel).write_bytes(data)
    return project


def rendered(project: Path) -> tuple[dict[str, str], dict[str, str]]:
    state = checked(Project(project))
    return {d.src_uri: state.renderer.document(d) for d in state.content.documents}, state.renderer.generated()


@pytest.mark.parametrize("seconds, spoken, iso", [(65, "1 menit 5 detik", "PT1M5S"), (45, "45 detik", "PT45S"), (120, "2 menit", "PT2M0S")])
def test_lengths_read_the_indonesian_way(seconds, spoken, iso):
    assert minutes(seconds) == spoken and iso_duration(seconds) == iso


def test_self_hosted_video_page_preloads_nothing(kecil):
    """The player is a native <video preload="none"> with cover, WebM source and a default Indonesian captions track,
    all addressed from the page's own folder; downloads and the transcript follow; no script is asked for."""
    pages, _ = rendered(add(kecil))
    text = pages["video/bata.md"]
    assert '<video class="klinik-video__layar" controls preload="none" playsinline width="854" height="480" poster="../bata.jpg"' in text
    assert '<source src="../bata.webm" type="video/webm">' in text
    assert '<track kind="captions" src="../bata.vtt" srclang="id" label="Bahasa Indonesia" default>' in text
    assert "[Unduh video (2 KB)](bata.webm){ download } · [Unduh takarir (WebVTT)](bata.vtt){ download }" in text
    assert "## Transkrip\n\nSiapkan bata yang baik. Kata unik transkrip: batamerahsiku." in text
    assert "1 menit 5 detik" in text and "klinik_sematan" not in text and "<iframe" not in text


def test_video_in_a_subfolder_addresses_its_files_from_its_page(kecil):
    """A video filed under content/video/<folder>/ still lives at /video/<slug>/: raw HTML points into the folder."""
    pages, _ = rendered(add(kecil, folder="content/video/konstruksi"))
    text = pages["video/konstruksi/bata.md"]
    assert 'poster="../konstruksi/bata.jpg"' in text and '<source src="../konstruksi/bata.webm"' in text
    assert 'src="../konstruksi/bata.vtt"' in text


def test_embedded_video_is_a_cover_and_a_button(kecil):
    """An embed renders our own cover, a hidden play button (klinik-video.js shows it), the host's address only as
    data and as a plain link, and asks for the facade script in its front matter."""
    pages, _ = rendered(add(kecil, source='sematan: "https://player.vimeo.com/video/76979871"', sematan=True))
    text = pages["video/bata.md"]
    assert text.startswith('---\ntitle: "Memilih bata uji"\ndescription: "Video uji tentang bata."\nklinik_sematan: true\n---\n')
    assert 'data-sematan="https://player.vimeo.com/video/76979871"' in text
    assert '<img class="klinik-video__layar" src="../bata.jpg" alt="" width="854" height="480">' in text
    assert '<button class="klinik-video__putar md-button md-button--primary" type="button" hidden>Putar video (1 menit 5 detik)</button>' in text
    assert '<a href="https://player.vimeo.com/video/76979871">Buka video di player.vimeo.com</a>' in text
    assert "<iframe" not in text and "<video" not in text


def test_poster_page_links_its_pdf(kecil):
    """The poster shows its image with alt text, the PDF to print with its size and digest, then the transcript."""
    pages, _ = rendered(add(kecil))
    text = pages["poster/gempa.md"]
    assert "![Poster uji tentang rumah tahan gempa](gempa.png){ .klinik-poster }" in text
    assert "[Unduh PDF untuk dicetak (1 KB)](gempa.pdf){ .md-button .md-button--primary download }" in text
    assert f"SHA-256 `{hashlib.sha256(PDF).hexdigest()}`" in text
    assert text.rstrip().endswith("## Transkrip\n\nTranskrip poster uji: kolomsudutterikat.")


def test_lists_home_and_inventory_name_both_kinds(kecil):
    """Both section lists exist (in the one page inventory) and list their pages; the home page links the newest."""
    project = add(kecil)
    _, generated = rendered(project)
    assert {"video/index.md", "poster/index.md"} <= set(generated_pages(checked(Project(project)).content))
    assert "- [Memilih bata uji](bata.md) (1:05, 2 Desember 2026): Video uji tentang bata." in generated["video/index.md"]
    assert "- [Poster uji gempa](gempa.md) (1 Desember 2026): Poster uji." in generated["poster/index.md"]
    home = generated["index.md"]
    assert "## Video dan poster" in home
    assert "- Video: [Memilih bata uji](video/bata.md) (1:05)" in home and "- Poster: [Poster uji gempa](poster/gempa.md)" in home


def test_built_site_feeds_maps_and_indexes_both_kinds(kecil, tmp_path):
    """After a build, the feed carries both entries, the sitemap lists both pages, the files sit next to them, the video
    page carries its VideoObject JSON-LD, and Pagefind indexed each page with its transcript's words."""
    project = add(kecil)
    site = build(Project(project), site_dir=tmp_path / "site")
    atom = (site / "feed.xml").read_text(encoding="utf-8")
    assert '<category term="video" label="Video" />' in atom and '<category term="poster" label="Poster" />' in atom
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://klinik.example.go.id/video/bata/" in sitemap and "https://klinik.example.go.id/poster/gempa/" in sitemap
    for rel in ("video/bata.webm", "video/bata.vtt", "video/bata.jpg", "poster/gempa.pdf", "poster/gempa.png"):
        assert (site / rel).is_file(), rel
    page = (site / "video" / "bata" / "index.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld == {
        "@context": "https://schema.org", "@type": "VideoObject", "inLanguage": "id", "name": "Memilih bata uji",
        "description": "Video uji tentang bata.", "uploadDate": "2026-12-02", "dateModified": "2026-12-02", "duration": "PT1M5S",
        "thumbnailUrl": "https://klinik.example.go.id/video/bata.jpg", "transcript": "Siapkan bata yang baik. Kata unik transkrip: batamerahsiku.",
        "url": "https://klinik.example.go.id/video/bata/", "contentUrl": "https://klinik.example.go.id/video/bata.webm",
    }
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        data = json.loads(raw[raw.index("{"):])
        fragments[data["url"]] = data
    assert "batamerahsiku" in fragments["/video/bata/"]["content"]
    assert fragments["/video/bata/"]["meta"]["type"] == "video"
    assert "kolomsudutterikat" in fragments["/poster/gempa/"]["content"]
    assert not re.search(r"Takarir bahasa Indonesia tersedia", fragments["/video/bata/"]["content"]), "keterangan pemutar ikut terindeks"


def test_feed_dates_videos_and_posters_by_publication(kecil):
    content = checked(Project(add(kecil))).content
    assert str(feed.updated(content.by_slug[("video", "bata")])) == "2026-12-02"
    assert str(feed.updated(content.by_slug[("poster", "gempa")])) == "2026-12-01"
