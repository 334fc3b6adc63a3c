"""Loading plans: includes, schema errors, and semantic validation."""

from __future__ import annotations

import textwrap

import pytest

from planctl.errors import PlanError
from planctl.loader import load_plan, load_text

HEADER = """\
planctl: 1
name: Test
start: 2026-01-05
resources:
  - {id: alice, name: Alice}
stakeholders:
  - {id: cfo, name: CFO}
phases:
  - id: build
    name: Build
    tasks:
"""


def plan_with(tasks: str, extra: str = "") -> str:
    return HEADER + textwrap.indent(textwrap.dedent(tasks), " " * 6) + extra


def errors_of(text: str) -> list:
    with pytest.raises(PlanError) as caught:
        load_text(text, "p.yaml")
    return caught.value.diagnostics


def only_error(text: str):
    found = errors_of(text)
    assert len(found) == 1, [str(d.location) + " " + d.message for d in found]
    return found[0]


def test_a_valid_plan_loads_with_defaults():
    loaded = load_text(plan_with("- {id: a, name: A, duration: 2w}\n"), "my plan.yaml")
    plan = loaded.plan
    assert plan.id == "my-plan"  # defaults to the file name
    assert plan.calendar.workdays == ["mon", "tue", "wed", "thu", "fri"]
    task = plan.tasks_by_id["a"]
    assert task.duration is not None and task.duration.days(5) == 10
    assert str(task.location("duration")) == "my plan.yaml:12:36"


@pytest.mark.parametrize(
    ("tasks", "code", "where", "words"),
    [
        ("- {id: a, name: A, duraton: 3d}\n", "E201", "12:26", "did you mean 'duration'"),
        ("- {id: a, name: A, duration: 3}\n", "E203", "12:36", "3d"),
        ("- {id: a, name: A, duration: 0d}\n", "E203", "12:36", "milestone"),
        ("- {id: a, name: A, duration: 3d, deadline: 2026-02-30}\n", "E204", "12:50",
         "invalid date 2026-02-30"),
        ("- {id: a, name: A, milestone: yes}\n", "E203", "12:37", "use true or false"),
        ("- {id: a, name: 1.10, duration: 1d}\n", "E203", "12:23", "quote"),
        ("- {id: a, name: A, duration: 1d, status: finished}\n", "E203", "12:48", "in_progress"),
        ("- {id: a, name: A, duration: 1d, progress: 120}\n", "E203", "12:50", "out of range"),
        ("- {id: 'a b', name: A, duration: 1d}\n", "E203", "12:14", "not a valid id"),
        ("- {name: A, duration: 1d}\n", "E202", "12:9", "missing required key 'id'"),
        ("- {id: a, name: A, duration: 1d, depends_on: [{task: b, type: XX}]}\n", "E203",
         "12:69", "FS, SS, FF, SF"),
    ],
)
def test_schema_errors_are_located_and_helpful(tasks, code, where, words):
    diagnostic = errors_of(plan_with(tasks))[0]
    assert diagnostic.code == code
    assert f"{diagnostic.location.line}:{diagnostic.location.column}" == where
    assert words in diagnostic.message + " " + (diagnostic.hint or "")


def test_unsupported_version():
    diagnostic = only_error(plan_with("- {id: a, name: A, duration: 1d}\n").replace(
        "planctl: 1", "planctl: 2"))
    assert diagnostic.code == "E200" and "version 2" in diagnostic.message


@pytest.mark.parametrize(
    ("tasks", "code", "line", "words"),
    [
        ("- {id: a, name: A, duration: 1d}\n- {id: a, name: B, duration: 1d}\n", "E301", 13,
         "duplicate task id 'a'"),
        ("- {id: build, name: A, duration: 1d}\n", "E301", 12, "duplicate task id 'build'"),
        ("- {id: a, name: A, duration: 1d, depends_on: [bb]}\n- {id: b, name: B, duration: 1d}\n",
         "E302", 12, "did you mean 'b'"),
        ("- {id: a, name: A, duration: 1d, assign: [alise]}\n", "E302", 12, "'alice'"),
        ("- {id: a, name: A, duration: 1d, owner: nobody}\n", "E302", 12, "owner"),
        ("- {id: a, name: A, duration: 1d, effort: 2d, assign: [alice]}\n", "E304", 12,
         "exactly one"),
        ("- {id: a, name: A}\n", "E304", 12, "needs one of"),
        ("- {id: a, name: A, effort: 2d}\n", "E305", 12, "needs an assignment"),
        ("- {id: a, name: A, effort: 2d, assign: [alice, alice]}\n", "E306", 12, "twice"),
        ("- {id: a, name: A, duration: 2d, status: done, actual_start: 2026-01-09, "
         "actual_finish: 2026-01-07}\n", "E307", 12, "before actual_start"),
        ("- {id: a, name: A, duration: 2d, status: done, progress: 50}\n", "E308", 12, "done"),
        ("- {id: a, name: A, duration: 2d, progress: 50}\n", "E308", 12, "in_progress"),
    ],
)
def test_semantic_errors(tasks, code, line, words):
    diagnostic = next(d for d in errors_of(plan_with(tasks)) if d.code == code)
    assert diagnostic.location.line == line
    assert words in diagnostic.message + " " + (diagnostic.hint or "")


