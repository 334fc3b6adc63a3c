"""From a `Plan` to a `Network`: dates to boundaries, phases to helper nodes, a topological order.

Decisions made here (documented in docs/scheduling.md):
- done tasks keep their actual dates; with only one of them, the other follows from the
  task's span; with neither, the task is placed where its links put it (but not pushed after
  the status date: it is done);
- an in-progress task keeps `actual_start` and schedules the remaining share of its span
  from the status date; without a status date it simply runs its whole span from its start;
- cancelled tasks take no time, use no resources and cost nothing, but still pass their
  predecessors' constraints on to their successors.
"""

from __future__ import annotations

import math
from datetime import date

from planctl.calendar import WorkCalendar
from planctl.errors import Location
from planctl.model import Plan, Resource, Task
from planctl.schedule.errors import ScheduleError
from planctl.schedule.horizon import MAX_LEAVE_DAYS, check_dates, horizon_end, leave_too_large
from planctl.schedule.network import (
    DURATION,
    EFFORT,
    FF,
    FS,
    LINK_TYPES,
    MILESTONE,
    NO_BOUND,
    NO_LIMIT,
    SS,
    VIRTUAL,
    Network,
)

_LINK_KIND = {name: kind for kind, name in enumerate(LINK_TYPES)}


def _origin(plan: Plan) -> date:
    """The earliest of the plan's start and every actual date."""
    first = plan.start
    for _, task in plan.iter_tasks():
        for day in (task.actual_start, task.actual_finish):
            if day is not None and day < first:
                first = day
    return first


