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
    from planctl.report.clean import one_line

    typer.echo(one_line(f"saved baseline {name} of {plan.id}: finish "
                        f"{schedule.finish.isoformat()}, cost {schedule.cost:,.2f} "
                        f"{schedule.currency} → {path}"))
    raise typer.Exit(0)


BASELINE_HELP = ("Report variance against this baseline: a name saved with `planctl baseline "
                 "save`, a baseline file, or a git revision; default: the saved `baseline`, "
                 "if any.")


def variance_for(plan_path: str, plan: object, schedule: object, spec: str | None, *,
                 level: bool = True) -> object | None:
    """The plan's variance against its baseline (None when it has none)."""
    from datetime import date

    from planctl import baseline

    saved = baseline.load_for(plan_path, spec, today=date.today(), level=level)
    if saved is None:
        return None
    return baseline.variance(saved, plan, schedule)  # type: ignore[arg-type]


def variance_line(v: object, currency: str) -> str:
    """`baseline approved: finish 2026-05-15 → 2026-05-27, slip +7 working days; cost …`."""
    from planctl.baseline import Variance

    assert isinstance(v, Variance)
    from planctl.diff.formats import days

    slip = days(v.slip)
    return (f"baseline {v.baseline}: finish {v.baseline_finish.isoformat()}, slip {slip}; "
            f"cost {v.cost:+,.2f} {currency} against {v.baseline_cost:,.2f}")
