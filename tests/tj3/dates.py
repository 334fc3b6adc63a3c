"""tj3's instants translated to the contract's dates.

tj3 reports instants: a task that may start when its predecessor ends is reported to start at
that predecessor's end (17:00 of the previous working day), a task at the plan's start at 00:00
of that day, and effort tasks at the first hour their resource works. The contract counts in
working-day boundaries instead, so each instant becomes a boundary:

- a start instant x is boundary k when k working days have ended (17:00) by x;
- an end instant x is boundary k when k working days have begun (9:00) before x.

A task's start is then the working day at its start boundary and its finish the day before its
end boundary. A milestone at boundary t is shown by the contract's display rule: on the working
day that starts at t when a start places it (the plan's start, a start-to-start link with no
lag, a milestone shown that way linked with no lag), else on the last working day before t.
Which link places it is read off the plan's links and the predecessors' boundaries.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time

from planctl.model import Plan

from .tjp import Link, Tj3Task
from .workdays import WorkingDays


def start_boundary(instant: datetime, days: list[date]) -> int:
    count = bisect_right(days, instant.date())
    if count and days[count - 1] == instant.date() and instant.time() < time(17):
        count -= 1
    return count


def end_boundary(instant: datetime, days: list[date]) -> int:
    count = bisect_right(days, instant.date())
    if count and days[count - 1] == instant.date() and instant.time() <= time(9):
        count -= 1
    return count


def _topological(ids: list[str], links: list[Link]) -> list[str]:
    preds: dict[str, int] = dict.fromkeys(ids, 0)
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for link in links:
        preds[link.succ] += 1
        succs[link.pred].append(link.succ)
    order = [i for i in ids if preds[i] == 0]
    for node in order:
        for nxt in succs[node]:
            preds[nxt] -= 1
            if preds[nxt] == 0:
                order.append(nxt)
    return order


def contract_dates(plan: Plan, links: list[Link], tj3: dict[str, Tj3Task],
                   calendar: WorkingDays) -> dict[str, tuple[date, date]]:
    """planctl task id -> (start, finish) as the contract would show tj3's schedule."""
    days = calendar.days
    milestones = {task.id for _, task in plan.iter_tasks() if task.milestone}
    bounds: dict[str, tuple[int, int]] = {}
    for task_id, times in tj3.items():
        s = start_boundary(times.start, days)
        bounds[task_id] = (s, s) if task_id in milestones else \
            (s, end_boundary(times.end, days))
    into: dict[str, list[Link]] = {}
    for link in links:
        into.setdefault(link.succ, []).append(link)
    start_shown: dict[str, bool] = {}
    result: dict[str, tuple[date, date]] = {}
    for task_id in _topological([t.id for _, t in plan.iter_tasks()], links):
        s, e = bounds[task_id]
        if task_id not in milestones:
            result[task_id] = (days[s], days[e - 1])
            continue
        by_start = s == calendar.index(plan.start)
        for link in into.get(task_id, []):
            ps, pe = bounds[link.pred]
            if (pe if link.type == "FS" else ps) + link.lag != s or link.lag > 0:
                continue
            if link.type == "SS" or (link.pred in milestones and start_shown[link.pred]):
                by_start = True
        start_shown[task_id] = by_start
        shown = days[s] if by_start else days[s - 1]
        result[task_id] = (shown, shown)
    return result
