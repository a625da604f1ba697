"""`klinik kurasi terbitkan --pr`: the new FAQ becomes a review branch the editor's workflow board shows, in a real
local repository read by Decap's own decap-server, and as a GitHub pull request against the GitHub stand-in."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import urllib.request

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import kurasi as kurasi_cli
from generator.cli.main import main
from generator.config.project import Project
from generator.intake.publish.git import GitPublisher
from generator.pipeline import gather
from generator.site.cms_config import decap_config
from tests.decap_server import decap_server
from tests.fake_github import REPO, TOKEN, FakeGitHub
from tests.intake_repo import answer_and_merge, git, init_repo, submission

WIB = dt.timezone(dt.timedelta(hours=7))
TICKET = "KPKP-2026-000123"
SLUG = "pekerja-lepas-kpr-subsidi"
PATH = f"content/faq/pembiayaan/{SLUG}.md"
BRANCH = f"cms/faq/pembiayaan/{SLUG}"
MEANING = {"pertanyaan": "Apakah pekerja lepas bisa KPR subsidi?", "topik": "pembiayaan", "subtopik": "rumah-subsidi",
           "status": "terbit", "tiket": TICKET, "ditinjau": dt.date(2026, 11, 26)}


def faq_text_is_the_answer(text: str) -> None:
    """The proposed file is the FAQ `terbitkan` writes: the answer as its body, the ticket in its front matter."""
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    assert {key: meta[key] for key in MEANING} == MEANING
    assert body.strip() == "Bisa, dengan bukti penghasilan dari usaha."


@pytest.fixture
def repo(kecil, monkeypatch):
    """The small project as a git checkout with question 123 answered on main and 131 answered too."""
    for name in [n for n in os.environ if n.startswith("KLINIK_")]:
        monkeypatch.delenv(name)
    init_repo(kecil)
    publisher = GitPublisher(kecil)
    publisher.publish(submission(123, received=dt.datetime(2026, 11, 23, 10, 0, tzinfo=WIB)))
    publisher.publish(submission(131, question="Bolehkah pekerja harian mengambil KPR?", received=dt.datetime(2026, 11, 24, 10, 0, tzinfo=WIB)))
    answer_and_merge(kecil, TICKET, "Bisa, dengan bukti penghasilan dari usaha.")
    answer_and_merge(kecil, "KPKP-2026-000131", "Bisa, bila penghasilannya dapat dibuktikan.")
    monkeypatch.setattr(kurasi_cli, "_today", lambda: dt.date(2026, 11, 26))
    return kecil


def run(*args: str):
    return CliRunner().invoke(main, ["kurasi", "terbitkan", *args])


def api(address: str, action: str, **params) -> object:
    """One call to decap-server's API, exactly as the editor's local backend makes it."""
    body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
    request = urllib.request.Request(address, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


def test_local_pr_is_on_decap_servers_board_and_publishing_it_passes_the_check(repo, tmp_path):
    main_before = git(repo, "rev-parse", "main")
    result = run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "pending_review")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        f"FAQ diajukan untuk ditinjau: {PATH} di cabang {BRANCH}, repositori {repo} ({BRANCH})",
        "Alias: tidak ditambahkan, pertanyaan warga sudah menjadi pertanyaan FAQ.",
        "Status submissions/2026/11/KPKP-2026-000123.md: diterbitkan",
        "Bersama FAQ ini: Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur).",
    ]
    assert git(repo, "config", f"branch.{BRANCH}.description").strip() == "decap-cms/pending_review"
    assert git(repo, "diff", "--name-only", "main", BRANCH).split() == [PATH]  # one file: Decap reads it as the entry
    proposed = git(repo, "show", f"{BRANCH}:{PATH}")
    faq_text_is_the_answer(proposed)
    assert git(repo, "rev-parse", "main") == main_before and not (repo / PATH).exists()
    state, _ = gather(Project(repo))
    collections = {c["name"]: c for c in decap_config(state.content.config)["collections"]}
    assert collections["faq"]["folder"] == "content/faq" and collections["faq"]["path"] == "{{topik}}/{{slug}}"
    with decap_server(repo, tmp_path / "decap-server.log") as address:
        assert api(address, "unpublishedEntries") == [f"faq/pembiayaan/{SLUG}"]
        entry = api(address, "unpublishedEntry", id=f"faq/pembiayaan/{SLUG}")
        assert (entry["collection"], entry["slug"], entry["status"]) == ("faq", f"pembiayaan/{SLUG}", "pending_review")
        assert [(d["path"], d["newFile"]) for d in entry["diffs"]] == [(PATH, True)]
        assert api(address, "unpublishedEntryDataFile", collection="faq", slug=f"pembiayaan/{SLUG}", id=PATH, path=PATH) == {"data": proposed}
        api(address, "publishUnpublishedEntry", collection="faq", slug=f"pembiayaan/{SLUG}")  # the editor's "Terbitkan"
    assert (repo / PATH).read_text(encoding="utf-8") == proposed
    check = CliRunner().invoke(main, ["check"])
    assert (check.exit_code, check.output) == (0, "Konten valid: 8 berkas (1 artikel, 4 faq, 1 infografis, 1 modul, 1 prosedur).\n")


def test_a_second_proposal_on_the_same_branch_is_refused_and_leaves_nothing(repo):
    assert run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "draft").exit_code == 0
    assert git(repo, "config", f"branch.{BRANCH}.description").strip() == "decap-cms/draft"
    submission_file = repo / "submissions/2026/11/KPKP-2026-000131.md"
    before = submission_file.read_text(encoding="utf-8")
    result = run("KPKP-2026-000131", "--slug", SLUG, "--pr", "pending_review")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1, f"tiket KPKP-2026-000131 tidak diajukan: cabang {BRANCH} sudah ada (usulan lain atau draf di editor); hapus atau selesaikan dulu")
    assert submission_file.read_text(encoding="utf-8") == before and not (repo / PATH).exists()


@pytest.fixture
def github(repo, monkeypatch):
    fake = FakeGitHub()
    for name, value in {"PUBLISHER": "github", "GITHUB_REPO": REPO, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url,
                        "GITHUB_MIN_INTERVAL_SECONDS": "0"}.items():
        monkeypatch.setenv(f"KLINIK_{name}", value)
    (repo / "site_config/peninjau.yml").write_text("bidang:\n  pembiayaan: {peninjau: [ta-budi], tim: [tim-pembiayaan]}\n", encoding="utf-8")
    yield fake
    fake.stop()


def decap_board(state) -> dict[str, str]:
    """What Decap's GitHub backend lists as unpublished: open PRs from cms/ branches carrying a decap-cms/ label."""
    board = {}
    for pull in state.pulls:
        cms = [label["name"] for label in pull["labels"] if label["name"].startswith("decap-cms/")]
        if pull.get("state", "open") == "open" and pull["head"]["ref"].startswith("cms/") and cms:
            board[pull["head"]["ref"].removeprefix("cms/")] = cms[0].removeprefix("decap-cms/")
    return board


