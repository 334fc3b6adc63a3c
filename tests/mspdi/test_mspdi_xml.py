"""The MSPDI file as XML, without Java: the schema's element order (Project drops elements out
of order), text that XML cannot hold, and the golden file of an example."""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "schedule"))
from randplans import Options, random_plan

from planctl.baseline import snapshot
from planctl.export import mspdi_schema as schema
from planctl.export.mspdi import NAMESPACE, mspdi_bytes
from planctl.loader import load_plan, load_text
from planctl.schedule import schedule_plan

ROOT = Path(__file__).parents[2]
GOLDEN = ROOT / "tests" / "golden" / "crm-rollout.mspdi.xml"
UPDATE = os.environ.get("PLANCTL_UPDATE_GOLDEN") == "1"
AS_OF = date(2026, 3, 2)
SEQUENCES = {"Project": schema.PROJECT, "Calendar": schema.CALENDAR,
             "WeekDay": schema.WEEK_DAY, "Exception": schema.EXCEPTION, "Task": schema.TASK,
             "PredecessorLink": schema.PREDECESSOR_LINK, "Resource": schema.RESOURCE,
             "Assignment": schema.ASSIGNMENT}
NS = f"{{{NAMESPACE}}}"


def _local(tag: str) -> str:
    return tag.removeprefix(NS)


def assert_schema_order(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{NS}Project"
    # A task's baseline and a custom field's definition (under `ExtendedAttributes`) or value
    # (under `Task`) have their own sequences, told apart by their parents.
    parents = {child: _local(node.tag) for node in root.iter() for child in node}
    for node in root.iter():
        parent = _local(node.tag)
        children = [_local(c.tag) for c in node]
        order = SEQUENCES.get(parent)
        if parent == "Baseline":
            order = schema.TASK_BASELINE
        if parent == "ExtendedAttribute":
            order = (schema.EXTENDED_ATTRIBUTE_DEFINITION
                     if parents[node] == "ExtendedAttributes" else schema.EXTENDED_ATTRIBUTE_VALUE)
        if order is None:
            continue
        ranks = [order.index(c) for c in children]  # ValueError: not in the schema at all
        assert ranks == sorted(ranks), f"<{parent}> children out of schema order: {children}"
    return root


@pytest.mark.parametrize("path", ["examples/crm-rollout.yaml", "examples/app-release.yaml",
                                  "examples/dc-migration/plan.yaml"])
def test_every_element_of_the_examples_is_in_schema_order(path: str) -> None:
    plan = load_plan(str(ROOT / path)).plan
    assert_schema_order(mspdi_bytes(plan, schedule_plan(plan, as_of=AS_OF)))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**9))
def test_every_element_of_random_plans_is_in_schema_order(seed: int) -> None:
    plan = load_text(random_plan(seed, Options(deadlines=True, progress=seed % 2 == 0)),
                     "r.yaml").plan
    root = assert_schema_order(mspdi_bytes(plan, schedule_plan(plan)))
    assert len(root.findall(f"{NS}Tasks/{NS}Task")) == 1 + len(plan.phases) + len(
        plan.tasks_by_id)


TASK_CHILDREN = {
    "UID", "ID", "Name", "Active", "Type", "IsNull", "WBS", "OutlineNumber", "OutlineLevel",
    "Priority", "Start", "Finish", "Duration", "DurationFormat", "Work", "EffortDriven",
    "Milestone", "Summary", "Critical", "LateStart", "LateFinish", "FreeSlack", "TotalSlack",
    "FixedCost", "PercentComplete", "Cost", "ActualStart", "ActualFinish", "ActualDuration",
    "RemainingDuration", "ConstraintType", "ConstraintDate", "Deadline", "LevelingDelay",
    "LevelingDelayFormat", "Notes", "PredecessorLink", "ExtendedAttribute", "Baseline"}
ASSIGNMENT_CHILDREN = {
    "UID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualFinish", "ActualStart",
    "ActualWork", "Cost", "Finish", "RemainingWork", "Start", "Units", "Work"}


def test_every_child_of_a_task_and_an_assignment_is_written_in_schema_order() -> None:
    """Tasks (with their links, custom field and baseline) and assignments are written in an
    order spelled out in `planctl.export.mspdi_tasks`, not sorted by the schema: this plan gives
    them every child they can have, each on some task, and every element must follow the
    schema's order."""
    plan = load_plan(str(Path(__file__).parent / "every-child.yaml")).plan
    baseline = snapshot(plan, schedule_plan(plan, as_of=date(2026, 3, 2)))
    root = assert_schema_order(mspdi_bytes(plan, schedule_plan(plan), baseline))
    tasks = [t for t in root.iter(f"{NS}Task") if t.findtext(f"{NS}OutlineLevel") == "2"]
    assert {_local(c.tag) for t in tasks for c in t} == TASK_CHILDREN
    assert {_local(c.tag) for a in root.iter(f"{NS}Assignment") for c in a} == (
        ASSIGNMENT_CHILDREN)


def test_text_xml_cannot_hold_is_replaced_and_markup_is_escaped() -> None:
    plan = load_text('planctl: 1\nname: "A <b>&amp; \\x01 \\x0b plan"\nstart: 2026-03-02\n'
                     'phases:\n  - id: p\n    name: "]]> \\uffff"\n'
                     '    description: "two\\nlines\\r\\n & more"\n    tasks:\n'
                     '      - {id: t, name: "\\x1b[31mred", duration: 1d,'
                     ' description: "<!DOCTYPE x [<!ENTITY a \'b\'>]>"}\n', "x.yaml").plan
    root = assert_schema_order(mspdi_bytes(plan, schedule_plan(plan)))
    assert root.findtext(f"{NS}Name") == "A <b>&amp; \ufffd \ufffd plan"
    names = [t.findtext(f"{NS}Name") for t in root.iter(f"{NS}Task")]
    assert names[1:] == ["]]> \ufffd", "\ufffd[31mred"]
    notes = [n.text for n in root.iter(f"{NS}Notes")]
    assert notes == ["two\nlines\r\n & more", "<!DOCTYPE x [<!ENTITY a 'b'>]>"]


def test_the_crm_example_matches_its_golden_file() -> None:
    """After an intended change: PLANCTL_UPDATE_GOLDEN=1 pytest tests/mspdi/test_mspdi_xml.py
    and review `git diff tests/golden`."""
    plan = load_plan(str(ROOT / "examples" / "crm-rollout.yaml")).plan
    data = mspdi_bytes(plan, schedule_plan(plan, as_of=AS_OF))
    if UPDATE:
        GOLDEN.write_bytes(data)
    assert GOLDEN.exists(), f"{GOLDEN} is missing: run PLANCTL_UPDATE_GOLDEN=1 pytest {__file__}"
    assert data == GOLDEN.read_bytes(), (
        "the MSPDI export of crm-rollout changed; if intended, run PLANCTL_UPDATE_GOLDEN=1 "
        "pytest tests/mspdi/test_mspdi_xml.py and review the diff")
