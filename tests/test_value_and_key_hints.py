"""Values and keys written the way people say them get the number or key they meant.

Each case goes through the real loader: the plan is refused (text is never a number, an unknown
key is never dropped), and the hint says what to write instead.
"""

from __future__ import annotations

import pytest

from planctl.errors import PlanError
from planctl.loader import load_text

HEAD = """\
planctl: 1
name: Test
start: 2026-01-05
resources:
  - {id: ana, name: Ana}
"""


def finding(text: str, code: str | None = None):
    """The one finding of the plan `HEAD + text` (the one with `code`, when there are more)."""
    with pytest.raises(PlanError) as caught:
        load_text(HEAD + text)
    found = [d for d in caught.value.diagnostics if code is None or d.code == code]
    (diagnostic,) = found
    return diagnostic


def task(extra: str) -> str:
    return ("phases:\n  - id: p\n    name: P\n    tasks:\n"
            f"      - {{id: a, name: A, duration: 1d, {extra}}}\n")


def risk(probability: str, impact: str) -> str:
    return f"risks:\n  - {{id: R1, title: T, probability: {probability}, impact: {impact}}}\n"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (task("assign: [{resource: ana, units: 50%}]"), "units: expected a number",
         "write 0.5 (50% of one person's working day, which is 1)"),
        (task("progress: 40%"), "progress: expected a number",
         "write 40: progress is a percent, written without '%'"),
        (risk("high", "3"), "probability: expected a number",
         "probability is 1..5 (rare..almost certain) or a fraction 0..1: 'high' would be 4 "
         "(likely)"),
        (risk("30%", "3"), "probability: expected a number", "write 0.3"),
        (risk("3", "high"), "impact: expected a number",
         "impact is a whole number 1..5 (negligible..severe): 'high' would be 4 (major)"),
        (risk("3", "very low"), "impact", "'very low' would be 1 (negligible)"),
        (risk("3", "Very-High"), "impact", "'Very-High' would be 5 (severe)"),
        (risk("3", "Moderate"), "impact", "'Moderate' would be 3 (moderate)"),
        (risk("almost certain", "3"), "probability", "'almost certain' would be 5"),
        (risk("3", "huge"), "impact", "1 negligible, 2 minor, 3 moderate, 4 major, 5 severe"),
        (risk("3", "40%"), "impact", None),  # a percent is no impact: no guess
    ],
)
def test_a_value_written_in_words_or_percent_gets_the_number_it_means(text, message, hint):
    diagnostic = finding(text)
    assert diagnostic.code == "E203"
    assert message in diagnostic.message
    if hint is None:
        assert diagnostic.hint is None
    else:
        assert hint in (diagnostic.hint or "")


def test_capacity_as_a_percent_suggests_the_fraction():
    diagnostic = finding("  - {id: bo, name: Bo, capacity: 50%}\n")
    assert diagnostic.message == "capacity: expected a number, got the text '50%'"
    assert diagnostic.hint == "write 0.5 (50% of one full-time person, who is 1)"
    assert "write 1.5" in (finding("  - {id: bo, name: Bo, capacity: 150 %}\n").hint or "")


@pytest.mark.parametrize(
    ("extra", "key", "meant"),
    [
        ("start: 2026-02-02", "start", "start_no_earlier_than"),
        ("start_date: 2026-02-02", "start_date", "start_no_earlier_than"),
        ("end: 2026-02-02", "end", "deadline"),
        ("finish: 2026-02-02", "finish", "deadline"),
        ("due: 2026-02-02", "due", "deadline"),
        ("Due Date: 2026-02-02", "Due Date", "deadline"),
        ("assignee: ana", "assignee", "assign"),
        ("predecessors: [x]", "predecessors", "depends_on"),
        ("after: [x]", "after", "depends_on"),
        ("responsible: ana", "responsible", "owner"),
        ("notes: text", "notes", "description"),
        ("title: text", "title", "name"),
    ],
)
def test_a_task_key_in_other_words_suggests_the_format_s_key(extra, key, meant):
    diagnostic = finding(task(extra))
    assert diagnostic.code == "E201"
    assert diagnostic.message == f"unknown key '{key}' in task"
    assert (diagnostic.hint or "").startswith(f"did you mean '{meant}'?")


def test_start_and_due_say_why_the_key_is_not_a_start_or_finish():
    start = finding(task("start: 2026-02-02")).hint or ""
    assert "planctl works out when a task starts" in start and "actual_start" in start
    due = finding(task("due: 2026-02-02")).hint or ""
    assert "finish by" in due and "actual_finish" in due


@pytest.mark.parametrize(
    ("text", "key", "meant"),
    [
        (task("assign: [{owner: ana}]"), "owner", "resource"),  # in an assignment
        (task("depends_on: [{after: x}]"), "after", "task"),  # in a dependency
        (risk("3", "3").replace("impact: 3", "severity: 3"), "severity", "impact"),
        (risk("3", "3").replace("probability: 3", "likelihood: 3"), "likelihood", "probability"),
        (risk("3", "3").replace("title: T", "name: T"), "name", "title"),
        ("  - {id: bo, name: Bo, fte: 0.5}\n", "fte", "capacity"),
    ],
)
def test_the_meaning_depends_on_the_mapping(text, key, meant):
    diagnostic = finding(text, "E201")  # with E202 where the key it means is required
    assert f"unknown key '{key}'" in diagnostic.message
    assert (diagnostic.hint or "").startswith(f"did you mean '{meant}'?")


def test_spelling_still_wins_where_no_synonym_applies():
    assert finding(task("duraton: 2d")).hint == "did you mean 'duration'?"
