"""Every rule's own examples: the bad plan is reported exactly where it is marked, the good
plan is not, and each finding is a located one-liner with a hint."""

from __future__ import annotations

import pytest
from lintutil import MARKER, lines_of, lint_example, marked_lines

from planctl.errors import Severity
from planctl.lint import RULES
from planctl.loader import load_text

RULE_LIST = list(RULES.values())
IDS = [rule.code for rule in RULE_LIST]


@pytest.mark.parametrize("rule", RULE_LIST, ids=IDS)
def test_bad_example_is_reported_at_the_marked_lines(rule):
    expected = marked_lines(rule.bad, rule.code)
    assert expected, f"{rule.code}: the bad example marks no line with '# <-- {rule.code}'"
    found = [d for d in lint_example(rule.bad, "bad.yaml", rule.example_as_of)
             if d.code == rule.code]
    assert sorted(d.location.line for d in found) == expected
    for diagnostic in found:
        assert diagnostic.location.path == "bad.yaml"
        assert diagnostic.name == rule.name
        assert diagnostic.severity == rule.severity
        assert diagnostic.message and "\n" not in diagnostic.message
        assert diagnostic.hint and "\n" not in diagnostic.hint


@pytest.mark.parametrize("rule", RULE_LIST, ids=IDS)
def test_good_example_is_not_reported(rule):
    found = lint_example(rule.good, "good.yaml", rule.example_as_of)
    assert rule.code not in [d.code for d in found]
    # A fixed example is clean of every warning and error, so readers can copy it as is.
    loud = [f"{d.code} line {d.location.line}" for d in found if d.severity != Severity.INFO]
    assert loud == []


@pytest.mark.parametrize("rule", RULE_LIST, ids=IDS)
def test_examples_are_valid_plans_and_mark_only_their_own_code(rule):
    for text in (rule.bad, rule.good):
        load_text(text, "example.yaml")  # raises PlanError if the example is not a valid plan
    assert set(MARKER.findall(rule.bad)) == {rule.code}
    assert MARKER.findall(rule.good) == []


def test_a_marker_comment_is_not_what_the_rule_reacts_to():
    # Strip the markers: the bad examples must still be reported at the same lines.
    for rule in RULE_LIST:
        if rule.code == "L001":
            continue  # its finding is about the comment itself
        stripped = MARKER.sub("", rule.bad)
        found = lint_example(stripped, "bad.yaml", rule.example_as_of)
        assert lines_of(found, rule.code) == marked_lines(rule.bad, rule.code)
