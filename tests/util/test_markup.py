"""Hostile text never becomes live markup: a citizen's question through `klinik kurasi terbitkan` and `klinik build`
(parsed HTML and real Chromium), markup in hand-written content refused by `klinik check`."""

from __future__ import annotations

import datetime as dt
import json
import time
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import frontmatter
import pytest
from click.testing import CliRunner

from generator.cli import kurasi as kurasi_cli
from generator.cli.main import main
from generator.config.project import Project
from generator.intake.publish.git import GitPublisher
from generator.pipeline import checked
from generator.search.records import build_records
from generator.site.build import build
from tests.conftest import copy_project, served_directory, write
from tests.intake_repo import answer_and_merge, init_repo, submission

TICKET = "KPKP-2026-000131"
HOSTILE = ("Apakah <script>alert(1)</script> <img src=x onerror=alert(1)> \"><svg onload=alert(1)> & 'kutip' "
           "[tautan](https://contoh.example) *miring* bisa KPR? { onclick=alert(1) }")
INERT = ("Apakah < script>alert(1)< /script> < img src=x onerror=alert(1)> \">< svg onload=alert(1)> & 'kutip' "
         "[tautan](https://contoh.example) *miring* bisa KPR? { onclick=alert(1) }")
"""What kurasi writes: every character still there and visible, '<' no longer opening a tag."""
JSON_TYPES = {"application/json", "application/ld+json"}
EDITOR_SCRIPTS = {"klinik-cms-id.js", "decap-cms.js", "klinik-cms.js"}
"""The scripts of /admin/ (Decap CMS and its Indonesian start files): fixed files that carry no content."""


class Audit(HTMLParser):
    """What in one HTML page could run: handlers, script elements, script links; and the text of h1/links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.links: list[str] = []
        self.texts: dict[str, list[str]] = {"h1": [], "a": [], "title": []}
        self._open: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.handlers += [f"<{tag} {k}={v}>" for k, v in attrs if k.startswith("on")]
        self.links += [v or "" for k, v in attrs if k in ("href", "src", "action", "formaction", "xlink:href")]
        if tag == "script":
            self._script = values
            self.scripts.append((values, ""))
        if tag in self.texts:
            self._open.append(tag)
            self.texts[tag].append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if tag in self._open:
            self._open.remove(tag)

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)
        for tag in set(self._open):
            self.texts[tag][-1] += data


def audit(path: Path) -> Audit:
    parser = Audit()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The small project after a TA published a hostile citizen question as FAQ, built once with `klinik build`."""
    root = tmp_path_factory.mktemp("jahat")
    project = copy_project("kecil", root / "kecil")
    init_repo(project)
    received = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    GitPublisher(project).publish(submission(131, question=HOSTILE, received=received))
    answer_and_merge(project, TICKET, "Bisa, dengan bukti penghasilan & surat keterangan usaha.")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kurasi_cli, "_today", lambda: dt.date(2026, 11, 26))
        patch.chdir(project)
        result = CliRunner().invoke(main, ["kurasi", "terbitkan", TICKET, "--slug", "kpr-jahat", "--subtopik", "rumah-subsidi"])
        assert result.exit_code == 0, result.output
        check = CliRunner().invoke(main, ["check"])
    site = build(Project(project), site_dir=root / "site")
    return {"project": project, "site": site, "check": check}


def test_kurasi_writes_the_question_inert_and_check_accepts_it(hostile):
    post = frontmatter.load(hostile["project"] / "content/faq/pembiayaan/kpr-jahat.md")
    assert post["pertanyaan"] == INERT
    assert hostile["check"].exit_code == 0, hostile["check"].output