class _Builder:
    """Collects nodes in file order, then renumbers them topologically."""

    def __init__(self, plan: Plan, cal: WorkCalendar, status: int | None) -> None:
        self.plan, self.cal, self.status = plan, cal, status
        self.wpw = cal.workdays_per_week
        self.plan_start = cal.boundary_before(plan.start)
        self.horizon_day = horizon_end(plan)
        self.net = Network(cal, self.plan_start, status)
        self.preds: list[list[tuple[int, int, int]]] = []
        self.index: dict[str, int] = {}
        self.phase_max: dict[tuple[str, bool], int | None] = {}
        self.resource_index: dict[str, int] = {}
        self.blocked_by_team: dict[frozenset[int], tuple[int, ...]] = {}
        """One blocked-days tuple per set of resources, shared by every effort task of that
        set: a resource on leave for decades would otherwise cost each task its own copy."""
        self.leave_by_spans: dict[tuple[tuple[date, date], ...], frozenset[int]] = {}
        self.leave_days = 0
        """Days held in leave sets and blocked tuples so far (see `_leave`)."""

    def node(self, ident: str, kind: int, *, work: int = 0,
             assign: tuple[tuple[int, float], ...] = (), blocked: tuple[int, ...] = (),
             lower: int = NO_BOUND, deadline_end: int = NO_LIMIT, priority: int = 500,
             order: int | None = None, cancelled: bool = False, phase: str = "",
             model: Task | None = None) -> int:
        """Add a node (a helper node unless a task's fields are given); its index."""
        net = self.net
        i = len(net.ids)
        # One explicit append a column: this runs once a task, 10,000 times for a large plan.
        net.ids.append(ident)
        net.kind.append(kind)
        net.work.append(work)
        net.assign.append(assign)
        net.blocked.append(blocked)
        net.lower.append(lower)
        net.pinned_start.append(-1)
        net.pinned_end.append(-1)
        net.resume.append(-1)
        net.follows_links.append(True)
        net.deadline_end.append(deadline_end)
        net.priority.append(priority)
        net.file_order.append(i if order is None else order)
        net.cancelled.append(cancelled)
        net.phase.append(phase)
        net.model.append(model)
        net.plan_lower.append(lower)
        net.done_work.append(0)
        net.pinned_by_start.append(True)
        self.preds.append([])
        return i

    # -- resources -------------------------------------------------------------------------

    def resources(self) -> None:
        net, cal = self.net, self.cal
        # Leave is read up to the horizon; a range past it is cut there.
        cut = horizon_end(self.plan)
        net.leave_horizon = cal.boundary_before(cut)
        net.horizon = cal.boundary_after(cut)
        for resource in self.plan.resources:
            net.resource_ids.append(resource.id)
            net.capacity.append(float(resource.capacity))
            net.leave.append(self._leave(resource, cut))
        self.resource_index = {r: n for n, r in enumerate(net.resource_ids)}

    def _leave(self, resource: Resource, cut: date) -> frozenset[int]:
        """The working-day indexes of a resource's leave up to `cut`; resources with the same
        leave share one set. All the sets together hold at most `MAX_LEAVE_DAYS`, counted in
        calendar days before any set is built."""
        key = tuple((span.first, min(span.last, cut)) for span in resource.leave)
        days = self.leave_by_spans.get(key)
        if days is None:
            origin = self.cal.origin  # days before it are never stored
            self.leave_days += sum(max(0, (last - max(first, origin)).days + 1)
                                   for first, last in key)
            if self.leave_days > MAX_LEAVE_DAYS:
                raise leave_too_large(resource.location("leave"), "resources' leave")
            found: set[int] = set()
            for first, last in key:
                if last >= first:
                    found.update(range(self.cal.boundary_before(first),
                                       self.cal.boundary_after(last)))
            days = self.leave_by_spans[key] = frozenset(found)
        return days

    def _blocked(self, team: frozenset[int], task: Task) -> tuple[int, ...]:
        """The sorted days on which some resource of `team` is away (shared, see above)."""
        blocked = self.blocked_by_team.get(team)
        if blocked is None:
            leave = self.net.leave
            if len(team) > 1:
                self.leave_days += sum(len(leave[r]) for r in team)
                if self.leave_days > MAX_LEAVE_DAYS:
                    raise leave_too_large(task.location("assign"),
                                          "leave of the resources that effort tasks share")
            days = leave[next(iter(team))] if len(team) == 1 else frozenset().union(
                *(leave[r] for r in team))
            blocked = self.blocked_by_team[team] = tuple(sorted(days))
        return blocked

    # -- tasks -----------------------------------------------------------------------------

    def task(self, phase_id: str, task: Task, order: int) -> None:
        net, cal = self.net, self.cal
        status = task.status
        cancelled = status == "cancelled"
        kind = MILESTONE if task.milestone or cancelled else (
            EFFORT if task.effort is not None else DURATION)
        lower = self.plan_start
        if task.start_no_earlier_than is not None and not cancelled:
            lower = max(lower, cal.boundary_before(task.start_no_earlier_than))
        deadline_end = NO_LIMIT
        if task.deadline is not None and not cancelled and task.deadline <= self.horizon_day:
            # A deadline past the horizon cannot be missed (nothing ends there): no bound.
            deadline_end = cal.boundary_after(task.deadline)
        assign: tuple[tuple[int, float], ...] = ()
        if not cancelled and task.assign:
            known, capacity = self.resource_index, net.capacity
            assign = tuple([(r, a.units_of(capacity[r])) for a in task.assign
                            if (r := known.get(a.resource)) is not None])
        work, blocked = 0, ()
        if kind == DURATION:
            work = max(1, task.duration.whole_days(self.wpw))  # type: ignore[union-attr]
        elif kind == EFFORT:
            units = sum(u for _, u in assign) or 1.0
            days = task.effort.days(self.wpw) / units  # type: ignore[union-attr]
            work = max(1, math.ceil(days - 1e-9))
            team = frozenset(r for r, _ in assign)
            blocked = self._blocked(team, task) if team else ()
        i = self.node(task.id, kind, work=work, assign=assign, blocked=blocked, lower=lower,
                      deadline_end=deadline_end, priority=task.priority, order=order,
                      cancelled=cancelled, phase=phase_id, model=task)
        self.index[task.id] = i
        if status == "done":
            self._done(i, task, lower)
        elif status == "in_progress" and kind != MILESTONE:
            self._in_progress(i, task, lower)
        elif not cancelled and self.status is not None:
            net.lower[i] = max(lower, self.status)

    def _done(self, i: int, task: Task, lower: int) -> None:
        net, cal = self.net, self.cal
        net.lower[i] = lower
        first, last = task.actual_start, task.actual_finish
        if first is None and last is None:
            return  # placed by its links, but not held back by the status date
        milestone = net.kind[i] == MILESTONE
        if first is not None:
            s = cal.boundary_before(first)
            if last is not None:
                e = cal.boundary_after(last)
            else:
                e = s if milestone else net.finish(i, s)
        elif milestone:
            s = e = cal.boundary_before(last)  # type: ignore[arg-type]
        else:
            e = cal.boundary_after(last)  # type: ignore[arg-type]
            s = max(0, net.latest_start(i, e))
        if milestone:
            e = s
        net.pinned_start[i], net.pinned_end[i] = s, max(s, e)
        net.follows_links[i] = False

    def _in_progress(self, i: int, task: Task, lower: int) -> None:
        net = self.net
        net.lower[i] = lower
        if task.actual_start is not None:
            net.pinned_start[i] = self.cal.boundary_before(task.actual_start)
            net.follows_links[i] = False
        if self.status is not None:
            share = 1 - task.percent_done / 100
            remaining = math.ceil(share * net.work[i] - 1e-9)
            net.work[i], net.done_work[i] = remaining, net.work[i] - remaining
            net.resume[i] = self.status

    # -- links -----------------------------------------------------------------------------

    def _phase_node(self, phase_id: str, finish: bool) -> int | None:
        """The helper node holding the latest end (finish) or start of a phase's tasks."""
        key = (phase_id, finish)
        if key not in self.phase_max:
            tasks = [self.index[t.id] for t in self.plan.phases_by_id[phase_id].tasks]
            node = None
            if tasks:
                node = self.node(f"{phase_id}#{'finish' if finish else 'start'}", VIRTUAL)
                self.preds[node] = [(t, FF if finish else SS, 0) for t in tasks]
            self.phase_max[key] = node
        return self.phase_max[key]

    def _pred(self, ident: str, kind: int) -> int | None:
        """The node a link of `kind` to task or phase `ident` starts from."""
        if ident in self.index:
            return self.index[ident]
        if ident in self.plan.phases_by_id:
            return self._phase_node(ident, kind in (FS, FF))
        return None  # unknown ids are load errors; a Python-built plan just loses the link

    def links(self) -> None:
        index, preds, wpw = self.index, self.preds, self.wpw
        for phase in self.plan.phases:
            gates = self._gates(phase.id, phase.depends_on) if phase.tasks else (None, None)
            for task in phase.tasks:
                links = preds[index[task.id]]
                if gates[0] is not None:
                    links.append((gates[0], SS, 0))
                if gates[1] is not None:
                    links.append((gates[1], FF, 0))
                for dep in task.depends_on:
                    kind = _LINK_KIND[dep.type]
                    p = index.get(dep.task)
                    if p is None:
                        p = self._pred(dep.task, kind)
                        if p is None:
                            continue
                    links.append((p, kind, dep.lag.whole_days(wpw)))

    def _gates(self, phase_id: str, deps: list) -> tuple[int | None, int | None]:
        """Helper nodes carrying a phase's own dependencies to each of its tasks: one bounds
        their starts (FS, SS links), one their ends (FF, SF links)."""
        starts, ends = [], []
        for dep in deps:
            kind = _LINK_KIND[dep.type]
            p = self._pred(dep.task, kind)
            if p is None:
                continue
            lag = dep.lag.whole_days(self.wpw)
            # On a helper node s = e, so FF and SF become FS and SS into the end gate.
            (starts if kind in (FS, SS) else ends).append(
                (p, FS if kind in (FS, FF) else SS, lag))
        gates: list[int | None] = []
        for name, links in (("gate-start", starts), ("gate-end", ends)):
            node = None
            if links:
                node = self.node(f"{phase_id}#{name}", VIRTUAL)
                self.preds[node] = links
            gates.append(node)
        return gates[0], gates[1]

    # -- order -----------------------------------------------------------------------------

    def finish_order(self) -> Network:
        """Renumber every node so that predecessors come first (Kahn, ties by creation)."""
        n = len(self.preds)
        succ_lists: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for i, links in enumerate(self.preds):
            if links:
                for link in links:
                    succ_lists[link[0]].append(i)
                indegree[i] = len(links)
        order = [i for i in range(n) if indegree[i] == 0]
        for node in order:
            for child in succ_lists[node]:
                indegree[child] -= 1
                if indegree[child] == 0:
                    order.append(child)
        if len(order) < n:
            self._cycle(succ_lists, indegree)
        return self._renumber(order)

    def _cycle(self, succ_lists: list[list[int]], indegree: list[int]) -> None:
        from planctl.graph import find_cycles

        ids = self.net.ids
        left = {i for i, d in enumerate(indegree) if d > 0}
        graph = {ids[i]: [ids[c] for c in succ_lists[i] if c in left] for i in left}
        cycle = find_cycles(graph)[0]
        shown = [c.split("#")[0] for c in cycle]
        task = self.net.model[self.index[shown[0]]] if shown[0] in self.index else None
        where = task.location("depends_on") if task is not None else Location("<python>")
        raise ScheduleError("E303", "dependency-cycle",
                            f"dependency cycle: {' → '.join([*shown, shown[0]])}", where,
                            hint="remove or reverse one of these links")

    def _renumber(self, order: list[int]) -> Network:
        old, net = self.net, Network(self.cal, self.plan_start, self.status)
        position = [0] * len(order)
        for new, i in enumerate(order):
            position[i] = new
        for name in ("ids", "kind", "work", "assign", "blocked", "lower", "pinned_start",
                     "pinned_end", "resume", "follows_links", "deadline_end", "priority",
                     "file_order", "cancelled", "phase", "model", "plan_lower", "done_work",
                     "pinned_by_start"):
            setattr(net, name, list(map(getattr(old, name).__getitem__, order)))
        preds = self.preds
        net.preds = [tuple([(position[p], k, lag) for p, k, lag in links]) if links else ()
                     for links in map(preds.__getitem__, order)]
        succs: list[list[tuple[int, int, int]]] = [[] for _ in order]
        for i, links in enumerate(net.preds):
            for link in links:
                succs[link[0]].append((i, link[1], link[2]))
        net.succs = succs
        net.resource_ids, net.capacity, net.leave = old.resource_ids, old.capacity, old.leave
        net.leave_horizon, net.horizon = old.leave_horizon, old.horizon
        self.index = {ident: position[i] for ident, i in self.index.items()}
        return net


