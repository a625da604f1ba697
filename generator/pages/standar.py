"""The Standar Pelayanan pages (one per service, an index) and the Maklumat Pelayanan, from site_config/standar_pelayanan.yml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.config.standar_pelayanan import KELOMPOK, Bagian, Layanan, Rujukan, StandarPelayanan

INDEX = "standar-pelayanan/index.md"
MAKLUMAT = "maklumat-pelayanan.md"


def layanan_page(layanan: Layanan) -> str:
    """The src path of one service's standard."""
    return f"standar-pelayanan/{layanan.slug}.md"


def standar_pages(config: SiteConfig) -> list[str]:
    """Every page of the standard, or none when the project has no standar_pelayanan.yml."""
    if config.standar is None:
        return []
    return [INDEX, *(layanan_page(item) for item in config.standar.layanan), MAKLUMAT]


def deadline_page(config: SiteConfig) -> str | None:
    """The page where the answer deadline is set out (the consultation standard), linked from the pages that promise it."""
    if config.standar is None:
        return None
    found = config.standar.layanan_of("konsultasi")
    return layanan_page(found) if found else INDEX


@dataclass(frozen=True)
class Baris:
    """One row of a service's table: the component, its points with the figures filled in, and their legal basis."""

    nomor: int
    judul: str
    isi: list[str]
    dasar: list[str]


def cite(standar: StandarPelayanan, ref: Rujukan) -> str:
    """UU 25/2009 Pasal 21: the short name of the regulation and the part cited."""
    name = standar.peraturan[ref.peraturan].singkat
    return f"{name} {ref.bagian}" if ref.bagian else name


def rows(config: SiteConfig, layanan: Layanan) -> list[tuple[str, list[Baris]]]:
    """The two groups of components of one service, numbered as printed standards number them (1-6, then 1-8)."""
    standar, ketentuan = config.standar, config.ketentuan
    assert standar is not None
    groups: dict[str, list[Baris]] = {key: [] for key in KELOMPOK}
    for key, judul, kelompok, value in standar.komponen(layanan):
        number = len(groups[kelompok]) + 1
        if key == "dasar_hukum":
            titles = [standar.peraturan[slug].judul for slug in value]  # type: ignore[union-attr]
            groups[kelompok].append(Baris(number, judul, titles, ["UU 25/2009 Pasal 21", "PermenPANRB 15/2014"]))
        else:
            assert isinstance(value, Bagian)
            groups[kelompok].append(Baris(number, judul, [ketentuan.isi(t) for t in value.isi], [cite(standar, r) for r in value.dasar]))
    return [(KELOMPOK[key], found) for key, found in groups.items()]


def render_standar(render: Callable[..., str], config: SiteConfig) -> dict[str, str]:
    """Render the index, one page per service and the Maklumat (nothing when the project has no standard)."""
    standar = config.standar
    if standar is None:
        return {}
    ketentuan = config.ketentuan
    services = [(item, layanan_page(item)) for item in standar.layanan]
    pages = {INDEX: render("standar_index.md.j2", src=INDEX, standar=standar, services=services, maklumat=MAKLUMAT)}
    for item, src in services:
        pages[src] = render("standar_layanan.md.j2", src=src, standar=standar, layanan=item, groups=rows(config, item),
                            index=INDEX, maklumat=MAKLUMAT, others=[(o, p) for o, p in services if o is not item])
    m = standar.maklumat
    pages[MAKLUMAT] = render("maklumat.md.j2", src=MAKLUMAT, standar=standar, m=m, index=INDEX, isi=[ketentuan.isi(t) for t in m.isi],
                             janji=[ketentuan.isi(t) for t in m.janji], dasar=[cite(standar, r) for r in m.dasar])
    return pages
