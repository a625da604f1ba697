"""Videos and posters are checked with their files: source or allowed embed, WebVTT captions, cover, poster image and
PDF digest; every mistake is reported in one run as `path:line: field: message` (issue 16)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.content.media import caption_problems, parse_time
from tests.conftest import write

WEBM = b"\x1a\x45\xdf\xa3" + bytes(60)
"""The EBML magic every WebM file starts with (the check reads only the first bytes)."""
PDF = b"%PDF-1.4\n%uji\n"
CAPTIONS = "WEBVTT\n\n1\n00:00.000 --> 00:03.000\nKalimat pertama.\n\n2\n00:00:03.500 --> 00:00:09.000 align:start\nKalimat kedua.\n"


def video(name: str, *extra: str, takarir: str | None = None, durasi: str = "0:10") -> str:
    """A video's front matter: the given lines replace the file keys (berkas/sematan), then the rest."""
    lines = [
        "---", f"judul: Video {name}", "ringkasan: Video uji.", "topik: pembiayaan", "subtopik: kredit-rumah",
        "tanggal: 2026-12-01", "ditinjau: 2026-12-01", f'durasi: "{durasi}"', *extra,
    ]
    if takarir != "":
        lines.append(f"takarir: {takarir or name + '.vtt'}")
    lines += [f"sampul: {name}.jpg", "status: terbit", "---", f"Transkrip video {name}.", ""]
    return "\n".join(lines)


def poster(name: str, gambar: str, sha256: str) -> str:
    return "\n".join([
        "---", f"judul: Poster {name}", "ringkasan: Poster uji.", "topik: perencanaan-rumah", "tanggal: 2026-12-01",
        f"gambar: {gambar}", "alt: Poster uji dengan teks yang cukup panjang", f"berkas: {name}.pdf",
        *([f"sha256: {sha256}"] if sha256 else []), "status: terbit", "---", f"Transkrip poster {name}.", "",
    ])


def add_media(root: Path, files: dict[str, str | bytes]) -> None:
    """Write text and binary files into the project."""
    write(root, {k: v for k, v in files.items() if isinstance(v, str)})
    for rel, data in files.items():
        if isinstance(data, bytes):
            (root / rel).write_bytes(data)


def test_valid_video_and_poster_pass(kecil):
    """A self-hosted video with captions and cover, and posters with image and PDF (pinned or not), are valid content."""
    add_media(kecil, {
        "content/video/baik.md": video("baik", "berkas: baik.webm"), "content/video/baik.webm": WEBM,
        "content/video/baik.vtt": CAPTIONS, "content/video/baik.jpg": b"jpg",
        "content/poster/baik.md": poster("baik", "baik.png", hashlib.sha256(PDF).hexdigest()),
        "content/poster/baik.png": b"png", "content/poster/baik.pdf": PDF,
        "content/poster/tanpa-sha.md": poster("tanpa-sha", "baik.png", ""), "content/poster/tanpa-sha.pdf": PDF,
    })
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "2 poster" in result.output and "1 video" in result.output


