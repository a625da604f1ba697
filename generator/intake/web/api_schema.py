"""The OpenAPI contract of POST /api/pertanyaan, built from the loaded taxonomy, wilayah and settings, so that a
client generated from it (or schemathesis) builds requests the server stores rather than only ones it refuses.

Patterns use only what ECMA-262, Python `re` and Rust `regex` read alike: explicit classes and \\uXXXX escapes,
never \\s, \\d, \\w or `.`. They describe the canonical form of each value (what the server keeps after tidying:
no control characters, no surrounding spaces), so every value they admit passes forms.validate; the server is
lenient beyond that (it trims, drops control characters and ignores the case of `setuju`)."""

from __future__ import annotations

from generator.config.wilayah import Wilayah
from generator.intake.model import JENIS_PEMOHON, JENIS_PENGADUAN
from generator.intake.photos import MAX_BYTES, MAX_QUESTION_PHOTOS
from generator.intake.settings import IntakeSettings
from generator.intake.web.complaint_form import ISI_MAX, ISI_MIN
from generator.intake.web.forms import (
    CONSENT,
    EMAIL_MAX,
    INSTANSI_MAX,
    INSTANSI_MIN,
    NAME_MAX,
    NAME_MIN,
    NEEDS_INSTANSI,
    QUESTION_MAX,
    QUESTION_MIN,
    PertanyaanMasuk,
)
from generator.intake.web.submit import FORM_TYPE, JSON_TYPE

# What clean() removes or never keeps at either end: C0/C1 controls, DEL, and every character that Python's
# str.strip() or ECMA's \s counts as a space; and what forms.INVALID refuses: surrogates (never in a JSON
# Schema string), U+FFFD and the noncharacters, the astral ones written literally (no escape reads alike in
# all three engines).
_CONTROLS = r"\u0000-\u001f\u007f-\u009f"
_SPACES = r"\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_INVALID = r"\ufdd0-\ufdef\ufffd-\uffff" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
EDGE = f"[^{_CONTROLS}{_SPACES}{_INVALID}]"
NAME_CHAR = rf"[^{_CONTROLS}\u2028\u2029{_INVALID}]"
QUESTION_CHAR = rf"[^\u0000-\u0008\u000b-\u001f\u007f-\u009f{_INVALID}]"  # tab and line feed kept, as clean() keeps them
# Letters of the scripts names are written in here (Latin, Arabic/Jawi, CJK); the server takes any letter.
LETTER = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0621-\u064a\u4e00-\u9fff]"
# A letter somewhere, no space at either end (LETTER lies inside EDGE); no lookahead, which generators can
# only meet by drawing and discarding.
NAME = rf"^(?:{LETTER}|{EDGE}{NAME_CHAR}*{LETTER})(?:{NAME_CHAR}*{EDGE})?$"
# Lengths stay in minLength/maxLength: a counted repeat of these classes ({18,3998}) is past the size limit of
# Rust's regex crate; generators fit the unbounded middle to the length keywords themselves.
QUESTION = rf"^{EDGE}{QUESTION_CHAR}*{EDGE}$"
# forms.normalise_phone: separators anywhere, then 0…, +62… or 62…, a non-zero digit and 7-11 more digits.
_SEP = r"[ ().-]*"
PHONE = rf"^{_SEP}(?:\+{_SEP}6{_SEP}2|6{_SEP}2|0){_SEP}[1-9](?:{_SEP}[0-9]){{7,11}}{_SEP}$"
# forms.EMAIL with an ASCII local part: printable ASCII but space " ' < > @ (the server, which applies NFKC
# first, also takes other scripts there; NFKC would change some of them, so the schema does not promise those).
_LOCAL = r"[!#-&(-;=?A-~]{1,64}"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = rf"^(?:{_LOCAL}@(?:{_LABEL}\.)+[A-Za-z]{{2,24}})?$"
FORM_TOKEN = r"^[0-9]{1,12}\.[0-9a-f]{16}\.[0-9a-f]{64}$"
ALTCHA = r"^[A-Za-z0-9+/_-]+={0,2}$"


