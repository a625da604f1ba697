"""`klinik kpr` and `klinik mampu`: the financing reference implementation on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import Problem, summary
from .pembiayaan import angka, kemampuan_mengangsur, rupiah, simulasi_kpr
from .pembiayaan_config import FINANCE_FILE, load_pembiayaan

USAGE_ERROR = 2
KPR_FIELDS = ("harga", "dp", "bunga", "tenor", "zona")
MAMPU_FIELDS = ("penghasilan", "penghasilan_pasangan", "cicilan_lain", "status", "zona")


class IndonesianCommand(click.Command):
    """A command whose argument mistakes end with one Indonesian line and exit code 2, like bad values do."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            fail(f"opsi {exc.option_name} tidak dikenal; lihat `klinik {self.name} --help`.")
        except click.BadOptionUsage as exc:
            fail(f"opsi {exc.option_name} perlu diisi nilai; lihat `klinik {self.name} --help`.")
        except click.UsageError:
            fail(f"argumen tidak dikenal; semua masukan memakai opsi, lihat `klinik {self.name} --help`.")
        return []


def fail(message: str) -> None:
    """Print one error line on stderr and stop with the usage-error code."""
    click.echo(f"Galat: {message}", err=True)
    sys.exit(USAGE_ERROR)


def _table(project_dir: Path) -> dict:
    problems: list[Problem] = []
    config = load_pembiayaan(project_dir / "site_config", problems)
    if problems:
        click.echo(summary(problems), err=True)
        sys.exit(1)
    if config is None:
        click.echo(f"Galat: site_config/{FINANCE_FILE} tidak ada di {project_dir}.", err=True)
        sys.exit(1)
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
        f"memenuhi batas penghasilan {h['zona']} ({rupiah(h['batas_penghasilan'])}, {status})"
        if h["layak_flpp"] else f"tidak memenuhi: {h['alasan']}"
    )
    rows = [
        ("Penghasilan rumah tangga", rupiah(h["penghasilan_total"])),
        ("Batas angsuran", rupiah(h["batas_angsuran"])),
        ("Cicilan lain", rupiah(h["cicilan_lain"])),
        ("Angsuran paling besar", rupiah(h["angsuran_maks"])),
        ("Pinjaman paling besar", f"{rupiah(h['plafon_maks'])} (bunga {angka(h['bunga'])}%, {h['tenor']} tahun)"),
        ("Harga rumah paling tinggi", f"{rupiah(h['harga_maks'])} (uang muka {angka(h['dp'])}%)"),
        ("KPR FLPP", verdict),
    ]
    if h["peringatan"]:
        rows.append(("Perhatian", h["peringatan"]))
    return rows


def register(main: click.Group, project_option) -> None:
    """Add `kpr` and `mampu` to the `klinik` group."""

    @main.command("kpr", cls=IndonesianCommand)
    @project_option
    @click.option("--harga", help="Harga rumah, rupiah (166000000 atau 166.000.000).")
    @click.option("--dp", help="Uang muka, persen dari harga (bawaan: ketentuan FLPP).")
    @click.option("--bunga", help="Suku bunga tetap, persen per tahun (bawaan: FLPP).")
    @click.option("--tenor", help="Jangka waktu, tahun (bawaan: FLPP).")
    @click.option("--zona", help="Kode wilayah batas harga rumah subsidi, mis. jawa-sumatera.")
    @click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
    def kpr(project_dir: Path, as_json: bool, **masukan) -> None:
        """Simulasi KPR: angsuran per bulan (anuitas), pinjaman, total dibayar dan total bunga."""
        hasil = simulasi_kpr(masukan, _table(project_dir.resolve()))
        _finish(hasil, KPR_FIELDS, as_json, kpr_lines)

    @main.command("mampu", cls=IndonesianCommand)
    @project_option
    @click.option("--penghasilan", help="Penghasilan Anda per bulan, rupiah.")
    @click.option("--penghasilan-pasangan", help="Penghasilan suami/istri per bulan, rupiah (bila kawin).")
    @click.option("--cicilan-lain", help="Cicilan lain per bulan, rupiah.")
    @click.option("--zona", help="Kode zona penghasilan (Permen PKP 5/2025), mis. 1.")
    @click.option("--status", default="lajang", show_default=True, help="kawin atau lajang.")
    @click.option("--json", "as_json", is_flag=True, help="Cetak hasil sebagai JSON.")
    def mampu(project_dir: Path, as_json: bool, **masukan) -> None:
        """Kemampuan mengangsur: angsuran, pinjaman dan harga rumah terjangkau, serta batas penghasilan FLPP."""
        hasil = kemampuan_mengangsur(masukan, _table(project_dir.resolve()))
        _finish(hasil, MAMPU_FIELDS, as_json, mampu_lines)
