"""How RAB figures are shown: Indonesian rupiah and volumes, the CLI table, the JSON output."""

from __future__ import annotations

from generator.content.desain import DIVISI
from generator.util.money import rupiah


def angka(value: float) -> str:
    """A volume or coefficient with a decimal comma and no trailing zeros: 12,5."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def tabel_teks(judul: str, hasil: dict) -> str:
    """The RAB as a plain-text table for the terminal: divisions, items, subtotals, total, per m²."""
    lines = [judul, ""]
    width = 44
    for divisi, subtotal in hasil["subtotal"].items():
        lines.append(DIVISI[divisi])
        for row in (r for r in hasil["baris"] if r["divisi"] == divisi):
            uraian = row["uraian"] if len(row["uraian"]) <= width else row["uraian"][: width - 1] + "…"
            lines.append(
                f"  {uraian:<{width}} {angka(row['volume']):>9} {row['satuan']:<3} x {rupiah(row['harga_satuan']):>14} = {rupiah(row['jumlah']):>15}"
            )
        lines.append(f"  {'Subtotal':<{width}} {'':>31} {rupiah(subtotal):>15}")
        lines.append("")
    lines.append(f"TOTAL {rupiah(hasil['total'])}")
    lines.append(f"Biaya per m²: {rupiah(hasil['per_m2'])}")
    return "\n".join(lines)
