"""`klinik` speaks Indonesian: no English UI word from click in any command's --help or in its usage errors."""

from __future__ import annotations

import click
from click.testing import CliRunner

from generator.cli.main import main
from tests.english_ui import english_words


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group under `klinik`, the lazily loaded ones too, as argument paths."""
    ctx = click.Context(group, info_name=path[-1] if path else "klinik")
    paths = [path]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        paths += command_paths(command, (*path, name)) if isinstance(command, click.Group) else [(*path, name)]
    return paths


def english_in(args: list[str]) -> dict[str, list[str]]:
    result = CliRunner().invoke(main, args, prog_name="klinik", terminal_width=100)
    return {" ".join(args): words} if (words := english_words(result.output)) else {}


def test_every_help_page_is_indonesian():
    """`klinik --help` and the --help of each of its commands and groups, recursively (`intake serve`, `staf tambah`...)."""
    paths = command_paths(main)
    assert len(paths) > 30 and ("staf", "tambah") in paths
    found = {}
    for path in paths:
        found |= english_in([*path, "--help"])
    assert found == {}


def test_help_says_usage_options_and_commands_in_indonesian():
    """The parts click prints itself: usage line, headings, value placeholders, [bawaan: ...], [wajib], -h."""
    top = CliRunner().invoke(main, ["--help"], prog_name="klinik").output
    assert top.startswith("Penggunaan: klinik [OPSI] PERINTAH [ARGUMEN]...\n")
    assert "\nOpsi:\n" in top and "\nPerintah:\n" in top and "-h, --help  Tampilkan bantuan ini lalu keluar." in top
    faq = CliRunner().invoke(main, ["new", "faq", "--help"], prog_name="klinik", terminal_width=200).output
    assert "--proyek FOLDER " in faq and "--topik TEKS " in faq and "Slug bidang, mis. pembiayaan.  [wajib]" in faq
    assert "[bawaan: TA]" in faq


def test_usage_mistakes_are_indonesian():
    """A bare group prints its (Indonesian) help; unknown options, missing and wrong values get one Indonesian line."""
    cases = {
        (): "Penggunaan: klinik [OPSI] PERINTAH",
        ("--bogus",): "Galat: opsi --bogus tidak dikenal; lihat `klinik --help`.",
        ("intake", "--bogus"): "Galat: opsi --bogus tidak dikenal; lihat `klinik intake --help`.",
        ("serve", "--port", "abc"): "Galat: --port tidak valid: harus bilangan bulat; lihat `klinik serve --help`.",
        ("staf", "tambah", "--nama", "A", "--pengguna", "a", "--peran", "bos"):
            "Galat: --peran tidak valid: pilih salah satu: ta, ata, pendukung, kepala-balai, ditjen; lihat `klinik staf tambah --help`.",
        ("intake", "ringkasan", "--tanggal", "2026-13-01"):
            "Galat: --tanggal tidak valid: harus tanggal berformat YYYY-MM-DD; lihat `klinik intake ringkasan --help`.",
    }
    for args, start in cases.items():
        result = CliRunner().invoke(main, list(args), prog_name="klinik")
        assert result.exit_code == 2 and result.output.startswith(start), (args, result.output)
        assert english_words(result.output) == [], (args, result.output)
