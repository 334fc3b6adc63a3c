"""How far each task starts after the start its links allow: the delay that levelling (and the
status date) added, for tools that keep logic and delay apart.

Microsoft Project stores a levelled schedule as its links plus a *levelling delay* per task,
counted from the start the links give when every predecessor sits at its levelled dates. The
MSPDI export writes this figure so that Project, recalculating, lands on planctl's dates.
"""

from __future__ import annotations

from planctl.schedule.network import (
    EFFORT,
    FF,
    FS,
    MILESTONE,
    NO_BOUND,
    SS,
    Network,
    Times,
)


def start_delays(net: Network, times: Times) -> list[int]:
    """Per node, working days between the work start its links, the plan's start and
    `start_no_earlier_than` allow (predecessors at their dates in `times`) and its work start
    in `times`. Zero for milestones, helper nodes, tasks with actual dates and tasks in
    progress (their remaining work is placed by the status date, not by a delay).

    The bound is the forward pass's rule for one node (`cpm.forward`) with the plan's own
    lower bound (`plan_lower`, without the status date): a task that waits for the status
    date shows that wait as delay too, since Project does not know planctl's status-date rule.
    """
    delays = [0] * len(net)
    start, end = times.start, times.end
    kinds, preds, plan_lower = net.kind, net.preds, net.plan_lower
    pinned_start, pinned_end, resume = net.pinned_start, net.pinned_end, net.resume
    for i in range(len(net)):
        kind = kinds[i]
        if (kind >= MILESTONE or pinned_end[i] >= 0 or pinned_start[i] >= 0
                or resume[i] >= 0):
            continue
        bound, end_bound = plan_lower[i], NO_BOUND
        for p, typ, lag in preds[i]:
            if typ in (FS, SS):
                bound = max(bound, (end[p] if typ == FS else start[p]) + lag)
            else:
                end_bound = max(end_bound, (end[p] if typ == FF else start[p]) + lag)
        if end_bound > NO_BOUND:
            bound = max(bound, net.start_for_finish(i, end_bound))
        if kind == EFFORT:
            bound = net.first_workday(i, bound)
        delays[i] = max(0, times.work_start[i] - bound)
    return delays
