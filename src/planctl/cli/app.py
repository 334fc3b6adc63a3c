"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup


def _flags_blank(params: list[Any]) -> list[Any]:
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


def _flags_take_no_value(command: Any, ctx: Any) -> None:
    """Show every flag of `command` (and of its subcommands) as a flag in `--help`.

    Typer's rich help prints a flag's Python type (`--strict  <bool>`), which reads as if the
    flag took a value, so `--strict true` looks right and then fails on `true` as a path. An
    empty metavar leaves the type column blank; click never reads a flag's metavar otherwise.
    (Typer bundles its own click, so options are recognised by `is_flag`, not by class.)
    """
    _flags_blank(command.get_params(ctx))  # with the help option click adds
    for sub in getattr(command, "commands", {}).values():
        _flags_take_no_value(sub, ctx)


_ended: BaseException | None = None
"""How the last command ended (see `_Commands.invoke`)."""


class _Commands(TyperGroup):
    """The command group. An I/O error that escapes a command (a closed pipe, a full disk on
    standard output) is dealt with here, before click would turn it into exit 1 or a crash."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _flags_blank(super().get_params(ctx))  # --version, --help

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _flags_take_no_value(command, ctx)
        return command

    def invoke(self, ctx: Any) -> Any:
        global _ended
        try:
            return super().invoke(ctx)
        except typer.Exit as exc:
            # Its traceback holds the command's frames, and so its plan and schedule: kept
            # alive, they are not freed one by one on the way out (see `planctl.cli.run`).
            _ended = exc
            raise
        except OSError as exc:
            from planctl.cli.output import output_error

            error = output_error(exc)
            if error is not None:
                raise error from None
            raise typer.Exit(0) from None  # the reader left; the command had done its work


app = typer.Typer(
    cls=_Commands,
    name="planctl",
    help="Implementation plans as YAML in git: check, schedule, render and review them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"planctl {version('planctl')}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", is_eager=True,
        callback=_print_version,
    ),
) -> None:
    """Implementation plans as YAML in git: check, schedule, render and review them."""
