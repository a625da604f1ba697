"""Make the clinic's narrated-slide videos: slides drawn with Pillow, narration by espeak-ng (Indonesian), WebM by ffmpeg.

Run once by whoever changes a script below, never at build or test time:

    apt-get install -y espeak-ng ffmpeg
    .venv/bin/python media/buat_video.py            # every video
    .venv/bin/python media/buat_video.py <slug>     # one video

Each sentence is spoken on its own, so its caption cue starts and ends exactly with its audio. Writes, next to
content/video/<slug>.md: <slug>.webm (VP9 + Opus, 854 x 480, 10 frames/s), <slug>.vtt and <slug>.jpg (the cover
shown before play). The transcript in the .md is written by hand from the same sentences.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "video"
WIDTH, HEIGHT = 854, 480
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BLUE, INK, PAPER, ACCENT = (13, 71, 161), (33, 33, 33), (250, 250, 247), (255, 193, 7)
GAP = 0.3
"""Silence after each sentence, seconds."""
TAIL = 0.6
"""Silence after each slide's last sentence, seconds."""


@dataclass
class Kalimat:
    """One caption cue: the words on screen and, when they differ, how espeak-ng should say them."""

    teks: str
    ucapan: str = ""


@dataclass
class Slide:
    """One slide: its title, the lines shown under it, and the sentences spoken while it shows."""

    judul: str
    butir: list[str]
    kalimat: list[Kalimat]


def k(teks: str, ucapan: str = "") -> Kalimat:
    """Shorthand for one sentence in the scripts below."""
    return Kalimat(teks, ucapan)


