"""`klinik kurasi tinjau`: the published pages overdue for review on a given day, the longest unreviewed first."""

from __future__ import annotations

import datetime as dt

from generator.config.project import Project
from generator.content.freshness import due_for_review
from generator.pipeline import checked
from generator.util.dates import tanggal


def tinjau(project: Project, today: dt.date) -> str:
    """The table `klinik kurasi tinjau` prints: review date, due date, kind and file of each overdue page, oldest first."""
    content = checked(project).content
    months = content.config.meta.tinjau_bulan
    if months == 0:
        return "Umur tinjauan tidak diperiksa (site_config/site.yml: tinjau_bulan: 0)."
    due = due_for_review(content, today)
    if not due:
        return f"Tidak ada konten yang perlu ditinjau per {tanggal(today)} (umur tinjauan {months} bulan)."
    table = [("ditinjau", "batas", "jenis", "berkas")]
    table += [(r.reviewed.isoformat(), r.due.isoformat(), r.kind, f"content/{r.document.src_uri}") for r in due]  # type: ignore[union-attr]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    lines.append(f"{len(due)} konten perlu ditinjau per {tanggal(today)} (umur tinjauan {months} bulan); "
                 "setelah meninjau, perbarui `ditinjau` (atau `tanggal`) berkasnya.")
    return "\n".join(lines)
