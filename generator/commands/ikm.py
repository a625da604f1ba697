"""`klinik ikm hitung`: the satisfaction index of a CSV of survey answers, every bad cell named before any result."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

from generator.config.ikm import IkmConfig, UnsurSet, load_ikm
from generator.config.project import Project
from generator.measure.ikm import MAX_SCORE, MIN_SCORE, IkmResult, NoResponses, compute, round_half_up
from generator.measure.indicator import decimal_id
from generator.util.errors import ContentErrors, Problem, UsageProblem, problem, shown
from generator.util.safe_read import Refused, open_regular, size_text

FILE_LIMIT = 32 * 1024 * 1024
"""A CSV of answers: 200,000 respondents × 12 elements is about 5 MB."""
MAX_ROWS = 200_000
MAX_PROBLEMS = 200
"""Bad cells listed per run; a file of the wrong kind would otherwise print one line per cell."""
NRR_PLACES = 4
"""NRR is exact inside; shown and written to JSON rounded half up to 4 decimals (IKM is rounded to 2 from the exact value)."""
SCALE_TEXT = f"{MIN_SCORE}-{MAX_SCORE}"
SCORES = {str(score): score for score in range(MIN_SCORE, MAX_SCORE + 1)}


def _ikm_config(project: Project) -> IkmConfig:
    problems: list[Problem] = []
    config = load_ikm(project.config_dir, problems)
    if config is None or problems:
        raise ContentErrors(problems)
    return config


def unsur_set(config: IkmConfig, slug: str) -> UnsurSet:
    """The element set --unsur names, or a usage error listing the sets site_config/ikm.yml has."""
    found = config.sets.get(slug)
    if found is None:
        raise UsageProblem(f"--unsur {slug!r} tidak ada di site_config/ikm.yml; pilih: {', '.join(sorted(config.sets))}")
    return found


def _records(path: Path) -> Iterator[list[str]]:
    """The CSV's rows as text cells (header first); ',' ';' or tab, whichever the header line uses most."""
    try:
        handle, _ = open_regular(path, FILE_LIMIT)
    except FileNotFoundError:
        raise Refused("berkas tidak ditemukan") from None
    with handle:
        data = handle.read(FILE_LIMIT + 1)
    if len(data) > FILE_LIMIT:
        raise Refused(f"berkas terlalu besar (lebih dari {size_text(FILE_LIMIT)})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused("bukan teks UTF-8 (simpan ulang sebagai CSV UTF-8)") from None
    if "\x00" in text:
        raise Refused("berisi karakter NUL; ini bukan berkas CSV teks", text.count("\n", 0, text.index("\x00")) + 1)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # Excel in Indonesian locales writes ';'
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _columns(path: Path, header: list[str], chosen: UnsurSet) -> list[int]:
    """The index of each element's column U1..Un in the header (extra columns are ignored)."""
    names = [cell.strip().upper() for cell in header]
    problems, indexes = [], []
    for unsur in chosen.unsur:
        count = names.count(unsur.kode)
        if count != 1:
            why = "tidak ada" if count == 0 else f"ada {count} kali"
            problems.append(problem(path, 1, "judul kolom", f"kolom {unsur.kode} ({unsur.nama}) {why}; baris pertama harus memuat "
                                                            f"U1 sampai U{len(chosen.unsur)} untuk set {chosen.slug}"))
        else:
            indexes.append(names.index(unsur.kode))
    if problems:
        raise ContentErrors(problems)
    return indexes


def cell_problem(value: str) -> str | None:
    """Why a cell is not a score 1-4, or None when it is one."""
    text = value.strip()
    if not text:
        return f"kosong; isi nilai {SCALE_TEXT}"
    unsigned = text[1:] if text[0] in "+-" else text
    if unsigned.isascii() and unsigned.isdigit():
        return None if MIN_SCORE <= int(text) <= MAX_SCORE else f"nilai {text} di luar {SCALE_TEXT}"  # 04 and +3 are 4 and 3
    digits = unsigned.replace(",", "", 1).replace(".", "", 1)
    if digits.isascii() and digits.isdigit() and len(digits) < len(unsigned):
        return f"{shown(text)} bukan bilangan bulat; isi nilai {SCALE_TEXT}"
    return f"{shown(text)} bukan angka; isi nilai {SCALE_TEXT}"


def read_scores(path: Path, chosen: UnsurSet) -> list[list[int]]:
    """Every respondent's scores in the set's order; ContentErrors naming every bad cell as FILE:ROW: Uk: message."""
    try:
        records = _records(path)
        header = next(records, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ContentErrors([problem(path, 1, "berkas", f"berkas kosong; baris pertama harus judul kolom U1 sampai U{len(chosen.unsur)}")])
        columns = _columns(path, header, chosen)
        rows, problems = [], []
        pick, width = itemgetter(*columns), max(columns) + 1
        for number, record in enumerate(records, start=2):  # the spreadsheet's row number: the header is row 1
            if len(rows) >= MAX_ROWS:
                raise ContentErrors([problem(path, number, "berkas", f"lebih dari {MAX_ROWS:,} responden; bagi berkasnya".replace(",", "."))])
            cells = pick(record) if len(record) >= width else tuple(record[i] if i < len(record) else "" for i in columns)
            if len(columns) == 1:
                cells = (cells,)
            scores = list(map(SCORES.get, cells))  # the common case, bare digits, without any parsing
            if None in scores:
                if not any(cell.strip() for cell in record):
                    continue  # an empty line or a row of empty cells (spreadsheets export trailing ones)
                scores = [int(cell) if cell_problem(cell) is None else None for cell in cells]
                problems.extend(problem(path, number, u.kode, str(cell_problem(cell)))
                                for u, cell, score in zip(chosen.unsur, cells, scores, strict=True) if score is None)
                if len(problems) >= MAX_PROBLEMS:
                    problems.append(problem(path, number, "berkas", f"berhenti setelah {MAX_PROBLEMS} sel salah; perbaiki yang di atas lalu hitung lagi"))
                    break
            if not problems:
                rows.append(scores)  # type: ignore[arg-type]
    except Refused as exc:
        raise ContentErrors([problem(path, exc.line, "berkas", str(exc))]) from None
    except csv.Error as exc:
        raise ContentErrors([problem(path, 1, "berkas", f"CSV tidak dapat dibaca: {exc}")]) from None
    if problems:
        raise ContentErrors(problems)
    return rows


def as_text(path: Path, chosen: UnsurSet, result: IkmResult) -> str:
    """The result for a person: NRR per element with its name, then IKM, grade and performance."""
    width = max(len(u.nama) for u in chosen.unsur)
    lines = [f"IKM {path.name}: {result.n} responden, set {chosen.slug} ({chosen.nama})", "", "NRR per unsur:"]
    for unsur, value in zip(chosen.unsur, result.nrr, strict=True):
        lines.append(f"  {unsur.kode:<4}{unsur.nama:<{width}}  {decimal_id(round_half_up(value, NRR_PLACES), NRR_PLACES)}")
    lines += [
        "",
        f"IKM = Σ(NRR × 1/{len(chosen.unsur)}) × 25 = {decimal_id(result.ikm)}",
        f"Mutu pelayanan: {result.mutu}",
        f"Kinerja unit pelayanan: {result.kinerja}",
    ]
    return "\n".join(lines)


def as_json(result: IkmResult) -> str:
    """{"n", "nrr", "ikm", "mutu", "kinerja"}: NRR as numbers with 4 decimals, IKM as a number with 2 (written, not floats)."""
    nrr = ", ".join(str(round_half_up(value, NRR_PLACES)) for value in result.nrr)
    return (f'{{"n": {result.n}, "nrr": [{nrr}], "ikm": {result.ikm}, '
            f'"mutu": {json.dumps(result.mutu)}, "kinerja": {json.dumps(result.kinerja, ensure_ascii=False)}}}')


def hitung(project: Project, path: Path, slug: str, json_output: bool) -> str:
    """The index of a CSV of answers with columns U1..Un of the named set, as text or JSON."""
    chosen = unsur_set(_ikm_config(project), slug)
    rows = read_scores(path, chosen)
    try:
        result = compute(rows, len(chosen.unsur))
    except NoResponses:
        raise ContentErrors([problem(path, 2, "berkas", "tidak ada baris jawaban di bawah judul kolom; IKM belum dapat dihitung")]) from None
    return as_json(result) if json_output else as_text(path, chosen, result)
