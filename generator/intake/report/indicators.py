"""The D.2 indicators, target achievement and on-time answers as lines written the seed-004 way (47 / 50 x 100 = 94,00%)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.intake.model import JENIS_LAYANAN
from generator.intake.report.gather import MonthlyReport
from generator.measure.indicator import Indicator, decimal_id, whole_id

JENIS_NAMA = {"informasi": "layanan informasi", "konsultasi": "layanan konsultasi", "pendampingan": "layanan pendampingan"}


@dataclass(frozen=True)
class Line:
    """One indicator as the report prints it: its code, label, figures and sentence."""

    kode: str
    label: str
    nilai: int | Decimal | None  # the count, the index or the percentage (None: nothing to measure yet)
    pembilang: int | None = None
    penyebut: int | None = None
    teks: str = ""

    @property
    def rumus(self) -> str:
        """The sentence without its label: `47 / 50 x 100 = 94,00%`, for a table column headed by the label."""
        return self.teks[len(self.label):].lstrip(" =:")

    def as_json(self) -> dict:
        value = float(self.nilai) if isinstance(self.nilai, Decimal) else self.nilai
        return {"label": self.label, "nilai": value, "pembilang": self.pembilang, "penyebut": self.penyebut, "baris": self.teks}


def percent_line(kode: str, label: str, numerator: int, denominator: int) -> Line:
    found = Indicator(label, numerator, denominator)
    return Line(kode, label, found.percent, numerator, denominator, found.line)


def count_line(kode: str, label: str, value: int, unit: str) -> Line:
    return Line(kode, label, value, teks=f"{label} = {whole_id(value)} {unit}")


def target_lines(report: MonthlyReport) -> list[Line]:
    """Section a: this month's achievement of the work plan's target, per kind of service."""
    done = report.rekap["per_jenis"]
    return [percent_line(jenis, f"Capaian target {JENIS_NAMA[jenis]}", done[jenis], report.target[jenis]) for jenis in JENIS_LAYANAN]


def quality_line(report: MonthlyReport) -> Line:
    """Indicator d: the month's IKM with its respondents, or that there are none yet."""
    label, q = "d. Kualitas layanan menurut tingkat kepuasan masyarakat (IKM)", report.mutu
    if q.ikm is None:
        return Line("d", label, None, 0, None, f"{label}: belum ada responden")
    return Line("d", label, q.ikm, q.n, None,
                f"{label} = {decimal_id(q.ikm)} (mutu {q.mutu}, {q.kinerja.lower()}) dari {whole_id(q.n)} responden")


def indicator_lines(report: MonthlyReport) -> list[Line]:
    """D.2 a-d and the share of web questions answered within 3 working days."""
    per_jenis, t = report.rekap["per_jenis"], report.tepat_waktu
    return [
        count_line("a", "a. Jumlah masyarakat pengguna yang mengakses layanan informasi", report.orang_informasi, "orang"),
        count_line("b", "b. Jumlah layanan konsultasi", per_jenis["konsultasi"], "layanan"),
        count_line("c", "c. Jumlah layanan bantuan teknis (pendampingan)", per_jenis["pendampingan"], "layanan"),
        quality_line(report),
        percent_line("tepat_waktu", "Persentase jawaban tepat waktu", t.tepat, t.dinilai),
    ]
