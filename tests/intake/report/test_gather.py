"""The monthly report's data on SQLite and PostgreSQL: the register's recap exactly, the breakdowns, on-time answers,
field visits (photos only when asked), the work plan, the TA's notes and nothing from another Balai or month."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from generator.intake.report.gather import gather
from generator.intake.report.indicators import indicator_lines, target_lines
from generator.intake.store.db import Store, open_engine
from generator.intake.store.pageviews import record_view
from generator.intake.store.register import Register, cases
from generator.intake.store.survey import STORED, issue, take
from tests.report_register import AS_OF, KENDALA, MONTH, TINDAK_LANJUT, fill

AREAS = {"pembiayaan": "Pembiayaan", "perencanaan-rumah": "Perencanaan Rumah"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled(request, tmp_path_factory):
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else f"sqlite:///{tmp_path_factory.mktemp('laporan')}/klinik.db"
    store = Store(open_engine(url))
    made = fill(store)
    return store, made


def test_the_recap_is_the_registers_own_and_the_breakdowns_add_up(filled):
    store, _ = filled
    report = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS)
    assert report.rekap == Register(store).recap("uji-ii", MONTH)
    assert report.rekap["per_kanal"] == {"daring": 5, "kantor": 5, "lapangan": 1, "acara": 1}
    assert report.rekap["per_jenis"] == {"informasi": 2, "konsultasi": 8, "pendampingan": 2}
    assert report.per_bidang == {"pembiayaan": 10, "perencanaan-rumah": 2}
    assert report.per_provinsi == {"Bali": 12}
    assert report.per_kabupaten == {"Bali / Kabupaten Badung": 7, "Bali / Kota Denpasar": 4}  # the event has no kabupaten/kota
    assert (report.acara, report.orang_acara, report.orang_informasi) == (1, 120, 121)


def test_on_time_counts_answers_by_their_deadline_and_leaves_out_questions_not_yet_due(filled):
    store, _ = filled
    report = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS)
    t = report.tepat_waktu
    assert (t.tepat, t.dinilai, t.belum_jatuh_tempo) == (2, 4, 1)
    line = indicator_lines(report)[-1]
    assert line.teks == "Persentase jawaban tepat waktu = 2 / 4 x 100 = 50,00%" and line.nilai == Decimal("50.00")
    later = gather(store, "uji-ii", "Balai Uji II", MONTH, MONTH.replace(month=12, day=4), AREAS)
    assert (later.tepat_waktu.tepat, later.tepat_waktu.dinilai, later.tepat_waktu.belum_jatuh_tempo) == (2, 5, 0)


def test_targets_notes_and_visits_of_the_balai(filled):
    store, made = filled
    report = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS)
    assert report.target == {"informasi": 4, "konsultasi": 8, "pendampingan": 4}
    assert [line.teks for line in target_lines(report)] == [
        "Capaian target layanan informasi = 2 / 4 x 100 = 50,00%",
        "Capaian target layanan konsultasi = 8 / 8 x 100 = 100,00%",
        "Capaian target layanan pendampingan = 2 / 4 x 100 = 50,00%",
    ]
    assert [(n.nama, n.kendala, n.tindak_lanjut) for n in report.catatan] == [("Ta Satu", KENDALA, TINDAK_LANJUT)]
    assert [(v.ticket, v.kabupaten_kota, v.selesai, v.foto) for v in report.kunjungan] == [(made["visit"], "Kabupaten Badung", True, (1, 2))]
    assert report.foto == {}  # bytes are read only for the PDF
    with_photos = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS, with_photos=True)
    assert sorted(with_photos.foto) == [(made["visit"], 1), (made["visit"], 2)]
    assert all(mime == "image/jpeg" and data[:2] == b"\xff\xd8" for mime, data in with_photos.foto.values())


def test_another_balai_and_the_national_roll_up(filled):
    store, _ = filled
    other = gather(store, "uji-i", "Balai Uji I", MONTH, AS_OF, AREAS)
    assert other.rekap["total"] == 1 and other.catatan == [] and other.kunjungan == [] and sum(other.target.values()) == 0
    national = gather(store, None, "seluruh Balai", MONTH, AS_OF, AREAS)
    assert national.rekap == Register(store).recap(None, MONTH) and national.rekap["total"] == 13
    assert national.per_provinsi == {"Bali": 12, "DKI Jakarta": 1} and national.target["konsultasi"] == 8
    october = gather(store, "uji-ii", "Balai Uji II", MONTH.replace(month=10), AS_OF, AREAS)
    assert october.rekap["total"] == 1 and october.kunjungan == [] and october.catatan == []


def test_page_views_and_the_survey_feed_section_e_and_indicator_d(filled):
    store, _ = filled
    before = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS)
    assert before.halaman == {} and indicator_lines(before)[3].teks.endswith(": belum ada responden")
    for path in ("/", "/", "/faq/pembiayaan/kpr/"):
        record_view(store, MONTH.replace(day=20), path)
    record_view(store, MONTH.replace(month=12, day=1), "/")  # December: not in this report
    views = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS).halaman
    assert views == {"/": 2, "/faq/pembiayaan/kpr/": 1}
    now = datetime(2026, 12, 1, 5, 0, tzinfo=timezone.utc)
    walk_ins = [c["ticket"] for c in cases(store, "uji-ii") if c["kanal"] == "kantor" and c["tanggal"].month == 11][:2]
    for ticket, score in zip(walk_ins, (4, 3), strict=True):
        token = issue(store, b"kunci-uji", ticket, lambda _day: "permenpanrb-2017", now)
        assert take(store, token, [score] * 9, None, now) == STORED
    quality = gather(store, "uji-ii", "Balai Uji II", MONTH, AS_OF, AREAS).mutu
    assert (quality.n, quality.ikm, quality.mutu, quality.unsur) == (2, Decimal("87.50"), "B", "permenpanrb-2017")
    assert indicator_lines(gather(store, None, "seluruh Balai", MONTH, AS_OF, AREAS))[3].teks == (
        "d. Kualitas layanan menurut tingkat kepuasan masyarakat (IKM) = 87,50 (mutu B, baik) dari 2 responden")
