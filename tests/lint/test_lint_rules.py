"""Edge cases of single rules, beyond their own examples: a table of plan → lines reported.

`plan_with` puts tasks from line 11 on, in phase `build` (no owner) of a plan owned by
resource `alice`.
"""

from __future__ import annotations

import pytest
from lintutil import lines_of, lint_text, plan_with

T = plan_with  # short name for the table below

CASES = [
    # T101 task-unowned
    ("T101", T("- {id: a, name: A, duration: 1d, status: in_progress, actual_start: "
               "2026-01-05}\n"), [11]),
    ("T101", T("- {id: a, name: A, milestone: true}\n"
               "- {id: b, name: B, duration: 1d, status: cancelled}\n"
               "- {id: c, name: C, duration: 1d, status: done, actual_start: 2026-01-05, "
               "actual_finish: 2026-01-05}\n"), []),
    ("T101", T("- {id: a, name: A, duration: 1d}\n").replace("    name: Build\n",
                                                            "    name: Build\n    owner: alice\n"),
     []),
    # T103 duplicate-task-name: case and spacing do not make names different
    ("T103", T("- {id: a, name: Load data, duration: 1d}\n"
               "- {id: b, name: load  DATA, duration: 1d}\n"
               "- {id: c, name: Load data., duration: 1d}\n"
               "- {id: d, name: LOAD DATA, duration: 1d}\n"), [12, 14]),
    # T104 duplicate-dependency: another link type is not a duplicate; phases count too
    ("T104", T("- {id: a, name: A, duration: 1d}\n"
               "- {id: b, name: B, duration: 1d, depends_on: [a, {task: a, type: SS}]}\n"), []),
    ("T104", T("- {id: a, name: A, duration: 1d}\n",
               "  - id: q\n    name: Q\n    depends_on: [build, {task: build, lag: 1d}]\n"
               "    tasks:\n      - {id: b, name: B, duration: 1d}\n"), [14]),
    # T105 milestone-with-work: an estimate is reported at its own line
    ("T105", T("- id: m\n  name: M\n  milestone: true\n  estimate: {optimistic: 1d, "
               "likely: 2d, pessimistic: 3d}\n"), [14]),
    # T106 depends-on-cancelled: not between cancelled tasks, not for phases
    ("T106", T("- {id: a, name: A, duration: 1d, status: cancelled}\n"
               "- {id: b, name: B, duration: 1d, status: cancelled, depends_on: [a]}\n"), []),
    # T112 complete-but-not-done: any status but done
    ("T112", T("- {id: a, name: A, duration: 1d, status: blocked, progress: 100}\n"), [11]),
    # T113 started-without-actual-start: a done milestone has no start
    ("T113", T("- {id: m, name: M, milestone: true, status: done, actual_finish: 2026-01-05}\n"),
     []),
    ("T113", T("- {id: a, name: A, duration: 1d, status: done, actual_finish: 2026-01-05}\n"),
     [11]),
    # T114 finish-but-not-done: a cancelled task may record when it stopped
    ("T114", T("- {id: a, name: A, duration: 1d, status: cancelled, actual_start: 2026-01-05, "
               "actual_finish: 2026-01-06}\n"), []),
    # T115 estimate-out-of-order: weeks are the calendar's workdays (6 here: 2w = 12d)
    ("T115", T("- {id: a, name: A, duration: 1d, estimate: {optimistic: 1d, likely: 2w, "
               "pessimistic: 11d}}\n").replace("start: 2026-01-05\n", "start: 2026-01-05\n"
                                                "calendar: {workdays: [mon, tue, wed, thu, fri, "
                                                "sat]}\n"), [12]),
    ("T115", T("- {id: a, name: A, duration: 1d, estimate: {optimistic: 1d, likely: 2w, "
               "pessimistic: 10d}}\n"), []),
    # T121 deadline-before-start: the start day itself is fine
    ("T121", T("- {id: a, name: A, duration: 1d, deadline: 2026-01-05}\n"), []),
    # T124 actual-date-in-future, with the plan's status date
    ("T124", T("- {id: a, name: A, duration: 1d, status: done, actual_start: 2026-01-05, "
               "actual_finish: 2026-03-02}\n").replace("start: 2026-01-05\n",
                                                      "start: 2026-01-05\nstatus_date: "
                                                      "2026-03-01\n"), [12]),
]

RISK = "risks:\n  - {id: r, title: R, probability: PROB, impact: IMPACT EXTRA}\n"


