"""The browser editor at /admin/, end to end: Decap CMS on the built site, decap-server in git mode on a throwaway clone,
a FAQ written in the Indonesian editor, saved as a draft branch, made ready, published into main, then checked and built."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
import yaml
from playwright.sync_api import Page, expect

from generator.commands.cms import cms
from generator.config import read_site_config
from generator.config.project import Project
from generator.intake.web.app import create_app
from generator.site.build import build
from generator.site.cms_config import config_yaml, decap_config
from generator.site.editor import ADMIN_DIR, CONFIG_FILE
from tests.browser_support import Problems
from tests.conftest import check_problems, copy_project, served_directory
from tests.decap_server import decap_server, git, throwaway_clone
from tests.intake_server import LiveServer, free_port, settings_for

QUESTION = "Bolehkah cicilan KPR subsidi dibayar lebih cepat dari jadwal?"
SLUG = "bolehkah-cicilan-kpr-subsidi-dibayar-lebih-cepat-dari-jadwal"
ANSWER = "Boleh. Tanyakan dulu ke bank penyalur tentang biaya pelunasan dipercepat."
LOAD_MS = 20_000
"""The first load parses a 5 MB bundle; two busy CI cores need more than the default."""


def _pick(page: Page, label: str, option: str) -> None:
    """Choose an option of one of Decap's select boxes (react-select), found by its field label."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def _write_faq(page: Page) -> None:
    """Fill every required field of a new FAQ the way a TA does, in the order the form shows them."""
    _pick(page, "Status", "Terbit")
    question = page.get_by_label("Pertanyaan", exact=True)
    question.clear()
    question.fill(QUESTION)
    expect(question).to_have_value(QUESTION, timeout=LOAD_MS)
    _pick(page, "Topik", "Pembiayaan")
    _pick(page, "Subtopik", "Kredit rumah (Pembiayaan)")
    page.get_by_label("Ditinjau", exact=True).fill("2026-12-03")
    _pick(page, "Peran", "TA")
    page.get_by_label("Nama", exact=True).fill("Tim Tenaga Ahli Klinik PKP")
    page.get_by_label("Terkait (tidak wajib)", exact=True).fill("syarat")  # a FAQ in a sub-folder: stored by its file name
    page.get_by_role("option", name="Apa syarat mengajukan KPR subsidi?").click()
    page.locator("[contenteditable=true]").last.click()  # the body's rich-text box; plain sentences are plain Markdown
    page.keyboard.type(ANSWER)


def _review_branches(repo: Path) -> list[str]:
    """The editor's review branches in the repository (Decap names them cms/<collection>/<slug>)."""
    return git(repo, "branch", "--list", "--format=%(refname:short)", "cms/*").split()


def _only(problems: Problems, expected: set[str], step: str) -> None:
    """After a step, the browser reported nothing but what Decap itself reports on that step; start afresh."""
    unexpected = [item for item in problems.items if item not in expected]
    assert unexpected == [], f"{step}: galat di peramban:\n" + "\n".join(unexpected)
    problems.items.clear()


