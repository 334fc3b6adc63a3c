"""`compare_versions` on hand-worked pairs of plans: what moved, by how much, and why."""

from __future__ import annotations

import json
from datetime import date

from diffutil import PLAN

from planctl.diff.compare import Version, compare_versions
from planctl.diff.formats import Report, render_diff
from planctl.loader import load_text
from planctl.schedule import schedule_plan


def version(text: str, label: str = "v") -> Version:
    plan = load_text(text).plan
    return Version(label, schedule_plan(plan, as_of=plan.status_date), plan)


def compare(before: str, after: str):
    return compare_versions(version(before, "base"), version(after, "head"))


LONGER = PLAN.replace("duration: 3w, assign: [dev]}", "duration: 4w, assign: [dev]}")


def test_a_longer_task_moves_the_finish_by_its_working_days_and_says_why() -> None:
    d = compare(PLAN, LONGER)
    # design 15 -> 20 working days; code and test follow it; launch moves a week.
    assert d.base.finish == date(2026, 2, 13) and d.head.finish == date(2026, 2, 20)
    assert d.finish_delta_days == 5
    assert d.cost_delta == 2500.0  # five more days of dev at 500
    changed = {t.id: t for t in d.tasks_changed}
    assert changed["design"].inputs == {"duration": ("3w", "4w")}
    assert changed["code"].inputs == {} and changed["code"].finish_delta_days == 5
    assert "docs" not in changed  # nothing about it moved
    (launch,) = d.milestones
    assert launch.id == "launch" and launch.delta_days == 5
    (cause,) = launch.causes
    assert cause.task == "design" and cause.inputs == {"duration": ("3w", "4w")}
    assert [s.task for s in cause.chain] == ["design", "code", "test", "launch"]
    assert [x.id for x in d.newly_missed] == ["launch"]  # deadline 2026-02-16


def test_an_earlier_finish_is_a_negative_delta() -> None:
    d = compare(LONGER, PLAN)
    assert d.finish_delta_days == -5 and d.cost_delta == -2500.0
    assert [x.id for x in d.newly_met] == ["launch"]


MARKUP_ONLY = """\
planctl: 1
name: "Web shop"   # quoted now
id: shop
status_date: 2026-01-05
start: 2026-01-05
budget:
  total: 100000
  currency: EUR
resources:
  - id: dev
    name: Dev
    rate: 500
  - {id: qa, rate: 400, name: QA}
phases:
  - id: build
    name: Build
    tasks:
      - id: design
        name: Design
        duration: 3w
        assign:
          - dev
      - {id: code, name: Code, duration: 2w, assign: [{resource: dev, units: 1}],
         depends_on: [{task: design, type: FS}]}
      - {id: docs, name: Docs, duration: 1w, assign: [qa]}
      - {id: test, name: Test, duration: 1w, assign: [qa], depends_on: [code]}
      - {id: launch, name: Launch, milestone: true, depends_on: [docs, test],
         deadline: 2026-02-16}
risks:
  - {id: R1, title: Vendor late, probability: 3, impact: 4, affects: [code]}
"""


def test_markup_only_changes_are_no_change() -> None:
    d = compare(PLAN, MARKUP_ONLY)
    assert d.unchanged, d
    text = render_diff([Report("shop.yaml", d)], "markdown")
    assert text.startswith("**planctl: no schedule change.**")
    assert "no change" in render_diff([Report("shop.yaml", d)], "text")


def test_added_removed_resources_and_risk_scores() -> None:
    after = (PLAN.replace("      - {id: docs, name: Docs, duration: 1w, assign: [qa]}\n", "")
             .replace("depends_on: [test, docs]", "depends_on: [test, review]")
             .replace("      - {id: launch", "      - {id: review, name: Review, duration: 2d}\n"
                      "      - {id: launch")
             .replace("probability: 3, impact: 4", "probability: 5, impact: 4")
             .replace("rate: 400", "rate: 450"))
    d = compare(PLAN, after)
    assert [t.id for t in d.tasks_added] == ["review"]
    assert [t.id for t in d.tasks_removed] == ["docs"]
    launch = next(t for t in d.tasks_changed if t.id == "launch")
    assert launch.inputs["depends_on"] == ("docs, test", "review, test")
    (risk,) = d.risks.changed
    assert risk.id == "R1" and risk.score == (12, 20)
    assert d.resources.changed[0].id == "qa"
    assert d.resources.changed[0].inputs == {"rate": ("400", "450")}


def test_json_has_the_documented_shape() -> None:
    d = compare(PLAN, LONGER)
    data = json.loads(render_diff([Report("shop.yaml", d)], "json"))
    assert data["base"]["finish"] == "2026-02-13" and data["head"]["finish"] == "2026-02-20"
    assert data["finish_delta_days"] == 5 and data["cost_delta"] == 2500.0
    assert data["critical_path"]["base"] and data["critical_path"]["head"]
    assert data["tasks"]["added"] == [] and data["tasks"]["removed"] == []
    design = next(t for t in data["tasks"]["changed"] if t["id"] == "design")
    assert design["inputs"] == {"duration": ["3w", "4w"]}
    assert design["start"] == ["2026-01-05", "2026-01-05"]
    assert design["finish"] == ["2026-01-23", "2026-01-30"]
    (deadline,) = data["deadlines"]
    assert deadline == {"id": "launch", "deadline": "2026-02-16",
                        "deadlines": ["2026-02-16", "2026-02-16"],
                        "finish": ["2026-02-13", "2026-02-20"], "met": [True, False],
                        "newly_missed": True}
    assert data["risks"] == {"added": [], "removed": [], "changed": []}


def test_markdown_puts_the_verdict_first_and_folds_the_details() -> None:
    text = render_diff([Report("shop.yaml", compare(PLAN, LONGER))], "markdown")
    head = text.split("<details>")[0]
    assert "finish later" in head and "+5 working days" in head
    assert "cost up" in head and "+2,500.00" in head and "deadline newly missed: launch" in head
    assert "`design`: duration 3w → 4w (design → code → test → launch)" in head
    assert "<details><summary>Tasks: 4 changed, 0 added, 0 removed</summary>" in text


def test_markdown_escapes_plan_text() -> None:
    hostile = "name: \"<img src=x onerror=alert(1)> | [x](javascript:a)\","
    after = LONGER.replace("name: Code,", hostile)
    text = render_diff([Report("shop.yaml", compare(PLAN, after))], "markdown")
    assert "<img" not in text and "| [x]" not in text


def _big(n: int, weeks: int) -> str:
    lines = ["planctl: 1", "name: Big", "start: 2026-01-05", "status_date: 2026-01-05",
             "phases:", "  - id: p", "    name: P", "    tasks:"]
    for i in range(n):
        dep = f", depends_on: [t{i - 1}]" if i else ""
        lines.append(f"      - {{id: t{i}, name: 'Task number {i} <with> | text', "
                     f"duration: {weeks if i == 0 else 1}d{dep}}}")
    return "\n".join(lines) + "\n"


def test_markdown_stays_under_the_comment_limit_on_a_large_plan() -> None:
    d = compare(_big(1500, 1), _big(1500, 3))
    assert len(d.tasks_changed) == 1500
    text = render_diff([Report("big.yaml", d)], "markdown")
    assert len(text) < 65_536
    assert "more tasks not shown (comment size limit)" in text
    assert text.count("<details>") == text.count("</details>")
