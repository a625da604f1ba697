"""The report as JSON: the recap exactly as `klinik layanan rekap --json` prints it, then the sections a, b, d, e and the indicators."""

from __future__ import annotations

import json

from generator.intake.report.gather import MonthlyReport
from generator.intake.report.indicators import indicator_lines, target_lines

NO_PAGE_VIEWS = "belum ada data kunjungan halaman situs"


def media(report: MonthlyReport) -> dict:
    """Section e: events and their audience, and page views of the public site (None while there is no data)."""
    views = report.halaman
    return {
        "acara": report.acara, "orang_acara": report.orang_acara,
        "halaman": None if views is None else {"total": sum(views.values()), "per_halaman": dict(sorted(views.items(), key=lambda kv: (-kv[1], kv[0])))},
        "keterangan": NO_PAGE_VIEWS if views is None else None,
    }


def as_dict(report: MonthlyReport) -> dict:
    """One dict, keys in a fixed order, nothing private: visit ids and photo counts, never a site or a photo."""
    out = dict(report.rekap)
    out["rincian"] = {"per_bidang": report.per_bidang, "per_provinsi": report.per_provinsi,
                      "per_kabupaten_kota": report.per_kabupaten, "per_pemohon": report.per_pemohon}
    out["target"] = {line.kode: {"target": line.penyebut, "realisasi": line.pembilang, "persen": line.as_json()["nilai"],
                                 "baris": line.teks} for line in target_lines(report)}
    out["kendala"] = [{"balai": n.balai, "nama": n.nama, "peran": n.peran, "kendala": n.kendala, "tindak_lanjut": n.tindak_lanjut}
                      for n in report.catatan]
    out["pengaduan_layanan"] = report.pengaduan  # counts only: never who complained or what they wrote
    out["dokumentasi"] = {
        "kunjungan": len(report.kunjungan), "foto": sum(len(v.foto) for v in report.kunjungan),
        "daftar": [{"tiket": v.ticket, "balai": v.balai, "tanggal": v.tanggal.isoformat(), "jenis": v.jenis, "bidang": v.area,
                    "provinsi": v.provinsi, "kabupaten_kota": v.kabupaten_kota, "selesai": v.selesai, "foto": len(v.foto)}
                   for v in report.kunjungan],
    }
    out["media"] = media(report)
    indicators = {line.kode: line.as_json() for line in indicator_lines(report)}
    indicators["tepat_waktu"]["belum_jatuh_tempo"] = report.tepat_waktu.belum_jatuh_tempo
    indicators["tepat_waktu"]["per_tanggal"] = report.per_tanggal.isoformat()
    out["indikator"] = indicators
    return out


def render_json(report: MonthlyReport) -> bytes:
    return (json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
