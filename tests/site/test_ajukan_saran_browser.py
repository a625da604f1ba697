"""The Ajukan form suggests up to 3 FAQ that may already answer the question being typed (the site's own search,
no server); a short question gets none, the links open in a new tab, and the page still passes axe."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser_support import axe_blocking, describe_violations

QUESTION = "rumah saya cuma satu lantai apakah tetap wajib punya SLF juga"
EXPECTED = "/faq/apakah-rumah-tinggal-perlu-slf/"


def test_a_question_being_typed_gets_faq_that_may_answer_it(site, contexts):
    base, _ = site
    page = contexts["ponsel"].new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "/ajukan/")
        field = page.locator("#isian-pertanyaan")
        box = page.locator("#saran-faq")
        field.fill("slf rumah")
        page.wait_for_timeout(1200)
        expect(box).to_be_hidden()  # two words: too little to guess from
        field.fill(QUESTION)
        expect(box).to_be_visible(timeout=15000)
        links = box.locator("a")
        assert 1 <= links.count() <= 3
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert all("/faq/" in h for h in hrefs), hrefs
        assert any(h.endswith(EXPECTED) for h in hrefs), hrefs
        assert links.first.get_attribute("target") == "_blank" and links.first.get_attribute("rel") == "noopener"
        blocking = axe_blocking(page)
        assert not blocking, describe_violations(blocking)
    finally:
        page.close()
    assert not errors, errors


def test_suggestions_and_the_form_in_the_same_run_as_the_bench(site, contexts):
    """window.klinikSaranFaq is what the bench measures: the same three links for the same text."""
    base, _ = site
    page = contexts["desktop"].new_page()
    try:
        page.goto(base + "/ajukan/")
        found = page.evaluate("t => window.klinikSaranFaq(t).then(r => r.map(x => x.url))", QUESTION)
        assert any(u.endswith(EXPECTED) for u in found) and len(found) <= 3
        assert page.evaluate("t => window.klinikSaranFaq(t)", "slf") == []
    finally:
        page.close()
