"""The `planctl schedule` table: golden files at 80, 120 and 200 columns from the real command,
and properties of the layout on random schedules (ids never cut, names wrap, phase rows).

Update the golden files after an intended change (then read `git diff tests/golden/schedule`):

    PLANCTL_UPDATE_GOLDEN=1 pytest tests/schedule/test_schedule_table.py
"""

from __future__ import annotations

import io
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from planctl.cli.schedule import print_schedule
from planctl.cli.schedule_table import INDENT, NAME_LINES, task_table, wrap
from planctl.schedule.result import PhaseSchedule, Schedule, TaskSchedule
from test_e2e_check import COMMAND

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "schedule"
PLANS = [ROOT / "examples" / "crm-rollout.yaml", GOLDEN / "long-ids.yaml"]
WIDTHS = [80, 120, 200]
UPDATE = os.environ.get("PLANCTL_UPDATE_GOLDEN") == "1"


def schedule_output(plan: Path, width: int) -> str:
    """`planctl schedule PLAN` as printed to a terminal `width` columns wide (rich takes the
    width from COLUMNS when standard output is not a terminal; no colour codes then)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "LINES")}
    environment["COLUMNS"] = str(width)
    done = subprocess.run([*COMMAND, "schedule", plan.name], cwd=plan.parent, env=environment,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_golden_table(plan: Path, width: int) -> None:
    text = schedule_output(plan, width)
    expected = GOLDEN / f"{plan.stem}-{width}.txt"
    if UPDATE:
        expected.write_text(text, encoding="utf-8")
        return
    assert expected.exists(), f"{expected} is missing: run PLANCTL_UPDATE_GOLDEN=1 pytest"
    assert text == expected.read_text(encoding="utf-8"), (
        f"the table of {plan.name} at {width} columns changed: run PLANCTL_UPDATE_GOLDEN=1 "
        "pytest tests/schedule/test_schedule_table.py and review the diff")


def _table_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("id "))
    return lines[start:]


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_crm_table_keeps_every_id_and_groups_by_phase(width: int) -> None:
    """What the golden files show, said as rules (so a regenerated file cannot lose them)."""
    lines = _table_lines((GOLDEN / f"crm-rollout-{width}.txt").read_text(encoding="utf-8"))
    header = lines[0].split()
    assert header[:2] == ["id", "name"] and "days" in header
    if width >= 120:
        assert {"cost", "assignees"} <= set(header)
    assert all(cell_len(line) <= width for line in lines)
    for phase in ("discovery", "build", "test", "rollout"):
        assert any(line.startswith(phase + " ") for line in lines)
    for task in ("configure", "email-sync", "erp-integration", "final-migration",
                 "decommission"):
        assert any(line.startswith(f"{INDENT}{task} ") for line in lines), task


@pytest.mark.parametrize("width", WIDTHS)
def test_golden_long_ids_stand_on_their_own_lines_when_they_must(width: int) -> None:
    lines = _table_lines((GOLDEN / f"long-ids-{width}.txt").read_text(encoding="utf-8"))
    long_id = "pilot-the-shortlisted-scanners-on-the-night-shift-in-aisles-12-to-18"
    assert f"{INDENT}{long_id}" in lines  # whole, and alone on its line at every width
    for line in lines:
        assert cell_len(line) <= width or line.strip() == long_id


# Properties on random schedules: ids and names as users write them, any width.

_ID = st.from_regex(r"[a-z][a-z0-9-]{0,70}", fullmatch=True)
_WORD = st.from_regex(r"[A-Za-z0-9,.()/-]{1,30}", fullmatch=True)
_NAME = st.lists(_WORD, min_size=1, max_size=14).map(" ".join)


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    ids = draw(st.lists(_ID, min_size=2, max_size=14, unique=True))
    split = draw(st.integers(1, len(ids) - 1))
    phase_ids, task_ids = ids[:split], ids[split:]
    start = date(2026, 1, 5)
    tasks = []
    for task_id in task_ids:
        first = start + timedelta(days=draw(st.integers(0, 60)))
        days = draw(st.integers(0, 30))
        tasks.append(TaskSchedule(
            id=task_id, name=draw(_NAME), phase=draw(st.sampled_from(phase_ids)), start=first,
            finish=first + timedelta(days=days), milestone=days == 0,
            total_float=draw(st.integers(-20, 400)), free_float=draw(st.integers(0, 400)),
            critical=draw(st.booleans()), cost=draw(st.floats(0, 1e7)),
            status=draw(st.sampled_from(["planned", "in_progress", "done", "cancelled"])),
            progress=draw(st.floats(0, 100)), days=days,
            assignees=tuple(draw(st.lists(_ID, max_size=3))), overdue=draw(st.booleans())))
    phases = []
    for phase_id in phase_ids:
        members = [t for t in tasks if t.phase == phase_id]
        if members:
            phases.append(PhaseSchedule(
                id=phase_id, name=draw(_NAME), start=min(t.start for t in members),
                finish=max(t.finish for t in members), cost=sum(t.cost for t in members),
                progress=draw(st.floats(0, 100)), critical=any(t.critical for t in members),
                days=draw(st.integers(0, 99))))
    return Schedule(plan_id="p", plan_name="P", start=start, finish=start, status_date=start,
                    cost=0.0, budget=None, currency="USD", levelled=True, tasks=tasks,
                    phases=phases)


def _render(schedule: Schedule, width: int) -> list[str]:
    out = io.StringIO()
    console = Console(width=width, file=out, color_system=None, highlight=False, emoji=False)
    console.print(task_table(schedule, width), crop=False, no_wrap=True, overflow="ignore")
    return out.getvalue().splitlines()


def _name_cells(lines: list[str], ids: set[str]) -> list[tuple[str, list[str]]]:
    """(first line, the name column's text on each line of its row) for every row."""
    header = lines[0]
    left, right = header.index(" name ") + 1, header.index(" start") + 1
    rows: list[tuple[str, list[str]]] = []
    for line in lines[2:]:
        cell = line[left:right].strip()
        if line.strip() in ids:
            continue  # an id on a line of its own; the row follows
        if line[right:right + 10].strip():  # a row's first line has its start date
            rows.append((line, [cell]))
        else:
            rows[-1][1].append(cell)
    return rows


@settings(max_examples=60, deadline=None)
@given(schedule=schedules(), width=st.integers(80, 240))
def test_ids_are_whole_in_order_and_names_wrap_without_loss(schedule: Schedule,
                                                            width: int) -> None:
    lines = _render(schedule, width)
    expected: list[str] = []
    names: list[str] = []
    for phase in schedule.phases:
        expected.append(phase.id)
        names.append(phase.name)
        for task in schedule.tasks:
            if task.phase == phase.id:
                expected.append(INDENT + task.id)
                names.append(("◆ " if task.milestone else "") + task.name)
    # Every id whole, at the start of a line, in the plan's order: phase, then its tasks.
    starts = [line for line in lines[2:] if line[:1] != " " or
              (line.startswith(INDENT) and line[len(INDENT):len(INDENT) + 1] not in (" ", ""))]
    assert [next(e for e in expected if line == e or line.startswith(e + " "))
            for line in starts] == expected
    for line in lines:
        assert cell_len(line) <= width or line.strip() in {e.strip() for e in expected}, line
    # Names: all of it on at most NAME_LINES lines, or the start of it ending in "…".
    rows = _name_cells(lines, {e.strip() for e in expected})
    cells = [" ".join(part for part in parts if part) for _, parts in rows]
    assert len(cells) == len(names), cells
    for cell, name in zip(cells, names, strict=True):
        if cell.endswith("…"):
            assert name.replace(" ", "").startswith(cell[:-1].replace(" ", "")), (cell, name)
        else:
            assert cell.replace(" ", "") == name.replace(" ", ""), (cell, name)


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]),
                    max_size=120).map(lambda t: " ".join(t.split())),
       width=st.integers(2, 50))
def test_wrap_fits_the_width_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    short = wrap(text, width, NAME_LINES)
    assert len(short) <= NAME_LINES and all(cell_len(line) <= width for line in short)
    if len(lines) > NAME_LINES:
        assert short[-1].endswith("…")


def test_wrap_breaks_at_spaces_and_splits_only_words_too_long() -> None:
    assert wrap("Configure objects, fields and page layouts", 20) == [
        "Configure objects,", "fields and page", "layouts"]
    assert wrap("倉庫スタッフ向けの新しい", 10) == ["倉庫スタッ", "フ向けの新", "しい"]
    assert wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert wrap("one two three four five six seven", 9, 2) == ["one two", "three…"]


def test_the_summary_and_table_print_through_rich_at_a_given_width() -> None:
    """`print_schedule` on a Console of width N is what the command prints at COLUMNS=N."""
    from planctl.loader import load_plan
    from planctl.schedule import schedule_plan

    plan = load_plan(PLANS[0]).plan
    out = io.StringIO()
    print_schedule(Console(width=80, file=out, color_system=None, highlight=False, emoji=False),
                   schedule_plan(plan, as_of=plan.status_date))
    assert out.getvalue() == schedule_output(PLANS[0], 80)
