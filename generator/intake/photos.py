"""Citizens' photos made safe to keep: only real JPEG/PNG/WebP, no bombs, re-encoded without EXIF, GPS or comments."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from generator.intake.model import Photo

MAX_BYTES = 5 * 1024 * 1024
"""What one photo may weigh as sent (a phone's JPEG is 2-4 MB)."""
MAX_PIXELS = 50_000_000
"""Decoded size refused before decoding: a small file that inflates to gigabytes (a decompression bomb) stops here."""
LONG_EDGE = 1600
"""Enough for a TA to judge a crack; the kept copy is about 200-400 KB."""
MAX_QUESTION_PHOTOS, MAX_VISIT_PHOTOS = 3, 5
FORMATS = ("JPEG", "PNG", "WEBP")
QUALITY = 85
WRONG_KIND = "Berkas {nama} bukan foto JPEG, PNG atau WebP. Kirim foto dari kamera atau galeri."


class PhotoRefused(ValueError):
    """A photo that cannot be kept; the message says why, in Indonesian, for the citizen or the TA."""


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: transparency (PNG, WebP) and palettes become plain pixels a JPEG can hold."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _opened(raw: bytes, name: str) -> Image.Image:
    """The image header checked: a known kind by its content (never its file name) and not too many pixels."""
    try:
        image = Image.open(io.BytesIO(raw), formats=FORMATS)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, ValueError,
            SyntaxError) as exc:
        if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
            raise PhotoRefused(f"Foto {name} terlalu besar ukuran pikselnya.") from None
        raise PhotoRefused(WRONG_KIND.format(nama=name)) from None
    if image.width * image.height > MAX_PIXELS:
        raise PhotoRefused(f"Foto {name} terlalu besar ukuran pikselnya (maksimal {MAX_PIXELS // 1_000_000} megapiksel).")
    return image


def reencode(raw: bytes, name: str = "") -> Photo:
    """The photo as a fresh JPEG of at most LONG_EDGE pixels, turned upright, with nothing but its pixels."""
    shown = "".join(ch for ch in name if ch.isprintable())[:60]
    label = f'"{shown}"' if shown else "ini"
    if not raw:
        raise PhotoRefused(f"Berkas foto {label} kosong.")
    if len(raw) > MAX_BYTES:
        raise PhotoRefused(f"Foto {label} terlalu besar (maksimal {MAX_BYTES // (1024 * 1024)} MB per foto).")
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # WeasyPrint (report/pdf) turns it on for all of Pillow when imported
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            _opened(raw, label).verify()  # checksums and structure, without decoding the pixels
            image = _opened(raw, label)
            image.draft("RGB", (LONG_EDGE, LONG_EDGE))  # JPEG: decode at a reduced scale, far less memory
            image.load()
            upright = ImageOps.exif_transpose(image)  # the camera's orientation applied, so the tag can go
        except PhotoRefused:
            raise
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, Image.DecompressionBombWarning):
            # a cut-off upload is refused, never half-decoded (Pillow's LOAD_TRUNCATED_IMAGES stays off)
            raise PhotoRefused(f"Foto {label} rusak atau tidak lengkap. Kirim ulang fotonya.") from None
    flat = _flatten(upright)
    flat.thumbnail((LONG_EDGE, LONG_EDGE), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", flat.size)  # a new image: no info dict, so no EXIF, GPS, ICC, XMP or comment travels
    clean.paste(flat)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=QUALITY, optimize=True)
    return Photo(out.getvalue(), clean.width, clean.height)


def reencode_all(files: list[tuple[str, bytes]], limit: int) -> tuple[list[Photo], str | None]:
    """Every sent photo re-encoded, or ([], the Indonesian reason) for the first that cannot be kept or too many."""
    files = [(name, raw) for name, raw in files if raw or name]  # an empty file input sends one nameless empty part
    if len(files) > limit:
        return [], f"Paling banyak {limit} foto (terkirim {len(files)})."
    photos = []
    for name, raw in files:
        try:
            photos.append(reencode(raw, name))
        except PhotoRefused as exc:
            return [], str(exc)
    return photos, None