VIDEOS: dict[str, list[Slide]] = {
    "memeriksa-bata-dan-semen": [
        Slide("Memeriksa bata dan semen sebelum membangun", ["Klinik PKP", "Kementerian Perumahan dan Kawasan Permukiman"], [
            k("Sebelum membangun, periksa dulu bata dan semen yang Anda beli."),
            k("Bahan yang baik membuat dinding dan beton lebih kuat."),
        ]),
        Slide("Semen: periksa kemasannya", ["Bertanda SNI", "Kantong utuh, tidak sobek, tidak basah", "Tidak menggumpal keras"], [
            k("Pilih semen yang kantongnya bertanda SNI."),
            k("Pastikan kantong utuh, tidak sobek, dan tidak basah."),
            k("Tekan kantongnya. Semen yang baik terasa halus, tidak menggumpal keras."),
        ]),
        Slide("Semen: simpan dengan benar", ["Tempat kering dan tertutup", "Beralas papan, jauh dari lantai dan dinding", "Yang dibeli dulu, dipakai dulu"], [
            k("Simpan semen di tempat kering dan tertutup."),
            k("Beri alas papan. Jangan menempel ke lantai atau dinding."),
            k("Pakai semen yang lebih dulu dibeli."),
        ]),
        Slide("Bata merah: lihat dan ketuk", ["Ukuran seragam, sudut siku dan tajam", "Tidak retak", "Warna merata, bunyi nyaring"], [
            k("Pilih bata yang ukurannya seragam, dengan sudut yang siku dan tajam."),
            k("Permukaannya rata dan tidak retak."),
            k("Bata yang matang berwarna merata dan berbunyi nyaring saat diketuk."),
        ]),
        Slide("Bata: sebelum dipasang", ["Tolak bata yang retak atau pecah", "Basahi bata sebelum dipasang"], [
            k("Tolak kiriman bata yang banyak retak atau pecah."),
            k("Basahi bata sebelum dipasang, agar tidak menyerap air adukan."),
        ]),
        Slide("Acuan dan bantuan", ["Bata merah: SNI 15-2094-2000", "Semen portland: SNI 2049:2015", "Tanya Tenaga Ahli Klinik PKP, gratis"], [
            k("Syarat bata merah ada di SNI 15-2094-2000, dan syarat semen portland di SNI 2049:2015.",
              "Syarat bata merah ada di SNI lima belas, dua ribu sembilan puluh empat, tahun dua ribu. "
              "Syarat semen portland ada di SNI dua ribu empat puluh sembilan, tahun dua ribu lima belas."),
            k("Masih ragu? Tanyakan kepada Tenaga Ahli Klinik PKP. Layanan ini gratis."),
        ]),
    ],
    "mengurus-pbg-lewat-simbg": [
        Slide("Langkah mengurus PBG rumah tinggal lewat SIMBG", ["Klinik PKP", "Kementerian Perumahan dan Kawasan Permukiman"], [
            k("Rumah yang akan dibangun memerlukan Persetujuan Bangunan Gedung, atau PBG.",
              "Rumah yang akan dibangun memerlukan Persetujuan Bangunan Gedung, atau, pe be ge."),
            k("PBG menggantikan IMB, dan diurus lewat aplikasi SIMBG.", "pe be ge menggantikan i em be, dan diurus lewat aplikasi simbeg."),
        ]),
        Slide("1. Siapkan dokumen", ["KTP pemohon", "Bukti hak atas tanah", "Bukti lunas PBB", "Kesesuaian tata ruang lokasi"], [
            k("Pertama, siapkan KTP, bukti hak atas tanah, dan bukti lunas PBB.", "Pertama, siapkan KTP, bukti hak atas tanah, dan bukti lunas pe be be."),
            k("Periksa juga kesesuaian tata ruang di lokasi rumah."),
        ]),
        Slide("2. Siapkan gambar rumah", ["Desain prototipe yang ada di SIMBG", "Atau desain sendiri: denah, tampak, potongan, gambar struktur"], [
            k("Kedua, siapkan gambar. Paling mudah, pilih desain prototipe yang ada di SIMBG.",
              "Kedua, siapkan gambar. Paling mudah, pilih desain prototipe yang ada di simbeg."),
            k("Bila memakai desain sendiri, siapkan denah, tampak, potongan, dan gambar struktur."),
        ]),
        Slide("3. Daftar di SIMBG", ["simbg.pu.go.id", "Isi data pemohon, tanah, bangunan", "Unggah dokumen dan gambar", "Simpan nomor registrasi"], [
            k("Ketiga, buka simbg.pu.go.id dan buat akun.", "Ketiga, buka simbeg, titik, pe u, titik, go, titik, i d, dan buat akun."),
            k("Isi data pemohon, tanah, dan bangunan, unggah dokumen, lalu simpan nomor registrasinya."),
        ]),
        Slide("4. Konsultasi perencanaan", ["Tim pemerintah daerah memeriksa standar teknis rencana rumah", "Perbaiki gambar bila diminta"], [
            k("Keempat, tim pemerintah daerah memeriksa standar teknis rencana rumah."),
            k("Bila diminta, perbaiki gambar melalui SIMBG.", "Bila diminta, perbaiki gambar melalui simbeg."),
        ]),
        Slide("5. Retribusi, lalu PBG terbit", ["Rumah MBR: retribusi dibebaskan di daerah yang sudah menerapkannya",
                                                "PBG terbit paling lama 28 hari kerja; 10 hari kerja untuk rumah MBR"], [
            k("Kelima, daerah menetapkan retribusi. Untuk rumah MBR, retribusi dibebaskan di daerah yang sudah menerapkannya.",
              "Kelima, daerah menetapkan retribusi. Untuk rumah em be er, retribusi dibebaskan di daerah yang sudah menerapkannya."),
            k("PBG terbit paling lama 28 hari kerja, atau 10 hari kerja untuk rumah MBR.",
              "pe be ge terbit paling lama dua puluh delapan hari kerja, atau sepuluh hari kerja untuk rumah em be er."),
        ]),
        Slide("Butuh bantuan?", ["Dasar: PP Nomor 16 Tahun 2021", "Klinik PKP membantu menyiapkan dokumen dan gambar, gratis"], [
            k("Dasar hukumnya Peraturan Pemerintah Nomor 16 Tahun 2021.",
              "Dasar hukumnya Peraturan Pemerintah Nomor enam belas Tahun dua ribu dua puluh satu."),
            k("Klinik PKP dapat membantu menyiapkan dokumen dan gambar. Layanan ini gratis.",
              "Klinik pe ka pe dapat membantu menyiapkan dokumen dan gambar. Layanan ini gratis."),
        ]),
    ],
}


