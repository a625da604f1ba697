"""Reading a multipart/form-data body (a form with photos) in memory: no temporary file ever holds a citizen's photo."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from generator.intake.identity import clean
from generator.intake.photos import MAX_BYTES, MAX_QUESTION_PHOTOS

MULTIPART_TYPE, URLENCODED = "multipart/form-data", "application/x-www-form-urlencoded"
MAX_PARTS = 60
"""The question form has about 15 fields; a body of thousands of tiny parts is refused, not parsed."""
FIELD_LIMIT = 64 * 1024
"""A text part larger than this is no form field (the longest, the question, is 4,000 characters)."""


class UploadRefused(ValueError):
    """A multipart body that cannot be read; the message is Indonesian."""


@dataclass
class Upload:
    """A multipart body: text fields (first value each, like the urlencoded form) and the files, in order."""

    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)

    def files_of(self, name: str) -> list[tuple[str, bytes]]:
        """(file name, bytes) of every file sent under `name`, the empty part of an untouched file input dropped."""
        return [(n, raw) for n, raw in self.files.get(name, []) if raw or n]


def boundary_of(content_type: str) -> bytes | None:
    """The boundary of a multipart/form-data Content-Type header, or None when it is not one."""
    kind, options = parse_options_header(content_type)
    if kind.decode("latin-1").lower() != MULTIPART_TYPE:
        return None
    boundary = options.get(b"boundary")
    return boundary if boundary and len(boundary) <= 70 else None


class _Collector:
    """Callbacks of python-multipart's streaming parser that gather each part in memory, within limits."""

    def __init__(self, upload: Upload, file_limit: int):
        self.upload, self.file_limit = upload, file_limit
        self.parts = 0
        self.header_field = bytearray()
        self.header_value = bytearray()
        self.disposition = b""
        self.data = bytearray()

    def part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise UploadRefused("Terlalu banyak isian dalam formulir.")
        self.disposition, self.data = b"", bytearray()

    def header_end(self) -> None:
        if bytes(self.header_field).strip().lower() == b"content-disposition":
            self.disposition = bytes(self.header_value)
        self.header_field, self.header_value = bytearray(), bytearray()

    def part_data(self, data: bytes, start: int, end: int) -> None:
        self.data += data[start:end]
        if len(self.data) > self.file_limit:
            raise UploadRefused(f"Foto terlalu besar (maksimal {MAX_BYTES // (1024 * 1024)} MB per foto).")

    def part_end(self) -> None:
        _, options = parse_options_header(self.disposition)
        name = options.get(b"name", b"").decode("utf-8", errors="replace")
        if b"filename" in options:
            filename = options[b"filename"].decode("utf-8", errors="replace")
            self.upload.files.setdefault(name, []).append((filename, bytes(self.data)))
            return
        if len(self.data) > FIELD_LIMIT:
            raise UploadRefused("Isian formulir terlalu panjang.")
        value = clean(self.data.decode("utf-8", errors="replace"))
        self.upload.lists.setdefault(name, []).append(value)
        self.upload.fields.setdefault(name, value)

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.part_begin, "on_part_data": self.part_data, "on_part_end": self.part_end,
            "on_header_field": lambda d, s, e: self.header_field.extend(d[s:e]),
            "on_header_value": lambda d, s, e: self.header_value.extend(d[s:e]),
            "on_header_end": self.header_end,
        }


def parse_multipart(body: bytes, boundary: bytes, file_limit: int = MAX_BYTES + 1) -> Upload:
    """Every field and file of an already size-limited body; raise UploadRefused for a malformed one.

    A file a little over the photo limit is kept (file_limit), so the photo check can name it in its message.
    """
    upload = Upload()
    collector = _Collector(upload, file_limit)
    parser = MultipartParser(boundary, collector.callbacks(), max_size=len(body) + 1)
    try:
        parser.write(body)
        parser.finalize()
    except MultipartParseError:
        raise UploadRefused("Badan formulir multipart tidak dapat dibaca. Muat ulang halaman lalu kirim lagi.") from None
    return upload


def photos_from_multipart(content_type: str, body: bytes) -> tuple[Upload | None, str | None]:
    """(the body's fields and files, None) or (None, Indonesian reason): the one entry point for a form with photos.

    A urlencoded body (a client that sends no file) is read too, as an upload without files.
    """
    if content_type.split(";")[0].strip().lower() == URLENCODED:
        try:
            lists = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=MAX_PARTS)
        except ValueError:
            return None, "Terlalu banyak isian dalam formulir."
        lists = {k: [clean(v) for v in values] for k, values in lists.items()}
        return Upload(fields={k: v[0] for k, v in lists.items()}, lists=lists), None
    boundary = boundary_of(content_type)
    if boundary is None:
        return None, "Formulir multipart tanpa batas (boundary) yang valid."
    try:
        return parse_multipart(body, boundary), None
    except UploadRefused as exc:
        return None, str(exc)


UPLOAD_ALLOWANCE = MAX_QUESTION_PHOTOS * (MAX_BYTES + 4096)
"""How much more than a plain form a question with photos may weigh: three photos at the limit and their part headers."""
REATTACH = "Pilih ulang foto Anda: foto belum disimpan karena ada isian lain yang perlu diperbaiki."


def form_fields(content_type: str, body: bytes) -> tuple[dict[str, str] | None, str | None, list[tuple[str, bytes]]]:
    """A question sent as multipart/form-data: (fields, None, photo files) like parse_body gives, or (None, reason, [])."""
    upload, problem = photos_from_multipart(content_type, body)
    if upload is None:
        return None, problem, []
    return upload.fields, None, upload.files_of("foto")
