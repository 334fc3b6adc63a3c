"""`planctl status`: a compact terminal summary of one plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from planctl.cli.app import app
from planctl.cli.baseline import BASELINE_HELP
from planctl.cli.forecast import NO_FORECAST_HELP
from planctl.cli.plans import root_option

if TYPE_CHECKING:
    from rich.console import Console

NEXT_MILESTONES = 5
TOP_RISKS = 5
MAX_LIST = 8
MAX_REASONS = 5
MAX_GANTT_ROWS = 20
_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}


@app.command()
def status(
    plan_path: Path = typer.Argument(..., metavar="PLAN", help="The plan file."),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE",
                                        help="Status date (YYYY-MM-DD); default: the plan's "
                                             "status_date, else today."),
    width: int | None = typer.Option(None, "--width", min=40, max=400,
                                        help="Columns to use; default: the terminal's."),
    root: str | None = root_option(),
    baseline: str | None = typer.Option(None, "--baseline", metavar="NAME|REV",
                                        help=BASELINE_HELP),
    no_forecast: bool = typer.Option(False, "--no-forecast", help=NO_FORECAST_HELP),
) -> None:
    """Print health, next milestones, critical path, overdue work, top risks and a text Gantt."""
    from rich.console import Console

    from planctl.cli.baseline import variance_for
    from planctl.cli.plans import load_and_schedule, parse_date
    from planctl.render.context import build_context

    status_date = parse_date(as_of, "--as-of")
    plan, schedule = load_and_schedule([str(plan_path)], status_date, root=root)[0]
    variance = variance_for(str(plan_path), plan, schedule, baseline)
    from planctl.cli.forecast import page_forecast

    context = build_context(plan, schedule, gantt="phases", variance=variance,
                            today=date.today(),  # the CLI, not the core, reads the clock
                            forecast=page_forecast(plan, schedule, not no_forecast))
    console = Console(width=width, highlight=False, emoji=False, markup=False)
    print_status(console, context)
    raise typer.Exit(0)


def _t(value: object, style: str = "") -> Any:
    """Plan text as a rich Text: never parsed as markup, control characters stripped."""
    from rich.text import Text

    from planctl.report.clean import one_line

    return Text(one_line(value, " "), style=style)


def print_status(console: Console, c: dict[str, Any]) -> None:
    from rich.text import Text

    from planctl.render.filters import days_text, money, percent

    s = c["summary"]
    health = s.health
    rest = Text.assemble("  ", (f"{health.symbol} {health.label} ({health.level})",
                                _STYLE[health.level]), f"  as of {s.status_date.isoformat()}")
    title = _t(c["title"], "bold")
    # A long name is cut so that the health stays on the first line.
    title.truncate(max(10, console.width - rest.cell_len), overflow="ellipsis")
    console.print(title + rest, overflow="ellipsis", no_wrap=True)
    if c.get("as_of_note"):  # the status date is not the plan's own: say where it came from
        console.print(_t(f"  as of {s.status_date.isoformat()} {c['as_of_note']}", "dim"))
    for reason in health.reasons[:MAX_REASONS]:
        console.print(Text.assemble("  • ", _t(reason)), overflow="ellipsis", no_wrap=True)
    if len(health.reasons) > MAX_REASONS:
        console.print(f"  … and {len(health.reasons) - MAX_REASONS} more", style="dim")
    facts = [f"start {s.start.isoformat()}", f"finish {s.finish.isoformat()}"]
    if s.deadline is not None:
        # The deadline against the finish of its own task, not the plan's finish.
        facts.append(f"{s.deadline_task}: deadline {s.deadline.isoformat()}, "
                     f"{days_text(s.finish_vs_deadline)}")
    facts.append(f"{percent(s.progress)} complete")
    cost = money(s.cost, s.currency)
    facts.append(f"cost {cost}" + (f" of {money(s.budget, s.currency)}"
                                   if s.budget is not None else ""))
    for line in _pack(facts, " · ", console.width):
        console.print(_t(line, "dim"), overflow="ellipsis")
    if c.get("variance") is not None:
        from planctl.cli.baseline import variance_line

        console.print(_t(variance_line(c["variance"], s.currency)), overflow="ellipsis")
    if c.get("forecast") is not None:
        # "P50 <date>, P80 <date>; 62 % chance of meeting Go-live" (docs/forecast.md).
        console.print(Text.assemble(("forecast ", "bold"), _t(c["forecast"].headline)),
                      overflow="ellipsis")
    upcoming = sorted((m for m in c["milestones"] if m.status not in ("done", "cancelled")
                       and m.finish >= s.status_date), key=lambda m: m.finish)
    _section(console, "Next milestones", [
        Text.assemble(f"{m.finish.isoformat()}  ", _t(m.name),
                      (" (critical)", "red") if m.critical else "",
                      (" late", "bold red") if m.late else "")
        for m in upcoming[:NEXT_MILESTONES]], more=len(upcoming) - NEXT_MILESTONES)
    steps = [(t, via) for t, via in zip(c["critical_path"], c["critical_path_via"], strict=False)
             if t.status not in ("done", "cancelled")]
    if steps:
        # → a dependency, ⇢(who) a resource hand-off after levelling (docs/scheduling.md).
        chain = Text()
        for n, (t, via) in enumerate(steps[:MAX_LIST]):
            if n:
                chain.append(f" ⇢({', '.join(via)}) " if via else " → ")
            chain.append(_t(t.name))
        if len(steps) > MAX_LIST:
            chain.append(f" → … ({len(steps) - MAX_LIST} more)")
        _section(console, "Critical path", [chain])
    _section(console, "Overdue", [
        Text.assemble(f"{t.finish.isoformat()}  ", _t(t.name, "red"),
                      f"  {t.status.replace('_', ' ')}, {t.progress:.0f}%")
        for t in c["overdue"][:MAX_LIST]], more=len(c["overdue"]) - MAX_LIST)
    risks = [r for r in c["risks"] if r.status != "closed"]
    _section(console, "Top risks", [
        Text.assemble((f"{r.score:>2}", "bold red" if r.score >= 15 else "yellow"), "  ",
                      _t(r.id), "  ", _t(r.title), f"  ({r.status})")
        for r in risks[:TOP_RISKS]], more=len(risks) - TOP_RISKS)
    _gantt(console, c)


def _pack(items: list[str], separator: str, width: int) -> list[str]:
    """`items` joined on as few lines of `width` as fit, breaking only between items."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(separator) + len(item) <= width:
            lines[-1] += separator + item
        else:
            lines.append(item)
    return lines