def test_github_pr_is_on_the_editors_board_with_the_areas_reviewers(github):
    result = run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "pending_review")
    assert result.exit_code == 0, result.output
    url = f"https://github.com/{REPO}/pull/1"
    assert f"FAQ diajukan untuk ditinjau: {PATH} di cabang {BRANCH}, {url}" in result.output.splitlines()
    assert decap_board(github.state) == {f"faq/pembiayaan/{SLUG}": "pending_review"}
    pull = github.state.pulls[0]
    assert (pull["base"]["ref"], pull["title"]) == ("main", f"FAQ baru dari {TICKET}: {SLUG}")
    assert [label["name"] for label in pull["labels"]] == ["decap-cms/pending_review", "bidang/pembiayaan"]
    assert pull["requested_reviewers"] == [{"login": "ta-budi"}] and pull["requested_teams"] == [{"slug": "tim-pembiayaan"}]
    faq_text_is_the_answer(github.state.files[(BRANCH, PATH)])
    assert ("main", PATH) not in github.state.files
    put = next(r for r in github.state.requests if r.method == "PUT")
    assert base64.b64decode(put.body["content"]).decode() == github.state.files[(BRANCH, PATH)]
    assert put.body["author"]["name"] == "Klinik PKP Bot"
    assert not (github.state.pulls[0]["body"].count("0812"))  # no personal data in the pull request


def test_github_run_cut_off_half_way_is_finished_by_the_next(github, repo):
    github.state.failures.append(("PUT /repos", "500"))
    first = run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "draft")
    assert (first.exit_code, first.output.splitlines()[-1]) == (1, f"tiket {TICKET} tidak diajukan: GitHub galat 502 saat menulis berkas usulan")
    assert BRANCH in github.state.refs and not github.state.pulls
    assert "status: dijawab\n" in (repo / "submissions/2026/11/KPKP-2026-000123.md").read_text(encoding="utf-8")
    second = run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "draft")
    assert second.exit_code == 0, second.output
    assert decap_board(github.state) == {f"faq/pembiayaan/{SLUG}": "draft"} and len(github.state.pulls) == 1


def test_github_branch_with_an_open_pr_is_refused(github, repo):
    assert run(TICKET, "--slug", SLUG, "--subtopik", "rumah-subsidi", "--pr", "pending_review").exit_code == 0
    result = run("KPKP-2026-000131", "--slug", SLUG, "--pr", "pending_review")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1, f"tiket KPKP-2026-000131 tidak diajukan: cabang {BRANCH} sudah ada di GitHub (usulan lain atau draf di editor); hapus atau selesaikan dulu")
    assert len(github.state.pulls) == 1
