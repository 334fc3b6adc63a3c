"""`planctl check PATH...`: validate and lint plans; report in text, JSON or GitHub format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import typer

from planctl.cli.app import app
from planctl.cli.plans import root_option

if TYPE_CHECKING:
    from planctl.check import CheckResult

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """`--select A,B --select C` → ("A", "B", "C")."""
    return tuple(part.strip() for value in values or () for part in value.split(",")
                 if part.strip())


def _as_of(value: str | None) -> date | None:
    """`--as-of DATE`, or `--as-of today`: the one way `check` opts in to the clock."""
    if value is None:
        return None
    if value.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date written YYYY-MM-DD, nor 'today'",
                                 param_hint="--as-of") from None


def exit_code(result: CheckResult) -> int:
    """2 when a path could not be checked, else 1 when a finding fails, else 0."""
    if result.not_checked:
        return EXIT_USAGE
    return EXIT_FINDINGS if result.failing else EXIT_OK


def _baselines(spec: str | None, limits: object, level: bool) -> Callable[[str], object]:
    def provide(path: str) -> object:
        from planctl.baseline import load_for

        # No clock in check: a baseline revision without a status_date is scheduled without
        # one (None), so the verdict on a commit is the same on every day.
        return load_for(path, spec, today=None, level=level, limits=limits)  # type: ignore[arg-type]

    return provide


@app.command()
def check(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", show_default=False,
        help="Plan files, or directories to search for plans (YAML files with a top-level "
        "`planctl:` key); - reads a plan from standard input."),
    output_format: str = typer.Option(
        "auto", "--format", "-f", metavar="FORMAT",
        help="text, json or github; auto (default) is github inside GitHub Actions, else text."),
    select: list[str] = typer.Option(
        None, "--select", metavar="CODES",
        help="Run only these rules (codes or names, comma-separated; repeatable)."),
    ignore: list[str] = typer.Option(
        None, "--ignore", metavar="CODES",
        help="Skip these rules (codes or names, comma-separated; repeatable)."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the check too."),
    as_of: str = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD, or 'today') for rules about progress; default: the "
        "plan's status_date, else those rules do not run."),
    max_bytes: int = typer.Option(
        None, "--max-bytes", min=1, metavar="N",
        help="Largest plan file to read, in bytes (default 32 MiB)."),
    frames: bool = typer.Option(
        None, "--frames/--no-frames", show_default=False,
        help="Show the source line under each finding (default: on a terminal)."),
    no_level: bool = typer.Option(
        False, "--no-level",
        help="Schedule without resource levelling, so over-allocated days are findings (D103)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, no summary."),
    root: str | None = root_option(),
    baseline: str | None = typer.Option(
        None, "--baseline", metavar="NAME|REV",
        help="The baseline D102 names as what was planned: a saved name, a baseline file or a "
        "git revision; default: the saved `baseline`, if any."),
) -> None:
    """Check plans: YAML syntax, the schema, references and cycles, then the lint rules.

    Exit status: 0 nothing fails, 1 a plan has errors (or warnings under --strict),
    2 planctl could not run as asked (a missing or unreadable path, no plans in a directory,
    a bad option or configuration).
    """
    from planctl.check import check_paths, scheduler
    from planctl.reader import Limits
    from planctl.report import FORMATS, ReportOptions, get_reporter, resolve_format
    from planctl.report.clean import one_line

    if output_format not in FORMATS:
        raise typer.BadParameter(f"'{output_format}' is not one of: {', '.join(FORMATS)}",
                                 param_hint="--format")
    reporter = get_reporter(resolve_format(output_format, os.environ))
    when = _as_of(as_of)
    limits = Limits() if max_bytes is None else Limits(max_bytes=max_bytes)
    result = check_paths(paths, select=_codes(select), ignore=_codes(ignore),
                         strict=strict or None, as_of=when, limits=limits, root=root,
                         schedule_provider=scheduler(level=not no_level),
                         baseline_provider=_baselines(baseline, limits, not no_level))
    for stream in (sys.stdout, sys.stderr):
        # A plan may hold any character; an ASCII terminal must not turn that into a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    terminal = sys.stdout.isatty()
    options = ReportOptions(frames=terminal if frames is None else frames,
                            color=terminal and "NO_COLOR" not in os.environ, quiet=quiet)
    try:
        reporter(result, sys.stdout, options)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`); the verdict stands. Point stdout at /dev/null so
        # the interpreter's last flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    for problem in result.not_checked:
        print(f"planctl: error: {one_line(problem.path)}: {one_line(problem.message)}",
              file=sys.stderr)
    raise typer.Exit(exit_code(result))