def draw(slide: Slide, index: int, total: int) -> Image.Image:
    """One slide: a blue title band, large bullet lines, the slide number; text kept out of the caption area."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    title_font, body_font, small = ImageFont.truetype(BOLD, 34), ImageFont.truetype(FONT, 28), ImageFont.truetype(FONT, 18)
    lines = textwrap.wrap(slide.judul, 36)
    band = 40 + 44 * len(lines)
    pen.rectangle([0, 0, WIDTH, band], fill=BLUE)
    for i, line in enumerate(lines):
        pen.text((40, 24 + 44 * i), line, font=title_font, fill=(255, 255, 255))
    pen.rectangle([0, band, WIDTH, band + 8], fill=ACCENT)
    y = band + 40
    for item in slide.butir:
        bullet = index > 0
        if bullet:
            pen.ellipse([44, y + 10, 58, y + 24], fill=BLUE)
        for line in textwrap.wrap(item, 44):
            pen.text((76 if bullet else 40, y), line, font=body_font, fill=INK)
            y += 38
        y += 10
    pen.text((40, HEIGHT - 36), "Klinik PKP", font=small, fill=BLUE)
    pen.text((WIDTH - 90, HEIGHT - 36), f"{index + 1}/{total}", font=small, fill=INK)
    return image


def speak(text: str, path: Path) -> float:
    """Say one sentence into a WAV file; return its length in seconds."""
    subprocess.run(["espeak-ng", "-v", "id", "-s", "160", "-w", str(path), text], check=True)
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def stamp(seconds: float) -> str:
    """WebVTT time: 00:01:02.345."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def make(slug: str, slides: list[Slide], work: Path) -> None:
    """Draw, speak, time and encode one video with its captions and cover."""
    cues, images, frames = [], [], []
    now = 0.0
    params = None
    for i, slide in enumerate(slides):
        start = now
        for j, sentence in enumerate(slide.kalimat):
            wav = work / f"{i:02d}-{j:02d}.wav"
            length = speak(sentence.ucapan or sentence.teks, wav)
            with wave.open(str(wav)) as w:
                params = params or w.getparams()
                frames.append(w.readframes(w.getnframes()))
            pause = TAIL if j == len(slide.kalimat) - 1 else GAP
            frames.append(b"\0" * (int(pause * params.framerate) * params.sampwidth))
            cues.append((now, now + length, sentence.teks))
            now += length + pause
        png = work / f"slide-{i:02d}.png"
        draw(slide, i, len(slides)).save(png)
        images.append((png, now - start))
    audio = work / "narasi.wav"
    with wave.open(str(audio), "wb") as w:
        w.setparams(params)
        w.writeframes(b"".join(frames))
    listing = work / "slides.txt"
    listing.write_text("".join(f"file '{p}'\nduration {d:.3f}\n" for p, d in images) + f"file '{images[-1][0]}'\n", encoding="utf-8")
    video = OUT / f"{slug}.webm"
    subprocess.run([
        "ffmpeg", "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(audio),
        "-r", "10", "-c:v", "libvpx-vp9", "-crf", "40", "-b:v", "0", "-pix_fmt", "yuv420p", "-g", "100",
        "-c:a", "libopus", "-b:a", "24k", "-ac", "1", "-shortest", "-map_metadata", "-1", str(video),
    ], check=True)
    vtt = "WEBVTT\n\n" + "\n".join(f"{n}\n{stamp(a)} --> {stamp(b)}\n{text}\n" for n, (a, b, text) in enumerate(cues, 1))
    (OUT / f"{slug}.vtt").write_text(vtt, encoding="utf-8")
    Image.open(images[0][0]).convert("RGB").save(OUT / f"{slug}.jpg", quality=80, optimize=True)
    print(f"{slug}: {now:.1f} s, {video.stat().st_size / 1024:.0f} KB, {len(cues)} cues")


def main(names: list[str]) -> None:
    """Make the named videos, or all of them."""
    OUT.mkdir(parents=True, exist_ok=True)
    for slug in names or VIDEOS:
        with tempfile.TemporaryDirectory() as work:
            make(slug, VIDEOS[slug], Path(work))


if __name__ == "__main__":
    main(sys.argv[1:])
