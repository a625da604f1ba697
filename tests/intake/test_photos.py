"""Photos are re-encoded from their pixels only: GPS, EXIF and text chunks never survive; non-images and bombs are refused."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageFile
from PIL.PngImagePlugin import PngInfo

from generator.intake.photos import LONG_EDGE, MAX_BYTES, PhotoRefused, reencode, reencode_all
from generator.intake.report import pdf as report_pdf  # imports WeasyPrint, which loosens Pillow for every caller

GPS_IFD, ORIENTATION, MAKE, ARTIST = 0x8825, 0x0112, 0x010F, 0x013B


def jpeg_with_gps(size=(3000, 2000), orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (200, 60, 40))
    image.paste((20, 20, 200), (0, 0, size[0] // 3, size[1] // 3))  # a blue corner shows which way is up
    exif = Image.Exif()
    exif[MAKE], exif[ARTIST], exif[ORIENTATION] = "KameraUji", "Suryaningsih Tjokro", orientation
    exif[GPS_IFD] = {1: "S", 2: (8.0, 39.0, 1.5), 3: "E", 4: (115.0, 12.0, 59.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"rumah Bu Suryaningsih")
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_jpeg_with_gps_comes_out_without_any_metadata():
    raw = jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the fixture really carries GPS
    photo = reencode(raw, "IMG_0001.jpg")
    kept = Image.open(io.BytesIO(photo.data))
    assert kept.format == "JPEG" and photo.mime == "image/jpeg"
    assert dict(kept.getexif()) == {} and kept.getexif().get_ifd(GPS_IFD) == {}
    assert not {"exif", "icc_profile", "comment", "xmp"} & set(kept.info)
    for planted in (b"KameraUji", b"Suryaningsih", b"Exif"):
        assert planted not in photo.data
    assert max(photo.width, photo.height) == LONG_EDGE and (photo.width, photo.height) == kept.size


def test_the_camera_orientation_is_applied_before_the_tag_goes():
    photo = reencode(jpeg_with_gps(size=(1200, 800), orientation=6), "miring.jpg")  # 6: rotate 90° clockwise to view
    kept = Image.open(io.BytesIO(photo.data))
    assert kept.size == (800, 1200)
    red, green, blue = kept.convert("RGB").getpixel((kept.width - 20, 20))  # the blue corner is now top right
    assert blue > 150 and red < 80


def test_a_png_loses_its_text_chunks_and_transparency_becomes_white():
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    info = PngInfo()
    info.add_text("Comment", "alamat Jl. Mawarjingga 7")
    info.add_itxt("Description", "lokasi rahasia", lang="id")
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    assert b"Mawarjingga" in out.getvalue()
    photo = reencode(out.getvalue(), "denah.png")
    kept = Image.open(io.BytesIO(photo.data))
    assert b"Mawarjingga" not in photo.data and b"rahasia" not in photo.data and "Comment" not in kept.info
    assert kept.getpixel((10, 10)) == (255, 255, 255) and photo.width == 400  # small photos are not enlarged


def test_webp_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(out, "WEBP")
    assert Image.open(io.BytesIO(reencode(out.getvalue(), "a.webp").data)).format == "JPEG"


@pytest.mark.parametrize(("raw", "words"), [
    (b"%PDF-1.7 bukan foto", "bukan foto JPEG, PNG atau WebP"),
    (b"", "kosong"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "bukan foto JPEG, PNG atau WebP"),
])
def test_what_is_no_photo_is_refused_by_its_content(raw, words):
    with pytest.raises(PhotoRefused, match=words):
        reencode(raw, "foto.jpg")  # the name says JPEG; the content decides


def test_a_gif_named_jpg_is_refused():
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    with pytest.raises(PhotoRefused, match="bukan foto"):
        reencode(out.getvalue(), "retak.jpg")


def test_a_truncated_photo_is_refused():
    raw = jpeg_with_gps(size=(800, 600))
    with pytest.raises(PhotoRefused, match="rusak atau tidak lengkap"):
        reencode(raw[: len(raw) // 2], "putus.jpg")


def test_a_decompression_bomb_is_refused_before_decoding():
    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)  # 3.6 gigapixels of RGB declared in IHDR
    bomb = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + png_chunk(b"IEND", b"")
    assert len(bomb) < 200
    with pytest.raises(PhotoRefused, match="terlalu besar ukuran pikselnya"):
        reencode(bomb, "bom.png")
    quiet = io.BytesIO()
    Image.new("1", (8000, 7000)).save(quiet, "PNG")  # 56 megapixels, below Pillow's own warning, above ours
    with pytest.raises(PhotoRefused, match="maksimal 50 megapiksel"):
        reencode(quiet.getvalue(), "besar.png")


def test_a_photo_over_the_size_limit_is_refused_unread():
    with pytest.raises(PhotoRefused, match="maksimal 5 MB"):
        reencode(b"\xff\xd8" + b"\0" * MAX_BYTES, "besar.jpg")


def test_reencode_all_refuses_too_many_and_names_the_bad_one():
    good = ("a.jpg", jpeg_with_gps(size=(300, 200)))
    photos, refused = reencode_all([good, good], 3)
    assert refused is None and len(photos) == 2
    assert reencode_all([good] * 4, 3) == ([], "Paling banyak 3 foto (terkirim 4).")
    photos, refused = reencode_all([good, ("surat.pdf", b"%PDF-1.4")], 3)
    assert photos == [] and '"surat.pdf"' in refused
    assert reencode_all([("", b"")], 3) == ([], None)  # an untouched file input


def test_a_truncated_photo_is_refused_even_after_a_pdf_was_rendered():
    """The server renders monthly reports with WeasyPrint in the same process as the uploads."""
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # what importing WeasyPrint does
    assert report_pdf.HTML is not None
    out = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(out, "JPEG")
    with pytest.raises(PhotoRefused, match="rusak atau tidak lengkap"):
        reencode(out.getvalue()[: out.tell() // 2], "putus.jpg")