def _production_config(project: Path, site: Path) -> None:
    """The editor's config as deployed: GitHub with the ministry's repository, no decap-server."""
    config = decap_config(read_site_config(project), environ={"KLINIK_GITHUB_REPO": "kementerian-pkp/klinik"})
    del config["local_backend"]
    (site / ADMIN_DIR / CONFIG_FILE).write_text(config_yaml(config), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small project and its built site with the editor, once for the module."""
    project = copy_project("kecil", tmp_path_factory.mktemp("editor") / "kecil")
    return project, build(Project(project), site_dir=project.parent / "site", jobs=1)


def test_in_production_the_editor_signs_in_with_github(built, browser):
    """Away from a local decap-server the GitHub backend loads with the generated config: Decap accepts it (no console
    error) and offers its sign-in in Indonesian; the popup to the intake's /api/cms/auth is tested with that server."""
    project, site = built
    _production_config(project, site)
    problems = Problems()
    with served_directory(site) as base:
        context = browser.new_context(locale="id-ID")
        try:
            page = problems.watch(context.new_page())
            page.goto(f"{base}/admin/")
            expect(page.get_by_role("button", name="Masuk dengan GitHub")).to_be_visible(timeout=LOAD_MS)
            expect(page.locator("html")).to_have_attribute("lang", "id")
        finally:
            context.close()
    assert problems.items == [], "\n".join(problems.items)


def test_without_a_repository_or_decap_server_the_editor_says_what_to_do_in_indonesian(built, browser):
    """A fresh clone's `make run` has no repository configured: the editor saves through decap-server, and while none
    runs the page explains how to connect one instead of showing Decap's English "Error loading the CMS configuration"."""
    project, site = built
    nobody = f"http://127.0.0.1:{free_port()}/api/v1"
    (site / ADMIN_DIR / CONFIG_FILE).write_text(config_yaml(decap_config(read_site_config(project), local_backend=nobody,
                                                                         environ={})), encoding="utf-8")
    problems = Problems()
    with served_directory(site) as base:
        context = browser.new_context(locale="id-ID")
        try:
            page = problems.watch(context.new_page())
            page.goto(f"{base}/admin/")
            expect(page.get_by_role("heading", name="Penyunting konten belum tersambung")).to_be_visible(timeout=LOAD_MS)
            assert "npx decap-server" in page.inner_text("main") and nobody in page.inner_text("main")
            assert "Error loading" not in page.content()
        finally:
            context.close()
    # the one failed request is the look for decap-server itself
    assert [p for p in problems.items if nobody not in p] == [], "\n".join(problems.items)


def test_the_editor_starts_under_the_intake_servers_headers(built, browser):
    """`klinik intake serve` sends a strict policy on every page; /admin/ gets the editor's own (intake/web/headers.py
    EDITOR_CSP), under which Decap starts with no console error (a CSP violation is one)."""
    project, site = built
    _production_config(project, site)
    problems = Problems()
    with LiveServer(create_app(settings_for(project, site_dir=site))) as server:
        context = browser.new_context(locale="id-ID")
        try:
            page = problems.watch(context.new_page())
            page.goto(f"{server.base}/admin/")
            expect(page.get_by_role("button", name="Masuk dengan GitHub")).to_be_visible(timeout=LOAD_MS)
        finally:
            context.close()
    assert problems.items == [], "\n".join(problems.items)


def test_a_faq_goes_from_the_editor_through_review_into_main(tmp_path: Path, browser, built):
    """Log in to the local backend, refuse an entry missing required fields (in Indonesian), save a draft (a cms/ branch),
    set it ready, publish it (merged into main), and `klinik check` and the build accept the file."""
    project, site = built
    repo = throwaway_clone(project, tmp_path / "repo")
    problems = Problems()
    with decap_server(repo, tmp_path / "decap-server.log") as api, served_directory(site) as base:
        cms(Project(project), output=site / ADMIN_DIR / CONFIG_FILE, local_backend=api)  # `klinik cms --server-lokal`
        # Opening an entry Decap asks decap-server for the entry's review branch; while there is none the answer is 404.
        not_yet_a_branch = {f"HTTP 404: {api}", f"console: Failed to load resource: the server responded with a status of 404 (Not Found) ({api})"}
        context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(LOAD_MS)
        page = problems.watch(context.new_page())
        page.on("dialog", lambda dialog: dialog.accept())  # Decap asks "Yakin ingin menerbitkan ...?"
        try:
            page.goto(f"{base}/admin/")
            page.get_by_role("button", name="Masuk").click()
            expect(page.get_by_role("link", name="Buat entri baru: Tanya Jawab")).to_be_visible(timeout=LOAD_MS)
            _only(problems, set(), "editor dimuat")  # Decap validates config.yml on load and says so in the console

            page.goto(f"{base}/admin/#/collections/data/entries/pencarian")  # the `kamus` widget of klinik-cms.js
            expect(page.get_by_label("Bentuk baku dari kpran")).to_have_value("kpr", timeout=LOAD_MS)
            expect(page.get_by_text("3 kata pengisi")).to_be_visible(timeout=LOAD_MS)
            _only(problems, not_yet_a_branch, "kamus pencarian")

            page.goto(f"{base}/admin/#/collections/faq")
            page.get_by_role("link", name="Buat entri baru: Tanya Jawab").click()
            expect(page.get_by_label("Pertanyaan", exact=True)).to_be_editable(timeout=LOAD_MS)

            page.get_by_label("Pertanyaan", exact=True).fill("Boleh?")
            page.get_by_role("button", name="Simpan").click()
            expect(page.get_by_text("Ada kolom wajib yang belum diisi atau belum benar.")).to_be_visible(timeout=LOAD_MS)
            expect(page.get_by_text("Status wajib diisi.")).to_be_visible(timeout=LOAD_MS)
            expect(page.get_by_text("Panjang 10 sampai 300 karakter.")).to_be_visible(timeout=LOAD_MS)
            assert _review_branches(repo) == [], "entri yang belum lengkap tidak boleh tersimpan"
            _only(problems, {"pageerror: undefined"}, "simpan ditolak")  # Decap ends a refused save with Promise.reject()

            _write_faq(page)
            page.get_by_role("button", name="Simpan").click()
            expect(page.get_by_text("Entri tersimpan")).to_be_visible(timeout=LOAD_MS)
            _only(problems, not_yet_a_branch, "simpan draf")
            branch = f"cms/faq/pembiayaan/{SLUG}"
            assert _review_branches(repo) == [branch]
            assert git(repo, "ls-tree", "-r", "--name-only", "main", "content/faq").count(SLUG) == 0

            page.get_by_role("button", name=re.compile("^Status: ")).click()
            page.get_by_role("menuitem", name="Siap terbit").click()
            expect(page.get_by_text("Status entri diperbarui")).to_be_visible(timeout=LOAD_MS)
            page.get_by_role("button", name="Terbitkan", exact=True).click()
            page.get_by_role("menuitem", name="Terbitkan sekarang").click()
            expect(page.get_by_text("Entri terbit")).to_be_visible(timeout=LOAD_MS)

            _only(problems, set(), "terbitkan")

            page = problems.watch(context.new_page())  # a fresh page: Decap is still on the published entry
            page.goto(f"{base}/admin/#/collections/data/entries/pencarian")
            expect(page.get_by_label("Bentuk baku dari kpran")).to_have_value("kpr", timeout=LOAD_MS)
            page.get_by_role("button", name="Tambah kata", exact=True).click()
            page.get_by_label("Kata", exact=True).last.fill("RMH")
            page.get_by_label("Bentuk baku dari RMH").fill("rumah")
            page.get_by_role("button", name="Simpan").click()
            expect(page.get_by_text('Kata "RMH": Satu kata: huruf kecil dan angka saja.')).to_be_visible(timeout=LOAD_MS)
            page.get_by_label("Kata", exact=True).last.fill("rmh")
            page.get_by_role("button", name="Simpan").click()
            expect(page.get_by_text("Entri tersimpan")).to_be_visible(timeout=LOAD_MS)
            _only(problems, not_yet_a_branch | {"pageerror: undefined"}, "kamus disimpan")
        finally:
            context.close()
    assert git(repo, "symbolic-ref", "--short", "HEAD").strip() == "main"  # the check below reads main's working tree
    path = repo / "content" / "faq" / "pembiayaan" / f"{SLUG}.md"
    assert f"content/faq/pembiayaan/{SLUG}.md" in git(repo, "ls-tree", "-r", "--name-only", "main")
    assert _review_branches(repo) == ["cms/data/pencarian"]
    saved = yaml.safe_load(git(repo, "show", "cms/data/pencarian:site_config/pencarian.yml"))
    assert saved["normalisasi"] == {"gak": "tidak", "kpran": "kpr", "rmh": "rumah"}
    assert saved["kata_pengisi"] == ["apa", "yang", "gimana"]
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    assert post["terkait"] == ["syarat-kpr"]
    assert post["pertanyaan"] == QUESTION and post["ditinjau"].isoformat() == "2026-12-03" and post.content.strip() == ANSWER
    assert re.search(r"^ditinjau: 2026-12-03$", path.read_text(encoding="utf-8"), re.MULTILINE), "tanggal harus YYYY-MM-DD polos"
    assert check_problems(repo) == []
    built = build(Project(repo), site_dir=tmp_path / "site-baru", jobs=1)
    assert (built / "faq" / SLUG / "index.html").is_file()
    assert problems.items == [], "\n".join(problems.items)
