"""`planctl schedule`: a plan's dates, floats, critical path and cost."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from planctl.cli.app import app
from planctl.cli.baseline import BASELINE_HELP, variance_for, variance_line
from planctl.cli.plans import root_option

if TYPE_CHECKING:
    from rich.console import Console

    from planctl.schedule.result import Schedule

FORMATS = ("table", "json", "csv")


@app.command()
def schedule(
    plan_path: Path = typer.Argument(
        ..., metavar="PLAN", help="The plan file, or - to read it from standard input."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD); default: the plan's status_date, else today."),
    no_level: bool = typer.Option(
        False, "--no-level", help="Do not level resources; report over-allocations instead."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT",
                            help="table (default), json or csv."),
    root: str | None = root_option(),
    baseline: str | None = typer.Option(None, "--baseline", metavar="NAME|REV",
                                        help=BASELINE_HELP),
) -> None:
    """Compute the schedule: dates, float, critical path, progress, loads and cost."""
    import sys

    from planctl.cli.plans import load_and_schedule, parse_date
    from planctl.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    status_date = parse_date(as_of, "--as-of")
    plan, result = load_and_schedule([str(plan_path)], status_date, level=not no_level,
                                     root=root)[0]
    variance = variance_for(str(plan_path), plan, result, baseline, level=not no_level)
    if fmt == "json":
        import json

        from planctl.report.clean import json_safe
        from planctl.schedule.formats import schedule_data

        data = schedule_data(result)
        if variance is not None:
            from planctl.baseline import variance_data

            data["variance"] = variance_data(variance)  # type: ignore[arg-type]
        # Compact: the C encoder is several times faster than the indenting one on large plans;
        # pipe through `jq .` to read it. Exact text, with terminal controls as \u escapes.
        text = json.dumps(data, ensure_ascii=False)
        sys.stdout.write(json_safe(text) + "\n")
    elif fmt == "csv":
        from planctl.schedule.formats import schedule_csv

        sys.stdout.write(schedule_csv(result, plan))
    else:
        from rich.console import Console

        console = Console(highlight=False, emoji=False)
        print_schedule(console, result)
        if variance is not None:
            print_variance(console, variance, result)
    raise typer.Exit(0)


def print_variance(console: Console, v: object, s: Schedule) -> None:
    """The plan's slip against its baseline, then the tasks and phases that moved most."""
    from planctl.baseline import Variance

    assert isinstance(v, Variance)
    console.print(clean(variance_line(v, s.currency)), soft_wrap=True)
    moved = sorted((i for i in v.items.values() if i.finish), key=lambda i: (-abs(i.finish or 0),
                                                                             i.id))
    for item in moved[:20]:
        console.print(f"  {item.kind} {clean(item.id)}: finish {item.finish:+d} working days "
                      f"(baseline {item.baseline_finish}); start {item.start:+d}; duration "
                      f"{item.duration:+d}; cost {item.cost:+,.2f}", soft_wrap=True)
    if len(moved) > 20:
        console.print(f"  … {len(moved) - 20} more moved (--format json lists all)")
    if v.added:
        console.print(f"  not in the baseline: {', '.join(clean(i) for i in v.added[:20])}")


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.2f} {clean(currency)}"


def print_schedule(console: Console, s: Schedule) -> None:
    """The summary, then the table: a group row a phase, a row a task (`schedule_table`)."""
    from planctl.lateness import working_days

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
    for n in range(len(s.critical_paths)):
        label = "critical path" if len(s.critical_paths) == 1 else f"critical path {n + 1}"
        console.print(f"{label}: " + clean(s.critical_path_text(n)))
    for m in s.missed_deadlines:
        console.print(f"[red]missed deadline[/red]: {clean(m.task)} finishes "
                      f"{m.finish.isoformat()}, deadline {m.deadline.isoformat()} "
                      f"({working_days(m.slip)} late)")
    overdue = [t.id for t in s.tasks if t.overdue]
    if overdue:
        console.print("[red]overdue[/red] (marked !): " + ", ".join(clean(t) for t in overdue))
    for r in s.resources:
        if r.over_allocated:
            first = r.over_allocated[0].isoformat()
            days = len(r.over_allocated)
            console.print(f"[yellow]over-allocated[/yellow]: {clean(r.id)} on "
                          f"{working_days(days)} from {first}")
    from planctl.cli.schedule_table import task_table

    # Nothing is cropped: a line longer than the terminal (an id longer than the width) wraps
    # there rather than lose the end of an id.
    console.print(task_table(s, console.width), crop=False, no_wrap=True, overflow="ignore")


def clean(text: object) -> str:
    """Plan text inside the summary's rich markup."""
    from planctl.report.clean import markup

    return markup(text)
