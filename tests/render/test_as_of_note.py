"""A page says where its status date came from when it is not the plan's own status_date."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from planctl.loader import load_text
from planctl.render import render_plan, render_portfolio
from planctl.schedule import schedule_plan

UNDATED = """\
planctl: 1
id: undated
name: Undated
start: 2026-01-05
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 2d}
"""
DATED = UNDATED.replace("id: undated", "id: dated").replace(
    "start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-01-07\n")
DAY = date(2026, 12, 1)


def page(text: str, as_of: date, fmt: str = "md", today: date | None = DAY) -> str:
    plan = load_text(text, "p.yaml").plan
    return render_plan(plan, schedule_plan(plan, as_of=as_of), fmt, today=today)  # type: ignore[arg-type]


def test_a_page_as_of_today_says_so() -> None:
    assert "as of 2026-12-01 (today): the plan has no status\\_date" in page(UNDATED, DAY)
    html = page(UNDATED, DAY, "html")
    assert "Status as of Tue 1 Dec 2026 (today): the plan has no status_date" in html


def test_a_given_date_and_the_plans_own_are_told_apart() -> None:
    assert "as of 2026-02-02 (--as-of): the plan has no status\\_date" in page(
        UNDATED, date(2026, 2, 2))
    assert "(--as-of): the plan's status\\_date is 2026-01-07" in page(DATED, date(2026, 2, 2))
    own = page(DATED, date(2026, 1, 7))
    assert "as of 2026-01-07\n" in own and "status\\_date is" not in own


def test_the_portfolio_index_shows_each_plans_as_of_date() -> None:
    plans = []
    for text in (UNDATED, DATED):
        plan = load_text(text, "p.yaml").plan
        plans.append((plan, schedule_plan(plan, as_of=plan.status_date or DAY)))
    index = render_portfolio(plans, "md", today=DAY)["index.md"]
    assert "| Plan | Owner | As of | Finish |" in index
    assert "| 2026-12-01 (today): the plan has no status\\_date |" in index
    assert "| — | 2026-01-07 | 2026-01-08 |" in index  # its own status date, no note


def test_status_from_the_command_says_today(tmp_path: Path) -> None:
    path = tmp_path / "undated.yaml"
    path.write_text(UNDATED)
    done = subprocess.run([sys.executable, "-m", "planctl", "status", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"as of {date.today().isoformat()} (today): the plan has no status_date" \
        in done.stdout
