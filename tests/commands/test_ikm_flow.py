"""Issue 12's "done when" for the index: surveys answered on a phone (JavaScript off) show up in `klinik ikm ekspor` +
`klinik ikm hitung`, and after `klinik ikm terbitkan`, the merge and a build, on the published IKM page with the same value."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect

from generator.cli.main import main
from generator.config.project import Project
from generator.intake.settings import secret_key
from generator.intake.store.survey import invite
from generator.intake.web.app import create_app
from generator.site.build import build
from tests.intake_repo import git
from tests.intake_server import LiveServer, reviewed_project, settings_for

HEADER = "tanggal,nama,telepon,jenis_layanan,kanal,bidang,provinsi,kabupaten_kota,uraian,jenis_pemohon,jumlah_orang"
ROW = "2026-04-{day:02d},Warga Uji {day},0812 3456 78{day:02d},konsultasi,kantor,pembiayaan,Bali,Kota Denpasar,Tanya KPR FLPP,,"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
ANSWERS = [[4, 4, 3, 4, 3, 3, 4, 2, 3], [3, 3, 3, 4, 3, 3, 3, 2, 3], [4, 4, 4, 4, 4, 4, 4, 3, 4], [2, 3, 3, 4, 3, 3, 3, 1, 2],
           [4, 3, 3, 4, 4, 4, 4, 3, 4]]


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    project = reviewed_project(tmp_path)
    monkeypatch.chdir(project)
    (project / ".gitignore").write_text("var/\nsite/\nbukutamu.csv\n", encoding="utf-8")
    git(project, "add", ".gitignore")
    git(project, "commit", "-q", "-m", "abaikan data pribadi")
    (project / "bukutamu.csv").write_text("\n".join([HEADER, *(ROW.format(day=d) for d in range(1, 8))]) + "\n", encoding="utf-8")
    run("layanan", "impor", "bukutamu.csv", "--balai", "uji-ii")
    build(Project(project), jobs=1)
    settings = settings_for(project)
    app = create_app(settings)
    with LiveServer(app) as server:
        yield project, server, app.state.intake.store, secret_key(settings)


def test_phone_answers_reach_the_cli_and_the_published_page(clinic, browser):
    project, server, store, key = clinic
    handed = datetime.now(timezone.utc)  # the receipt is shown now; the answer counts in the month of the April service
    context = browser.new_context(locale="id-ID", java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        for n, scores in enumerate(ANSWERS, 1):
            token = invite(store, key, f"KPKP-2026-{n:06d}", lambda _day: "permenpanrb-2017", handed)  # the receipt's QR link
            page.goto(f"{server.base}/survei/{token}")
            for fieldset, score in zip(page.locator("fieldset").all(), scores, strict=True):
                fieldset.locator(f'input[value="{score}"]').check()
            page.get_by_role("button", name="Kirim penilaian").click()
            expect(page.get_by_role("status")).to_contain_text("Penilaian Anda sudah kami terima")
    finally:
        context.close()

    run("ikm", "ekspor", "--periode", "2026-S1", "--balai", "uji-ii", "-o", "jawaban.csv")
    computed = json.loads(run("ikm", "hitung", "jawaban.csv", "--unsur", "permenpanrb-2017", "--json"))
    assert computed["n"] == 5 and computed["nrr"][0] == 3.4  # U1: (4+3+4+2+4) / 5
    total = sum(sum(a) for a in ANSWERS)
    assert computed["ikm"] == round(total / 5 / 9 * 25, 2)

    assert "ditulis di cabang ikm/2026-S1: 5 responden dari 7 layanan" in run("ikm", "terbitkan", "--periode", "2026-S1")
    git(project, "merge", "-q", "ikm/2026-S1")
    site = build(Project(project), jobs=1)
    html = (site / "ikm" / "2026-s1" / "index.html").read_text(encoding="utf-8")
    shown = f"{computed['ikm']:.2f}".replace(".", ",")
    assert html.count(f"IKM:</strong> {shown}, mutu {computed['mutu']} ({computed['kinerja']})") == 2  # nasional and Balai Uji II
    assert "5 dari 7 layanan; sampel minimum 7" in html and "Warga Uji" not in html
