"""The built site speaks Indonesian: no English UI word in any page's text, readable attributes or Material's UI strings."""

from __future__ import annotations

from pathlib import Path

from tests.english_ui import english_words, readable_text


def test_no_page_shows_an_english_ui_word(real_site: Path):
    """Every HTML page of the real project: text, aria-label/title/placeholder/alt and the translations Material's
    script shows (copy buttons, search), with only the proper names of tests/english_ui.ALLOWED let through."""
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 100
    found = {}
    for path in pages:
        for part in readable_text(path.read_text(encoding="utf-8")):
            for word in english_words(part):
                found.setdefault(word, f"{path.relative_to(real_site)}: {part[:120]}")
    assert found == {}


def test_the_scan_sees_what_material_prints_in_english():
    """The scanner itself: the chrome leftovers it must catch, and Indonesian text it must let through."""
    html = ('<nav aria-label="Header"></nav><footer>Made with <a title="Back to top">x</a></footer>'
            '<input placeholder="Search"><img alt="Copy"><p>Sebelumnya: Balai P3KP · Selanjutnya</p>'
            '<script id="__config" type="application/json">{"translations": {"clipboard.copy": "Copy to clipboard"}}</script>'
            '<script>var Header = "Search";</script>')
    words = [w for part in readable_text(html) for w in english_words(part)]
    assert words == ["Header", "Made with", "Back to top", "Search", "Copy", "Copy", "clipboard"]


def test_the_form_page_and_the_status_page_have_no_previous_or_next_link(real_site: Path):
    """/ajukan/ is the shell the intake server draws the receipt and the private status page in: a link to the page
    before it in the menu ("Sebelumnya: ...") makes no sense there, and is not printed at all, not merely hidden."""
    page = (real_site / "ajukan" / "index.html").read_text(encoding="utf-8")
    assert "md-footer__link" not in page and "Sebelumnya" not in page and "Selanjutnya" not in page
    assert "md-footer__link" in (real_site / "balai" / "index.html").read_text(encoding="utf-8")
