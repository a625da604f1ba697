"""What every `klinik` command shares: the one --proyek option, Indonesian help and usage errors, and the one error boundary."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from generator.config.project import Project
from generator.util.errors import GeneratorError, UsageProblem

CONTENT_ERROR, USAGE_ERROR = 1, 2
"""Exit codes: 1 for a problem in the project (content, configuration, data), 2 for a wrong command line."""

project_option = click.option(
    "--proyek", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder proyek (berisi content/, site_config/, mkdocs.yml). Bawaan: folder kerja; untuk `intake`, "
         "KLINIK_PROJECT_DIR bila diisi.",
)


def project_of(project_dir: Path | None) -> Project:
    """The project a command works on: --proyek, else the working directory."""
    return Project((project_dir or Path(".")).resolve())


def fail(message: str) -> None:
    """Print one `Galat:` line on stderr and stop with the usage-error code."""
    click.echo(f"Galat: {message}", err=True)
    sys.exit(USAGE_ERROR)


HELP_TEXT = "Tampilkan bantuan ini lalu keluar."
HEADINGS = {"Options": "Opsi", "Commands": "Perintah", "Positional arguments": "Argumen"}
"""Click's section headings (it has no Indonesian catalogue) and ours."""
METAVARS = {"directory": "FOLDER", "file": "BERKAS", "path": "JALUR", "text": "TEKS", "integer": "BILANGAN",
            "integer range": "BILANGAN", "float": "ANGKA", "float range": "ANGKA", "boolean": "YA/TIDAK", "filename": "BERKAS"}
"""Indonesian placeholders for click's value types, by the type's name (click prints TEXT, INTEGER, DIRECTORY...)."""


class IndonesianFormatter(click.HelpFormatter):
    """Click's help layout with an Indonesian usage line and section headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Penggunaan: " if prefix is None else prefix)

    def section(self, name: str):
        return super().section(HEADINGS.get(name, name))


class IndonesianContext(click.Context):
    formatter_class = IndonesianFormatter


def _expected(param: click.Parameter | None) -> str:
    """What a value of this parameter must look like, for a type click rejected it by."""
    kind = param.type if param is not None else None
    if isinstance(kind, click.Choice):
        return "pilih salah satu: " + ", ".join(str(c) for c in kind.choices)
    if isinstance(kind, click.types.IntParamType):
        return "harus bilangan bulat"
    if isinstance(kind, click.types.FloatParamType):
        return "harus angka"
    if isinstance(kind, click.DateTime):
        shown = [f.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD") for f in kind.formats]
        return "harus tanggal berformat " + " atau ".join(shown)
    return "nilainya tidak dapat dipakai"


def explain(exc: click.UsageError) -> str | None:
    """One Indonesian sentence for a command-line mistake click describes in English (None: a stray argument)."""
    if isinstance(exc, click.NoSuchOption):
        return f"opsi {exc.option_name} tidak dikenal"
    if isinstance(exc, click.BadOptionUsage):
        return f"opsi {exc.option_name} perlu diisi nilai"
    if isinstance(exc, click.MissingParameter):
        what = exc.param.opts[0] if exc.param is not None and exc.param.opts else "argumen"
        return f"{what} wajib diisi"
    if isinstance(exc, click.BadParameter):
        what = exc.param.opts[0] if exc.param is not None and exc.param.opts else "nilai"
        return f"{what} tidak valid: {_expected(exc.param)}"
    return None


def _help_record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """Click's help row of an option, its notes ([default: ...; required]) said in Indonesian."""
    record = param.get_help_record(ctx)
    if record is None or not isinstance(param, click.Option):
        return record
    extra = param.get_help_extra(ctx)
    notes = [f"variabel lingkungan: {', '.join(extra['envvars'])}"] if "envvars" in extra else []
    notes += [f"bawaan: {extra['default']}"] if "default" in extra else []
    notes += [extra["range"]] if "range" in extra else []
    notes += ["wajib"] if "required" in extra else []
    text = param.help or ""
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return record[0], text


class IndonesianHelp(click.Command):
    """Click's `--help` said in Indonesian: usage line, headings, value placeholders, option notes, the help option."""

    context_class = IndonesianContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            own_metavar = type(param.type).get_metavar is not click.ParamType.get_metavar
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag and not own_metavar:
                param.metavar = METAVARS.get(param.type.name, param.type.name.upper())

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for p in self.get_params(ctx) if not isinstance(p, click.Argument) and (row := _help_record(p, ctx))]
        if rows:
            with formatter.section("Opsi"):
                formatter.write_dl(rows)


class IndonesianCommand(IndonesianHelp):
    """A command whose argument mistakes end with one Indonesian line and exit code 2, like bad values do."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        name = " ".join(ctx.command_path.split(" ")[1:]) or self.name
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            reason = explain(exc)
            fail(f"{reason}; lihat `klinik {name} --help`." if reason
                 else f"argumen tidak dikenal; semua masukan memakai opsi, lihat `klinik {name} --help`.")
        return []


class KlinikGroup(IndonesianHelp, click.Group):
    """A command group whose commands speak Indonesian, in their help and on a wrong command line."""

    command_class = IndonesianCommand

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARGUMEN]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare group prints its help, as click does
            click.echo(exc.format_message(), err=True)
            sys.exit(USAGE_ERROR)
        except click.UsageError as exc:
            fail(f"{explain(exc) or 'sebutkan perintahnya'}; lihat `{ctx.command_path} --help`.")
        return []

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            fail(f"perintah {args[0]!r} tidak dikenal; lihat `{ctx.command_path} --help`.")


KlinikGroup.group_class = KlinikGroup


class BoundaryGroup(KlinikGroup):
    """The top `klinik` group: the one place a reported error becomes a message and an exit code.

    Subcommands named in `lazy` ("name": ("module:attribute", "help line")) are imported only when run (click's
    lazy-loading pattern): `klinik check` must not pay for the web server, the database driver or the live-reload
    server, and `klinik --help` lists them by their stored help line.
    """

    def __init__(self, *args, lazy: dict[str, tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str):
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name][0].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's command list, with a lazy verb not yet loaded shown by its stored help line instead of imported."""
        rows = []
        for name in self.list_commands(ctx):
            lazy = name in self.lazy and name not in self.commands
            command = click.Command(name, help=self.lazy[name][1]) if lazy else self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section("Perintah"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            fail(str(exc))
        except GeneratorError as exc:
            click.echo(str(exc), err=True)
            sys.exit(CONTENT_ERROR)
        except KeyboardInterrupt:
            sys.exit(130)
