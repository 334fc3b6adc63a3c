"""`planctl schema`: the JSON Schema of the plan file, for editors."""

from __future__ import annotations

from pathlib import Path

import typer

from planctl.cli.app import app


@app.command()
def schema(
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE",
        help="Write the schema to FILE (atomically) instead of standard output."),
) -> None:
    """Print the JSON Schema (draft-07) of the plan file.

    Editors use it for completion, hover help and validation as you type (docs/editor.md).
    """
    import sys

    from planctl.schema import schema_text

    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        raise typer.Exit(0)
    from planctl.atomic import write_atomic

    write_atomic(output, text)
    typer.echo(f"planctl: wrote the schema to {output}", err=True)
    raise typer.Exit(0)
