"""Links of a project file as `depends_on`: the four types, lags in whole working days, links
to and from summary tasks as links to and from their phases."""

from __future__ import annotations

from typing import Any

from planctl.importer.outline import Outline, name_of, uid
from planctl.importer.report import ImportReport
from planctl.importer.tasks import MAX_DAYS, duration_days
from planctl.importer.units import Clock, working_days

_TYPES = {"FINISH_START": "FS", "START_START": "SS", "FINISH_FINISH": "FF",
          "START_FINISH": "SF"}


def depends_on(successor: Any, outline: Outline, task_ids: dict[int, str], clock: Clock,
               report: ImportReport) -> list[Any]:
    """The `depends_on` list of a task or summary task, duplicates and loops left out."""
    label = name_of(successor) or str(successor.getUniqueID())
    mine = uid(successor)
    items: list[Any] = []
    seen: set[tuple[str, str, str]] = set()  # two links of different types may both hold
    for relation in successor.getPredecessors():
        predecessor = relation.getPredecessorTask()
        if predecessor is None or predecessor.getUniqueID() is None:
            report.drop("links to tasks outside the file", label)
            continue
        theirs = uid(predecessor)
        if theirs in outline.ancestors.get(mine, ()) or mine in outline.ancestors.get(
                theirs, ()):
            report.drop("links between a summary task and a task inside it", label)
            continue
        targets = ([task_ids[theirs]] if theirs in task_ids
                   else outline.summary_phases.get(theirs))
        if not targets:
            report.drop("links to tasks outside the plan (project summary, external, empty)",
                        label)
            continue
        link = _link(relation, predecessor, clock, label, report)
        kind = (link or {}).get("type", "FS"), (link or {}).get("lag", "0d")
        for target in targets:
            if (target, *kind) in seen:
                report.drop("links repeated between the same two tasks", label)
                continue
            seen.add((target, *kind))
            items.append(target if link is None else {"task": target, **link})
            report.keep("links")
    return items


def _link(relation: Any, predecessor: Any, clock: Clock, label: str,
          report: ImportReport) -> dict[str, Any] | None:
    """Type and lag of a link; None for finish-to-start without lag (the short form)."""
    kind = _TYPES.get(str(relation.getType().name()), "FS") if relation.getType() else "FS"
    lag = relation.getLag()
    days = 0
    if lag is not None and float(lag.getDuration()) != 0:
        amount = working_days(lag, clock, percent_of=duration_days(predecessor, clock))
        if amount.elapsed:
            report.approximate("elapsed lags taken as working days", label)
        elif not amount.whole:
            report.approximate("lags of part of a day rounded to whole days", label)
        days = round(amount.value)
        if abs(days) > MAX_DAYS:
            report.approximate(f"lags longer than {MAX_DAYS} days shortened", label)
            days = max(min(days, MAX_DAYS), -MAX_DAYS)
    if kind == "FS" and days == 0:
        return None
    link: dict[str, Any] = {"type": kind}
    if days:
        link["lag"] = f"{days}d"
    return link