def _text(name: str, **schema) -> dict:
    """A string property carrying the description written on the form model."""
    return {"type": "string", "description": PertanyaanMasuk.model_fields[name].description, **schema}


def request_schema(wilayah: Wilayah, areas: dict[str, str], settings: IntakeSettings) -> dict:
    """The body schema: required fields, closed choices from the data, and the single-use proofs only when asked."""
    properties = {
        "jenis_pemohon": _text("jenis_pemohon", enum=list(JENIS_PEMOHON)),
        "instansi": _text("instansi", minLength=INSTANSI_MIN, maxLength=INSTANSI_MAX, pattern=NAME),
        "nama": _text("nama", minLength=NAME_MIN, maxLength=NAME_MAX, pattern=NAME),
        "telepon": _text("telepon", pattern=PHONE),
        "email": _text("email", maxLength=EMAIL_MAX, pattern=EMAIL_PATTERN),
        "provinsi": _text("provinsi", enum=[p.nama for p in wilayah.provinsi]),
        "kabupaten_kota": _text("kabupaten_kota", enum=sorted({k.nama for p in wilayah.provinsi for k in p.kabupaten_kota})),
        "bidang": _text("bidang", enum=list(areas)),
        "pertanyaan": _text("pertanyaan", minLength=QUESTION_MIN, maxLength=QUESTION_MAX, pattern=QUESTION),
        "setuju": _text("setuju", enum=list(CONSENT)),  # forms.validate lower-cases it first
        "token_formulir": _text("token_formulir"),
        "altcha": _text("altcha"),
        "situs_web": _text("situs_web"),
    }
    required = ["nama", "telepon", "provinsi", "kabupaten_kota", "bidang", "pertanyaan", "setuju"]
    _proofs(properties, required, settings)
    return {
        "type": "object", "properties": properties, "required": required, "additionalProperties": False,
        "anyOf": [  # the kabupaten/kota must lie in the chosen province
            {"properties": {"provinsi": {"const": p.nama}, "kabupaten_kota": {"enum": [k.nama for k in p.kabupaten_kota]}}}
            for p in wilayah.provinsi
        ],
        "oneOf": [  # a Pemda or an organisation names itself; a person (the default) need not
            {"properties": {"jenis_pemohon": {"enum": [k for k in JENIS_PEMOHON if k not in NEEDS_INSTANSI]}}},
            {"properties": {"jenis_pemohon": {"enum": list(NEEDS_INSTANSI)}}, "required": ["jenis_pemohon", "instansi"]},
        ],
    }


def _proofs(properties: dict, required: list[str], settings: IntakeSettings) -> None:
    """The single-use form token, the ALTCHA solution and the honeypot, as this server's settings ask for them."""
    if settings.min_fill_seconds > 0:
        properties["token_formulir"].update(pattern=FORM_TOKEN, description=(
            f"Token sekali pakai dari GET /api/formulir atau halaman formulir; kirim paling cepat "
            f"{settings.min_fill_seconds:g} detik setelah diambil. Satu token menyimpan satu pertanyaan."))
        required.append("token_formulir")
    else:
        properties["token_formulir"]["description"] = "Tidak diperiksa pada server ini (waktu isi minimum mati)."
    if settings.pow:
        properties["altcha"].update(pattern=ALTCHA, description=(
            "Jawaban teka-teki dari GET /api/altcha (base64 JSON ALTCHA v1), sekali pakai."
            + (" Wajib." if settings.rate_limit_no_pow == 0 else
               f" Tanpa jawaban: paling banyak {settings.rate_limit_no_pow} kiriman per jaringan per jendela.")))
        if settings.rate_limit_no_pow == 0:
            required.append("altcha")
    else:
        properties["altcha"]["description"] = "Tidak diperiksa pada server ini (bukti kerja mati)."
    if settings.honeypot:
        properties["situs_web"]["maxLength"] = 0


