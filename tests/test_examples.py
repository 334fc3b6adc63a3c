"""The plans in examples/: they load, lint clean, schedule, point editors at the schema, and
between them show every part of the format."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from planctl.loader import LoadedPlan, load_plan
from planctl.model import Plan

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def all_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.y*ml"))


def plan_files() -> list[Path]:
    return [p for p in all_files()
            if re.search(r"(?m)^planctl\s*:", p.read_text(encoding="utf-8"))]


PLANS = plan_files()
IDS = [str(p.relative_to(EXAMPLES)) for p in PLANS]


@pytest.fixture(scope="module")
def loaded() -> dict[Path, LoadedPlan]:
    return {path: load_plan(path) for path in PLANS}


def test_there_are_realistic_examples():
    assert len(PLANS) >= 2
    sizes = {p.relative_to(EXAMPLES).as_posix(): len(list(load_plan(p).plan.iter_tasks()))
             for p in PLANS}
    assert sizes["crm-rollout.yaml"] >= 25
    assert sizes["dc-migration/plan.yaml"] >= 25


@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_every_example_loads_and_is_lint_clean(path: Path, loaded: dict[Path, LoadedPlan]):
    from planctl.lint import lint_plan
    from planctl.schedule import schedule_plan

    example = loaded[path]
    plan = example.plan
    assert plan.status_date is not None, "without a status date the example ages with the clock"

    def schedule() -> Any:
        return schedule_plan(plan, as_of=plan.status_date)

    findings = lint_plan(example, schedule_provider=schedule)
    # Examples are what people copy: not even advice (info) may be left in them.
    assert [f"{d.location} {d.code} {d.message}" for d in findings] == []


@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_every_example_schedules_within_its_deadlines_and_budget(
        path: Path, loaded: dict[Path, LoadedPlan]):
    from planctl.schedule import schedule_plan

    plan = loaded[path].plan
    result = schedule_plan(plan, as_of=plan.status_date)
    assert result.finish >= plan.start
    assert list(result.missed_deadlines) == []
    if plan.budget is not None:
        assert 0 < result.cost <= plan.budget.total


@pytest.mark.parametrize("path", all_files(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_file_starts_with_the_schema_modeline(path: Path):
    text = path.read_text(encoding="utf-8")
    match = MODELINE.match(text)
    assert match, f"{path.name}: the first line must be '# yaml-language-server: $schema=...'"
    # Relative to the file, as the YAML language server resolves it.
    assert (path.parent / match.group(1)).resolve() == SCHEMA_FILE.resolve()


def test_the_split_example_includes_every_file_in_its_folder(loaded: dict[Path, LoadedPlan]):
    folder = EXAMPLES / "dc-migration"
    example = loaded[folder / "plan.yaml"]
    read = {Path(f.path).resolve() for f in example.source.files}
    assert read == {p.resolve() for p in folder.rglob("*.yaml")}
    assert len(read) >= 4
    # The included phases arrive in include order, after the sections of the plan file.
    assert [p.id for p in example.plan.phases] == ["prepare", "migrate", "close"]
    assert example.plan.risks and example.plan.resources and example.plan.communications


def _dependencies(plan: Plan) -> list[Any]:
    links = [d for _, t in plan.iter_tasks() for d in t.depends_on]
    return links + [d for p in plan.phases for d in p.depends_on]


def test_the_examples_between_them_show_every_part_of_the_format(
        loaded: dict[Path, LoadedPlan]):
    plans = [example.plan for example in loaded.values()]
    tasks = [t for plan in plans for _, t in plan.iter_tasks()]
    links = [d for plan in plans for d in _dependencies(plan)]
    assert {d.type for d in links} == {"FS", "SS", "FF", "SF"}
    assert any(d.lag.amount < 0 for d in links) and any(d.lag.amount > 0 for d in links)
    assert any(p.depends_on for plan in plans for p in plan.phases)
    assert {t.work_kind for t in tasks} == {"duration", "effort", "milestone"}
    assert any(a.units != 1 for t in tasks for a in t.assign)
    assert any(t.effort is not None and len(t.assign) > 1 for t in tasks)
    assert {t.status for t in tasks} >= {"planned", "in_progress", "done"}
    assert any(t.progress for t in tasks) and all(p.status_date for p in plans)
    assert any(t.deadline for t in tasks) and any(t.priority != 500 for t in tasks)
    assert any(t.cost for t in tasks) and any(t.estimate for t in tasks)
    assert any(t.start_no_earlier_than for t in tasks) and any(t.tags for t in tasks)
    assert all(p.budget is not None for p in plans)
    assert all(p.calendar.holidays for p in plans)
    spans = [h for p in plans for h in p.calendar.holidays]
    assert any(h.from_ for h in spans) and any(h.date and h.name for h in spans)
    assert any(r.leave for p in plans for r in p.resources)
    assert {r.kind for p in plans for r in p.resources} == {"person", "team", "equipment"}
    assert any(p.calendar.country for p in plans)
    assert any(p.calendar.workdays != ["mon", "tue", "wed", "thu", "fri"] for p in plans)
    for plan in plans:
        for section in ("objectives", "resources", "phases", "risks", "stakeholders",
                        "communications", "lessons"):
            assert getattr(plan, section), f"{plan.id}: no {section}"
        assert all(o.kpi and o.kpi.target is not None for o in plan.objectives)
    risks = [r for p in plans for r in p.risks]
    assert {r.status for r in risks} >= {"open", "mitigating", "closed", "occurred"}
    assert any(isinstance(r.probability, float) for r in risks)


def test_examples_are_in_fmt_layout():
    # What a user copies from should be what `planctl fmt` writes (and what its pre-commit hook
    # accepts).
    from planctl.fmt.core import format_text

    for path in all_files():
        text = path.read_text(encoding="utf-8")
        assert format_text(text, str(path)) == text, f"planctl fmt {path.relative_to(ROOT)}"
