"""The `Schedule` value's two fast paths are the same values as the ordinary constructors:
`ResourceLoad.load` made on first read, and `TaskSchedule.from_fields`."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planctl import load_plan
from planctl.schedule import schedule_plan
from planctl.schedule.result import ResourceLoad, TaskSchedule

DAY = date(2026, 1, 5)


def test_a_deferred_load_is_made_once_on_first_read_and_is_an_ordinary_field() -> None:
    made: list[int] = []

    def make() -> dict[date, float]:
        made.append(1)
        return {DAY: 1.0}

    deferred = ResourceLoad.deferred("ann", "Ann", 1.0, make)
    assert made == []
    plain = ResourceLoad("ann", "Ann", 1.0, {DAY: 1.0})
    assert deferred == plain and repr(deferred) == repr(plain)
    assert deferred.load is deferred.load and made == [1]
    assert [f.name for f in dataclasses.fields(ResourceLoad)] == [
        "id", "name", "capacity", "load", "over_allocated"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        deferred.load = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        ResourceLoad("ann", "Ann", 1.0)  # type: ignore[call-arg]  # load stays required


def test_from_fields_is_the_constructor_and_refuses_a_missing_field() -> None:
    schedule = schedule_plan(load_plan("examples/crm-rollout.yaml").plan)
    for task in schedule.tasks:
        again = TaskSchedule(**dataclasses.asdict(task) | {
            "handoffs": task.handoffs})
        assert again == task and hash(again) == hash(task) and repr(again) == repr(task)
    values = dict(vars(schedule.tasks[0]))
    del values["cost"]
    with pytest.raises(TypeError, match="cost"):
        TaskSchedule.from_fields(values)
