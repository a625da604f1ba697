"""The editor's GitHub login in headless Chromium, with Decap's own authenticator (decap-cms-lib-auth from npm):
the popup goes to the GitHub stand-in on another origin and back, the token reaches the /admin/ page that
opened it, and the popup closes; an editor page on another origin never receives the token."""

from __future__ import annotations

import shutil

import pytest

from generator.intake.web.app import create_app
from tests.browser_support import Problems
from tests.conftest import ROOT, served_directory
from tests.fake_github_oauth import CLIENT_ID, CLIENT_SECRET, FakeGitHubOAuth
from tests.intake_server import LiveServer, intake_project, settings_for

LIB_AUTH = ROOT / "node_modules" / "decap-cms-lib-auth" / "dist" / "decap-cms-lib-auth.js"
# The UMD build takes Immutable from the full editor's globals; the authenticator never uses it.
SHIM = "window.DecapCmsDefaultExports = {Immutable: {}};\n"
LOGIN = """\
document.getElementById("masuk").addEventListener("click", function () {
  var auth = new DecapCmsLibAuth.NetlifyAuthenticator({base_url: document.body.dataset.base, auth_endpoint: "api/cms/auth"});
  auth.authenticate({provider: "github", scope: "repo"}, function (err, data) {
    document.getElementById("hasil").textContent = err ? "galat: " + err.toString() : "token: " + data.token;
  });
});
"""
PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Editor uji</title><link rel="icon" href="data:,">
<script src="shim.js"></script><script src="decap-cms-lib-auth.js"></script><script src="login.js" defer></script></head>
<body data-base="{base}"><button id="masuk">Masuk dengan GitHub</button><output id="hasil"></output></body></html>
"""


def editor_files(folder, base: str) -> None:
    """An /admin/ page that logs in exactly as Decap's GitHub backend does (NetlifyAuthenticator, base_url = the intake)."""
    if not LIB_AUTH.is_file():
        pytest.fail(f"{LIB_AUTH.relative_to(ROOT)} tidak ada: jalankan `make setup` (npm ci)", pytrace=False)
    admin = folder / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LIB_AUTH, admin / "decap-cms-lib-auth.js")
    (admin / "shim.js").write_text(SHIM, encoding="utf-8")
    (admin / "login.js").write_text(LOGIN, encoding="utf-8")
    (admin / "index.html").write_text(PAGE.replace("{base}", base), encoding="utf-8")


@pytest.fixture
def flow(tmp_path):
    github = FakeGitHubOAuth()
    project = intake_project(tmp_path)
    site = tmp_path / "situs"
    settings = settings_for(project, site_dir=site, github_oauth_client_id=CLIENT_ID, github_oauth_client_secret=CLIENT_SECRET,
                            github_oauth_url=github.url)
    with LiveServer(create_app(settings)) as server:
        editor_files(site, server.base)
        yield server, github, site
    github.stop()


def test_popup_login_hands_the_token_to_the_editor(flow, browser):
    server, github, _ = flow
    context = browser.new_context(locale="id-ID")
    problems = Problems()
    page = problems.watch(context.new_page())
    page.goto(server.base + "/admin/")
    assert page.evaluate("typeof DecapCmsLibAuth.NetlifyAuthenticator") == "function"
    with context.expect_page() as opened:
        page.click("#masuk")
    popup = opened.value
    page.locator("#hasil:not(:empty)").wait_for(timeout=10_000)
    assert page.text_content("#hasil") == f"token: {github.state.tokens[0]}"
    if not popup.is_closed():
        popup.wait_for_event("close", timeout=5_000)
    assert popup.is_closed()  # Decap closes the popup once the message arrived
    assert github.state.authorize_requests[0]["scope"] == "repo"
    assert not problems.items, problems.items
    context.close()


def test_an_editor_on_another_origin_never_receives_the_token(flow, browser, tmp_path):
    server, github, _ = flow
    other = tmp_path / "lain"
    editor_files(other, server.base)
    with served_directory(other) as foreign:
        context = browser.new_context(locale="id-ID")
        page = context.new_page()
        page.goto(foreign + "/admin/")
        with context.expect_page() as opened:
            page.click("#masuk")
        popup = opened.value
        popup.wait_for_load_state("load")
        popup.wait_for_url(server.base + "/api/cms/callback*", timeout=10_000)
        page.wait_for_timeout(1_500)
        assert github.state.tokens, "GitHub memberi token ke server"
        assert page.text_content("#hasil") == ""  # the popup spoke only to the intake's own origin
        assert not popup.is_closed()
        assert popup.evaluate("window.opener !== null")  # still linked: the target origin alone kept the token home
        assert "Berhasil masuk ke editor" in popup.text_content("h1")
        context.close()
