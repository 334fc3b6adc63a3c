"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
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
