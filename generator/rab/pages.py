"""What the design pages and the catalogue show: RAB per province, filter data, estimator data."""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.config.harga import JENIS, BukuHarga, Perkiraan, Provinsi
from generator.config.ikk import angka_ikk
from generator.content.desain import DIVISI, STRUKTUR, Desain
from generator.content.loader import Document
from generator.rab.compute import rab
from generator.util.jsonscript import script_json


@dataclass(frozen=True)
class RabProvinsi:
    """One design's RAB in one province, with the names the page and the downloads need."""

    provinsi: Provinsi
    hasil: dict

    @property
    def slug(self) -> str:
        return self.provinsi.slug

    @property
    def nama(self) -> str:
        return self.provinsi.tabel.provinsi

    @property
    def perkiraan(self) -> Perkiraan | None:
        """How the table was estimated from IKK, or None for a table a TA priced."""
        return self.provinsi.perkiraan


def rab_per_provinsi(entry: Desain, book: BukuHarga) -> list[RabProvinsi]:
    """The RAB of a design in every province, priced or estimated, in the price book's order."""
    return [RabProvinsi(p, rab(entry, book, p)) for p in book.provinsi]


def download_name(design: str, slug: str, suffix: str) -> str:
    """File name of a RAB download next to the design page, unique across designs: rab-t36-konvensional-jawa-barat.xlsx."""
    return f"rab-{design}-{slug}.{suffix}"


def default_slug(book: BukuHarga) -> str:
    """The province the selectors show first: the first one a TA priced (not an estimate)."""
    return book.langsung[0].slug if book.langsung else ""


def design_context(doc: Document, book: BukuHarga) -> dict:
    """Template context of one design page."""
    return {
        "rabs": rab_per_provinsi(doc.entry, book), "divisi": DIVISI, "struktur": STRUKTUR, "ikk": book.ikk,
        "pertama": default_slug(book), "unduhan": lambda slug, suffix: download_name(doc.slug, slug, suffix),
    }


def catalogue_context(docs: list[Document], book: BukuHarga) -> dict:
    """Template context of the catalogue: cards with filter data and the estimator's inputs."""
    cards = []
    for doc in docs:
        entry: Desain = doc.entry  # type: ignore[assignment]
        totals = {r.slug: r.hasil["total"] for r in rab_per_provinsi(entry, book)}
        cards.append({"doc": doc, "e": entry, "totals": totals, "biaya_json": json.dumps(totals, separators=(",", ":"))})
    used = sorted({item.kode_analisa for doc in docs for item in doc.entry.boq})  # type: ignore[attr-defined]
    analyses = book.analisa.analisa if book.analisa else {}
    needed = {name for k in used if k in analyses for _, name, _ in analyses[k].koefisien()}
    data = {
        "desain": {
            doc.entry.kode: {"nama": doc.entry.nama, "tipe": doc.entry.tipe, "items": [i.model_dump() for i in doc.entry.boq]}  # type: ignore[attr-defined]
            for doc in docs
        },
        "analisa": {k: {"uraian": analyses[k].uraian, **analyses[k].model_dump(include={"satuan", *JENIS})} for k in used if k in analyses},
        "provinsi": {
            p.slug: {
                "nama": p.tabel.provinsi, "tahun": p.tabel.tahun, "biaya_umum": p.tabel.biaya_umum_keuntungan,
                "harga_dasar": {k: v for k, v in p.tabel.harga_dasar.items() if k in needed},
            }
            for p in book.provinsi
        },
    }
    return {
        "cards": cards, "provinces": book.provinsi, "langsung": book.langsung, "struktur": STRUKTUR, "ikk": book.ikk,
        "pertama": default_slug(book), "rab_json": script_json(data, compact=True), "batas": book.batas, "ikk_baris": ikk_rows(book),
    }


def ikk_rows(book: BukuHarga) -> list[tuple[str, str, str]]:
    """The index table under the catalogue: province, IKK with a decimal comma, where its prices come from."""
    if book.ikk is None:
        return []
    basis = book.by_slug(book.ikk.basis)
    source = f"perkiraan dari {basis.tabel.provinsi}" if basis else "perkiraan"
    return [(p.nama, angka_ikk(p.ikk), "tabel harga sendiri" if p.tabel else source) for p in book.ikk.provinsi]
