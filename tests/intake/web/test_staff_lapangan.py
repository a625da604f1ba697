"""Field visits over real HTTP: the Kepala Balai assigns, the TA uploads photos and closes it; another Balai sees nothing."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from PIL import Image
from sqlalchemy import select

from generator.intake.store.schema import audit_log
from generator.intake.web.app import create_app
from tests.intake.web.staff_client import Browser, add_staff, signed_in
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

GPS_IFD = 0x8825
SITE = {"jenis_layanan": "pendampingan", "bidang": "pembiayaan", "provinsi": "Bali", "kabupaten_kota": "Kota Denpasar",
        "kecamatan": "Denpasar Selatan", "desa": "Sanur Kaja", "alamat": "Jl. Mawarjingga 7, dekat pura"}


def camera_jpeg(seed: int) -> bytes:
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "S", 2: (8.0, 39.0, 1.5), 3: "E", 4: (115.0, 12.0, 59.0)}
    out = io.BytesIO()
    Image.effect_noise((1200, 900), 40 + seed).convert("RGB").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def desk(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    ids = add_staff(app.state.intake.store)
    with LiveServer(app) as server:
        server.store = app.state.intake.store
        yield server, ids


def post_multipart(browser: Browser, path: str, fields: dict, photos: list[bytes]) -> httpx.Response:
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    files = [("foto", (f"IMG_{n}.jpg", raw, "image/jpeg")) for n, raw in enumerate(photos)]
    return browser.http.post(path, data=fields, files=files, headers={"Cookie": cookie})


def assign(head: Browser, ta_id: int, **values) -> str:
    response = head.post("/staf/lapangan", {"csrf": head.csrf("/staf/lapangan"), "ta": str(ta_id), "tanggal": "2026-12-05", **SITE, **values})
    assert response.status_code == 303, response.text
    return re.fullmatch(r"/staf/lapangan/(KPKP-\d{4}-\d{6})", response.headers["location"])[1]


def audited(server, action: str) -> int:
    with server.store.reading() as conn:
        return len(conn.execute(select(audit_log.c.id).where(audit_log.c.aksi == action)).all())


def test_assign_upload_two_photos_finish_and_another_balai_sees_nothing(desk):
    server, ids = desk
    head = signed_in(server, "kepala")
    assert "Tugaskan kunjungan" in head.get("/staf/lapangan").text
    ticket = assign(head, ids["ta.satu"])
    ta = signed_in(server, "ta.satu")
    assert "Kunjungan lapangan" in ta.get("/staf/").text  # the menu links it
    listed = ta.get("/staf/lapangan").text
    assert ticket in listed and "(tugas Anda)" in listed and "Tugaskan kunjungan" not in listed
    page = ta.get(f"/staf/lapangan/{ticket}").text
    assert "Jl. Mawarjingga 7" in page and "Sanur Kaja" in page and 'enctype="multipart/form-data"' in page
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
    saved = post_multipart(ta, f"/staf/lapangan/{ticket}/hasil", {"csrf": csrf, "uraian": "", "aksi": "simpan"}, [camera_jpeg(1), camera_jpeg(2)])
    assert saved.status_code == 303 and "galat" not in saved.headers["location"]
    page = ta.get(f"/staf/lapangan/{ticket}").text
    assert page.count(f'<img src="/staf/kasus/{ticket}/foto/') == 2 and "2 foto ditambahkan" in page
    shown = ta.get(f"/staf/kasus/{ticket}/foto/1")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    assert shown.headers["cache-control"] == "no-store"
    assert Image.open(io.BytesIO(shown.content)).getexif().get_ifd(GPS_IFD) == {}
    assert audited(server, "lihat-foto") == 1
    done = post_multipart(ta, f"/staf/lapangan/{ticket}/hasil",
                          {"csrf": csrf, "uraian": "Retak rambut di dinding timur; disarankan diplester.", "aksi": "selesai"}, [])
    assert done.status_code == 303 and "galat" not in done.headers["location"]
    page = head.get(f"/staf/lapangan/{ticket}").text
    assert "selesai, " in page and "Retak rambut" in page and "Laporkan hasil" not in page
    assert "kunjungan selesai, hasil dicatat" in page
    as_case = head.get(f"/staf/kasus/{ticket}").text  # the register's case page of the visit links it and shows its photos
    assert f'href="/staf/lapangan/{ticket}"' in as_case and as_case.count(f'<img src="/staf/kasus/{ticket}/foto/') == 2
    stranger = signed_in(server, "ta.lain")
    for path in (f"/staf/lapangan/{ticket}", f"/staf/kasus/{ticket}/foto/1", f"/staf/kasus/{ticket}/foto/2"):
        refused = stranger.get(path)
        assert refused.status_code == 403 and "Mawarjingga" not in refused.text and "Sanur" not in refused.text
    assert ticket not in stranger.get("/staf/lapangan").text
    late = post_multipart(stranger, f"/staf/lapangan/{ticket}/hasil", {"csrf": stranger.csrf("/staf/lapangan"), "aksi": "simpan"},
                          [camera_jpeg(3)])
    assert late.status_code == 403
    assert audited(server, "lihat-foto") == 1 and audited(server, "tugaskan-kunjungan") == 1
    assert audited(server, "laporkan-kunjungan") == 2
    assert "lihat-foto" in head.get("/staf/audit").text


def test_only_the_assigned_ta_reports_and_limits_hold(desk):
    server, ids = desk
    ticket = assign(signed_in(server, "kepala"), ids["ta.satu"])
    other = signed_in(server, "ta.dua")
    page = other.get(f"/staf/lapangan/{ticket}").text
    assert "Laporkan hasil" not in page and "Jl. Mawarjingga 7" in page  # a colleague of the Balai may read it
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
    refused = post_multipart(other, f"/staf/lapangan/{ticket}/hasil", {"csrf": csrf, "aksi": "simpan"}, [camera_jpeg(4)])
    assert "galat=" in refused.headers["location"] and "TA%20lain" in refused.headers["location"]
    ta = signed_in(server, "ta.satu")
    csrf = ta.csrf(f"/staf/lapangan/{ticket}")
    six = post_multipart(ta, f"/staf/lapangan/{ticket}/hasil", {"csrf": csrf, "aksi": "simpan"}, [camera_jpeg(n) for n in range(6)])
    assert "Paling%20banyak%205%20foto" in six.headers["location"]
    stale = post_multipart(ta, f"/staf/lapangan/{ticket}/hasil", {"csrf": "salah", "aksi": "simpan"}, [camera_jpeg(5)])
    assert stale.status_code == 403
    not_photo = post_multipart(ta, f"/staf/lapangan/{ticket}/hasil", {"csrf": csrf, "aksi": "simpan"}, [b"%PDF-1.7 bukan foto"])
    assert "bukan%20foto" in not_photo.headers["location"]
    assert f"/staf/kasus/{ticket}/foto/" not in ta.get(f"/staf/lapangan/{ticket}").text


def test_an_assignment_from_a_case_page_and_its_mistakes(desk):
    server, ids = desk
    fields = {**VALID, "bidang": "pembiayaan"}
    response = httpx.post(server.base + "/api/pertanyaan", data=fields, headers={"Accept": "application/json"},
                          files=[("foto", ("retak.jpg", camera_jpeg(7), "image/jpeg"))], timeout=60)
    assert response.status_code == 201
    case = response.json()["tiket"]
    head = signed_in(server, "kepala")
    page = head.get(f"/staf/kasus/{case}").text
    assert f'<img src="/staf/kasus/{case}/foto/1"' in page and f"/staf/lapangan?kasus={case}" in page
    prefilled = head.get(f"/staf/lapangan?kasus={case}").text
    assert f'value="{case}"' in prefilled and 'value="Kota Denpasar"' in prefilled
    wrong = head.post("/staf/lapangan", {"csrf": head.csrf("/staf/lapangan"), "ta": str(ids["ta.lain"]), "tanggal": "kemarin",
                                         **SITE, "desa": ""})
    assert wrong.status_code == 422
    for message in ("Pilih TA dari Balai ini.", "Isi tanggal kunjungan", "Desa/kelurahan wajib diisi"):
        assert message in wrong.text
    ticket = assign(head, ids["ta.satu"], kasus=case)
    assert f'href="/staf/kasus/{case}"' in head.get(f"/staf/lapangan/{ticket}").text
    assert "kunjungan lapangan ditugaskan ke Ta Satu" in head.get(f"/staf/kasus/{case}").text
    assert signed_in(server, "ta.lain").get(f"/staf/kasus/{case}/foto/1").status_code == 403
    assert signed_in(server, "ata").post("/staf/lapangan", {"csrf": "x", **SITE}).status_code == 403  # only the Kepala Balai assigns
