"""`planctl export`: a scheduled plan for other tools (a calendar feed, a spreadsheet,
Microsoft Project)."""

from __future__ import annotations

from pathlib import Path

import typer

from planctl.cli.app import app
from planctl.cli.plans import root_option


@app.command()
def export(
    plan_path: Path = typer.Argument(..., metavar="PLAN", help="The plan file."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="ical|csv|mspdi",
        help="ical: an iCalendar feed; csv: one row a task; mspdi: Microsoft Project XML. "
             "Default from -o's suffix (.ics, .csv, .xml)."),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE|DIR|-",
        help="Where to write: a file, a directory, or - for stdout (the default)."),
    tasks: bool = typer.Option(False, "--tasks",
                               help="ical: an event for every task too, not only milestones "
                                    "and deadlines."),
    resource: str | None = typer.Option(
        None, "--resource", metavar="ID",
        help="ical: one resource's feed: their tasks, those tasks' deadlines, and their leave."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD); default: the plan's status_date, else today."),
    no_level: bool = typer.Option(False, "--no-level", help="Do not level resources."),
    root: str | None = root_option(),
    baseline: str | None = typer.Option(
        None, "--baseline", metavar="NAME|REV",
        help="mspdi: the baseline to write as Project's baseline: a name saved with `planctl "
             "baseline save`, a baseline file, or a git revision; default: the saved "
             "`baseline`, if any."),
) -> None:
    """Export a plan's schedule: an iCalendar feed, a CSV table or Microsoft Project XML.

    Each format, field by field: docs/export.md."""
    from planctl.cli.outfile import identities, write_one
    from planctl.cli.plans import load_and_schedule, parse_date
    from planctl.errors import InputError
    from planctl.export import ExportOptions
    from planctl.export import export as export_plan

    fmt = _format(fmt, output)
    if fmt != "ical" and (tasks or resource is not None):
        raise InputError(f"--tasks and --resource are options of --format ical, not {fmt}")
    if fmt != "mspdi" and baseline is not None:
        raise InputError(f"--baseline is an option of --format mspdi, not {fmt}")
    status_date = parse_date(as_of, "--as-of")
    inputs: list[str] = []
    plan, schedule = load_and_schedule([str(plan_path)], status_date, level=not no_level,
                                       root=root, read=inputs)[0]
    revision = 0
    if fmt == "ical":
        from planctl.export.revision import plan_revision

        revision = plan_revision(inputs)
    saved = None
    if fmt == "mspdi" and (baseline is not None or str(plan_path) != "-"):
        from datetime import date

        from planctl.baseline import load_for

        saved = load_for(str(plan_path), baseline, today=date.today(), level=not no_level)
    data = export_plan(plan, schedule, fmt, ExportOptions(
        tasks=tasks, resource=resource, revision=revision, baseline=saved))
    suffix = {"ical": "ics", "mspdi": "xml"}.get(fmt, fmt)
    write_one(output, f"{schedule.plan_id}.{suffix}", data, identities(inputs), "export")
    raise typer.Exit(0)


def _format(fmt: str | None, output: str | None) -> str:
    from planctl.errors import InputError
    from planctl.export import FORMATS, SUFFIXES

    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
        return fmt
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise InputError(f"give --format ({', '.join(FORMATS)}); it is only read from -o's suffix "
                     f"when that is one of {', '.join(SUFFIXES)}")
