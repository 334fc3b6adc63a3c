"""`planctl schedule`: a plan's dates, floats, critical path and cost."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from planctl.cli.app import app

if TYPE_CHECKING:
    from rich.console import Console

    from planctl.schedule.result import Schedule

FORMATS = ("table", "json", "csv")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """Plan text made safe for a terminal: no control characters, no rich markup."""
    from rich.markup import escape

    return escape(_CONTROL.sub("", str(text).replace("\n", " ").replace("\t", " ")))


@app.command()
def schedule(
    plan_path: Path = typer.Argument(..., metavar="PLAN", help="The plan file."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD); default: the plan's status_date, else today."),
    no_level: bool = typer.Option(
        False, "--no-level", help="Do not level resources; report over-allocations instead."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT",
                            help="table (default), json or csv."),
) -> None:
    """Compute the schedule: dates, float, critical path, progress, loads and cost."""
    import sys
    from datetime import date

    from planctl.errors import InputError
    from planctl.loader import load_plan
    from planctl.schedule import schedule_plan

    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    status_date = None
    if as_of is not None:
        try:
            status_date = date.fromisoformat(as_of)
        except ValueError:
            raise InputError(f"--as-of: expected a date YYYY-MM-DD, got {as_of!r}") from None
    plan = load_plan(plan_path).plan
    # The CLI, not the core, reads the clock.
    as_of_date = status_date or plan.status_date or date.today()
    result = schedule_plan(plan, as_of=as_of_date, level=not no_level)
    if fmt == "json":
        import json

        from planctl.schedule.formats import schedule_data

        sys.stdout.write(json.dumps(schedule_data(result), indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from planctl.schedule.formats import schedule_csv

        sys.stdout.write(schedule_csv(result))
    else:
        from rich.console import Console

        print_schedule(Console(highlight=False, emoji=False), result)
    raise typer.Exit(0)


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {clean(currency)}"


def print_schedule(console: Console, s: Schedule) -> None:
    """The summary, then one table row per task."""
    from rich.table import Table

    levelled = "levelled" if s.levelled else "not levelled"
    console.print(f"[bold]{clean(s.plan_name)}[/bold]  ({clean(s.plan_id)}, {levelled}, "
                  f"as of {s.status_date.isoformat()})")
    console.print(f"start {s.start.isoformat()}  finish [bold]{s.finish.isoformat()}[/bold]  "
                  f"({s.days} working days)")
    if s.lower_bound_days:
        # The bound: the longest chain of links or the busiest resource's work, if longer.
        console.print(f"ratio to lower bound {s.days / s.lower_bound_days:.2f} "
                      f"(lower bound {s.lower_bound_days} working days)")
    if s.budget is not None:
        over = s.cost - s.budget
        state = (f"[red]{_money(over, s.currency)} over budget[/red]" if over > 0
                 else f"[green]{_money(-over, s.currency)} under budget[/green]")
        console.print(f"cost {_money(s.cost, s.currency)} of {_money(s.budget, s.currency)}: "
                      f"{state}")
    else:
        console.print(f"cost {_money(s.cost, s.currency)}")
    for n, path in enumerate(s.critical_paths, 1):
        label = "critical path" if len(s.critical_paths) == 1 else f"critical path {n}"
        console.print(f"{label}: " + " → ".join(clean(t) for t in path))
    for m in s.missed_deadlines:
        console.print(f"[red]missed deadline[/red]: {clean(m.task)} finishes "
                      f"{m.finish.isoformat()}, deadline {m.deadline.isoformat()} "
                      f"({m.slip} working day{'s' if m.slip != 1 else ''} late)")
    overdue = [t.id for t in s.tasks if t.overdue]
    if overdue:
        console.print("[red]overdue[/red] (marked !): " + ", ".join(clean(t) for t in overdue))
    for r in s.resources:
        if r.over_allocated:
            first = r.over_allocated[0].isoformat()
            console.print(f"[yellow]over-allocated[/yellow]: {clean(r.id)} on "
                          f"{len(r.over_allocated)} day(s) from {first}")
    table = Table(show_edge=False, header_style="bold")
    # One line a task: dates and numbers are never cut; the text columns share what is left
    # of the terminal's width and end in an ellipsis when they do not fit.
    fixed = 10 + 10 + 5 + 4 + 8 + 3 * 8 + 2
    room = max(12, console.width - fixed)
    longest = {"id": max((len(t.id) for t in s.tasks), default=2),
               "name": max((len(t.name) + 2 for t in s.tasks), default=4),
               "assignees": max((len(", ".join(t.assignees)) for t in s.tasks), default=9)}
    widths = {"id": min(longest["id"], room // 4), "assignees": min(longest["assignees"],
                                                                     room // 4)}
    widths["name"] = min(longest["name"], room - widths["id"] - widths["assignees"])
    for column, justify, least in (("id", "left", 3), ("name", "left", 4),
                                   ("start", "left", 10), ("finish", "left", 10),
                                   ("float", "right", 5), ("crit", "center", 4),
                                   ("assignees", "left", 3), ("progress", "right", 8)):
        width = widths.get(column)
        table.add_column(column, justify=justify, no_wrap=True,  # type: ignore[arg-type]
                         overflow="ellipsis", min_width=least,
                         width=max(width, least) if width else None)
    for t in s.tasks:
        mark = "[red]●[/red]" if t.critical else ""
        progress = f"{t.progress:g}%" + ("[red]![/red]" if t.overdue else "")
        if t.status == "cancelled":
            progress = "cancelled"
        name = ("◆ " if t.milestone else "") + clean(t.name)
        table.add_row(clean(t.id), name, t.start.isoformat(), t.finish.isoformat(),
                      str(t.total_float), mark, clean(", ".join(t.assignees)), progress)
    console.print(table)
