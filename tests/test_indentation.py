"""Indentation mistakes are explained: the line that went wrong and the sibling to line up with.

The table tests read like the messages a user sees; the property test shifts a random key of a
random block-YAML document by a few spaces and checks that the error names that line and the
sibling it was lined up with before.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planctl.errors import PlanError
from planctl.located import SourceFile
from planctl.reader import parse

TASKS = """\
planctl: 1
name: Test
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - id: a
        name: A
        duration: 3d
"""


def error_of(text: str):
    with pytest.raises(PlanError) as caught:
        parse(text, SourceFile("f.yaml", text))
    (diagnostic,) = caught.value.diagnostics
    return diagnostic


def shift(text: str, line: int, by: int) -> str:
    lines = text.splitlines()
    lines[line - 1] = " " * by + lines[line - 1] if by > 0 else lines[line - 1][-by:]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "where", "message", "hint", "sibling"),
    [
        # a key one level too deep: the parser's "mapping values are not allowed" (and its hint
        # about quoting ': ') becomes the sibling it should line up with
        (shift(TASKS, 10, 2), (10, 11), "'duration' is indented more than 'name' on line 9",
         "indent it 8 spaces", (9, 9)),
        # one space too shallow, inside a list item
        (shift(TASKS, 10, -1), (10, 8), "'duration' is indented less than 'name' on line 9 "
         "(7 spaces, not 8)", "indent it 8 spaces", (9, 9)),
        # at the column of the item's '-': a missing '-', or a key that belongs to the item
        (shift(TASKS, 10, -2), (10, 7), "lined up with the '-' of the list item on line 8",
         "start a new list item with '- duration:', or indent it 8 spaces to line up with "
         "'name' on line 9", (8, 7)),
        # at the top level
        (shift(TASKS, 2, 1), (2, 2), "'name' is indented more than 'planctl' on line 1",
         "start it at the beginning of the line", (1, 1)),
        # a list item among the keys of the item above
        (TASKS + "        - id: b\n", (11, 9), "the '-' of this list item is indented 8 spaces, "
         "but the items of its list are at 6 (line 8): it sits among the keys of the item above "
         "('duration' on line 10)", "indent it 6 spaces", (8, 7)),
        (TASKS + "     - id: b\n", (11, 6), "indented 5 spaces, but the items of its list are at "
         "6", "line its '-' up with the one on line 8", (8, 7)),
        # a key after an item written in braces
        (TASKS.replace("      - id: a\n        name: A\n        duration: 3d\n",
                       "      - {id: a, name: A}\n        duration: 3d\n"),
         (9, 9), "written in braces", "inside the braces", (8, 9)),
    ],
)
def test_indentation_mistakes_are_explained(text, where, message, hint, sibling):
    diagnostic = error_of(text)
    assert diagnostic.code == "E103"
    assert (diagnostic.location.line, diagnostic.location.column) == where
    assert message in diagnostic.message
    assert hint in (diagnostic.hint or "")
    assert [(r.line, r.column) for r in diagnostic.related] == [sibling]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("planctl: 1\nname: Fix: the bug\n", "a value that contains ': ' must be quoted"),
        ("a:\n\tb: 1\n", "tabs"),
        # a multi-line flow list: the reader cannot tell where it ends, so it does not guess
        ("a:\n  b: [x,\n    y]\n   c: 1\n", None),
    ],
)
def test_other_syntax_errors_keep_their_own_hint(text, hint):
    diagnostic = error_of(text)
    assert diagnostic.code == "E103"
    assert "indented" not in diagnostic.message
    assert diagnostic.hint == hint or (hint and hint in (diagnostic.hint or ""))


def test_a_repeated_key_at_an_item_s_key_column_suggests_the_missing_dash():
    diagnostic = error_of(TASKS + "        id: b\n")
    assert diagnostic.code == "E111"
    assert "line 11 starts a new list item, it is missing its '-'" in (diagnostic.hint or "")
    assert "under the one on line 8 (column 7)" in (diagnostic.hint or "")
    flow = error_of("a: {b: 1, b: 2}\n")
    assert flow.hint == "keep one of the two"
    not_first = error_of(TASKS + "        name: B\n")  # a key repeated, not a new item's first
    assert not_first.hint == "keep one of the two"


# --- property: a shifted key is always explained at its line, naming its sibling -------------

@dataclass(frozen=True)
class Row:
    indent: int
    dash: bool  # the line starts a list item: "- key: value"
    key: str
    value: str | None  # None: the key opens a block (a mapping or a list below it)


KEYS = st.sampled_from(["id", "name", "owner", "duration", "tags", "note", "kind", "units"])
SCALARS = st.sampled_from(["3d", "Build it", "ana", "42", "true", "'quoted: text'", "[a, b]"])


@st.composite
def mapping(draw, indent: int, depth: int, first_dash: bool = False) -> list[Row]:
    keys = draw(st.lists(KEYS, min_size=1, max_size=4, unique=True))
    rows: list[Row] = []
    for i, key in enumerate(keys):
        dash = first_dash and i == 0
        column = indent
        kind = draw(st.sampled_from(["scalar", "scalar", "map", "list"])) if depth < 3 \
            else "scalar"
        if kind == "scalar":
            rows.append(Row(column, dash, key, draw(SCALARS)))
        elif kind == "map":
            rows.append(Row(column, dash, key, None))
            rows += draw(mapping(indent + 2, depth + 1))
        else:
            rows.append(Row(column, dash, key, None))
            for _ in range(draw(st.integers(1, 3))):
                rows += draw(mapping(indent + 4, depth + 1, first_dash=True))
    return rows


def render(rows: list[Row]) -> list[str]:
    lines = []
    for row in rows:
        lead = " " * (row.indent - 2) + "- " if row.dash else " " * row.indent
        lines.append(f"{lead}{row.key}:" + (f" {row.value}" if row.value is not None else ""))
    return lines


@given(rows=mapping(0, 0), data=st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_key_shifted_off_its_siblings_is_explained_at_its_line(rows, data):
    # A key whose line follows a sibling with a scalar value (same column, no dash): shifted
    # deeper by any k, or one space shallower, it sits at no open level.
    candidates = [i for i in range(1, len(rows))
                  if not rows[i].dash and rows[i - 1].value is not None
                  and rows[i - 1].indent == rows[i].indent]
    assume(candidates)
    i = data.draw(st.sampled_from(candidates))
    by = data.draw(st.sampled_from([-1, 1, 2, 3, 4, 7]))
    if by < 0 and rows[i].indent == 0:
        by = 1
    lines = render(rows)
    lines[i] = " " * by + lines[i] if by > 0 else lines[i][-by:]
    diagnostic = error_of("\n".join(lines) + "\n")
    row, sibling = rows[i], rows[i - 1]
    more = "more" if by > 0 else "less"
    assert diagnostic.code == "E103"
    assert (diagnostic.location.line, diagnostic.location.column) == (i + 1, row.indent + by + 1)
    assert (f"'{row.key}' is indented {more} than '{sibling.key}' on line {i}"
            in diagnostic.message)
    assert [(r.line, r.column) for r in diagnostic.related] == [(i, sibling.indent + 1)]


@given(rows=mapping(0, 0), data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_key_moved_to_its_items_dash_asks_whether_the_dash_is_missing(rows, data):
    # The second key of a list item, moved two spaces left, sits under the item's '-'.
    candidates = [i for i in range(1, len(rows))
                  if rows[i - 1].dash and not rows[i].dash and rows[i - 1].value is not None
                  and rows[i - 1].indent == rows[i].indent]
    assume(candidates)
    i = data.draw(st.sampled_from(candidates))
    lines = render(rows)
    lines[i] = lines[i][2:]
    diagnostic = error_of("\n".join(lines) + "\n")
    assert diagnostic.code == "E103"
    assert (diagnostic.location.line, diagnostic.location.column) == (i + 1, rows[i].indent - 1)
    assert f"lined up with the '-' of the list item on line {i}" in diagnostic.message
    assert f"start a new list item with '- {rows[i].key}:'" in (diagnostic.hint or "")


# --- a key that parses, one level too shallow: unknown where it landed ------------------------

def test_a_task_key_at_its_phase_s_column_is_sent_back_to_the_task():
    from planctl.loader import load_text

    with pytest.raises(PlanError) as caught:
        load_text(shift(TASKS, 10, -4) + "resources: []\n")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "E201"
    assert diagnostic.message == "unknown key 'duration' in phase"
    assert diagnostic.hint == ("'duration' is a key of the task above: if it belongs there, "
                               "indent it 8 spaces, to line up with 'name' on line 9")
    with pytest.raises(PlanError) as caught:
        load_text(TASKS + "deadline: 2026-02-02\n")
    assert "to line up with 'duration' on line 10" in (caught.value.diagnostics[0].hint or "")


def test_a_key_no_mapping_above_accepts_gets_the_usual_hint():
    from planctl.loader import load_text

    with pytest.raises(PlanError) as caught:
        load_text(TASKS + "budgett: 2\n")
    assert caught.value.diagnostics[0].hint == "did you mean 'budget'?"


LINE_PIECES = st.sampled_from(["- ", "  ", "key: v", "a:", "{", "}", "[", "]", "'", '"', "|", ">",
                               "#", "x", ": ", "-", "? ", "&a ", "*a", "!!str ", "b: [1,", "c"])


@given(lines=st.lists(st.lists(LINE_PIECES, max_size=5).map("".join), min_size=1, max_size=12),
       number=st.integers(-1, 14))
@settings(max_examples=500, deadline=None)
def test_reading_any_lines_never_fails(lines, number):
    from planctl.indentation import explain, left_behind

    explained = explain(lines, number)
    assert explained is None or explained.line == number
    assert all(level.column >= 0 for level in left_behind(lines, number))
