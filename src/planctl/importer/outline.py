"""The task outline of a project file flattened into phases: a plan's phases do not nest.

Every summary task that holds tasks of its own becomes a phase named by its path
(`Build / Backend`), so the names of the levels are kept; tasks outside any summary go into one
phase named after the project. A link to or from a summary task stands for all the phases under
it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planctl.importer.ids import IdMaker

PATH_SEPARATOR = " / "


@dataclass
class PhaseDraft:
    """A phase being built: the summary task it came from (None for loose tasks)."""

    id: str
    name: str
    summary: Any
    leaves: list[Any] = field(default_factory=list)


@dataclass
class Outline:
    """Phases in file order, and how the file's tasks (by unique id) map onto the plan."""

    phases: list[PhaseDraft]
    # summary task -> the phases under it (its own first); a link to it means all of them
    summary_phases: dict[int, list[str]]
    # task or summary -> the unique ids of the summaries above it
    ancestors: dict[int, frozenset[int]]
    summaries: dict[int, Any]
    nested: list[str]  # paths of summary tasks inside other summary tasks (flattened)


def name_of(task: Any) -> str:
    return " ".join(str(task.getName() or "").split())


def uid(task: Any) -> int:
    return int(task.getUniqueID())


def is_summary(task: Any) -> bool:
    return bool(task.getSummary()) or task.getChildTasks().size() > 0


def outline(project: Any, loose_name: str, ids: IdMaker) -> Outline:
    """Walk the outline (iteratively: a hostile file may nest deeply)."""
    roots = _roots(project)
    phases: list[PhaseDraft] = []
    summary_phases: dict[int, list[str]] = {}
    ancestors: dict[int, frozenset[int]] = {}
    summaries: dict[int, Any] = {}
    loose: PhaseDraft | None = None
    nested: list[str] = []
    # (task, path of names above it, unique ids of summaries above it)
    stack: list[tuple[Any, tuple[str, ...], frozenset[int]]] = [
        (task, (), frozenset()) for task in reversed(roots)]
    order: list[int] = []
    while stack:
        task, path, above = stack.pop()
        if task.getNull() or task.getUniqueID() is None:
            continue
        ancestors[uid(task)] = above
        if not is_summary(task):
            if not above:
                if loose is None:
                    loose = PhaseDraft(ids.make(loose_name), loose_name, None)
                    phases.append(loose)
                loose.leaves.append(task)
            continue
        summaries[uid(task)] = task
        order.append(uid(task))
        names = (*path, name_of(task) or f"Summary {task.getUniqueID()}")
        if above:
            nested.append(PATH_SEPARATOR.join(names))
        children = list(task.getChildTasks())
        leaves = [child for child in children if not child.getNull()
                  and child.getUniqueID() is not None and not is_summary(child)]
        if leaves or not children:
            phase = PhaseDraft(ids.make(name_of(task), task.getUniqueID()),
                               PATH_SEPARATOR.join(names), task, leaves)
            phases.append(phase)
            summary_phases[uid(task)] = [phase.id]
        else:
            summary_phases[uid(task)] = []
        for child in leaves:
            ancestors[uid(child)] = above | {uid(task)}
        stack.extend((child, names, above | {uid(task)}) for child in reversed(children)
                     if is_summary(child))
    # A summary stands for its own phase and every phase below it.
    below: dict[int, list[str]] = {s: list(summary_phases[s]) for s in order}
    for summary in order:
        for ancestor in ancestors[summary]:
            below[ancestor].extend(summary_phases[summary])
    return Outline(phases, below, ancestors, summaries, nested)


def _roots(project: Any) -> list[Any]:
    """The top of the outline, without the project summary task (id 0) Project may add."""
    roots = []
    for task in project.getChildTasks():
        if task.getID() is not None and int(task.getID()) == 0 and is_summary(task):
            roots.extend(task.getChildTasks())
        elif _empty_project_summary(task):
            continue
        else:
            roots.append(task)
    return roots


def _empty_project_summary(task: Any) -> bool:
    """The project summary task of a file without tasks: id 0, outline level 0, no name.
    Project 2000-2002 files keep it with the project's start as its dates; it is no work."""
    return (task.getID() is not None and int(task.getID()) == 0
            and task.getOutlineLevel() is not None and int(task.getOutlineLevel()) == 0
            and not name_of(task) and not list(task.getChildTasks()))