def compile_network(plan: Plan, status_date: date | None) -> Network:
    """The network of a valid plan; `status_date` None means no status-date constraint.

    Raises `ScheduleError` for a dependency cycle, a calendar without working days, or a date
    past the horizon (`planctl.schedule.horizon`).
    """
    check_dates(plan, status_date)
    origin = _origin(plan)
    # The calendar stops at the horizon (plus the chunk that holds it) for every later user
    # of this network too, such as a forecast's sampled durations.
    cal = WorkCalendar.for_plan(plan.calendar, origin, horizon_end(plan), plan.location("start"))
    status = cal.boundary_before(status_date) if status_date is not None else None
    builder = _Builder(plan, cal, status)
    builder.resources()
    for order, (phase, task) in enumerate(plan.iter_tasks()):
        builder.task(phase.id, task, order)
    builder.links()
    net = builder.finish_order()
    if net.status is not None:
        _place_done_without_dates(net)
    return net


def _place_done_without_dates(net: Network) -> None:
    """Pin done tasks without actual dates where the plan alone puts them, so the status
    date (which holds back work not yet done) does not push finished work into the future."""
    loose = [i for i, (task, end) in enumerate(zip(net.model, net.pinned_end, strict=True))
             if end < 0 and task is not None and task.status == "done"]
    if not loose:
        return
    from planctl.schedule.cpm import forward

    planned = forward(net.without_status())
    for i in loose:
        net.pinned_start[i], net.pinned_end[i] = planned.start[i], planned.end[i]
        net.pinned_by_start[i] = planned.start_placed[i]
        net.follows_links[i] = False
