"""How much of each resource a placed schedule uses, per working day, and on which days too much.

Used for `ResourceLoad`, for cost, and (with levelling off) for over-allocation findings.
"""

from __future__ import annotations

from planctl.schedule.network import VIRTUAL, Network, Times

_EPSILON = 1e-9


def resource_usage(net: Network, times: Times) -> tuple[list[dict[int, float]],
                                                         list[dict[int, int]]]:
    """Per resource, units in use on each working-day index; per node, days worked by each
    of its resources.

    A duration task loads each resource only on the days that resource is not on leave (the
    task runs anyway); an effort task works only when all of them are there.
    """
    loads: list[dict[int, float]] = [{} for _ in net.resource_ids]
    days_worked: list[dict[int, int]] = [{} for _ in range(len(net))]
    kind, leaves = net.kind, net.leave
    for i, assignments in enumerate(net.assign):
        if not assignments or kind[i] == VIRTUAL:
            continue
        days = net.worked_days(i, times)
        worked = days_worked[i]
        for r, units in assignments:
            leave = leaves[r]
            load = loads[r]
            here = [k for k in days if k not in leave] if leave else days
            if load.keys().isdisjoint(here):
                # Nothing else on these days yet (levelled work rarely overlaps): each load
                # is 0.0 + units, which is units.
                load.update(dict.fromkeys(here, 0.0 + units))
            else:
                get = load.get
                for k in here:
                    load[k] = get(k, 0.0) + units
            worked[r] = len(here)
    return loads, days_worked


def over_allocated(net: Network, loads: list[dict[int, float]]) -> list[list[int]]:
    """Per resource, the sorted working-day indexes on which its load exceeds its capacity."""
    return [sorted(k for k, units in load.items() if units > capacity + _EPSILON)
            for load, capacity in zip(loads, net.capacity, strict=True)]
