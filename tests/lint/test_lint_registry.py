"""The registry: unique, well-formed identities, and every rule documented."""

from __future__ import annotations

import pytest

from planctl.errors import Severity
from planctl.lint import RULES, registry
from planctl.lint.rule import CODE_PATTERN, NAME_PATTERN, Rule

ISSUE_RULES = {
    # The rules issue item 5 asks for by name, and the code that implements each.
    "task with no owner or assignment": "T101",
    "high risk without mitigation or owner": "R101",
    "risk past review_by": "R102",
    "objective whose KPI has no target": "O101",
    "stakeholder with high influence and no communication": "P102",
    "resource never assigned": "P101",
    "empty phase": "T102",
    "done task without actual_finish": "T111",
    "progress 100 but not done": "T112",
    "deadline before the plan's start": "T121",
    "duplicate task names": "T103",
}


def test_codes_and_names_are_unique_and_well_formed():
    rules = [rule for family in registry.FAMILIES for rule in family.RULES]
    assert len(rules) == len(RULES) >= 15
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for code, rule in RULES.items():
        assert code == rule.code
        assert CODE_PATTERN.match(rule.code), rule.code
        assert NAME_PATTERN.match(rule.name), rule.name


def test_every_rule_is_documented():
    for rule in RULES.values():
        assert isinstance(rule, Rule)
        assert rule.summary and rule.summary[0].islower() and not rule.summary.endswith(".")
        assert len(rule.doc) > 40, f"{rule.code} needs a docstring saying why it exists"
        assert rule.bad.startswith("planctl: 1\n") and rule.good.startswith("planctl: 1\n")
        assert rule.bad != rule.good
        assert isinstance(rule.severity, Severity)


def test_families_follow_the_code_scheme():
    prefixes = {"tasks": "T1", "progress": "T1", "dates": "T1", "risks": "R1", "people": "P1",
                "objectives": "O1", "directives": "L0", "schedule": "D1", "forecast": "F1"}
    for family in registry.FAMILIES:
        short = family.__name__.rsplit(".", 1)[-1]
        for rule in family.RULES:
            assert rule.code.startswith(prefixes[short]), (short, rule.code)
            # Only the D family reads the computed schedule.
            assert rule.needs_schedule == rule.code.startswith("D")


def test_the_rules_the_issue_names_exist():
    for what, code in ISSUE_RULES.items():
        assert code in RULES, what


def test_a_clash_is_refused_at_import(monkeypatch):
    from planctl.lint.rules import tasks

    clash = type("Clash", (Rule,), {"code": "T101", "name": "another-name", "summary": "x",
                                     "bad": "", "good": ""})
    monkeypatch.setattr(tasks, "RULES", (*tasks.RULES, clash()))
    with pytest.raises(RuntimeError, match="T101"):
        registry._build()


def test_resolve_accepts_codes_in_any_case_and_names():
    assert registry.resolve("t101") == "T101"
    assert registry.resolve("task-unowned") == "T101"
    assert registry.resolve(" R102 ") == "R102"
    assert registry.resolve("T999") is None
    assert registry.suggestion("task-unowend") == "did you mean 'task-unowned'?"
    assert registry.suggestion("zzz") == "the rules are listed in docs/rules.md"
