"""Resource levelling (owned by the levelling engineer; this body is a placeholder).

Contract of `level`:
- input: the compiled `Network` and the early `Times` from `cpm.forward(net)`;
- output: `Times` in which no resource is used above its `capacity` on any working day from
  the status date on (days before it are history and cannot change), every link of
  `net.preds` still holds for nodes with `net.follows_links[i]`, and no node starts earlier
  than in `early` (`start`, `work_start` and `end` never decrease);
- order of precedence when two tasks compete: higher `net.priority`, then less total float
  (from the unlevelled schedule), then lower `net.file_order`;
- nodes with actual dates (`net.pinned_end[i] >= 0`) never move; a task in progress keeps its
  `start` and may only have its remaining work (`work_start`) delayed;
- the simplest correct way to build the result is `cpm.forward(net, extra)` with `extra[i]`
  the delayed work start of node i, so that every link is re-applied;
- it must end: a task that needs more units than its resource's capacity cannot ever fit, so
  schedule it alone rather than wait forever (and never loop past `net.leave_horizon`).

`schedule_plan` calls `level(net, early)` when levelling is on and reports over-allocation
from `load.resource_load` when it is off.
"""

from __future__ import annotations

from planctl.schedule.network import Network, Times


def level(net: Network, early: Times) -> Times:
    """A resource-feasible schedule no earlier than `early` (placeholder: returns `early`)."""
    return early
