"""Inline `# planctl: ignore[...]` comments: what they silence, and L001 when malformed."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lintutil import codes, lines_of, lint_text

from planctl.lint import RULES, LintConfig, lint_plan
from planctl.lint.suppress import scan
from planctl.loader import load_plan
from planctl.located import SourceFile

HEAD = "planctl: 1\nname: T\nowner: ann\nstart: 2026-01-05\nstakeholders:\n" \
       "  - {id: ann, name: Ann}\nphases:\n  - id: p\n    name: P\n    tasks:\n"
# Line 11 holds task `a`, line 12 task `b`: both without owner (T101), same name (T103 on b).
TASKS = ("      - {id: a, name: Same, duration: 1d}C1\n"
         "      - {id: b, name: Same, duration: 1d}C2\n")


def plan(c1: str = "", c2: str = "") -> str:
    return HEAD + TASKS.replace("C1", c1).replace("C2", c2)


def test_without_comments_both_findings_show():
    found = lint_text(plan())
    assert lines_of(found, "T101") == [11, 12]
    assert lines_of(found, "T103") == [12]


def test_a_directive_silences_its_code_on_its_line_only():
    found = lint_text(plan(c1="  # planctl: ignore[T101]"))
    assert lines_of(found, "T101") == [12]
    assert "L001" not in codes(found)


def test_several_codes_and_names_in_one_directive():
    found = lint_text(plan(c2="  # planctl: ignore[T101, duplicate-task-name]"))
    assert lines_of(found, "T101") == [11]
    assert lines_of(found, "T103") == []
    assert "L001" not in codes(found)


def test_a_directive_for_another_code_silences_nothing_else():
    found = lint_text(plan(c2="  # planctl: ignore[T103]"))
    assert lines_of(found, "T101") == [11, 12]
    assert lines_of(found, "T103") == []


def test_a_directive_on_the_wrong_line_does_not_suppress():
    text = plan().replace("    tasks:\n", "    tasks:  # planctl: ignore[T101]\n")
    found = lint_text(text)
    assert lines_of(found, "T101") == [11, 12]
    assert "L001" not in codes(found)


def test_a_directive_on_its_own_line_does_not_cover_the_next_line():
    text = plan().replace("      - {id: a", "      # planctl: ignore[T101]\n      - {id: a")
    assert lines_of(lint_text(text), "T101") == [12, 13]


@pytest.mark.parametrize(
    ("comment", "message", "hint"),
    [
        ("# planctl: ignor[T101]", "malformed planctl directive 'ignor[T101]'",
         "# planctl: ignore[CODE]"),
        ("# planctl: ignore[]", "names no rule", "# planctl: ignore[CODE]"),
        ("# planctl: ignore[ , ]", "names no rule", "# planctl: ignore[CODE]"),
        ("# planctl: ignore T101", "malformed planctl directive", "ignore[CODE]"),
        ("# planctl: ignore[T101", "malformed planctl directive", "ignore[CODE]"),
        ("# planctl:", "malformed planctl directive", "ignore[CODE]"),
        ("# planctl: ignore[T999]", "unknown rule 'T999'", "docs/rules.md"),
        ("# planctl: ignore[task-unowend]", "unknown rule 'task-unowend'",
         "did you mean 'task-unowned'?"),
        ("# planctl: ignore[E201]", "E201 is a plan error and cannot be ignored", "fix the plan"),
    ],
)
def test_malformed_directives_are_l001_at_their_line(comment, message, hint):
    text = plan(c1="  " + comment)
    found = lint_text(text)
    problems = [d for d in found if d.code == "L001"]
    assert len(problems) == 1
    problem = problems[0]
    column = text.splitlines()[10].index("#") + 1
    assert (problem.location.line, problem.location.column) == (11, column) == (11, 44)
    assert message in problem.message
    assert hint in (problem.hint or "")
    # A broken directive silences nothing.
    assert lines_of(found, "T101") == [11, 12]


def test_valid_codes_in_a_directive_with_a_bad_one_still_apply():
    found = lint_text(plan(c1="  # planctl: ignore[T101, T999]"))
    assert lines_of(found, "T101") == [12]
    assert lines_of(found, "L001") == [11]


def test_l001_cannot_silence_itself_but_can_be_turned_off_in_config():
    text = plan(c1="  # planctl: ignore[L001, T999]")
    assert lines_of(lint_text(text), "L001") == [11]
    assert lines_of(lint_text(text, LintConfig(ignore=("L001",))), "L001") == []


def test_only_comments_that_start_with_planctl_are_directives():
    text = plan(c1="  # see planctl: ignore the docs")
    found = lint_text(text)
    assert "L001" not in codes(found)
    assert lines_of(found, "T101") == [11, 12]
    # A directive may follow another comment, as a noqa comment may.
    found = lint_text(plan(c1="  # a spike  # planctl: ignore[T101]"))
    assert lines_of(found, "T101") == [12]
    # `#` glued to a word is not a comment in YAML; the name keeps it.
    text = plan().replace("name: Same, duration: 1d}\n      - {id: b",
                          "name: 'x#planctl: nope', duration: 1d}\n      - {id: b")
    assert "L001" not in codes(lint_text(text))


def test_directives_are_case_insensitive_and_tolerate_spacing():
    found = lint_text(plan(c1="  #PLANCTL : Ignore [ t101 ]  because spikes have no owner"))
    assert lines_of(found, "T101") == [12]
    assert "L001" not in codes(found)


def test_directives_in_an_included_file_apply_to_findings_in_that_file(tmp_path):
    (tmp_path / "plan.yaml").write_text(
        "planctl: 1\nname: T\nowner: ann\nstart: 2026-01-05\nstakeholders:\n"
        "  - {id: ann, name: Ann}\ninclude: [more.yaml]\n"
        "phases:\n  - id: p\n    name: P\n    tasks:\n"
        "      - {id: a, name: A, duration: 1d}  # planctl: ignore[T101]\n", encoding="utf-8")
    (tmp_path / "more.yaml").write_text(textwrap.dedent("""\
        phases:
          - id: q
            name: Q
            tasks:
              - {id: b, name: B, duration: 1d}
              - {id: c, name: C, duration: 1d}  # planctl: ignore[T101]
              - {id: d, name: D, duration: 1d}  # planctl: ignore[nope]
        """), encoding="utf-8")
    found = lint_plan(load_plan(tmp_path / "plan.yaml"))
    t101 = [(d.location.path.rsplit("/", 1)[-1], d.location.line)
            for d in found if d.code == "T101"]
    assert t101 == [("more.yaml", 5), ("more.yaml", 7)]
    l001 = [d for d in found if d.code == "L001"]
    assert [(d.location.path.rsplit("/", 1)[-1], d.location.line) for d in l001] == [
        ("more.yaml", 7)]


def test_scan_reports_lines_and_columns_across_files():
    files = [SourceFile("a.yaml", "x: 1\n\n  y: 2  # planctl: ignore[T101]\n"),
             SourceFile("b.yaml", "# planctl: ignore[R101,R102]\nz: 3 # planctl: bogus\n")]
    directives = scan(files)
    assert directives.ignores == {("a.yaml", 3): {"T101"}, ("b.yaml", 1): {"R101", "R102"}}
    assert [(str(p.location), p.message.split(" '")[0]) for p in directives.problems] == [
        ("b.yaml:2:6", "malformed planctl directive")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(RULES)), min_size=1, max_size=5),
       st.integers(min_value=0, max_value=30), st.sampled_from(["", " ", "  ", "\t"]))
def test_any_list_of_known_codes_is_read_back_exactly(chosen, line, space):
    text = "k: v\n" * line + f"k: v #{space}planctl:{space}ignore[{', '.join(chosen)}]\n"
    directives = scan([SourceFile("f.yaml", text)])
    assert directives.problems == []
    assert directives.ignores == {("f.yaml", line + 1): frozenset(chosen)}
