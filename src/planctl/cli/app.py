"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup


class _Commands(TyperGroup):
    """The command group. An I/O error that escapes a command (a closed pipe, a full disk on
    standard output) is dealt with here, before click would turn it into exit 1 or a crash."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
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
