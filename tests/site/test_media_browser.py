"""Video and poster pages in a real headless Chromium: nothing of a video loads before the citizen presses play, the
video then plays with its captions, an embed's player loads only on the press, a poster prints with its image, and
axe finds no serious barrier on a 360 px phone (issue 16, slow data)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from playwright.sync_api import Page, Request

from generator.config.project import Project
from generator.content.collection import ContentSet
from generator.pipeline import checked
from generator.site.build import build
from tests.browser_support import Problems, assert_fits, axe_blocking, describe_violations
from tests.conftest import ROOT, TIMEOUT_MS, served_directory, write

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
EMBED_HOST = "www.youtube-nocookie.com"
PLAYER = "<!doctype html><html lang='id'><title>Pemutar uji</title><p>Pemutar video uji</p></html>"
"""What the stand-in for the embed host answers: the test checks when the player is asked for, not what it plays."""


@pytest.fixture(scope="module")
def content() -> ContentSet:
    return checked(Project(ROOT)).content


@pytest.fixture
def phone(browser) -> Iterator[tuple[Page, Problems, list[Request]]]:
    """A 360 px phone page that records every request it makes; browser problems fail the test."""
    context = browser.new_context(locale="id-ID", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    problems = Problems()
    page = problems.watch(context.new_page())
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    yield page, problems, requests
    context.close()
    assert not problems.items, "galat di peramban:\n" + "\n".join(problems.items)


def _first(content: ContentSet, section: str):
    docs = sorted(content.section(section), key=lambda d: d.slug)
    assert docs, f"tidak ada {section} terbit untuk diuji"
    return docs[0]


def _assert_accessible(page: Page) -> None:
    assert_fits(page)
    violations = axe_blocking(page)
    assert not violations, f"{page.url}: axe menemukan hambatan:\n{describe_violations(violations)}"


def test_video_loads_nothing_before_play_then_plays_with_captions(site, content, phone):
    """The page fetches the cover and the 1-2 KB captions, never a byte of the video, until the citizen presses play
    (here with the keyboard on the native controls); then the video plays and its Indonesian captions show."""
    base, _ = site
    page, _, requests = phone
    doc = _first(content, "video")
    media = f"/video/{doc.entry.berkas}"
    page.goto(f"{base}/{doc.url}", wait_until="load")
    page.wait_for_timeout(800)  # give a preload, had there been one, time to start
    before = [r.url for r in requests if r.resource_type == "media" or r.url.endswith(media)]
    assert before == [], f"video diunduh sebelum diputar: {before}"
    assert page.locator("video").get_attribute("preload") == "none"
    assert page.locator("video").get_attribute("poster").endswith(doc.entry.sampul)
    _assert_accessible(page)

    page.locator("video").scroll_into_view_if_needed()
    page.locator("video").focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('video').currentTime > 1", timeout=10_000)
    assert any(r.url.endswith(media) for r in requests), "video diputar tanpa mengunduh berkasnya"
    track = page.evaluate("""() => {
        const video = document.querySelector('video'), element = video.querySelector('track'), track = video.textTracks[0];
        return {ready: element.readyState, mode: track.mode, language: track.language, cues: track.cues ? track.cues.length : 0,
                paused: video.paused};
    }""")
    assert track == {"ready": 2, "mode": "showing", "language": "id", "cues": track["cues"], "paused": False}
    assert track["cues"] >= 5


def test_video_plays_without_javascript(site, content, browser):
    """With scripts off (an old phone, a data saver), the native player still plays the video with its captions."""
    base, _ = site
    doc = _first(content, "video")
    context = browser.new_context(locale="id-ID", java_script_enabled=False, **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"{base}/{doc.url}", wait_until="load")
        page.locator("video").focus()
        page.keyboard.press("Space")
        page.wait_for_timeout(2500)
        assert page.locator("video").evaluate("(video) => video.currentTime") > 1
        assert page.locator("video track").evaluate("(track) => track.readyState") == 2
    finally:
        context.close()


def test_poster_prints_with_its_image(site, content, phone, tmp_path):
    """Printing a poster page (Chromium's print to PDF) gives a first sheet that holds the poster image across most of
    the page's width, without the download buttons, and the transcript after it; the page fits the phone and passes axe."""
    base, _ = site
    page, _, _ = phone
    doc = _first(content, "poster")
    page.goto(f"{base}/{doc.url}", wait_until="load")
    page.wait_for_function("[...document.images].every((img) => img.complete && img.naturalWidth > 0)")
    _assert_accessible(page)
    page.emulate_media(media="print")
    assert page.locator(".klinik-poster__unduh").first.is_hidden()
    pdf_path = tmp_path / "poster.pdf"
    page.pdf(path=str(pdf_path), format="A4", print_background=True)
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        first = pdf[0]
        width, _ = first.get_size()
        images = [obj for obj in first.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        assert images, "halaman pertama PDF tidak memuat gambar poster"
        left, _, right, _ = images[0].get_bounds()
        assert right - left > 0.5 * width, f"gambar poster hanya {right - left:.0f} dari lebar {width:.0f} pt"
        rest = " ".join(pdf[i].get_textpage().get_text_range() for i in range(1, len(pdf)))
        assert "Transkrip" in rest, "transkrip tidak tercetak sesudah poster"
    finally:
        pdf.close()


def test_section_pages_list_videos_and_posters(site, content, phone):
    """The video and poster lists link every published one, fit the phone and pass axe."""
    base, _ = site
    page, _, _ = phone
    for section in ("video", "poster"):
        page.goto(f"{base}/{section}/", wait_until="load")
        for doc in content.section(section):
            assert page.locator(f'article a[href$="{doc.slug}/"]').count() == 1, f"{section}/: {doc.slug} tidak tertaut"
        _assert_accessible(page)


EMBED_FILES = {
    "content/video/sematan-uji.md": f"""---
judul: Video sematan uji
ringkasan: Video dari host yang diizinkan.
topik: pembiayaan
tanggal: 2026-12-01
ditinjau: 2026-12-01
durasi: "0:05"
sematan: "https://{EMBED_HOST}/embed/abcdefghijk"
takarir: sematan-uji.vtt
sampul: sematan-uji.jpg
status: terbit
---
Transkrip video sematan uji.
""",
    "content/video/sematan-uji.vtt": "WEBVTT\n\n00:00.000 --> 00:04.000\nTranskrip video sematan uji.\n",
}


@pytest.fixture(scope="module")
def embed_site(tmp_path_factory) -> Iterator[str]:
    """The small fixture project with one embedded video from an allowed host, built and served."""
    from tests.conftest import copy_project

    project = copy_project("kecil", tmp_path_factory.mktemp("sematan") / "kecil")
    write(project, EMBED_FILES)
    shutil.copyfile(ROOT / "content" / "video" / "memeriksa-bata-dan-semen.jpg", project / "content" / "video" / "sematan-uji.jpg")
    site_yml = project / "site_config" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"video_sematan: [{EMBED_HOST}]\n", encoding="utf-8")
    site = build(Project(project), site_dir=Path(project) / "site")
    with served_directory(site) as base:
        yield base


def test_embed_player_loads_only_when_pressed(embed_site, phone):
    """An embed shows our own cover and a play button; the host is not contacted until the button is pressed, and the
    press puts the host's player (with autoplay) in the cover's place."""
    page, _, requests = phone
    page.route(f"https://{EMBED_HOST}/**", lambda route: route.fulfill(status=200, content_type="text/html", body=PLAYER))
    page.goto(f"{embed_site}/video/sematan-uji/", wait_until="load")
    button = page.get_by_role("button", name="Putar video (5 detik)")
    button.wait_for()
    page.wait_for_timeout(500)
    assert [r.url for r in requests if EMBED_HOST in r.url] == []
    assert page.locator("iframe").count() == 0
    _assert_accessible(page)

    button.click()
    frame = page.locator(".klinik-video iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == f"https://{EMBED_HOST}/embed/abcdefghijk?autoplay=1"
    assert frame.get_attribute("title") == "Video: Video sematan uji"
    page.wait_for_function(f"performance.getEntriesByType('resource').some((e) => e.name.includes('{EMBED_HOST}'))")
    assert any(EMBED_HOST in r.url for r in requests)
    assert page.frame_locator(".klinik-video iframe").get_by_text("Pemutar video uji").is_visible()
    _assert_accessible(page)
