"""Templates receive plain, read-only data: nothing in the context can be called or changed.

A user template is code from a stranger. These tests walk everything a template can reach and
attack the context the way the issue's probe did (`plan.parse_raw(..., allow_pickle=True)`
ran a shell command when templates were handed the pydantic models).
"""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from markupsafe import Markup

from planctl.render import render_plan
from planctl.render.context import build_context
from planctl.render.environment import RenderError, make_environment
from planctl.render.plain import Record, freeze, freeze_context
from planctl.render.portfolio import entry, index_context

PLAIN_SCALARS = (str, int, float, bool, date, type(None))


def registered_callables() -> dict[int, Any]:
    """The functions planctl registers for templates (filters, globals) in both formats."""
    found: dict[int, Any] = {}
    for fmt in ("md", "html"):
        env = make_environment(fmt)
        for value in [*env.filters.values(), *env.globals.values()]:
            found[id(value)] = value
    return found


def walk(value: Any, path: str, seen: set[int], allowed: dict[int, Any],
         problems: list[str]) -> None:
    """Visit everything reachable from `value` the way a template reaches it."""
    if isinstance(value, PLAIN_SCALARS) and not callable(value):
        return
    if id(value) in seen:
        return
    seen.add(id(value))
    if callable(value):
        if id(value) not in allowed:
            problems.append(f"{path}: callable {value!r}")
        return
    if isinstance(value, Record):
        for name in value:
            walk(value[name], f"{path}.{name}", seen, allowed, problems)
    elif isinstance(value, MappingProxyType):
        for key, item in value.items():
            walk(key, f"{path}[key]", seen, allowed, problems)
            walk(item, f"{path}[{key!r}]", seen, allowed, problems)
    elif isinstance(value, (tuple, frozenset)):
        for index, item in enumerate(value):
            walk(item, f"{path}[{index}]", seen, allowed, problems)
    else:
        problems.append(f"{path}: not plain data: {type(value).__module__}."
                        f"{type(value).__qualname__}")


def assert_plain(context: dict[str, Any]) -> None:
    allowed = registered_callables()
    problems: list[str] = []
    seen: set[int] = set()
    for name, value in context.items():
        walk(value, name, seen, allowed, problems)
    assert not problems, "\n".join(problems[:20])
    assert len(seen) > 50  # the walk reached the views, not just the top level


@pytest.mark.parametrize("fixture", ["crm", "nasty"])
def test_nothing_callable_is_reachable_from_a_plan_page_context(fixture: str,
                                                                request) -> None:
    plan, schedule = request.getfixturevalue(fixture)
    context = freeze_context(build_context(plan, schedule) | {"format": "md"})
    assert_plain(context)
    # The walk went through the models and schedule entries that used to be objects.
    assert isinstance(context["plan"], Record) and isinstance(context["schedule"], Record)
    assert isinstance(context["tasks"][0].model, Record)
    assert isinstance(context["tasks"][0].schedule, Record)


def test_nothing_callable_is_reachable_with_a_baseline(crm) -> None:
    from planctl.baseline import snapshot, variance

    plan, schedule = crm
    against = variance(snapshot(plan, schedule), plan, schedule)
    context = freeze_context(build_context(plan, schedule, variance=against))
    assert isinstance(context["variance"], Record)
    assert_plain(context)


def test_nothing_callable_is_reachable_from_a_portfolio_index_context(crm) -> None:
    plan, schedule = crm
    page = build_context(plan, schedule)
    context = freeze_context(index_context([entry(plan, schedule, page, "crm.md")],
                                           schedule.status_date, "All") | {"format": "md"})
    allowed = registered_callables()
    problems: list[str] = []
    for name, value in context.items():
        walk(value, name, set(), allowed, problems)
    assert not problems, problems


def test_the_registered_functions_are_plain_and_return_plain_data() -> None:
    # Jinja's own filters and globals (join, range, namespace...) are the sandbox's business;
    # planctl's are plain functions of its own modules, returning strings.
    samples = [None, 0, 2.5, "x", date(2026, 1, 5), freeze({"a": 1})]
    ours = [f for f in registered_callables().values()
            if getattr(f, "__module__", "").startswith("planctl")]
    assert len(ours) >= 12
    for function in ours:
        assert inspect.isfunction(function), function
        for sample in samples:
            try:
                result = function(sample)
            except (TypeError, ValueError, AttributeError):
                continue
            assert isinstance(result, (str, Markup)), (function, sample, result)