def test_every_media_mistake_reported_in_one_run(kecil):
    """Missing captions, a host outside the allow-list, a missing poster image and the other mistakes of a video or
    poster, each with file, line and field, in one run."""
    site = kecil / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "video_sematan: [www.youtube-nocookie.com]\n", encoding="utf-8")
    common = {f"content/video/{n}.jpg": b"jpg" for n in ("tanpa-takarir", "host-asing", "tanpa-kepala", "tanpa-isyarat", "kepanjangan",
                                                         "dua-sumber", "tanpa-sumber", "bukan-webm", "takarir-hilang")}
    add_media(kecil, {
        **common,
        "content/video/tanpa-takarir.md": video("tanpa-takarir", "berkas: tanpa-takarir.webm"),
        "content/video/tanpa-takarir.webm": WEBM,
        "content/video/host-asing.md": video("host-asing", 'sematan: "https://video.contoh.com/embed/1"'),
        "content/video/host-asing.vtt": CAPTIONS,
        "content/video/tanpa-kepala.md": video("tanpa-kepala", 'sematan: "https://www.youtube-nocookie.com/embed/abc"'),
        "content/video/tanpa-kepala.vtt": "00:00.000 --> 00:03.000\nTanpa kepala.\n",
        "content/video/tanpa-isyarat.md": video("tanpa-isyarat", 'sematan: "http://www.youtube-nocookie.com/embed/abc"'),
        "content/video/tanpa-isyarat.vtt": "WEBVTT\n\nCatatan saja.\n",
        "content/video/kepanjangan.md": video("kepanjangan", "berkas: kepanjangan.webm", durasi="0:05"),
        "content/video/kepanjangan.webm": WEBM,
        "content/video/kepanjangan.vtt": CAPTIONS.replace("--> 00:03.000", "--> 00:03,000"),
        "content/video/dua-sumber.md": video("dua-sumber", "berkas: dua-sumber.webm", 'sematan: "https://www.youtube-nocookie.com/embed/abc"'),
        "content/video/dua-sumber.webm": WEBM, "content/video/dua-sumber.vtt": CAPTIONS,
        "content/video/tanpa-sumber.md": video("tanpa-sumber"), "content/video/tanpa-sumber.vtt": CAPTIONS,
        "content/video/bukan-webm.md": video("bukan-webm", "berkas: bukan-webm.webm"), "content/video/bukan-webm.webm": b"<html>",
        "content/video/bukan-webm.vtt": CAPTIONS,
        "content/video/takarir-hilang.md": video("takarir-hilang", "berkas: takarir-hilang.avi", takarir=""),
        "content/poster/tanpa-gambar.md": poster("tanpa-gambar", "tidak-ada.png", "a" * 64), "content/poster/tanpa-gambar.pdf": PDF,
    })
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    hosts = "www.youtube-nocookie.com"
    assert result.output.splitlines() == [
        "content/poster/tanpa-gambar.md:6: gambar: berkas gambar 'tidak-ada.png' tidak ditemukan",
        "content/poster/tanpa-gambar.md:9: sha256: tidak cocok dengan isi tanpa-gambar.pdf (isi berkas: "
        f"{hashlib.sha256(PDF).hexdigest()}); hapus kunci ini agar dihitung otomatis, atau perbaiki nilainya",
        "content/video/bukan-webm.md:9: berkas: berkas 'bukan-webm.webm' bukan WebM (isinya tidak diawali penanda WebM)",
        "content/video/dua-sumber.md:10: sematan: isi salah satu saja: `berkas` atau `sematan`, bukan keduanya",
        f"content/video/host-asing.md:9: sematan: host 'video.contoh.com' tidak diizinkan; gunakan salah satu dari video_sematan di site.yml: {hosts}",
        "content/video/kepanjangan.md:10: takarir: kepanjangan.vtt: baris 4: waktu isyarat tidak sah '00:00.000 --> 00:03,000' "
        "(contoh: 00:00:01.000 --> 00:00:04.500)",
        "content/video/kepanjangan.md:10: takarir: kepanjangan.vtt: baris 8: berakhir pada detik 9, sesudah video selesai (durasi 5 detik)",
        "content/video/takarir-hilang.md:2: takarir: wajib diisi",
        "content/video/takarir-hilang.md:9: berkas: harus berkas .webm atau .mp4",
        "content/video/tanpa-isyarat.md:9: sematan: alamat sematan harus diawali https://",
        "content/video/tanpa-isyarat.md:10: takarir: tanpa-isyarat.vtt: tidak ada isyarat (cue) takarir: tulis waktu dan teks setiap kalimat",
        "content/video/tanpa-kepala.md:10: takarir: tanpa-kepala.vtt: baris 1: berkas WebVTT harus diawali 'WEBVTT'",
        "content/video/tanpa-sumber.md:1: berkas: isi `berkas` (video WebM/MP4 di samping berkas .md) atau `sematan` "
        "(alamat sematan dari host yang diizinkan)",
        "content/video/tanpa-takarir.md:10: takarir: berkas takarir 'tanpa-takarir.vtt' tidak ditemukan",
        "Dibatalkan: 14 masalah di 10 berkas.",
    ]


@pytest.mark.parametrize("stamp, seconds", [("00:01.500", 1.5), ("01:02.250", 62.25), ("01:00:00.000", 3600.0)])
def test_caption_times(stamp, seconds):
    """WebVTT timestamps with and without hours."""
    assert parse_time(stamp) == seconds


def test_caption_cue_order_and_text(tmp_path):
    """Cues must run forward, end after they start and carry text."""
    path = tmp_path / "uji.vtt"
    path.write_text("\ufeffWEBVTT - uji\r\n\r\n00:05.000 --> 00:04.000\r\nMundur.\r\n\r\n00:01.000 --> 00:02.000\r\n\r\n", encoding="utf-8")
    assert caption_problems(path, 60) == [
        "baris 3: waktu akhir harus sesudah waktu mulai",
        "baris 6: isyarat harus berurutan menurut waktu mulai",
        "baris 6: isyarat tanpa teks di baris berikutnya",
    ]


def test_real_captions_are_valid_and_match_the_transcripts():
    """The project's own videos: captions are valid, end within the stated duration, and every caption sentence is in
    the page's transcript (the transcript says what the narration says)."""
    from generator.config.project import Project
    from generator.content.loader import load_content
    from tests.conftest import ROOT

    root = Project(ROOT).content_dir
    docs = [d for d in load_content(root).documents if d.section == "video"]
    assert len(docs) >= 2
    for doc in docs:
        vtt = doc.path.parent / doc.entry.takarir
        assert caption_problems(vtt, doc.entry.seconds()) == [], doc.src_uri
        sentences = [line for line in vtt.read_text(encoding="utf-8").splitlines()[1:] if line and "-->" not in line and not line.isdigit()]
        assert 40 <= doc.entry.seconds() <= 90, f"{doc.src_uri}: {doc.entry.durasi}"
        assert (doc.path.parent / doc.entry.berkas).stat().st_size < 1_500_000
        for sentence in sentences:
            assert sentence in doc.body, f"{doc.src_uri}: takarir {sentence!r} tidak ada di transkrip"


def test_a_heavy_video_is_a_warning(kecil):
    """A video over 2 MB passes the check with a warning that names the file, line and size."""
    add_media(kecil, {
        "content/video/berat.md": video("berat", "berkas: berat.webm"), "content/video/berat.webm": WEBM + bytes(2_200_000),
        "content/video/berat.vtt": CAPTIONS, "content/video/berat.jpg": b"jpg",
    })
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "content/video/berat.md:9: berkas: PERINGATAN: video 2,1 MB berat untuk kuota warga; kecilkan ke 480p atau kurang "
        "(WebM VP9 + Opus, mis. dengan ffmpeg) agar di bawah 2 MB"
    )
