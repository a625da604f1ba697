"""A module's PDF digest and size are computed, never typed: unpinned they are shown as computed, pinned they must match."""

from __future__ import annotations

import hashlib

from click.testing import CliRunner

from generator.cli.main import main
from generator.config.project import Project
from generator.pages.render import file_size
from generator.pipeline import checked

MODUL = "content/modul/m-01-uji.md"
PINNED = "sha256: b2bb068bae96ec00390408d4a018bc229f444840edae0d62b80781bcb24b85dc\n"


def rewrite(project, old: str, new: str) -> None:
    """Replace one exact line of the fixture module's front matter."""
    path = project / MODUL
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def module_page(project) -> str:
    """The Markdown of the module page as the build renders it."""
    state = checked(Project(project))
    doc = next(d for d in state.content.documents if d.src_uri == "modul/m-01-uji.md")
    return state.renderer.document(doc)


def test_unpinned_digest_is_computed_and_shown(kecil):
    """Without `sha256` the module is valid and its page shows the PDF's real digest and size."""
    rewrite(kecil, PINNED, "")
    pdf = (kecil / "content/modul/m-01.pdf").read_bytes()
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    page = module_page(kecil)
    assert f"| SHA-256 | `{hashlib.sha256(pdf).hexdigest()}` |" in page
    assert "| Berkas | PDF, 1 KB |" in page and "[Unduh PDF (1 KB)](m-01.pdf)" in page


def test_replaced_pdf_shows_its_new_digest_without_an_edit(kecil):
    """A Ditjen officer who uploads a new PDF types nothing: the page follows the file."""
    rewrite(kecil, PINNED, "")
    pdf = kecil / "content/modul/m-01.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"%% versi 1.2\n" * 200)
    page = module_page(kecil)
    assert f"`{hashlib.sha256(pdf.read_bytes()).hexdigest()}`" in page
    assert f"| Berkas | PDF, {file_size(pdf.stat().st_size)} |" in page and file_size(pdf.stat().st_size) != "1 KB"


def test_pinned_digest_that_matches_is_shown(kecil):
    """A pinned, correct digest passes and is the one shown."""
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "`b2bb068bae96ec00390408d4a018bc229f444840edae0d62b80781bcb24b85dc`" in module_page(kecil)


def test_pinned_digest_that_mismatches_names_file_line_and_field(kecil):
    """A pin that no longer matches the PDF stays an error, with path, line, field and the real digest."""
    pdf = kecil / "content/modul/m-01.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output == (
        f"{MODUL}:10: sha256: tidak cocok dengan isi m-01.pdf (isi berkas: {digest}); "
        "hapus kunci ini agar dihitung otomatis, atau perbaiki nilainya\n"
        "Dibatalkan: 1 masalah di 1 berkas.\n"
    )


def test_malformed_pin_is_refused_by_the_schema(kecil):
    """A pin that is not 64 lower-case hex digits is a field error on its line, as before."""
    rewrite(kecil, PINNED, "sha256: ABC\n")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith(f"{MODUL}:10: sha256: ")
