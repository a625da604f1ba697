"""Link and anchor discovery agrees with how MkDocs resolves and names them."""

from __future__ import annotations

from generator.util.markdown import find_links, heading_anchors, plain_text, resolve


def test_finds_inline_reference_and_image_links_with_lines():
    """Links in code blocks and inline code are ignored; lines count from the body's first line."""
    body = "Lihat [PBG](../prosedur/pbg.md#langkah-1).\n\n```\n[bukan](tautan.md)\n```\n`[juga bukan](x.md)`\n![gambar](a.svg \"judul\")\n\n[ref]: lain.md\n"
    links = find_links(body, 10)
    assert [(link.target, link.line, link.image) for link in links] == [
        ("../prosedur/pbg.md#langkah-1", 10, False),
        ("a.svg", 16, True),
        ("lain.md", 18, False),
    ]


def test_external_links_are_not_internal():
    """Web, mail and phone links are not checked as files."""
    body = "[a](https://simbg.pu.go.id) [b](mailto:x@y.id) [c](tel:0812) [d](//cdn.example)"
    assert [link.is_internal for link in find_links(body, 1)] == [False, False, False, False]


def test_anchors_follow_the_toc_extension():
    """Headings become MkDocs ids: lowercase, punctuation dropped, duplicates numbered, custom ids kept."""
    text = "# Judul\n\n## Langkah 1: Daftar di SIMBG\n\n## Biaya\n\n## Biaya\n\n### Dokumen **wajib** { #dok }\n"
    assert heading_anchors(text) == {"judul", "langkah-1-daftar-di-simbg", "biaya", "biaya_1", "dok"}


def test_resolve_relative_and_own_page_links():
    """Targets resolve from the linking file's folder; a bare anchor stays on the page."""
    assert resolve("faq/pembiayaan/a.md", "../../prosedur/pbg.md#x") == ("prosedur/pbg.md", "x")
    assert resolve("faq/a.md", "#bagian") == ("faq/a.md", "bagian")
    assert resolve("faq/a.md", "b%20c.md") == ("faq/b c.md", "")


def test_plain_text_strips_markup():
    """Descriptions and JSON-LD carry readable text, not Markdown."""
    assert plain_text("## Judul\n\n- **Tebal** [tautan](x.md) dan `kode`\n\n| a | b |\n|---|---|\n") == "Judul Tebal tautan dan kode a b"
