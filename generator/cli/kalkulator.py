"""`klinik kpr` and `klinik mampu`: the financing reference implementation on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.cli.options import IndonesianCommand, fail, project_of, project_option
from generator.config.pembiayaan import FINANCE_FILE, load_pembiayaan
from generator.config.project import Project
from generator.tools.pembiayaan import angka, kemampuan_mengangsur, rupiah, simulasi_kpr
from generator.util.errors import ContentErrors, GeneratorError, Problem

KPR_FIELDS = ("harga", "dp", "bunga", "tenor", "zona")
MAMPU_FIELDS = ("penghasilan", "penghasilan_pasangan", "cicilan_lain", "status", "zona", "wilayah")


def _table(project: Project) -> dict:
    """The financing figures of the project, or a reported error (exit 1)."""
    problems: list[Problem] = []
    config = load_pembiayaan(project.config_dir, problems)
    if problems:
        raise ContentErrors(problems)
    if config is None:
        raise GeneratorError(f"Galat: site_config/{FINANCE_FILE} tidak ada di {project.root}.")
    return config.tabel()


def _finish(hasil: dict, fields: tuple[str, ...], as_json: bool, lines) -> None:
    """Print the result (text or JSON), or the first error in field order and exit 2."""
    if "galat" in hasil:
        fail(next(hasil["galat"][f] for f in fields if f in hasil["galat"]))
    if as_json:
        click.echo(json.dumps(hasil, ensure_ascii=False, indent=2))
        return
    width = max(len(label) for label, _ in lines(hasil))
    for label, value in lines(hasil):
        click.echo(f"{label.ljust(width)}  {value}")


def kpr_lines(h: dict) -> list[tuple[str, str]]:
    """The KPR result as labelled lines."""
    rows = [
        ("Harga rumah", rupiah(h["harga"])),
        (f"Uang muka ({angka(h['dp'])}%)", rupiah(h["uang_muka"])),
        ("Pinjaman", rupiah(h["plafon"])),
        ("Bunga", f"{angka(h['bunga'])}% per tahun, tetap (anuitas)"),
        ("Jangka waktu", f"{h['tenor']} tahun ({h['bulan']} bulan)"),
        ("Angsuran per bulan", rupiah(h["angsuran"])),
        ("Total dibayar", rupiah(h["total_bayar"])),
        ("Total bunga", rupiah(h["total_bunga"])),
    ]
    if h["wilayah"]:
        verdict = "harga dalam batas" if h["dalam_batas"] else "harga melebihi batas, tidak dapat KPR FLPP"
        rows.append((f"Batas harga {h['wilayah']}", f"{rupiah(h['batas_harga'])} ({verdict})"))
    return rows


def mampu_lines(h: dict) -> list[tuple[str, str]]:
    """The affordability result as labelled lines."""
    status = "kawin" if h["status"] == "kawin" else "belum kawin"
    verdict = (
        f"penghasilan memenuhi batas {h['zona']} ({rupiah(h['batas_penghasilan'])}, {status})"
        if h["layak_flpp"] else f"tidak memenuhi: {h['alasan']}"
    )
    if h["batas_harga"] != h["batas_harga_tertinggi"]:
        batas = f"{rupiah(h['batas_harga'])} sampai {rupiah(h['batas_harga_tertinggi'])} di {h['zona']}, menurut wilayah"
    else:
        batas = f"{rupiah(h['batas_harga'])} ({h['wilayah_harga'] or h['zona']})"
    rows = [
        ("Penghasilan rumah tangga", rupiah(h["penghasilan_total"])),
        ("Batas angsuran", rupiah(h["batas_angsuran"])),
        ("Cicilan lain", rupiah(h["cicilan_lain"])),
        ("Angsuran paling besar", rupiah(h["angsuran_maks"])),
        ("Pinjaman paling besar", f"{rupiah(h['plafon_maks'])} (bunga {angka(h['bunga'])}%, {h['tenor']} tahun)"),
        ("Harga rumah paling tinggi", f"{rupiah(h['harga_maks'])} (uang muka {angka(h['dp'])}%)"),
        ("Batas harga rumah subsidi", batas),
        ("KPR FLPP", verdict),
        ("Catatan harga", h["catatan_harga"]),
    ]
    if h["peringatan"]:
        rows.append(("Perhatian", h["peringatan"]))
    return rows


@click.command("kpr", cls=IndonesianCommand)
@project_option
@click.option("--harga", help="Harga rumah, rupiah: 166000000, 166.000.000, \"Rp 166 jt\" atau \"166 juta\".")
@click.option("--dp", help="Uang muka, persen dari harga (bawaan: ketentuan FLPP).")
@click.option("--bunga", help="Suku bunga tetap, persen per tahun (bawaan: FLPP).")
@click.option("--tenor", help="Jangka waktu, tahun (bawaan: FLPP).")
@click.option("--zona", help="Kode wilayah batas harga rumah subsidi, mis. jawa-sumatera.")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
def kpr(project_dir: Path | None, as_json: bool, **masukan) -> None:
    """Simulasi KPR: angsuran per bulan (anuitas), pinjaman, total dibayar dan total bunga."""
    hasil = simulasi_kpr(masukan, _table(project_of(project_dir)))
    _finish(hasil, KPR_FIELDS, as_json, kpr_lines)


@click.command("mampu", cls=IndonesianCommand)
@project_option
@click.option("--penghasilan", help="Penghasilan Anda per bulan, rupiah: 4500000, 4.500.000 atau \"4,5 juta\".")
@click.option("--penghasilan-pasangan", help="Penghasilan suami/istri per bulan, rupiah (bila kawin).")
@click.option("--cicilan-lain", help="Cicilan lain per bulan, rupiah, mis. \"500 rb\".")
@click.option("--zona", help="Kode zona penghasilan (Permen PKP 5/2025), mis. 1.")
@click.option("--wilayah", help="Kode wilayah batas harga rumah subsidi di zona itu, mis. jawa-sumatera (bila tidak diisi: semua wilayah zona).")
@click.option("--status", default="lajang", show_default=True, help="kawin atau lajang.")
@click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
def mampu(project_dir: Path | None, as_json: bool, **masukan) -> None:
    """Kemampuan mengangsur: angsuran, pinjaman dan harga rumah terjangkau, batas penghasilan FLPP dan batas harga rumah subsidi."""
    hasil = kemampuan_mengangsur(masukan, _table(project_of(project_dir)))
    _finish(hasil, MAMPU_FIELDS, as_json, mampu_lines)
