"""Make the clinic's posters: an A4 image drawn with Pillow (PNG, 150 dpi) and its print PDF made with WeasyPrint.

Run once by whoever changes a poster below, never at build or test time:

    .venv/bin/python media/buat_poster.py

Writes content/poster/<slug>.png and <slug>.pdf and prints the PDF's SHA-256 for the `sha256` key of <slug>.md.
The transcript in the .md is written by hand from the same text.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "poster"
WIDTH, HEIGHT = 1240, 1754
"""A4 at 150 dots per inch."""
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BLUE, INK, PAPER, ACCENT, GREY, RED = (13, 71, 161), (33, 33, 33), (255, 255, 255), (255, 193, 7), (97, 97, 97), (183, 28, 28)
CONCRETE = (158, 158, 158)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at a size, bold or regular."""
    return ImageFont.truetype(BOLD if bold else FONT, size)


def header(pen: ImageDraw.ImageDraw, title: str, subtitle: str) -> int:
    """The blue title band; returns where the body starts."""
    pen.rectangle([0, 0, WIDTH, 250], fill=BLUE)
    pen.text((70, 55), title, font=font(72, True), fill=PAPER)
    for i, line in enumerate(textwrap.wrap(subtitle, 52)):
        pen.text((70, 155 + 42 * i), line, font=font(32), fill=PAPER)
    pen.rectangle([0, 250, WIDTH, 264], fill=ACCENT)
    return 300


def footer(pen: ImageDraw.ImageDraw, lines: list[str], source: str) -> None:
    """The light band at the bottom: who to ask, then the sources in small print."""
    top = HEIGHT - 250
    pen.rectangle([0, top, WIDTH, HEIGHT], fill=(232, 240, 254))
    for i, line in enumerate(lines):
        pen.text((70, top + 35 + 46 * i), line, font=font(34, i == 0), fill=BLUE if i == 0 else INK)
    for i, line in enumerate(textwrap.wrap(source, 92)):
        pen.text((70, top + 150 + 30 * i), line, font=font(22), fill=GREY)


def numbered(pen: ImageDraw.ImageDraw, x: int, y: int, n: int, title: str, text: str, width: int) -> int:
    """A numbered point: a circle, a bold title, wrapped text; returns the next y."""
    pen.ellipse([x, y, x + 56, y + 56], fill=BLUE)
    label = str(n)
    w = pen.textlength(label, font=font(32, True))
    pen.text((x + 28 - w / 2, y + 8), label, font=font(32, True), fill=PAPER)
    pen.text((x + 76, y + 8), title, font=font(30, True), fill=INK)
    y += 52
    for line in textwrap.wrap(text, width):
        pen.text((x + 76, y), line, font=font(26), fill=INK)
        y += 33
    return y + 20


def house(pen: ImageDraw.ImageDraw, left: int, top: int) -> None:
    """A house front cut open: footing, sloof, columns, ring beam, gable frame and light roof, each named."""
    ground = top + 470
    label = font(26, True)
    pen.line([left - 20, ground, left + 560, ground], fill=GREY, width=4)
    pen.polygon([(left + 10, ground + 90), (left + 530, ground + 90), (left + 500, ground), (left + 40, ground)], fill=(189, 170, 140))
    pen.rectangle([left + 20, ground - 30, left + 520, ground], fill=CONCRETE, outline=INK, width=3)
    for x in (left + 20, left + 245, left + 485):
        pen.rectangle([x, top + 190, x + 35, ground - 30], fill=CONCRETE, outline=INK, width=3)
    pen.rectangle([left + 20, top + 160, left + 520, top + 190], fill=CONCRETE, outline=INK, width=3)
    for x0, x1 in ((left + 55, left + 245), (left + 280, left + 485)):
        for y in range(top + 190, ground - 30, 28):
            pen.line([x0, y, x1, y], fill=(205, 120, 90), width=2)
    pen.polygon([(left + 20, top + 160), (left + 270, top), (left + 520, top + 160)], outline=INK, width=5)
    pen.line([left + 270, top, left + 270, top + 160], fill=INK, width=5)
    pen.polygon([(left - 20, top + 175), (left + 270, top - 20), (left + 560, top + 175), (left + 560, top + 160),
                 (left + 270, top - 40), (left - 20, top + 160)], fill=RED)
    notes = [(top - 30, "Atap ringan, terikat", top + 60), (top + 90, "Rangka ampig", top + 100), (top + 175, "Ring balok", top + 175),
             (top + 300, "Kolom", top + 300), (ground - 15, "Sloof", ground - 15), (ground + 60, "Pondasi menerus", ground + 55)]
    for y_text, text, y_point in notes:
        pen.text((left + 640, y_text - 14), text, font=label, fill=INK)
        pen.line([left + 630, y_text, left + 530, y_point], fill=INK, width=2)


