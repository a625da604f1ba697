"""Checks that span a design and the price tables: analyses exist, units match, every province (estimates too) prices it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from generator.config.harga import JENIS, BukuHarga, Provinsi
from generator.config.ikk import coverage_problems
from generator.content.collection import ContentSet
from generator.content.desain import Desain
from generator.content.loader import Document
from generator.rab.compute import rab
from generator.rab.table import rupiah
from generator.util.errors import Problem, problem
from generator.util.markdown import resolve

SVG = "{http://www.w3.org/2000/svg}"


def designs(content: ContentSet, published_only: bool = False) -> list[Document]:
    """The design documents, sorted by floor area then code (the catalogue's order)."""
    docs = content.section("desain-rumah", published_only)
    return sorted(docs, key=lambda d: (d.entry.tipe, d.entry.kode))  # type: ignore[attr-defined]


def check_designs(content: ContentSet, content_root: Path) -> list[Problem]:
    """Every problem of every design; a design fully priced everywhere also gets its cost-band warnings.

    ikk.yml, when the project has one, must also cover every province of wilayah.yml: checked here once."""
    out: list[Problem] = []
    book: BukuHarga = content.config.harga
    if book.ikk is not None and book.ikk_path is not None and content.config.wilayah is not None:
        out += coverage_problems(book.ikk_path, book.ikk_text, book.ikk, content.config.wilayah)
    for doc in designs(content):
        entry: Desain = doc.entry  # type: ignore[assignment]
        if entry.kode != doc.slug:
            out.append(problem(doc.path, doc.line_of("kode"), "kode", f"kode {entry.kode!r} harus sama dengan nama berkas ({doc.slug})"))
        out += _check_plan(doc, content, content_root)
        if book.analisa is None:
            if book.analisa_path is not None:
                continue  # analisa.yml exists but is invalid: its own problems are already reported
            out.append(problem(
                doc.path, doc.line_of("boq"), "boq",
                "belum ada tabel harga: buat site_config/harga_satuan/ (analisa.yml, batas.yml, provinsi/)",
            ))
            continue
        priced = _check_items(doc, book, out)
        if priced:
            out += _check_band(doc, book)
    return out


def _check_plan(doc: Document, content: ContentSet, content_root: Path) -> list[Problem]:
    rel = resolve(doc.src_uri, doc.entry.denah)[0]  # type: ignore[attr-defined]
    line = doc.line_of("denah")
    if rel not in content.assets:
        return [problem(doc.path, line, "denah", f"berkas denah {doc.entry.denah!r} tidak ditemukan")]  # type: ignore[attr-defined]
    try:
        root = ET.parse(content_root / rel).getroot()
    except ET.ParseError as exc:
        return [problem(doc.path, line, "denah", f"SVG tidak valid: {exc}")]
    if root.tag != f"{SVG}svg":
        return [problem(doc.path, line, "denah", "berkas denah bukan SVG (elemen akar harus <svg xmlns=\"http://www.w3.org/2000/svg\">)")]
    missing = [name for name in ("title", "desc") if not (root.findtext(f"{SVG}{name}") or "").strip()]
    if missing:
        return [problem(doc.path, line, "denah", f"SVG denah wajib punya {' dan '.join(f'<{m}>' for m in missing)} berisi teks")]
    return []


def _check_items(doc: Document, book: BukuHarga, out: list[Problem]) -> bool:
    """Report unknown analyses, unit mismatches and unpriced resources; True when all is priced."""
    entry: Desain = doc.entry  # type: ignore[assignment]
    analyses = book.analisa.analisa  # type: ignore[union-attr]
    before = len(out)
    for index, item in enumerate(entry.boq):
        at = ["boq", str(index)]
        analisa = analyses.get(item.kode_analisa)
        if analisa is None:
            out.append(problem(
                doc.path, doc.line_at(*at, "kode_analisa"), f"boq.{index}.kode_analisa",
                f"analisa {item.kode_analisa!r} tidak ada di site_config/harga_satuan/analisa.yml",
            ))
            continue
        if analisa.satuan != item.satuan:
            out.append(problem(
                doc.path, doc.line_at(*at, "satuan"), f"boq.{index}.satuan",
                f"satuan {item.satuan!r} tidak sama dengan satuan analisa {item.kode_analisa} ({analisa.satuan!r})",
            ))
        needed = [name for jenis in JENIS for name in getattr(analisa, jenis)]
        out += _unpriced(doc, index, item.uraian, needed, book)
    return len(out) == before and bool(book.provinsi)


def _unpriced(doc: Document, index: int, uraian: str, needed: list[str], book: BukuHarga) -> list[Problem]:
    """The item in every province, estimates included; an estimate lacks what its base table lacks, said once there."""
    missing: dict[str, tuple[Provinsi, list[str]]] = {}
    derived: dict[str, list[Provinsi]] = {}
    for provinsi in book.provinsi:
        absent = [name for name in needed if name not in provinsi.tabel.harga_dasar]
        if absent and provinsi.perkiraan is None:
            missing[provinsi.slug] = (provinsi, absent)
        elif absent:
            derived.setdefault(provinsi.perkiraan.basis.slug, []).append(provinsi)  # type: ignore[union-attr]
    out = []
    for slug, (provinsi, absent) in missing.items():
        message = (f"desain {doc.entry.kode}, item {uraian!r}: tidak berharga di provinsi {provinsi.tabel.provinsi} "  # type: ignore[attr-defined]
                   f"(harga dasar {', '.join(absent)} tidak ada di site_config/harga_satuan/provinsi/{slug}.yml)")
        if slug in derived:
            message += f"; tabel ini juga basis perkiraan {_names(derived.pop(slug))}"
        out.append(problem(doc.path, doc.line_at("boq", str(index), "kode_analisa"), f"boq.{index}.kode_analisa", message))
    for slug, provinces in derived.items():  # an estimate lacking a price its base table has: its ikk.yml entry is wrong
        out.append(problem(
            doc.path, doc.line_at("boq", str(index), "kode_analisa"), f"boq.{index}.kode_analisa",
            f"desain {doc.entry.kode}, item {uraian!r}: tidak berharga di perkiraan dari tabel {slug}.yml: {_names(provinces)}",  # type: ignore[attr-defined]
        ))
    return out


def _names(provinces: list[Provinsi]) -> str:
    """'3 provinsi: Aceh, Bali, Jambi' (the first five, then how many more)."""
    names = ", ".join(p.tabel.provinsi for p in provinces[:5])
    more = f" dan {len(provinces) - 5} lainnya" if len(provinces) > 5 else ""
    return f"{len(provinces)} provinsi: {names}{more}"


def _check_band(doc: Document, book: BukuHarga) -> list[Problem]:
    """Cost per m² against the plausible band, for the tables a TA priced (an estimate only follows the index)."""
    entry: Desain = doc.entry  # type: ignore[assignment]
    low, high = book.batas.biaya_per_m2_min, book.batas.biaya_per_m2_maks
    out = []
    for provinsi in book.langsung:
        per_m2 = rab(entry, book, provinsi)["per_m2"]
        if not low <= per_m2 <= high:
            out.append(problem(
                doc.path, doc.line_of("tipe"), "tipe",
                f"biaya per m² di provinsi {provinsi.tabel.provinsi} {rupiah(per_m2)} di luar rentang wajar "
                f"{rupiah(low)}–{rupiah(high)} (site_config/harga_satuan/batas.yml)",
                peringatan=True,
            ))
    return out
