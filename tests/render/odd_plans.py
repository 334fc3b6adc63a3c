"""Plans at the edges of what a status page must survive (used by test_odd_plans and the
browser tests): no tasks at all, phases without tasks, only milestones, everything done, and
names far longer than any layout expects.
"""

from __future__ import annotations

from datetime import date

_LONG = "Very long name with: colons # hashes ; semicolons " * 40
_WIDE = "計画🚀進捗👩‍👩‍👧" * 150

ODD_PLANS: dict[str, str] = {
    "zero-tasks": """\
planctl: 1
id: zero-tasks
name: Zero tasks
start: 2026-03-02
phases: []
""",
    "no-phases": """\
planctl: 1
id: no-phases
name: No phases key at all
start: 2026-03-02
risks:
  - {id: R1, title: A risk with nothing to affect, probability: 3, impact: 3}
""",
    "empty-phases": """\
planctl: 1
id: empty-phases
name: Phases without tasks
start: 2026-03-02
phases:
  - {id: p1, name: Nothing here yet, tasks: []}
  - id: p2
    name: One task
    tasks:
      - {id: a, name: Only task, duration: 2d}
  - {id: p3, name: Nothing here either, tasks: []}
""",
    "only-milestones": """\
planctl: 1
id: only-milestones
name: Only milestones
start: 2026-03-02
phases:
  - id: p1
    name: "Gates: all of them"
    tasks:
      - {id: m1, name: "Gate: one", milestone: true}
      - {id: m2, name: "Gate # two", milestone: true, depends_on: [m1], deadline: 2026-03-01}
      - {id: m3, name: "section Gate; three", milestone: true, depends_on: [m2], status: done}
""",
    "all-done": """\
planctl: 1
id: all-done
name: Everything done
start: 2026-01-05
budget: {currency: EUR, total: 0}
phases:
  - id: p1
    name: Work
    tasks:
      - {id: a, name: A, duration: 3d, status: done, actual_start: 2026-01-05,
         actual_finish: 2026-01-07, cost: 100}
      - {id: b, name: B, duration: 2d, status: done, depends_on: [a],
         actual_start: 2026-01-08, actual_finish: 2026-01-09}
      - {id: c, name: Closed, milestone: true, status: done, depends_on: [b],
         actual_finish: 2026-01-09}
objectives:
  - id: o1
    description: Target already beaten
    kpi: {metric: speed, baseline: 10, target: 20, current: 35}
""",
    "huge-names": f"""\
planctl: 1
id: huge-names
name: "{_LONG}"
start: 2026-03-02
description: "{_WIDE}"
resources:
  - {{id: r1, name: "{_WIDE}"}}
phases:
  - id: p1
    name: "{_WIDE}"
    tasks:
      - {{id: a, name: "{_LONG}", duration: 3d, assign: [r1]}}
      - {{id: b, name: "{_WIDE}", duration: 3d, depends_on: [a], assign: [r1]}}
      - {{id: c, name: "{_LONG}", milestone: true, depends_on: [b], deadline: 2026-03-04}}
risks:
  - {{id: R1, title: "{_LONG}", probability: 5, impact: 5, affects: [a]}}
stakeholders:
  - {{id: s1, name: "{_WIDE}", influence: high, interest: high}}
""",
}

STATUS_DATES: dict[str, date] = {
    "before-start": date(2025, 6, 2),
    "during": date(2026, 3, 4),
    "after-finish": date(2027, 1, 4),
}
"""Status dates to render each odd plan at: before it starts, during it, long after it."""
