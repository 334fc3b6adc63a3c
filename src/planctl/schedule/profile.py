"""Remaining capacity of every resource on every working day, for resource levelling.

One list of floats per resource, indexed by working day, grown on demand. Levelling asks "from
day k on, where is the next day this resource still has room?" thousands of times; walking a
busy resource day by day would make that quadratic, so each resource also keeps a skip
structure (union-find with path halving) over its *full* days: `next_open(r, k)` jumps over a
run of full days to the first day >= k with any room left. A day is full when less than
`_EPSILON` units remain. The structure is a dict holding only the full days (a day not in it
is its own parent): a list for every resource-day would cost most of the growing.

Days before `floor` (the status date's boundary) are history: nothing is booked or checked there.

The profile never grows past `limit` (the horizon's boundary) nor past `MAX_PROFILE_CELLS`
resource-days: it raises `LevellingTooLarge` instead of allocating them (see `horizon.py`).
"""

from __future__ import annotations

from planctl.schedule.horizon import MAX_PROFILE_CELLS, LevellingTooLarge
from planctl.schedule.network import NO_LIMIT

_EPSILON = 1e-9
_GROW = 256
_SLACK = 2
"""Lookups read a day or two past the last day booked (`next_open`)."""


class Profile:
    """Remaining units per resource per working-day index (see the module docstring)."""

    __slots__ = ("caps", "floor", "limit", "nxt", "rem", "size")

    def __init__(self, capacity: list[float], floor: int, size: int = _GROW,
                 limit: int = NO_LIMIT) -> None:
        self.caps = list(capacity)
        self.floor = max(0, floor)
        self.limit = min(limit + _SLACK, MAX_PROFILE_CELLS // max(1, len(self.caps)))
        size = min(size, self.limit)
        self.size = size
        self.rem = [[c] * size for c in capacity]
        self.nxt: list[dict[int, int]] = [{} for _ in capacity]
        """Per resource, the union-find parent of each full day (see the module docstring)."""

    def ensure(self, end: int) -> None:
        """Make days up to `end` (exclusive) addressable."""
        if end <= self.size:
            return
        if end > self.limit:
            raise LevellingTooLarge(end)
        new = min(max(end + _GROW, self.size * 2), self.limit)
        for r, cap in enumerate(self.caps):
            self.rem[r].extend([cap] * (new - self.size))
        self.size = new

    def book(self, r: int, day: int, units: float) -> None:
        """Take `units` of resource r on `day` (which `ensure` made addressable)."""
        rem = self.rem[r]
        left = rem[day] - units
        rem[day] = left
        if left <= _EPSILON:
            self.nxt[r][day] = day + 1

    def next_open(self, r: int, day: int) -> int:
        """The first day >= `day` on which resource r has any room."""
        if day < self.floor:
            return day
        self.ensure(day + 2)
        parent = self.nxt[r]
        while True:
            up = parent.get(day)
            if up is None:
                return day
            if up >= self.size:
                self.ensure(up + 1)
            parent[day] = parent.get(up, up)  # path halving: skip one level on the way
            day = up
