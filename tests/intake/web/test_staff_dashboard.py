"""/staf/dasbor over real HTTP: a Balai's staff see their Balai's figures only (whatever the address asks), the Ditjen
picks a Balai or all; every chart is an inline SVG image with a table of the same figures."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from generator.intake.model import NewService
from generator.intake.store.pageviews import record_view
from generator.intake.store.register import Register
from generator.intake.web.app import create_app
from generator.intake.web.staff_dashboard import week_label
from generator.util.dates import today
from tests.intake.web.staff_client import add_staff, signed_in
from tests.intake_server import ITEM, LiveServer, intake_project, settings_for

TEAM = (("kepala", "kepala-balai", "uji-ii"), ("ta.dua", "ta", "uji-ii"), ("ta.satu", "ta", "uji-i"), ("pusat", "ditjen", None))


def kantor(balai: str, day) -> NewService:
    return NewService(jenis="konsultasi", kanal="kantor", balai=balai, area="pembiayaan", provinsi="Bali", kabupaten_kota=None,
                      tanggal=day, nama="Warga Uji")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = intake_project(tmp_path_factory.mktemp("dasbor"))
    app = create_app(settings_for(project))
    intake = app.state.intake
    add_staff(intake.store, TEAM)
    register, day, now = Register(intake.store), today(), datetime.now(timezone.utc)
    for balai, count in (("uji-ii", 2), ("uji-i", 7)):
        for _ in range(count):
            register.record(kantor(balai, day), now)
    intake.store.add(replace(ITEM, balai="uji-i", provinsi="DKI Jakarta"), now - timedelta(days=40), day - timedelta(days=35))
    for _ in range(4):
        record_view(intake.store, day, "/faq/")
    with LiveServer(app) as server:
        yield server


def week_row(html: str, section: str) -> list[str]:
    """The cells of this week's row in the table under one section's heading."""
    part = html[html.index(f'id="judul-{section}"'):]
    part = part[: part.index("</table>")]
    row = re.search(rf'<tr><th scope="row">{re.escape(week_label(today() - timedelta(days=today().weekday())))}</th>(.*?)</tr>', part)
    assert row, section
    return re.findall(r"<td>(.*?)</td>", row[1])


def test_a_balai_sees_its_own_figures_and_never_another_balai_s(served):
    for username in ("kepala", "ta.dua"):
        client = signed_in(served, username)
        for path in ("/staf/dasbor", "/staf/dasbor?balai=uji-i", "/staf/dasbor?balai=semua"):
            page = client.get(path)
            assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
            assert "<h1>Dasbor Balai Uji II</h1>" in page.text and 'href="/staf/dasbor"' in page.text
            assert week_row(page.text, "layanan") == ["0", "2", "0", "0", "2"]  # daring, kantor, lapangan, acara, jumlah
            assert 'id="pilih-balai"' not in page.text
    other = signed_in(served, "ta.satu").get("/staf/dasbor").text
    assert "Dasbor Balai Uji I<" in other and week_row(other, "layanan")[1] == "7"


def test_the_ditjen_sees_every_balai_and_picks_one(served):
    client = signed_in(served, "pusat")
    everyone = client.get("/staf/dasbor").text
    assert "Dasbor semua Balai" in everyone and week_row(everyone, "layanan")[1] == "9"
    assert '<option value="semua" selected>' in everyone and '<option value="uji-i">' in everyone
    one = client.get("/staf/dasbor?balai=uji-i").text
    assert week_row(one, "layanan")[1] == "7" and '<option value="uji-i" selected>' in one
    assert "1 / 1 × 100 = 0,00%" not in one and "0 / 1 × 100 = 0,00%" in one  # the unanswered late question
    unknown = client.get("/staf/dasbor?balai=tidak-ada")
    assert unknown.status_code == 400 and "Balai tidak dikenal" in unknown.text and 'aria-invalid="true"' in unknown.text


def test_each_chart_is_an_svg_image_with_its_table(served):
    page = signed_in(served, "kepala").get("/staf/dasbor").text
    for chart in ("grafik-layanan", "grafik-tepat-waktu", "grafik-tayangan", "grafik-ikm"):
        svg = re.search(rf'<svg [^>]*id="{chart}"[^>]*>', page)
        assert svg and 'role="img"' in svg[0] and f'aria-labelledby="{chart}-judul"' in svg[0]
    assert week_row(page, "tayangan") == ["4"]  # the site's views are the same for every Balai
    assert page.count("<table class=\"klinik-dasbor__tabel\">") == 4 and "<script" not in page.split("</h1>", 1)[1].split("</article>", 1)[0]


def test_signed_out_visitors_are_sent_to_sign_in(served):
    reply = served.request("/staf/dasbor")
    assert reply[0] == 200 and "Masuk" in reply[2]  # urllib follows the redirect to the sign-in form