def gempa() -> Image.Image:
    """Poster: Tanda rumah tahan gempa."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    y = header(pen, "Tanda rumah tahan gempa", "Rumah tembok sederhana: semua bagian struktur saling terikat, sehingga rumah tidak roboh saat gempa.")
    house(pen, 90, y + 70)
    y += 650
    points = [
        ("Denah sederhana", "Persegi atau persegi panjang; bentuk L dibagi menjadi dua bagian persegi."),
        ("Pondasi menerus", "Di bawah semua dinding, di atas tanah keras."),
        ("Sloof, kolom, ring balok", "Beton bertulang di atas pondasi, di sudut dan pertemuan dinding, dan di atas dinding."),
        ("Tulangan saling menyambung", "Besi sloof, kolom dan ring balok dijangkar satu sama lain; dinding diangkur ke kolom."),
        ("Ampig berangka, atap ringan", "Segitiga atap diberi rangka beton atau bahan ringan; rangka atap diikat ke ring balok."),
        ("Bahan dan pengerjaan baik", "Campuran beton sesuai gambar, beton dipadatkan dan dirawat."),
    ]
    column = [points[:3], points[3:]]
    for c, items in enumerate(column):
        yy = y
        for i, (title, text) in enumerate(items):
            yy = numbered(pen, 50 + c * 590, yy, c * 3 + i + 1, title, text, 34)
    footer(pen, ["Ragu dengan rumah Anda? Tanya Klinik PKP, gratis.", "klinik.pkp.go.id atau Balai P3KP terdekat"],
           "Sumber: Pedoman Teknis Rumah dan Bangunan Gedung Tahan Gempa (Departemen Pekerjaan Umum, 2006); SNI 1726:2019 "
           "Tata cara perencanaan ketahanan gempa untuk struktur bangunan gedung dan nongedung.")
    return image


def box(pen: ImageDraw.ImageDraw, x: int, y: int, w: int, h: int, title: str, text: str, fill=(232, 240, 254)) -> None:
    """A rounded box with a bold title and wrapped text."""
    pen.rounded_rectangle([x, y, x + w, y + h], radius=18, fill=fill, outline=BLUE, width=3)
    pen.text((x + 24, y + 18), title, font=font(32, True), fill=BLUE)
    for i, line in enumerate(textwrap.wrap(text, int(w / 16.5))):
        pen.text((x + 24, y + 66 + 36 * i), line, font=font(27), fill=INK)


def arrow(pen: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """A downward arrow between two steps."""
    pen.polygon([(x - 22, y), (x + 22, y), (x, y + 30)], fill=ACCENT)


def jalur() -> Image.Image:
    """Poster: Jalur layanan Klinik PKP."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    y = header(pen, "Jalur layanan Klinik PKP", "Informasi, konsultasi, dan pendampingan teknis perumahan dari Kementerian PKP. Semua gratis.")
    pen.text((70, y + 10), "Dua cara bertanya", font=font(40, True), fill=INK)
    box(pen, 70, y + 70, 530, 210, "Daring", "Buka klinik.pkp.go.id, pilih Ajukan pertanyaan, tulis masalah Anda dan lampirkan foto bila ada.")
    box(pen, 640, y + 70, 530, 210, "Datang ke Balai P3KP", "Ke ruang konsultasi pada jam layanan, isi buku tamu, lalu bertemu Tenaga Ahli.")
    y += 300
    steps = [
        ("Simpan nomor tiket", "Dipakai untuk menanyakan perkembangan pertanyaan Anda."),
        ("Dijawab Tenaga Ahli", "Paling lambat 3 hari kerja (Senin sampai Jumat, di luar libur nasional dan cuti bersama)."),
        ("Pendampingan bila perlu", "Bantuan desain, RAB, pemilihan bahan, pembiayaan, dan kunjungan lapangan."),
        ("Isi survei kepuasan", "Pendapat Anda dipakai untuk memperbaiki layanan."),
    ]
    for i, (title, text) in enumerate(steps):
        arrow(pen, WIDTH // 2, y)
        y += 34
        box(pen, 150, y, 940, 142, f"{i + 1}. {title}", text, fill=PAPER)
        y += 148
    box(pen, 70, y + 10, 1100, 150, "Terlambat atau tidak puas?", "Sampaikan pengaduan melalui SP4N-LAPOR! di lapor.go.id, "
        "atau langsung ke Balai P3KP.", fill=(255, 248, 225))
    footer(pen, ["Layanan gratis, tanpa pungutan apa pun.", "klinik.pkp.go.id"],
           "Dasar: Surat Edaran Nomor 01/SE/Dt/2025 tentang Petunjuk Teknis Penyelenggaraan Klinik Perumahan dan Kawasan "
           "Permukiman; Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik.")
    return image


POSTERS = {"tanda-rumah-tahan-gempa": gempa, "jalur-layanan-klinik-pkp": jalur}


def main() -> None:
    """Draw every poster, print it to PDF, and say each PDF's SHA-256."""
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, make in POSTERS.items():
        png = OUT / f"{slug}.png"
        make().quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(png, optimize=True)
        page = (f'<html lang="id"><head><title>{slug}</title><style>@page {{ size: A4; margin: 0 }} body {{ margin: 0 }}'
                f' img {{ width: 210mm; height: 297mm; display: block }}</style></head><body><img src="{png.name}" alt=""></body></html>')
        pdf = OUT / f"{slug}.pdf"
        HTML(string=page, base_url=str(OUT)).write_pdf(pdf)
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        print(f"{slug}: {png.stat().st_size / 1024:.0f} KB PNG, {pdf.stat().st_size / 1024:.0f} KB PDF, sha256 {digest}")


if __name__ == "__main__":
    main()
