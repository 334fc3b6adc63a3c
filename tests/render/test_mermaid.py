"""The Mermaid gantt text: explicit dates, exclusive ends, clean names, size limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from planctl.render.context import build_context
from planctl.render.mermaid import MAX_TEXT, clean, mermaid_gantt


@pytest.mark.parametrize("name", [
    "a: b", "x # y", "p; q", "50% done", "%%{init: {}}%%", "`fence```", "line\nbreak",
    "section Foo", "click t1 call alert()", "title x", "2026-01-05 release", "TITLE upper",
    "accTitle: x", "weekday monday", "excludes weekends",
])
def test_clean_leaves_no_mermaid_syntax(name: str) -> None:
    text = clean(name)
    assert not set(":#;%`\n") & set(text)
    assert not re.match(r"(?i)(section|click|title|acctitle|weekday|excludes|\d{4}-)", text)
    assert text.strip("\u2060")  # something visible remains


def test_clean_falls_back_and_truncates() -> None:
    assert clean("   ", "t7") == "t7"
    assert len(clean("x" * 500)) <= 60


def test_gantt_lines_carry_planctl_dates_with_exclusive_ends(crm) -> None:
    plan, schedule = crm
    context = build_context(plan, schedule)
    text = str(context["charts"].mermaid_gantt)
    assert "excludes" not in text and "dateFormat YYYY-MM-DD" in text
    for task in schedule.tasks:
        line = next(line for line in text.splitlines() if line.strip().startswith(task.name))
        if task.milestone:
            assert line.endswith(f"{task.finish.isoformat()}, 0d") and ":milestone" in line
        else:
            end = task.finish + timedelta(days=1)
            assert line.endswith(f"{task.start.isoformat()}, {end.isoformat()}")
            assert ("crit" in line.split(":")[-1]) == (task.critical and task.status != "done")
            assert ("done" in line.split(":")[-1]) == (task.status == "done")
            assert ("active" in line.split(":")[-1]) == (task.status == "in_progress")
    assert text.count("section ") == len([p for p in plan.phases if p.tasks])


def test_phase_mode_has_one_bar_per_phase_plus_milestones(crm) -> None:
    plan, schedule = crm
    context = build_context(plan, schedule, gantt="phases")
    gantt = context["charts"].mermaid_gantt
    assert gantt.mode == "phases"
    bars = [line for line in str(gantt).splitlines() if re.search(r", \d{4}-\d\d-\d\d$", line)]
    assert len(bars) == len(plan.phases)
    assert str(gantt).count(":milestone") == sum(t.milestone for _, t in plan.iter_tasks())


def test_too_many_tasks_fall_back_to_phases_within_mermaids_limit(crm) -> None:
    plan, schedule = crm
    context = build_context(plan, schedule, gantt="tasks")
    phases = context["phases"]
    many = [phases[0].__class__(**{**phases[0].__dict__, "tasks": phases[0].tasks * 2000})]
    gantt = mermaid_gantt("big", many, "tasks")
    assert gantt.mode == "phases" and len(str(gantt)) < MAX_TEXT
    lots = [many[0].__class__(**{**many[0].__dict__, "id": f"p{i}", "tasks": phases[0].tasks})
            for i in range(3000)]
    gantt = mermaid_gantt("huge", lots, "tasks")
    assert gantt.omitted > 0 and len(str(gantt)) <= MAX_TEXT


def test_the_limit_counts_as_javascript_does(crm) -> None:
    # Mermaid measures UTF-16 code units: names of emoji count double, and must still fit.
    from planctl.render.mermaid import js_length

    assert js_length("a🚀計") == 4
    plan, schedule = crm
    phases = build_context(plan, schedule, gantt="tasks")["phases"]
    emoji = "🚀" * 80
    tasks = [t.__class__(**{**t.__dict__, "name": emoji}) for t in phases[0].tasks]
    many = [phases[0].__class__(**{**phases[0].__dict__, "id": f"p{i}", "name": emoji,
                                   "tasks": tasks}) for i in range(400)]
    for mode in ("tasks", "phases"):
        text = str(mermaid_gantt(emoji, many, mode))
        assert len(text.encode("utf-16-le")) // 2 <= MAX_TEXT
        assert len(text) > MAX_TEXT // 2  # the limit was approached, not avoided
