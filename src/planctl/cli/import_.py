"""`planctl import FILE [-o PLAN.yaml]`: a plan from Microsoft Project, Primavera and every
format MPXJ reads. The core is `planctl.importer`; this module parses, prints and exits."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import typer

from planctl.cli.app import app


@contextlib.contextmanager
def _deadline(seconds: float, file: Path) -> Iterator[None]:
    """End the process with exit 2 if reading takes longer than `seconds`.

    MPXJ runs in a JVM inside this process, where a parser that loops on a damaged file
    cannot be interrupted; only ending the process bounds it. Nothing is being written then:
    the plan is written after the deadline is lifted.
    """

    def expire() -> None:
        from planctl.cli.output import say

        say(f"error: {file}: reading was stopped after {seconds:g} s (raise the limit with "
            "--timeout if the file is large)")
        os._exit(2)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., metavar="FILE",
                                help="The project file: .mpp, .xml (MSPDI), .mpx, .xer, PMXML..."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="PLAN.yaml",
        help="Where to write the plan (default: standard output)."),
    force: bool = typer.Option(False, "--force", "-f", help="Overwrite an existing plan."),
    max_bytes: int = typer.Option(
        64 * 1024 * 1024, "--max-bytes", min=1, metavar="N",
        help="Refuse a file larger than this (default 64 MiB)."),
    timeout: float = typer.Option(
        300, "--timeout", min=0.01, metavar="SECONDS",
        help="Give up reading the file after this long (default 300)."),
) -> None:
    """Import a project file as a plan, and report what was kept, approximated and dropped.

    Needs `pip install 'planctl[import]'` and a Java runtime. Exit status: 0 imported, 2 the
    file could not be read (or the import extra or Java is missing).
    """
    from planctl.cli.output import say
    from planctl.errors import InputError
    from planctl.mpxj_bridge import require

    require()
    if output is not None:
        if output.is_dir():
            raise InputError(f"{output} is a directory; give a file name such as "
                             f"{output / 'plan.yaml'}")
        if (output.exists() or output.is_symlink()) and not force:
            raise InputError(f"{output} already exists; use --force to overwrite it")
    from planctl.importer import import_file

    with _deadline(timeout, file):
        result = import_file(file, max_bytes=max_bytes)
    if output is None:
        typer.echo(result.text, nl=False)
    else:
        from planctl.atomic import write_atomic

        write_atomic(output, result.text)
    say(f"imported {file}" + (f" into {output}" if output is not None else ""))
    for line in result.report.lines():
        say(line)
    raise typer.Exit(0)