def test_a_record_cannot_be_changed_and_shows_only_its_fields(crm) -> None:
    context = freeze_context(build_context(*crm))
    task = context["tasks"][0]
    with pytest.raises(AttributeError):
        task.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del task.name
    with pytest.raises(TypeError):
        task["name"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        task.parse_raw  # noqa: B018
    assert "_source" not in task and "model_dump" not in task
    assert isinstance(context["plan"].phases, tuple)
    assert isinstance(context["plan"].tasks_by_id, MappingProxyType)
    # Shared views stay shared, so `t in critical_path` works in templates.
    first = context["critical_path"][0]
    assert any(first is t for t in context["tasks"])


def test_a_record_has_no_public_attribute_but_its_fields() -> None:
    # Anything public on the class (a method, a classmethod) would be reachable from every
    # record, whatever its fields.
    assert [name for name in dir(Record) if not name.startswith("_")] == []
    record = freeze({"a": 1})
    assert [name for name in dir(freeze(Record({"x": 1}))) if not name.startswith("_")] == ["x"]
    assert record["a"] == 1


def test_freeze_refuses_what_it_cannot_make_plain() -> None:
    with pytest.raises(TypeError, match="plain data only"):
        freeze({"f": print})
    with pytest.raises(TypeError, match="plain data only"):
        freeze([object()])


def test_a_record_pickles_as_plain_data(crm) -> None:
    import pickle

    context = freeze_context(build_context(*crm))
    summary = pickle.loads(pickle.dumps(context["summary"]))
    assert summary.health.level == context["summary"].health.level
    assert summary.start == context["summary"].start


def _user(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "plan.md.j2").write_text(text)
    return folder


# Reached through every route a template has to an attribute: `.`, `[]`, `attr`, `map`,
# format strings. None may reach a model's methods or the object behind a record.
METHOD_ATTACKS = [
    "{{ plan.parse_raw('x', content_type='pickle', allow_pickle=true) }}",
    "{{ plan.parse_file('SECRET') }}",
    "{{ plan.model_validate_json('{}') }}",
    "{{ plan.model_validate({}) }}",
    "{{ plan.copy() }}",
    "{{ plan.model_copy() }}",
    "{{ plan.dict() }}",
    "{{ plan.model_dump() }}",
    "{{ plan.json() }}",
    "{{ plan.model_dump_json() }}",
    "{{ plan.schema() }}",
    "{{ plan.construct() }}",
    "{{ plan.location() }}",
    "{{ plan.iter_tasks() }}",
    "{{ plan.mro() }}",
    "{{ plan.__class__ }}",
    "{{ plan._source }}",
    "{{ plan['_source'] }}",
    "{{ plan|attr('_source') }}",
    "{{ plan|attr('parse_file') }}",
    "{{ schedule.task('x') }}",
    "{{ tasks[0].model.parse_raw('x') }}",
    "{{ tasks[0].schedule.__class__ }}",
    "{{ tasks|map(attribute='model')|map(attribute='parse_file')|list }}",
    "{{ '{0.parse_file}'.format(plan) }}",
    "{{ '{0._source}'.format(plan) }}",
    "{{ '{0._fields}'.format(plan) }}",
    "{{ charts.kpi.__globals__ }}",
    "{{ charts._fields }}",
    "{{ summary.health.__reduce__() }}",
    "{{ plan.view }}",
    "{{ plan.__dict__ }}",
    "{{ plan|attr('__dict__') }}",
    "{{ plan._lazy }}",
]


@pytest.mark.parametrize("attack", METHOD_ATTACKS)
def test_templates_cannot_reach_methods_of_the_plan(tmp_path: Path, crm, attack: str) -> None:
    user = _user(tmp_path, attack)
    try:
        text = render_plan(*crm, "md", templates=user)
    except RenderError:
        return
    # Some routes give undefined values instead of an error (`map` over a missing attribute).
    assert not any(sign in text for sign in ("method", "function", "class", "Plan(", "Task(")), \
        text


def test_templates_still_read_every_documented_kind_of_field(tmp_path: Path, crm) -> None:
    user = _user(tmp_path, (
        "{{ plan.name }}|{{ plan['id'] }}|{{ plan.tasks_by_id|length }}|"
        "{{ tasks[0].model.name }}|{{ tasks[1].schedule.late_finish|isodate }}|"
        "{{ schedule.currency }}|{{ summary.health.label }}|{{ health_symbol }}"
        "{{ plan.phases[1].tasks[0].depends_on[0].lag }}|"
        "{{ tasks|selectattr('milestone')|map(attribute='name')|join(',') }}|"
        "{% for key, value in schedule.holidays.items() %}{{ key }}{% endfor %}|"
        "{{ charts.kpi(objectives[0])[:4] }}"
        .replace("{{ health_symbol }}", "{{ summary.health.symbol }}")))
    text = render_plan(*crm, "md", templates=user)
    plan, schedule = crm
    late_finish = schedule.tasks[1].late_finish.isoformat()
    assert text.startswith(f"CRM rollout|crm-rollout|{len(plan.tasks_by_id)}|Kickoff|"
                           f"{late_finish}|USD|")
    assert "0d|Kickoff|2026-01-19|<svg" in text
