"""The real built site served by the intake app, in headless Chromium under its Content-Security-Policy: home, a
FAQ page, search, the question form with its ALTCHA widget and the calculators work with zero CSP violations,
and a script slipped into a page is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from generator.intake.settings import load_settings
from generator.intake.web.app import create_app
from tests.conftest import ROOT
from tests.intake_server import LiveServer

# Reports every violation (the page's own event) as a console error, so one listener sees everything.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error("csp-violation: " + e.effectiveDirective + " " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def served(real_site, tmp_path_factory):
    """The real project's config and built site behind the intake app, proof of work on, as deployed."""
    var = tmp_path_factory.mktemp("csp")
    settings = load_settings(project_dir=ROOT, site_dir=real_site, database_url=f"sqlite:///{var / 'klinik.db'}",
                             secret_key="kunci-uji-csp", worker=False, pow=True, pow_difficulty=5000,
                             min_fill_seconds=1, rate_limit=1000)
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.fixture
def watched(browser) -> Iterator[tuple[Page, list[str]]]:
    """A desktop page whose console errors, uncaught exceptions, failed requests and CSP violations are kept."""
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"requestfailed: {r.url} ({r.failure})"))
    yield page, problems
    context.close()


def visit(page: Page, url: str) -> str:
    """Open a page; returns its CSP header, which must forbid inline script and framing."""
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    csp = response.headers.get("content-security-policy", "")
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and "'unsafe-inline'" not in script_src.group(1) and "'unsafe-eval'" not in script_src.group(1), csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, csp
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))  # Material's bundle ran
    return csp


def test_home_faq_and_search_run_without_violations(served, watched):
    page, problems = watched
    visit(page, served.base + "/")
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("typeof __md_get === 'function' && __md_scope instanceof URL")
    first_faq = page.evaluate("() => fetch('/sitemap.xml').then(r => r.text())")
    faq = re.search(r"<loc>[^<]*?(/faq/[a-z0-9-]+/)</loc>", first_faq).group(1)
    visit(page, served.base + faq)
    expect(page.locator("article h1")).to_be_visible()
    results = page.evaluate("() => window.klinikSearch('syarat kpr subsidi', {limit: 5})")  # Pagefind's WebAssembly
    assert results and all(r["url"] and r["title"] for r in results)
    box = page.locator("#klinik-cari-header")
    box.click()
    box.type("kartu kendali")
    expect(page.locator("#klinik-cari-header-hasil [role=option]").first).to_be_visible()
    visit(page, served.base + "/cari/?q=sertifikat%20tanah")
    expect(page.locator("#klinik-cari-halaman-hasil [role=option]").first).to_be_visible()
    assert problems == []


def test_question_form_with_altcha_runs_without_violations(served, watched):
    page, problems = watched
    visit(page, served.base + "/ajukan/")
    form = page.locator("#klinik-ajukan")
    expect(form.locator("altcha-widget")).to_have_count(1)
    expect(form.locator("input[name=altcha]")).not_to_have_value("", timeout=30_000)  # solved in blob workers
    expect(page.locator("style#__altcha-css")).to_have_count(1)  # the widget's own sheet, allowed by its hash
    form.get_by_label("Provinsi").select_option("Bali")
    form.get_by_label("Kabupaten/kota").select_option("Kota Denpasar")
    form.get_by_label("Nama").fill("Ni Luh Sekar")
    form.get_by_label("Nomor telepon/WhatsApp").fill("0812-2233-4455")
    form.get_by_label("Bidang pertanyaan").select_option("pembiayaan")
    form.locator("#isian-pertanyaan").fill("Bagaimana syarat KPR subsidi untuk pekerja lepas di Denpasar?")
    form.locator("#isian-setuju").check()
    page.wait_for_timeout(1000)  # the minimum fill time
    form.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.locator("#tanda-terima .klinik-tiket")).to_have_text(re.compile(r"^KPKP-\d{4}-\d{6}$"))
    page.locator("#tanda-terima .klinik-tautan-status").click()
    expect(page.locator(".klinik-status__nilai")).to_have_text("Menunggu jawaban Tenaga Ahli")
    assert problems == []


def test_calculators_run_without_violations(served, watched):
    page, problems = watched
    visit(page, served.base + "/kalkulator/simulasi-kpr/")
    page.get_by_label("Harga rumah (Rp)").fill("166.000.000")
    page.get_by_role("button", name="Hitung angsuran").click()
    expect(page.locator("#kpr-hasil .klinik-hasil__utama")).to_have_text("Rp 1.084.571")
    aligned = page.locator("td[style='text-align: right;']")  # Markdown's table alignment, allowed by hash
    assert aligned.count() > 0 and aligned.first.evaluate("td => getComputedStyle(td).textAlign") == "right"
    visit(page, served.base + "/desain-rumah/")
    page.select_option("#kalk-desain", "t36-konvensional")
    page.select_option("#kalk-provinsi", "jawa-barat")
    expect(page.locator("#kalk-total")).to_have_text(re.compile(r"^Rp \d{1,3}(\.\d{3})+$"))
    assert problems == []


def test_a_script_slipped_into_a_page_is_refused(served, watched):
    """The policy is live: an inline script and an event handler added to the served page do not run."""
    page, problems = watched

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</body>", '<script>window.injected = 1</script><img src="x" onerror="window.injected = 2"></body>')
        route.fulfill(response=response, body=body)

    page.route(served.base + "/", inject)
    visit(page, served.base + "/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.injected") is None
    assert any("csp-violation: script-src-elem inline" in p for p in problems), problems
    assert any("csp-violation: script-src-attr inline" in p for p in problems), problems
