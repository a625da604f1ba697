"""Reading a Balai's existing guest book (CSV or XLSX) into register rows: every row checked before any is kept."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook

from generator.config import SiteConfig
from generator.config.wilayah import Wilayah
from generator.intake.identity import INVALID, clean, normalise_phone
from generator.intake.model import BENTUK_PENDAMPINGAN, JENIS_LAYANAN, JENIS_PEMOHON, KANAL, NewService
from generator.util.errors import Problem, problem
from generator.util.fields import TICKET_PATTERN
from generator.util.safe_read import Refused, open_regular

FILE_LIMIT = 20 * 1024 * 1024
MAX_ROWS = 50_000
REQUIRED = ("tanggal", "nama", "telepon", "jenis_layanan", "kanal", "bidang", "provinsi", "kabupaten_kota", "uraian")
OPTIONAL = ("jenis_pemohon", "jumlah_orang", "bentuk_pendampingan", "menindaklanjuti")
URAIAN_MAX = 4000
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_TICKET = re.compile(TICKET_PATTERN)


def _cell(value: object) -> object:
    """A cell as text, except dates a spreadsheet stored as dates."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value)


def _csv_rows(data: bytes) -> Iterator[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused("bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel in Indonesian locales writes ';'
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [_cell(v) for v in row]


def _xlsx_rows(data: bytes) -> Iterator[list[object]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise Refused("bukan berkas XLSX yang dapat dibaca") from None
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield [_cell(v) for v in row]


def read_rows(path: Path) -> list[list[object]]:
    """All rows of the first sheet (XLSX) or of the CSV, header first; raise Refused for an unreadable file."""
    handle, _ = open_regular(path, FILE_LIMIT)
    with handle:
        data = handle.read(FILE_LIMIT + 1)
    reader = _xlsx_rows if path.suffix.lower() == ".xlsx" else _csv_rows
    rows = []
    for row in reader(data):
        rows.append(row)
        if len(rows) > MAX_ROWS + 1:
            raise Refused(f"lebih dari {MAX_ROWS:,} baris; bagi berkas menjadi beberapa".replace(",", "."))
    return rows


def parse_date(value: object) -> dt.date | None:
    """YYYY-MM-DD or DD/MM/YYYY (or a spreadsheet date); None when it is neither or no such day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DMY.fullmatch(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def _text(values: dict[str, object], column: str) -> str:
    value = values.get(column, "")
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value or "")


def check_service(values: dict[str, object], wilayah: Wilayah | None, areas: dict[str, str], balai: str,
                  today: dt.date) -> tuple[NewService | None, dict[str, str]]:
    """One service as a guest-book row or the back-office form gives it: the service, or {column: message} for all."""
    errors: dict[str, str] = {}
    tanggal = parse_date(values.get("tanggal", ""))
    if not _text(values, "tanggal"):
        errors["tanggal"] = "wajib diisi (YYYY-MM-DD atau DD/MM/YYYY)"
    elif tanggal is None:
        errors["tanggal"] = f"{_text(values, 'tanggal')!r} bukan tanggal (YYYY-MM-DD atau DD/MM/YYYY)"
    elif tanggal > today:
        errors["tanggal"] = f"{tanggal:%Y-%m-%d} belum terjadi"
    jenis, kanal = _text(values, "jenis_layanan").lower(), _text(values, "kanal").lower()
    pemohon = _text(values, "jenis_pemohon").lower() or "perorangan"
    for column, value, allowed in (("jenis_layanan", jenis, JENIS_LAYANAN), ("kanal", kanal, KANAL), ("jenis_pemohon", pemohon, JENIS_PEMOHON)):
        if value not in allowed:
            errors[column] = f"{value!r} tidak dikenal; pilih: {', '.join(allowed)}" if value else f"wajib diisi; pilih: {', '.join(allowed)}"
    area = _text(values, "bidang")
    if area not in areas:
        errors["bidang"] = f"{area!r} bukan slug bidang; pilih: {', '.join(areas)}"
    provinsi, kota = _text(values, "provinsi"), _text(values, "kabupaten_kota")
    if wilayah is None or wilayah.province(provinsi) is None:
        errors["provinsi"] = f"{provinsi!r} tidak ada di wilayah.yml (tulis persis, mis. Jawa Tengah)"
    elif kota and not wilayah.has(provinsi, kota):
        errors["kabupaten_kota"] = f"{kota!r} tidak ada di provinsi {provinsi}"
    elif not kota and kanal != "acara":
        errors["kabupaten_kota"] = "wajib diisi (kecuali kanal acara)"
    nama, telepon_text = _text(values, "nama"), _text(values, "telepon")
    telepon = normalise_phone(telepon_text) if telepon_text else None
    if kanal == "acara" and (nama or telepon_text):
        errors["nama"] = "layanan di acara tidak mencatat identitas: kosongkan nama dan telepon, isi jumlah_orang"
    elif kanal != "acara" and not 2 <= len(nama) <= 100:
        errors["nama"] = "wajib diisi (2-100 karakter)"
    if telepon_text and telepon is None and kanal != "acara":
        errors["telepon"] = f"{telepon_text!r} bukan nomor Indonesia (mis. 0812 3456 7890)"
    uraian = _text(values, "uraian")
    if not uraian:
        errors["uraian"] = "wajib diisi: apa yang ditanyakan atau dilayani"
    elif len(uraian) > URAIAN_MAX:
        errors["uraian"] = f"terlalu panjang: maksimal {URAIAN_MAX} karakter (sekarang {len(uraian)})"
    jumlah = _text(values, "jumlah_orang")
    if jumlah and not (jumlah.isascii() and jumlah.isdigit() and 0 < int(jumlah) <= 100_000):
        errors["jumlah_orang"] = f"{jumlah!r} bukan bilangan bulat 1-100000"
    bentuk, follows = _text(values, "bentuk_pendampingan").lower(), _text(values, "menindaklanjuti").upper()
    if bentuk and jenis != "pendampingan":
        errors["bentuk_pendampingan"] = "hanya untuk jenis_layanan pendampingan"
    elif bentuk and bentuk not in BENTUK_PENDAMPINGAN:
        errors["bentuk_pendampingan"] = f"{bentuk!r} tidak dikenal; pilih: {', '.join(BENTUK_PENDAMPINGAN)}"
    if follows and jenis != "pendampingan":
        errors["menindaklanjuti"] = "hanya untuk jenis_layanan pendampingan (nomor tiket konsultasi yang ditindaklanjuti)"
    elif follows and not _TICKET.fullmatch(follows):
        errors["menindaklanjuti"] = f"{follows!r} bukan nomor tiket (KPKP-TAHUN-NOMOR)"
    for column in (*REQUIRED, *OPTIONAL):
        if INVALID.search(_text(values, column)):
            errors[column] = "berisi karakter yang tidak valid; ketik ulang bagian itu"
    if errors or tanggal is None:
        return None, errors
    return NewService(
        jenis=jenis, kanal=kanal, balai=balai, area=area, provinsi=provinsi, kabupaten_kota=kota or None, tanggal=tanggal,
        uraian=uraian, nama=nama or None, telepon=telepon, jenis_pemohon=pemohon,
        jumlah_orang=int(jumlah) if jumlah else (1 if kanal == "acara" else None), bentuk=bentuk or None,
        menindaklanjuti=follows or None,
    ), {}


def _key(balai: str, service: NewService, seen: Counter) -> str:
    """The same row of the same guest book always gets the same key (the n-th identical row its own)."""
    fields = (balai, service.tanggal.isoformat(), service.nama or "", service.telepon or "", service.jenis, service.kanal,
              service.area, service.provinsi, service.kabupaten_kota or "", service.uraian or "", service.jenis_pemohon,
              str(service.jumlah_orang or ""), *((service.bentuk or "", service.menindaklanjuti or "")
                                                   if service.bentuk or service.menindaklanjuti else ()))  # older keys unchanged
    digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:40]
    seen[digest] += 1
    return f"impor:{digest}:{seen[digest]}"


def read_guestbook(path: Path, config: SiteConfig, balai: str, today: dt.date) -> tuple[list[NewService], list[Problem]]:
    """Every row as a register service, or every problem as FILE:ROW: column: message (then nothing is imported)."""
    problems: list[Problem] = []
    try:
        rows = read_rows(path)
    except Refused as exc:
        return [], [problem(path, exc.line, "berkas", str(exc))]
    except FileNotFoundError:
        return [], [problem(path, 1, "berkas", "tidak ditemukan")]
    if not rows:
        return [], [problem(path, 1, "berkas", "kosong: baris pertama harus judul kolom")]
    header = [str(h).strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in REQUIRED + OPTIONAL]
    if missing:
        problems.append(problem(path, 1, "judul kolom", f"kolom wajib tidak ada: {', '.join(missing)}"))
    if unknown:
        problems.append(problem(path, 1, "judul kolom", f"kolom tidak dikenal: {', '.join(unknown)}; kolom yang dikenal: {', '.join(REQUIRED + OPTIONAL)}"))
    if problems:
        return [], problems
    services: list[NewService] = []
    seen: Counter = Counter()
    for number, values in enumerate(rows[1:], start=2):
        if all(v in ("", None) for v in values):
            continue  # blank lines between entries
        areas = {b.slug: b.nama for b in config.taxonomy.bidang}
        service, errors = check_service(dict(zip(header, values, strict=False)), config.wilayah, areas, balai, today)
        problems.extend(problem(path, number, column, message) for column, message in errors.items())
        if service is not None:
            services.append(NewService(**{**service.__dict__, "sumber": _key(balai, service, seen)}))
    if not services and not problems:
        problems.append(problem(path, 2, "berkas", "tidak ada baris data di bawah judul kolom"))
    return (services if not problems else []), problems
