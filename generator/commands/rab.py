"""The `klinik rab` verb: find a checked design and province, return its RAB as text or JSON."""

from __future__ import annotations

import json

from generator.config.project import Project
from generator.pipeline import checked
from generator.rab.compute import rab
from generator.rab.table import tabel_teks
from generator.util.errors import UsageProblem


class ArgumenSalah(UsageProblem):
    """A design code or province the project does not have (exit code 2)."""


def rab_desain(project: Project, kode: str, provinsi: str, as_json: bool) -> str:
    """Return the RAB of design `kode` in province `provinsi` (slug or name), as a table or JSON."""
    state = checked(project)
    doc = state.content.by_slug.get(("desain-rumah", kode))
    book = state.content.config.harga
    if doc is None:
        known = ", ".join(sorted(s for (section, s) in state.content.by_slug if section == "desain-rumah")) or "(belum ada)"
        raise ArgumenSalah(f"Desain {kode!r} tidak ada; pilih salah satu: {known}")
    wanted = provinsi.strip().casefold()
    prov = next((p for p in book.provinsi if wanted in (p.slug, p.tabel.provinsi.casefold())), None)
    if prov is None:
        known = ", ".join(p.slug for p in book.provinsi)
        raise ArgumenSalah(f"Provinsi {provinsi!r} tidak punya tabel harga; pilih salah satu: {known}")
    hasil = rab(doc.entry, book, prov)  # type: ignore[arg-type]
    tabel, est = prov.tabel, prov.perkiraan
    if as_json:
        out = {"desain": kode, "nama": doc.entry.nama, "tipe": doc.entry.tipe, "provinsi": prov.slug,  # type: ignore[attr-defined]
               "nama_provinsi": tabel.provinsi, "tahun": tabel.tahun, "indikatif": True, **hasil}
        if est is not None:
            out["perkiraan"] = {"basis": est.basis.slug, "ikk": f"{est.ikk:.2f}", "ikk_basis": f"{est.ikk_basis:.2f}", "tahun_ikk": est.tahun}
        return json.dumps(out, ensure_ascii=False, indent=2)
    biaya = f"biaya umum dan keuntungan {tabel.biaya_umum_keuntungan:g}%"
    harga = (f"harga {tabel.tahun} (indikatif; {biaya})" if est is None else
             f"PERKIRAAN dari harga dasar {est.basis.tabel.provinsi} {tabel.tahun} x IKK {est.tahun} ({est.rasio}); "
             f"bukan survei harga di provinsi ini; {biaya}")
    judul = f"RAB {doc.entry.nama} (tipe {doc.entry.tipe}), provinsi {tabel.provinsi}, {harga}"  # type: ignore[attr-defined]
    return tabel_teks(judul, hasil)
