"""The question form with photos over real HTTP: multipart/form-data beside the urlencoded form and JSON, every refusal a 4xx."""

from __future__ import annotations

import io
import os

import httpx
import pytest
from PIL import Image

from generator.intake.store.photos import photo_bytes, photos_of
from generator.intake.web.app import create_app
from generator.intake.web.uploads import REATTACH, photos_from_multipart
from tests.intake_server import VALID, LiveServer, intake_project, settings_for

GPS_IFD = 0x8825


def camera_jpeg(size=(2400, 1800)) -> bytes:
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "S", 2: (8.0, 39.0, 1.5), 3: "E", 4: (115.0, 12.0, 59.0)}
    out = io.BytesIO()
    Image.effect_noise(size, 50).convert("RGB").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def server(tmp_path, monkeypatch):
    project = intake_project(tmp_path)
    monkeypatch.chdir(project)
    app = create_app(settings_for(project))
    with LiveServer(app) as live:
        live.store = app.state.intake.store
        yield live


def post(server, fields: dict, photos: list[tuple[str, bytes, str]], accept_json: bool = True) -> httpx.Response:
    headers = {"Accept": "application/json"} if accept_json else {}
    return httpx.post(server.base + "/api/pertanyaan", data=fields, files=[("foto", p) for p in photos], headers=headers, timeout=60)


def test_a_question_with_two_photos_is_stored_with_them_and_without_their_gps(server):
    raw = camera_jpeg()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)
    response = post(server, VALID, [("retak.jpg", raw, "image/jpeg"), ("dinding.jpg", camera_jpeg((800, 600)), "image/jpeg")])
    assert response.status_code == 201, response.text
    ticket = response.json()["tiket"]
    listed = photos_of(server.store, ticket)
    assert [(p["urutan"], p["asal"], p["width"]) for p in listed] == [(1, "pertanyaan", 1600), (2, "pertanyaan", 800)]
    with server.store.reading() as conn:
        mime, data = photo_bytes(conn, ticket, 1)
    kept = Image.open(io.BytesIO(data))
    assert mime == "image/jpeg" and kept.getexif().get_ifd(GPS_IFD) == {} and dict(kept.getexif()) == {}


def test_a_browser_without_javascript_gets_the_receipt_page(server):
    for photos in ([("a.png", camera_jpeg((300, 200)), "image/png")], [("", b"", "application/octet-stream")]):  # or the input left empty
        response = post(server, VALID, photos, accept_json=False)
        assert response.status_code == 303 and response.headers["location"].endswith("?pertanyaan=terkirim")
        receipt = httpx.get(server.base + response.headers["location"])
        assert receipt.status_code == 200 and "<h1>Pertanyaan terkirim</h1>" in receipt.text


def test_more_than_three_photos_or_a_non_photo_is_refused_naming_the_field(server):
    small = ("a.jpg", camera_jpeg((200, 150)), "image/jpeg")
    too_many = post(server, VALID, [small] * 4)
    assert too_many.status_code == 422 and too_many.json() == {"galat": {"foto": "Paling banyak 3 foto (terkirim 4)."}}
    pdf = post(server, VALID, [("surat.jpg", b"%PDF-1.7\n" + os.urandom(500), "image/jpeg")])
    assert pdf.status_code == 422 and "bukan foto JPEG, PNG atau WebP" in pdf.json()["galat"]["foto"]
    cut = camera_jpeg((600, 400))
    broken = post(server, VALID, [("putus.jpg", cut[: len(cut) // 2], "image/jpeg")])
    assert broken.status_code == 422 and "rusak" in broken.json()["galat"]["foto"]


def test_a_form_with_a_mistake_keeps_the_values_and_asks_for_the_photos_again(server):
    response = post(server, {**VALID, "telepon": "12"}, [("a.jpg", camera_jpeg((200, 150)), "image/jpeg")], accept_json=False)
    assert response.status_code == 422
    assert "Nomor telepon/WhatsApp tidak valid" in response.text and REATTACH in response.text and "Siti Aminah" in response.text


def test_a_body_over_three_photos_is_refused_unread_and_a_malformed_one_is_a_422(server):
    huge = post(server, VALID, [("besar.jpg", os.urandom(16 * 1024 * 1024), "image/jpeg")])
    assert huge.status_code == 413 and "Kiriman terlalu besar" in huge.json()["galat"]["formulir"]
    bare = httpx.post(server.base + "/api/pertanyaan", content=b"nama=Siti", timeout=30,
                      headers={"Content-Type": "multipart/form-data", "Accept": "application/json"})
    assert bare.status_code == 422 and "boundary" in bare.json()["galat"]["formulir"]
    garbled = httpx.post(server.base + "/api/pertanyaan", content=b"--b\r\nbukan header\r\n\r\n", timeout=30,
                         headers={"Content-Type": "multipart/form-data; boundary=b", "Accept": "application/json"})
    assert garbled.status_code == 422
    assert server.post_json(VALID)[0] == 201  # JSON clients as before
    assert server.post_form(VALID, Accept="application/json")[0] == 201


def test_the_form_sends_multipart_and_offers_the_photo_field(server):
    status, _, html = server.request("/ajukan/")
    assert status == 200 and 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'name="foto"' in html and 'accept="image/jpeg,image/png,image/webp" multiple' in html
    assert "Maks. 3 foto, JPEG/PNG/WebP, maks. 5 MB per foto" in html


def test_parsing_limits():
    body = b"".join(b"--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nx\r\n" % i for i in range(61)) + b"--b--\r\n"
    upload, problem = photos_from_multipart("multipart/form-data; boundary=b", body)
    assert upload is None and problem == "Terlalu banyak isian dalam formulir."
    good = (b"--b\r\nContent-Disposition: form-data; name=\"nama\"\r\n\r\nSiti\r\n"
            b"--b\r\nContent-Disposition: form-data; name=\"foto\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8data\r\n--b--\r\n")
    upload, problem = photos_from_multipart("multipart/form-data; boundary=b", good)
    assert problem is None and upload.fields == {"nama": "Siti"} and upload.files_of("foto") == [("a.jpg", b"\xff\xd8data")]