def complaint_schema(wilayah: Wilayah, settings: IntakeSettings) -> dict:
    """The body of POST /api/pengaduan: the question's contact fields and proofs, the kind, the province, the text."""
    properties = {
        "jenis": {"type": "string", "enum": list(JENIS_PENGADUAN), "description": "saran, masukan, atau pengaduan (tentang layanan)."},
        "nama": _text("nama", minLength=NAME_MIN, maxLength=NAME_MAX, pattern=NAME),
        "telepon": _text("telepon", pattern=PHONE),
        "email": _text("email", maxLength=EMAIL_MAX, pattern=EMAIL_PATTERN),
        "provinsi": {"type": "string", "enum": [p.nama for p in wilayah.provinsi],
                     "description": "Provinsi tempat warga dilayani: pesan diteruskan ke Kepala Balai P3KP provinsi itu."},
        "tiket_terkait": {"type": "string", "pattern": r"^(?:KPKP-[0-9]{4}-[0-9]{6})?$", "description": "Tiket pertanyaan terkait (boleh kosong)."},
        "isi": {"type": "string", "minLength": ISI_MIN, "maxLength": ISI_MAX, "pattern": QUESTION,
                "description": f"Isi saran atau pengaduan, {ISI_MIN}-{ISI_MAX} karakter. Tidak pernah diterbitkan."},
        "setuju": _text("setuju", enum=list(CONSENT)),
        "token_formulir": _text("token_formulir"),
        "altcha": _text("altcha"),
        "situs_web": _text("situs_web"),
    }
    required = ["jenis", "nama", "telepon", "provinsi", "isi", "setuju"]
    _proofs(properties, required, settings)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def complaint_doc(wilayah: Wilayah, settings: IntakeSettings) -> dict:
    """openapi_extra for POST /api/pengaduan."""
    body = complaint_schema(wilayah, settings)
    errors = {JSON_TYPE: {"schema": ERRORS}}
    stored = {"type": "object", "required": ["tiket", "tautan_status", "kepada"], "additionalProperties": False, "properties": {
        "tiket": {"type": "string", "pattern": r"^ADU-[0-9]{4}-[0-9]{6}$"}, "tautan_status": {"type": "string"},
        "kepada": {"type": "string", "description": "Kepala Balai yang dituju."}}}
    return {
        "requestBody": {"required": True, "content": {JSON_TYPE: {"schema": body}, FORM_TYPE: {"schema": body}}},
        "responses": {
            "303": {"description": "Tersimpan (formulir biasa): pindah ke halaman status pribadi."},
            "201": {"description": "Tersimpan (JSON).", "content": {JSON_TYPE: {"schema": stored}}},
            "413": {"description": "Badan permintaan terlalu besar.", "content": {**errors, **HTML}},
            "415": {"description": "Jenis konten tidak didukung.", "content": errors},
            "422": {"description": "Isian tidak valid: pesan per isian dalam bahasa Indonesia.", "content": {**errors, **HTML}},
            "429": {"description": "Terlalu banyak kiriman dari jaringan ini.", "content": {**errors, **HTML}},
        },
    }


ERRORS = {
    "type": "object", "required": ["galat"], "additionalProperties": False,
    "properties": {"galat": {"type": "object", "description": "Pesan per isian (atau `formulir`) dalam bahasa Indonesia.",
                             "additionalProperties": {"type": "string"}}},
}
STORED = {
    "type": "object", "required": ["tiket", "tenggat", "tautan_status", "html"], "additionalProperties": False,
    "properties": {
        "tiket": {"type": "string", "pattern": r"^KPKP-[0-9]{4}-[0-9]{6}$"},
        "tenggat": {"type": "string", "format": "date", "description": "Tenggat jawaban (hari kerja menurut site_config/standar_pelayanan.yml)."},
        "tautan_status": {"type": "string", "description": "Tautan pribadi ke halaman status."},
        "html": {"type": "string", "description": "Tanda terima siap tampil."},
    },
}
HTML = {"text/html": {"schema": {"type": "string"}}}
WIB_TIME = {"type": "string", "format": "date-time", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00$",
            "description": "Waktu diterima, ISO 8601 dalam WIB dengan offset +07:00 (sama dengan `diterima` pada berkas pertanyaan)."}