def _section(console: Console, title: str, lines: list[Any], more: int = 0) -> None:
    if not lines:
        return
    console.print()
    console.print(title, style="bold underline")
    for line in lines:
        console.print(line, overflow="ellipsis", no_wrap=True)
    if more > 0:
        console.print(f"… and {more} more", style="dim")


def _gantt(console: Console, c: dict[str, Any]) -> None:
    """One line per phase: █ done, ▒ to do, ◆ milestones, │ the status date."""
    from rich.cells import cell_len, set_cell_size
    from rich.text import Text

    phases = c["phases"]
    if not phases:
        return
    label_w = min(24, max(cell_len(_t(p.name).plain) for p in phases))
    bar_w = max(10, console.width - label_w - 4)
    first = min(p.start for p in phases)
    last = max(p.finish for p in phases)
    span = max(1, (last - first).days + 1)

    def col(day: Any) -> int:
        return min(bar_w - 1, max(0, (day - first).days * bar_w // span))

    status_col = col(c["as_of"]) if first <= c["as_of"] <= last else None
    console.print()
    console.print(f"Timeline {first.isoformat()} to {last.isoformat()}", style="bold underline")
    for phase in phases[:MAX_GANTT_ROWS]:
        cells = [" "] * bar_w
        styles = [""] * bar_w
        start, end = col(phase.start), col(phase.finish)
        done_to = start + round((end - start + 1) * phase.progress / 100)
        for i in range(start, end + 1):
            cells[i] = "█" if i < done_to else "▒"
            styles[i] = "red" if phase.critical else "blue"
        for task in phase.tasks:
            if task.milestone:
                cells[col(task.finish)], styles[col(task.finish)] = "◆", "bold"
        if status_col is not None:
            cells[status_col], styles[status_col] = "│", "magenta"
        line = Text(set_cell_size(_t(phase.name).plain, label_w) + "  ")
        for ch, style in zip(cells, styles, strict=True):
            line.append(ch, style)
        console.print(line, no_wrap=True, overflow="crop")
    if len(phases) > MAX_GANTT_ROWS:
        console.print(f"… and {len(phases) - MAX_GANTT_ROWS} more phases", style="dim")
    if status_col is not None:
        console.print(Text(" " * (label_w + 2 + status_col) + "│ as of "
                           + c["as_of"].isoformat(), style="magenta"), no_wrap=True,
                      overflow="crop")
