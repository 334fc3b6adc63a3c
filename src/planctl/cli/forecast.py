"""`planctl forecast`: P10..P90 finish dates, deadline chances and what drives the risk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from planctl.cli.app import app
from planctl.cli.plans import root_option

if TYPE_CHECKING:
    from rich.console import Console

    from planctl.forecast import Forecast

FORMATS = ("table", "json")
TOP_DRIVERS = 10
NO_FORECAST_HELP = "Leave out the forecast (shown when the plan has estimates or risk delays)."


def page_forecast(plan: Any, schedule: Any, enabled: bool) -> Forecast | None:
    """The forecast `status` and `render` show: for plans that use forecasts (a task
    estimate or a risk delay), with the default seed and iterations, on the same status date
    and levelling as `schedule`."""
    if not enabled:
        return None
    from planctl.forecast.inputs import uses_forecasts

    if not uses_forecasts(plan):
        return None
    from planctl.forecast import forecast_plan

    return forecast_plan(plan, as_of=schedule.status_date, level=schedule.levelled)


@app.command()
def forecast(
    plan_path: Path = typer.Argument(..., metavar="PLAN", help="The plan file."),
    iterations: int | None = typer.Option(
        None, "--iterations", "-n", metavar="N", min=1, max=1_000_000,
        help="Iterations; default: as many as make P80 stable to a working day."),
    seed: int = typer.Option(1, "--seed", metavar="S", min=0,
                             help="Random seed: the same seed gives the same forecast."),
    distribution: str = typer.Option("pert", "--distribution", metavar="NAME",
                                     help="pert (default) or triangular."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD); default: the plan's status_date, else today."),
    no_level: bool = typer.Option(False, "--no-level", help="Simulate the unlevelled plan."),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT",
                            help="table (default) or json."),
    root: str | None = root_option(),
) -> None:
    """Forecast the finish: Monte Carlo over estimates and risk events on the levelled plan."""
    import sys
    from datetime import date

    from planctl.cli.plans import parse_date
    from planctl.errors import InputError
    from planctl.forecast import DISTRIBUTIONS, forecast_data, forecast_plan
    from planctl.loader import load_plan

    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    if distribution not in DISTRIBUTIONS:
        raise InputError(f"--distribution: expected one of {', '.join(DISTRIBUTIONS)}, "
                         f"got {distribution!r}")
    status_date = parse_date(as_of, "--as-of")
    plan = load_plan(str(plan_path), root=root).plan
    status_date = status_date or plan.status_date or date.today()  # the CLI reads the clock
    result = forecast_plan(plan, as_of=status_date, iterations=iterations, seed=seed,
                           distribution=distribution, level=not no_level)
    if fmt == "json":
        import json

        from planctl.report.clean import json_safe

        sys.stdout.write(json_safe(json.dumps(forecast_data(result), ensure_ascii=False)) + "\n")
    else:
        from rich.console import Console

        print_forecast(Console(highlight=False, emoji=False), result)
    raise typer.Exit(0)


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def print_forecast(console: Console, f: Forecast) -> None:
    """The finish percentiles, milestones, deadline chances and the top drivers."""
    from planctl.report.clean import markup

    console.print(f"[bold]{markup(f.plan_name)}[/bold]  ({markup(f.plan_id)}, "
                  f"{'levelled' if f.levelled else 'not levelled'}, as of "
                  f"{f.status_date.isoformat()})")
    console.print(f"{f.iterations:,} iterations, seed {f.seed}, {f.distribution}; "
                  f"P80 standard error {f.p80_standard_error:.1f} working days")
    p = f.finish
    console.print(f"finish  P10 {p.p10}  P50 {p.p50}  [bold]P80 {p.p80}[/bold]  P90 {p.p90}")
    console.print(f"        deterministic {f.deterministic}")
    rows = [("milestone", "deterministic", "P50", "P80", "P90")]
    rows += [(markup(m.id), str(m.deterministic), str(m.dates.p50), str(m.dates.p80),
              str(m.dates.p90)) for m in f.milestones]
    if len(rows) > 1:
        _table(console, rows)
    if f.deadlines:
        _table(console, [("deadline", "date", "chance of meeting it")] + [
            (markup(d.id), str(d.deadline), _pct(d.probability)) for d in f.deadlines])
    drivers = sorted((t for t in f.tasks if t.criticality > 0 or t.sensitivity != 0),
                     key=lambda t: (-abs(t.sensitivity), -t.criticality, t.id))[:TOP_DRIVERS]
    if drivers:
        _table(console, [("task", "criticality", "sensitivity")] + [
            (markup(t.id), _pct(t.criticality), f"{t.sensitivity:+.2f}") for t in drivers])
    if f.risks:
        _table(console, [("risk", "chance", "adds at P80")] + [
            (markup(r.id), _pct(r.chance), f"{r.p80_days_added} working day"
             + ("" if r.p80_days_added == 1 else "s")) for r in f.risks])


def _table(console: Console, rows: list[tuple[str, ...]]) -> None:
    from rich.markup import render

    widths = [max(len(render(row[c]).plain) for row in rows) for c in range(len(rows[0]))]
    console.print()
    for n, row in enumerate(rows):
        cells = [cell + " " * (w - len(render(cell).plain)) for cell, w in zip(row, widths,
                                                                               strict=True)]
        line = "  ".join(cells).rstrip()
        console.print(f"[bold]{line}[/bold]" if n == 0 else line, crop=True, no_wrap=True)
