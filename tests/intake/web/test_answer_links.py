"""A TA's answer may link the site's own pages the way the submission file sees them (../../../content/faq/...md):
on the status page those become the pages' public addresses, and a link that leads nowhere is plain text."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.intake.web.answer_links import site_href
from generator.intake.web.app import create_app
from generator.intake.web.pages import answer_html
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

SOURCE = "submissions/2026/11/KPKP-2026-000001.md"


@pytest.fixture
def site(tmp_path) -> Path:
    for page in ("faq/syarat-kpr/index.html", "artikel/atap-bocor/index.html", "bidang/pembiayaan/index.html", "modul/panduan.pdf"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("x", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("target, href", [
    ("../../../content/faq/pembiayaan/syarat-kpr.md", "/faq/syarat-kpr/"),  # FAQ in a sub-folder: its flat URL
    ("../../../content/faq/pembiayaan/syarat-kpr.md#dokumen", "/faq/syarat-kpr/#dokumen"),
    ("../../../content/faq/pembiayaan/syarat-kpr.md?x=1", "/faq/syarat-kpr/"),
    ("../../../content/artikel/atap/atap-bocor.md", "/artikel/atap-bocor/"),
    ("content/faq/pembiayaan/syarat-kpr.md", "/faq/syarat-kpr/"),  # written from the repository's root
    ("../../content/faq/syarat-kpr.md", "/faq/syarat-kpr/"),  # the dots miscounted
    ("../../../content/modul/panduan.pdf", "/modul/panduan.pdf"),
    ("/faq/syarat-kpr/", "/faq/syarat-kpr/"),
    ("/bidang/pembiayaan/#kpr", "/bidang/pembiayaan/#kpr"),
    ("https://www.lapor.go.id/", "https://www.lapor.go.id/"),
    ("mailto:klinik@pkp.go.id", "mailto:klinik@pkp.go.id"),
    ("../../../content/faq/tidak-ada.md", None),  # not published (or never was)
    ("../../../content/faq/draf/", None),
    ("/faq/tidak-ada/", None),
    ("#dokumen", None),  # the status page has no such anchor
    ("", None),
    ("../../../README.md", None),
    ("KPKP-2026-000002.md", None),
    ("../../../content/../../../../etc/passwd", None),
    ("/%2e%2e/%2e%2e/etc/passwd", None),
    ("../../../content/faq/a%00b.md", None),
    ("//contoh.example/faq/", None),
    ("javascript:alert(1)", None),
    ("data:text/html,hai", None),
])
def test_each_link_becomes_a_public_address_or_nothing(site, target, href):
    assert site_href(site, SOURCE, target) == href


def test_the_answer_keeps_good_links_and_shows_the_rest_as_text(site):
    answer = ("Lihat [syarat KPR](../../../content/faq/pembiayaan/syarat-kpr.md), [**halaman lama**](../../../content/faq/hilang.md), "
              "[LAPOR](https://www.lapor.go.id/) dan [ini](javascript:alert(1)).")
    html = str(answer_html(answer, lambda target: site_href(site, SOURCE, target)))
    assert '<a href="/faq/syarat-kpr/" rel="noopener noreferrer nofollow">syarat KPR</a>' in html
    assert '<a href="https://www.lapor.go.id/" rel="noopener noreferrer nofollow">LAPOR</a>' in html
    assert ", <strong>halaman lama</strong>, " in html and " dan ini." in html
    assert html.count("<a ") == 2 and "content/" not in html and ".md" not in html


def test_without_a_built_site_every_internal_link_is_text(tmp_path):
    html = str(answer_html("[syarat](../../../content/faq/pembiayaan/syarat-kpr.md)", lambda t: site_href(tmp_path / "situs", SOURCE, t)))
    assert html == "<p>syarat</p>"


def test_the_status_page_links_the_faq_a_ta_pointed_at(tmp_path):
    project = intake_project(tmp_path)
    page = project / "site" / "faq" / "syarat-kpr" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>Syarat KPR</h1>", encoding="utf-8")
    with LiveServer(create_app(settings_for(project))) as server:
        reply = json.loads(server.post_json(VALID)[2])
        answer = "Baca [syarat KPR](../../../content/faq/pembiayaan/syarat-kpr.md) dan [draf](../../../content/faq/draf.md)."
        server.server.config.app.state.intake.store.record_answer(reply["tiket"], answer, datetime.now(timezone.utc))
        body = server.request(reply["tautan_status"].removeprefix(server.base))[2]
        href = re.search(r'<a href="([^"]+)"[^>]*>syarat KPR</a>', body).group(1)
        assert href == "/faq/syarat-kpr/" and server.request(href)[0] == 200
        assert " dan draf." in body and "../../../content" not in body
