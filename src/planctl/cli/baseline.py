"""`planctl baseline save PLAN [--name NAME]`: keep the schedule as approved, to measure slip."""

from __future__ import annotations

from pathlib import Path

import typer

from planctl.cli.app import app

baseline_app = typer.Typer(help="Save a plan's schedule as a baseline, to report slip against.",
                           no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("save")
def save(
    plan_path: Path = typer.Argument(..., metavar="PLAN", help="The plan file."),
    name: str = typer.Option("baseline", "--name", "-n", metavar="NAME",
                             help="The baseline's name (default: baseline)."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Status date (YYYY-MM-DD); default: the plan's status_date, else today."),
    no_level: bool = typer.Option(False, "--no-level", help="Do not level resources."),
) -> None:
    """Write PLAN's schedule to <plan>.baselines/NAME.yaml (a reviewable text file)."""
    from planctl import baseline
    from planctl.cli.plans import load_and_schedule, parse_date

    baseline.check_name(name)
    plan, schedule = load_and_schedule([str(plan_path)], parse_date(as_of, "--as-of"),
                                       level=not no_level)[0]
    path = baseline.save(str(plan_path), plan, schedule, name)
    typer.echo(f"saved baseline {name} of {plan.id}: finish {schedule.finish.isoformat()}, "
               f"cost {schedule.cost:,.2f} {schedule.currency} → {path}")
    raise typer.Exit(0)
