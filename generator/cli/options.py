"""What every `klinik` command shares: the one --proyek option, Indonesian usage errors, and the one error boundary."""

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


class IndonesianCommand(click.Command):
    """A command whose argument mistakes end with one Indonesian line and exit code 2, like bad values do."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        name = " ".join(ctx.command_path.split(" ")[1:]) or self.name
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            fail(f"opsi {exc.option_name} tidak dikenal; lihat `klinik {name} --help`.")
        except click.BadOptionUsage as exc:
            fail(f"opsi {exc.option_name} perlu diisi nilai; lihat `klinik {name} --help`.")
        except click.MissingParameter as exc:
            what = exc.param.opts[0] if exc.param is not None and exc.param.opts else "argumen"
            fail(f"{what} wajib diisi; lihat `klinik {name} --help`.")
        except click.BadParameter as exc:
            what = exc.param.opts[0] if exc.param is not None and exc.param.opts else "nilai"
            fail(f"{what} tidak valid: {exc.format_message()}; lihat `klinik {name} --help`.")
        except click.UsageError:
            fail(f"argumen tidak dikenal; semua masukan memakai opsi, lihat `klinik {name} --help`.")
        return []


class KlinikGroup(click.Group):
    """A command group whose commands speak Indonesian on a wrong command line."""

    command_class = IndonesianCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            fail(f"{exc.format_message()}; lihat `{ctx.command_path} --help`.")
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
            with formatter.section("Commands"):
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