_CASE = {"tiket": STORED["properties"]["tiket"], "diterima": WIB_TIME,
         "tenggat": {"type": "string", "format": "date", "description": "Tenggat jawaban (tanggal WIB)."},
         "status": {"type": "string", "enum": ["menunggu-jawaban", "dijawab", "diterbitkan"]},
         "jawaban": {"type": ["string", "null"], "description": "Jawaban Tenaga Ahli (Markdown), atau null."}}
STATUS = {
    "type": "object", "additionalProperties": False, "required": ["tiket", "bidang", "diterima", "tenggat", "status", "jawaban", "lanjutan"],
    "properties": {**_CASE, "bidang": {"type": "string", "description": "Slug bidang."},
                   "lanjutan": {"type": "array", "description": "Pertanyaan lanjutan kasus ini, urut.", "items": {
                       "type": "object", "additionalProperties": False, "required": list(_CASE), "properties": _CASE}}},
}
STATUS_DOC = {"responses": {
    "200": {"description": "Dengan Accept: application/json: status kasus; selain itu halaman status (HTML).",
            "content": {JSON_TYPE: {"schema": STATUS}, **HTML}},
    "404": {"description": "Tautan status tidak dikenal.", "content": {
        JSON_TYPE: {"schema": {"type": "object", "required": ["galat"], "properties": {"galat": {"type": "string"}}}}, **HTML}},
}}
"""openapi_extra for GET /api/status/{token}."""


def post_doc(wilayah: Wilayah, areas: dict[str, str], settings: IntakeSettings) -> dict:
    """openapi_extra for the POST route: the request body for both content types and every reply it can give."""
    body = request_schema(wilayah, areas, settings)
    errors = {JSON_TYPE: {"schema": ERRORS}}
    return {
        "requestBody": {"required": True, "content": {JSON_TYPE: {"schema": body}, FORM_TYPE: {"schema": body}}, "description": (
            f"Dengan foto: multipart/form-data dengan isian yang sama ditambah berkas `foto` (paling banyak {MAX_QUESTION_PHOTOS}, "
            f"JPEG/PNG/WebP, maks. {MAX_BYTES // (1024 * 1024)} MB per foto); foto disimpan tanpa EXIF/GPS dan hanya dilihat "
            "petugas. Foto yang ditolak: 422 dengan `galat.foto`.")},
        "responses": {
            "303": {"description": "Tersimpan (formulir biasa tanpa Accept: application/json): pindah ke halaman status "
                                   "pribadi, yang menampilkan tanda terima; alamatnya yang disimpan warga.",
                    "headers": {"Location": {"description": "/api/status/{token}?pertanyaan=terkirim", "schema": {"type": "string"}}}},
            "201": {"description": "Tersimpan (JSON): tiket, tenggat, tautan status.", "content": {JSON_TYPE: {"schema": STORED}}},
            "413": {"description": f"Badan permintaan lebih dari {settings.max_body_bytes // 1024} KB (dengan foto: ditambah "
                                   f"{MAX_QUESTION_PHOTOS} × {MAX_BYTES // (1024 * 1024)} MB).",
                    "content": {**errors, **HTML}},
            "415": {"description": "Jenis konten tidak didukung.", "content": errors},
            "422": {"description": "Isian tidak valid: pesan per isian dalam bahasa Indonesia.", "content": {**errors, **HTML}},
            "429": {"description": "Terlalu banyak kiriman dari jaringan ini.", "content": {**errors, **HTML},
                    "headers": {"Retry-After": {"description": "Detik sampai boleh mengirim lagi.", "schema": {"type": "integer"}}}},
        },
    }
