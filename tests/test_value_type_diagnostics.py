"""Diagnostics of values of the wrong type or size, pinned word for word.

Text (names, ids, tags) is checked by pydantic-core itself and durations are parsed once per
distinct text; these messages are the ones planctl gave before either change (but for a value
too long, which said "at most 100 items after validation"), so a change in pydantic's own
wording, or a cached error, shows up here.
"""

from __future__ import annotations

import pytest

from planctl.errors import PlanError
from planctl.loader import load_text

PLAN = """\
planctl: 1
name: P
id: {plan_id}
start: 2026-01-05
resources:
  - id: {resource_id}
    name: R
phases:
  - id: p1
    name: P1
    tasks:
      - id: t1
        name: {task_name}
        duration: {duration}
        tags: [{tag}]
        depends_on: [{{task: t2, lag: {lag}}}]
      - id: t2
        name: T2
        duration: {duration}
"""
GOOD = {"plan_id": "p", "resource_id": "r1", "task_name": "T1", "duration": "2d", "tag": "a",
        "lag": "1d"}
LONG = "x" * 101


def _messages(**values: str) -> list[tuple[int, int, str]]:
    with pytest.raises(PlanError) as caught:
        load_text(PLAN.format(**{**GOOD, **values}), "plan.yaml")
    return [(d.location.line, d.location.column, d.message) for d in caught.value.diagnostics]


@pytest.mark.parametrize(("values", "expected"), [
    ({"task_name": "5"}, (13, 15, "name: expected text, got the number 5; quote it to keep it "
                                  "as text")),
    ({"task_name": "5.5"}, (13, 15, "name: expected text, got the number 5.5; quote it to keep "
                                    "it as text")),
    ({"task_name": "true"}, (13, 15, 'name: expected text, got a boolean; quote it ("true") to '
                                     "keep it as text")),
    ({"task_name": "null"}, (13, 15, "name: expected text, got nothing (null)")),
    ({"task_name": "[a]"}, (13, 15, "name: expected text, got a list")),
    ({"task_name": "''"}, (13, 15, "name: must not be empty")),
    ({"tag": "{a: 1}"}, (15, 16, "tags: expected text, got a mapping")),
    ({"resource_id": LONG}, (6, 9, "id: too long: 101 characters, at most 100")),
    # Too long and not an id: the length is reported.
    ({"resource_id": f"'!{LONG}'"}, (6, 9, "id: too long: 102 characters, at most 100")),
    ({"resource_id": "'a b'"}, (6, 9, "id: 'a b' is not a valid id: use letters, digits, '-', "
                                      "'_' and '.', starting with a letter or digit")),
    ({"plan_id": "A"}, (3, 5, "id: 'A' is not a valid plan id: use lower-case letters, digits, "
                              "'-' and '_', starting with a letter or digit")),
    ({"lag": "1.5d"}, (16, 38, "lag: a lag is a whole number of working days, got 1.5d")),
    ({"lag": "99999w"}, (16, 38, "lag: 99999w is too large: durations, efforts and lags are at "
                                 "most 36600d (5228w)")),
])
def test_a_value_of_the_wrong_type_or_size_is_reported_as_before(
        values: dict[str, str], expected: tuple[int, int, str]) -> None:
    assert _messages(**values) == [expected]


def test_the_same_bad_duration_twice_is_reported_at_both_places() -> None:
    assert _messages(duration="3") == [
        (14, 19, "duration: expected a duration such as 3d or 2w, got the number 3; write 3d "
                 "for working days or 3w for weeks"),
        (19, 19, "duration: expected a duration such as 3d or 2w, got the number 3; write 3d "
                 "for working days or 3w for weeks"),
    ]
    assert _messages(duration="0d") == [
        (14, 19, "duration: a duration must be more than 0; use `milestone: true` for an event "
                 "with no duration"),
        (19, 19, "duration: a duration must be more than 0; use `milestone: true` for an event "
                 "with no duration"),
    ]