def test_cycle_is_reported_whole_at_a_link():
    diagnostic = only_error(plan_with("""\
        - {id: a, name: A, duration: 1d, depends_on: [c]}
        - {id: b, name: B, duration: 1d, depends_on: [a]}
        - {id: c, name: C, duration: 1d, depends_on: [b]}
        """))
    assert diagnostic.code == "E303"
    assert "a → b → c → a" in diagnostic.message
    assert diagnostic.location.line == 12


def test_task_depending_on_its_own_phase_is_a_cycle():
    diagnostic = only_error(plan_with("- {id: a, name: A, duration: 1d, depends_on: [build]}\n"))
    assert diagnostic.code == "E303"


def test_phase_dependencies_in_both_directions_are_fine():
    text = plan_with("- {id: a, name: A, duration: 1d}\n", """\
  - id: test
    name: Test
    depends_on: [build]
    tasks:
      - {id: b, name: B, duration: 1d}
      - {id: c, name: C, duration: 1d, depends_on: [{task: build, type: SS}]}
""")
    assert len(load_text(text).plan.phases) == 2


def test_references_to_people_and_stakeholders_resolve():
    text = plan_with("- {id: a, name: A, duration: 1d, owner: cfo}\n", """\
risks:
  - {id: R1, title: T, probability: 0.3, impact: 2, owner: alice, affects: [a, build]}
communications:
  - {name: Weekly, audience: [cfo], owner: alice}
""")
    plan = load_text(text).plan
    assert plan.risks[0].score == 4  # 0.3 is the 2nd fifth


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_includes_merge_sections_and_keep_positions(tmp_path):
    main = write(tmp_path / "plan.yaml", """\
        planctl: 1
        name: P
        start: 2026-01-05
        include: [parts/risks.yaml, parts/more.yaml]
        phases:
          - {id: a, name: A, tasks: [{id: t1, name: T1, duration: 1d}]}
        """)
    write(tmp_path / "parts/risks.yaml", """\
        risks:
          - {id: R1, title: Risk, probability: 2, impact: 2, affects: [t2]}
        """)
    write(tmp_path / "parts/more.yaml", """\
        phases:
          - {id: b, name: B, tasks: [{id: t2, name: T2, duration: 1d, depends_on: [t1]}]}
        """)
    loaded = load_plan(main)
    assert [p.id for p in loaded.plan.phases] == ["a", "b"]
    assert str(loaded.plan.risks[0].location("affects", 0)).endswith("parts/risks.yaml:2:64")
    assert len(loaded.source.files) == 3


def test_errors_in_an_included_file_point_into_it(tmp_path):
    main = write(tmp_path / "plan.yaml", """\
        planctl: 1
        name: P
        start: 2026-01-05
        include: [extra.yaml]
        """)
    write(tmp_path / "extra.yaml", "phases:\n  - {id: a, name: A, tasks: [{id: t, name: T, "
          "duration: 1d, depends_on: [x]}]}\n")
    with pytest.raises(PlanError) as caught:
        load_plan(main)
    assert str(caught.value.diagnostics[0].location).endswith("extra.yaml:2:74")


@pytest.mark.parametrize(
    ("files", "code", "words"),
    [
        ({"b.yaml": "planctl: 1\nrisks: []\n"}, "E117", "fragment"),
        ({"b.yaml": "include: [plan.yaml]\n"}, "E116", "include cycle"),
        ({"b.yaml": "include: [c.yaml]\n", "c.yaml": "include: [b.yaml]\n"}, "E116",
         "include cycle"),
        ({}, "E115", "not found"),
        ({"b.yaml": "name: Other\n"}, "E118", "already set"),
        ({"b.yaml": "- a\n"}, "E114", "mapping"),
    ],
)
def test_include_errors_are_located(tmp_path, files, code, words):
    main = write(tmp_path / "plan.yaml", "planctl: 1\nname: P\nstart: 2026-01-05\n"
                 "include: [b.yaml]\n")
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(PlanError) as caught:
        load_plan(main)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == code
    assert words in diagnostic.message
    assert diagnostic.location.line >= 1


def test_include_is_a_list_even_of_one_file(tmp_path):
    write(tmp_path / "b.yaml", "risks: []\n")
    main = write(tmp_path / "plan.yaml", "planctl: 1\nname: P\nstart: 2026-01-05\n"
                 "include: b.yaml\n")
    with pytest.raises(PlanError) as caught:
        load_plan(main)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.location.line) == ("E115", 4)
    assert "list" in diagnostic.message


def test_a_whole_zero_probability_is_the_fraction():
    plan = load_text(HEADER + "      - {id: a, name: A, duration: 1d}\nrisks:\n"
                     "  - {id: r, title: R, probability: 0, impact: 3}\n", "p.yaml").plan
    assert plan.risks[0].probability == 0.0 and plan.risks[0].score == 3


def test_python_names_of_keys_are_not_keys():
    diagnostic = only_error(HEADER + "      - {id: a, name: A, duration: 1d}\ncalendar:\n"
                            "  holidays: [{from_: 2026-02-02, to: 2026-02-03}]\n")
    assert diagnostic.code == "E201" and "from_" in diagnostic.message
