"""The D rules on the schedule: over-allocation with levelling off, overdue work, constraints
that dependencies override, and the plan finish against the last milestone deadline."""

from __future__ import annotations

from datetime import date

from planctl.lint import lint_plan
from planctl.loader import load_text
from planctl.schedule import schedule_plan


def _lint(text: str, *, level: bool = True, as_of: date | None = None) -> list[str]:
    loaded = load_text(text, "plan.yaml")
    found = lint_plan(loaded, as_of=as_of, schedule_provider=lambda: schedule_plan(
        loaded.plan, as_of=as_of, level=level))
    return [f"{d.code}:{d.location.line}" for d in found if d.code.startswith("D")]


def _text(tasks: str, head: str = "") -> str:
    lines = ["planctl: 1", "name: Test", "start: 2026-01-05", *head.splitlines(),
             "resources:", "  - {id: al, name: Al}", "phases:", "  - id: p", "    name: P",
             "    tasks:"]
    return "\n".join(lines + ["      " + t for t in tasks.splitlines()]) + "\n"


TWO_AT_ONCE = "- {id: a, name: A, duration: 2d, assign: [al]}\n" \
              "- {id: b, name: B, duration: 2d, assign: [al]}"


def test_over_allocation_without_levelling_is_a_finding_at_the_resource() -> None:
    assert _lint(_text(TWO_AT_ONCE), level=False) == ["D103:5"]
    one_after_the_other = TWO_AT_ONCE[:-1] + ", depends_on: [a]}"
    assert _lint(_text(one_after_the_other), level=False) == []


def test_overdue_needs_a_status_date() -> None:
    text = _text("- {id: a, name: A, duration: 2d}")
    assert _lint(text) == []
    assert _lint(text, as_of=date(2026, 1, 14)) == ["D102:10"]


def test_constraint_on_a_saturday_is_not_overridden_by_monday() -> None:
    text = _text("- {id: a, name: A, duration: 5d}\n"
                 "- {id: b, name: B, duration: 1d, depends_on: [a], "
                 "start_no_earlier_than: 2026-01-10}")
    assert _lint(text) == []
    later = text.replace("2026-01-10", "2026-01-08")
    assert _lint(later) == ["D104:11"]


def test_planned_work_after_the_last_milestone_deadline_is_quiet() -> None:
    # Support after go-live, linked to it: normal, and it moves when go-live moves.
    text = _text("- {id: a, name: A, duration: 5d}\n"
                 "- {id: m, name: M, milestone: true, depends_on: [a], deadline: 2026-01-09}\n"
                 "- {id: b, name: B, duration: 10d, depends_on: [m]}\n"
                 "- {id: c, name: C, duration: 5d, depends_on: [b]}")
    assert _lint(text) == []


def test_unlinked_work_after_the_last_milestone_deadline_is_found_at_its_chain_end() -> None:
    text = _text("- {id: a, name: A, duration: 5d}\n"
                 "- {id: m, name: M, milestone: true, depends_on: [a], deadline: 2026-01-09}\n"
                 "- {id: x, name: X, duration: 8d}\n"
                 "- {id: y, name: Y, duration: 2d, depends_on: [x]}\n"
                 "- {id: early, name: Early, duration: 3d}")
    assert _lint(text) == ["D105:13"]  # y, not x (its chain goes on to y), nor early
    linked = text.replace("depends_on: [a], deadline", "depends_on: [a, y], deadline")
    assert _lint(linked) == ["D101:11"]  # m now waits for y: its own deadline is missed


def test_links_through_phases_count_for_the_last_milestone_deadline() -> None:
    text = ("planctl: 1\nname: T\nstart: 2026-01-05\nphases:\n"
            "  - id: build\n    name: Build\n    tasks:\n"
            "      - {id: m, name: M, milestone: true, deadline: 2026-01-05}\n"
            "  - id: support\n    name: Support\n    depends_on: [build]\n    tasks:\n"
            "      - {id: s, name: S, duration: 10d}\n")
    assert _lint(text) == []
    unlinked = text.replace("    depends_on: [build]\n", "")
    assert _lint(unlinked) == ["D105:12"]  # the line of s, one up without the link