def risk(prob: str, impact: int, extra: str = "") -> str:
    return T("- {id: a, name: A, duration: 1d, owner: alice}\n",
             RISK.replace("PROB", prob).replace("IMPACT", str(impact)).replace(" EXTRA", extra))


CASES += [
    # R101 high-risk-unmitigated: 3 × 5 = 15 is high, 4 × 3 = 12 is not; 0.7 is 4 on 1..5
    ("R101", risk("3", 5), [13]),
    ("R101", risk("4", 3), []),
    ("R101", risk("0.7", 4), [13]),
    ("R101", risk("0.6", 4), []),
    ("R101", risk("5", 5, ", status: closed"), []),
    ("R101", risk("5", 5, ", owner: alice"), [13]),
    ("R101", risk("5", 5, ", owner: alice, mitigation: M"), []),
    # R102 risk-review-overdue: only open or mitigating risks
    ("R102", risk("1", 1, ", review_by: 2026-01-06, status: closed").replace(
        "start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-02-02\n"), []),
    ("R102", risk("1", 1, ", review_by: 2026-01-06, status: mitigating").replace(
        "start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-02-02\n"), [14]),
    # P101 resource-unused: a resource that owns something is used
    ("P101", T("- {id: a, name: A, duration: 1d, owner: bob}\n").replace(
        "  - {id: alice, name: Alice}\n", "  - {id: alice, name: Alice}\n"
        "  - {id: bob, name: Bob}\n"), []),
    # P104 assignment-over-capacity: the short form takes min(1, capacity), so it fits
    ("P104", T("- {id: a, name: A, duration: 1d, assign: [alice]}\n").replace(
        "{id: alice, name: Alice}", "{id: alice, name: Alice, capacity: 0.5}"), []),
    # ... and explicit units above the capacity are reported, also in the long form
    ("P104", T("- {id: a, name: A, duration: 1d, assign: [{resource: alice, units: 1}]}\n"
               ).replace("{id: alice, name: Alice}",
                         "{id: alice, name: Alice, capacity: 0.5}"), [11]),
    # P106 equipment-owner: the plan and risks too
    ("P106", T("- {id: a, name: A, duration: 1d, assign: [alice]}\n",
               "risks:\n  - {id: r, title: R, probability: 1, impact: 1, owner: alice}\n"
               ).replace("{id: alice, name: Alice}",
                         "{id: alice, name: Alice, kind: equipment}"), [3, 13]),
    # O103 kpi-target-is-baseline needs a baseline
    ("O103", "planctl: 1\nname: P\nowner: o\nstart: 2026-01-05\nstakeholders: [{id: o, "
             "name: O}]\nobjectives:\n  - {id: o1, description: D, kpi: {metric: m, "
             "target: 0}}\n", []),
    # O104 budget-without-costs: a task's fixed cost is a cost
    ("O104", T("- {id: a, name: A, duration: 1d, owner: alice, cost: 100}\n",
               "budget: {total: 1000}\n"), []),
]


@pytest.mark.parametrize(("code", "text", "lines"), CASES,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_rule_reports_exactly_these_lines(code, text, lines):
    assert lines_of(lint_text(text), code) == lines


def test_duplicate_name_points_back_at_the_first():
    found = [d for d in lint_text(T("- {id: a, name: A, duration: 1d}\n"
                                    "- {id: b, name: a, duration: 1d}\n")) if d.code == "T103"]
    assert len(found) == 1
    assert [(r.line, r.column) for r in found[0].related] == [(11, 23)]
    assert "plan.yaml:11:23" in found[0].message


def test_messages_name_the_thing_and_what_is_missing():
    text = risk("5", 5)
    (finding,) = [d for d in lint_text(text) if d.code == "R101"]
    assert finding.message == "risk 'r' scores 25 (high) but has no mitigation and no owner"
    (finding,) = [d for d in lint_text(T("- {id: configure, name: C, duration: 1d}\n"))
                  if d.code == "T101"]
    assert finding.message == "task 'configure' has no owner or assignment"
    text = T("- {id: a, name: A, duration: 1d, owner: alice}\n",
             "risks:\n  - {id: r, title: R, probability: 1, impact: 1, delay: {optimistic: 1d, "
             "likely: 2d, pessimistic: 3d}}\n")
    (finding,) = [d for d in lint_text(text) if d.code == "R103"]
    assert finding.message == "risk 'r' affects no task or phase; its delay is never applied"