def test_no_page_of_the_site_holds_live_citizen_markup(hostile):
    pages = sorted(hostile["site"].rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        found = audit(page)
        rel = page.relative_to(hostile["site"]).as_posix()
        assert found.handlers == [], rel
        for attrs, text in found.scripts:
            if attrs.get("type") in JSON_TYPES:
                continue
            assert "alert" not in text, rel
            editor = rel == "admin/index.html" and attrs.get("src") in EDITOR_SCRIPTS  # the fixed page of the /admin/ editor
            assert attrs.get("src") is None or "assets/javascripts/" in attrs["src"] or editor, (rel, attrs)
        scripty = [link for link in found.links if link.strip().lower().startswith(("javascript:", "vbscript:", "data:"))]
        assert scripty == [] and "x" not in found.links and "https://contoh.example" not in found.links, rel
    for xml in hostile["site"].rglob("*.xml"):
        ElementTree.parse(xml)  # feed and sitemap stay well-formed


def test_the_visible_text_still_shows_every_character(hostile):
    site = hostile["site"]
    faq = audit(site / "faq/kpr-jahat/index.html")
    assert [t.strip() for t in faq.texts["h1"]] == [INERT]
    assert faq.texts["title"] == [f"{INERT} - Klinik PKP"]
    jsonld = next(json.loads(text) for attrs, text in faq.scripts if attrs.get("type") == "application/ld+json")
    assert jsonld["mainEntity"][0]["name"] == INERT
    assert jsonld["mainEntity"][0]["acceptedAnswer"]["text"] == "Bisa, dengan bukti penghasilan & surat keterangan usaha."
    for listing in ("bidang/pembiayaan/index.html", "bidang/pembiayaan/rumah-subsidi/index.html"):
        assert INERT in [t.strip() for t in audit(site / listing).texts["a"]], listing
    records = [r for r in build_records(checked(Project(hostile["project"]))) if r["url_without_anchor"].endswith("/faq/kpr-jahat/")]
    assert records and {r["hierarchy"]["lvl1"] for r in records} == {INERT}
    assert all("&#" not in r["content"] and "&amp;" not in r["content"] for r in records)


@pytest.fixture(scope="module")
def served(hostile):
    with served_directory(hostile["site"]) as base:
        yield base


@pytest.mark.parametrize("path", ["faq/kpr-jahat/", "bidang/pembiayaan/", "bidang/pembiayaan/rumah-subsidi/"])
def test_chromium_opens_no_dialog(browser, served, path):
    page = browser.new_page()
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    try:
        page.goto(f"{served}/{path}", wait_until="load")  # load waits for every image, failed ones (onerror) too
        page.locator("article h1").click()
        handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
            el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
        assert INERT in page.locator("article").inner_text()
    finally:
        page.close()
    assert dialogs == [] and handlers == []


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("content/faq/baru.md", "pertanyaan: Apa itu KPR?", "pertanyaan: Apa itu <b onclick=alert(1)>KPR</b> FLPP?",
         "content/faq/baru.md:2: pertanyaan: tidak boleh memuat markup HTML atau tautan skrip ('<b'); tulis sebagai teks biasa"),
        ("content/faq/baru.md", "alias: [kpr]", "alias: [kpr, '&lt;script&gt;x']",
         "content/faq/baru.md:5: alias.1: tidak boleh memuat markup HTML atau tautan skrip ('<script'); tulis sebagai teks biasa"),
        ("content/artikel/rumah-layak.md", "judul: Rumah layak huni", "judul: Rumah layak huni <script>alert(1)</script>",
         "content/artikel/rumah-layak.md:2: judul: tidak boleh memuat markup HTML atau tautan skrip ('<script'); tulis sebagai teks biasa"),
        ("content/infografis/alur.md", "alt: Diagram alur pertanyaan sampai jawaban", "alt: 'Diagram alur\"><img src=x onerror=alert(1)>'",
         "content/infografis/alur.md:7: alt: tidak boleh memuat markup HTML atau tautan skrip ('<img'); tulis sebagai teks biasa"),
        ("site_config/taxonomy.yml", "uraian: Kredit dan pembiayaan rumah.", "uraian: Kredit <iframe src=//contoh.example></iframe>",
         "site_config/taxonomy.yml:4: bidang.0.uraian: tidak boleh memuat markup HTML atau tautan skrip ('<iframe'); tulis sebagai teks biasa"),
        ("content/prosedur/pbg.md", "uraian: Buat akun di SIMBG.", "uraian: Buat akun di JavaScript:alert(1)",
         "content/prosedur/pbg.md:12: langkah.0.uraian: tidak boleh memuat markup HTML atau tautan skrip ('javascript:'); tulis sebagai teks biasa"),
    ],
)
def test_check_refuses_markup_in_a_text_field_with_one_line(kecil, rel, old, new, expected):
    write(kecil, {"content/faq/baru.md": (
        "---\npertanyaan: Apa itu KPR?\ntopik: pembiayaan\nsubtopik: kredit-rumah\nalias: [kpr]\nditinjau: 2026-11-21\n"
        "peninjau: {peran: TA, nama: Tim}\nstatus: terbit\n---\nKredit pemilikan rumah.\n"
    )})
    path = kecil / rel
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output.splitlines()) == (1, [expected, "Dibatalkan: 1 masalah di 1 berkas."])


def test_check_reports_live_html_in_a_body_at_its_line(kecil):
    write(kecil, {"content/faq/jahat.md": (
        "---\npertanyaan: Apakah jawaban ini aman dibuka?\ntopik: pembiayaan\nsubtopik: kredit-rumah\nditinjau: 2026-11-21\n"
        "peninjau: {peran: TA, nama: Tim}\nstatus: terbit\n---\nJawaban biasa, a < b dan <5 juta.\n\n"
        "<script>alert(1)</script>\n\n<img src=\"x\" onerror=\"alert(1)\">\n\nLihat [ini](JaVaScript:alert(1)).\n\n"
        "## Judul { onclick=alert(1) }\n\n<a href=\"&#100;ata:text/html,x\">y</a>\n\n<a href=\"java\nscript:alert(1)\">x</a>\n"
    )})
    result = CliRunner().invoke(main, ["check"])
    allowed = "hanya http(s), mailto, tel, atau tautan relatif"
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "content/faq/jahat.md:11: isi: elemen <script> tidak diizinkan di isi konten (situs tidak boleh memuat skrip atau bingkai); hapus elemennya",
        "content/faq/jahat.md:13: isi: atribut onerror (penangan peristiwa JavaScript) tidak diizinkan di isi konten; hapus atributnya",
        f"content/faq/jahat.md:15: isi: tautan javascript: tidak diizinkan di isi konten; {allowed}",
        "content/faq/jahat.md:17: isi: atribut onclick (penangan peristiwa JavaScript) tidak diizinkan di isi konten; hapus atributnya",
        f"content/faq/jahat.md:19: isi: tautan data: di atribut href tidak diizinkan di isi konten; {allowed}",
        f"content/faq/jahat.md:21: isi: tautan javascript: di atribut href tidak diizinkan di isi konten; {allowed}",
        "Dibatalkan: 6 masalah di 1 berkas.",
    ])


@pytest.mark.parametrize("body", ["<a " * 100_000, "<!--" * 100_000, '<a b="' * 50_000, "{" * 100_000, "[" * 100_000 + "javascript:"])
def test_the_checks_stay_linear_on_hostile_input(body):
    from generator.content.live_html import live_markup
    from generator.util.markup import markup_in, neutralise

    start = time.monotonic()
    live_markup(body)
    markup_in(body)
    neutralise(body[:300])
    assert time.monotonic() - start < 10
