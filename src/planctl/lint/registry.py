"""Every lint rule, by code.

To add a rule: write a `Rule` subclass in the module of its family under `lint/rules/` (or a
new module) with `code`, `name`, `summary`, `severity`, a docstring saying why, and `bad` and
`good` example plans (`# <-- CODE` marks each line a finding points at); add it to that
module's `RULES` tuple. A new module is added to the import below and to `FAMILIES`. Then run
`python -m planctl.lint.docs > docs/rules.md`; the tests check the examples and the docs.

Code families: T1xx tasks and phases, R1xx risks, P1xx people (resources, stakeholders,
communications), O1xx objectives, KPIs, budget and lessons, D1xx rules that need the computed
schedule (`needs_schedule = True`), F1xx schedule-risk readiness (plans that use forecasts),
L001 for the suppression comments themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from planctl.lint.rule import CODE_PATTERN, NAME_PATTERN, Rule
from planctl.lint.rules import (
    dates,
    directives,
    forecast,
    objectives,
    people,
    progress,
    risks,
    schedule,
    tasks,
)
from planctl.schema_errors import did_you_mean

FAMILIES = (tasks, progress, dates, risks, people, objectives, schedule, forecast,
            directives)


def _build() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    names: dict[str, str] = {}
    for family in FAMILIES:
        for rule in family.RULES:
            # Fail at import, loudly: a clash would silently hide a rule from users.
            if not CODE_PATTERN.match(rule.code) or not NAME_PATTERN.match(rule.name):
                raise RuntimeError(f"bad lint rule identity: {rule.code} {rule.name}")
            if rule.code in rules or rule.name in names:
                raise RuntimeError(f"lint rule {rule.code} {rule.name} is registered twice")
            rules[rule.code] = rule
            names[rule.name] = rule.code
    return dict(sorted(rules.items(), key=lambda item: _order(item[0])))


def _order(code: str) -> tuple[int, str]:
    family = FAMILY_ORDER.find(code[0])
    return (family if family >= 0 else len(FAMILY_ORDER), code)


FAMILY_ORDER = "TRPODFL"
"""Families in the order people read about them: tasks, risks, people, objectives, ..."""
RULES: Mapping[str, Rule] = MappingProxyType(_build())
"""Code → rule, by family (`FAMILY_ORDER`), then by code."""
CODES_BY_NAME: Mapping[str, str] = MappingProxyType({r.name: c for c, r in RULES.items()})


def resolve(token: str) -> str | None:
    """The code a user meant by a code (any case) or a rule name, or None."""
    token = token.strip()
    if token in CODES_BY_NAME:
        return CODES_BY_NAME[token]
    upper = token.upper()
    return upper if upper in RULES else None


def suggestion(token: str) -> str:
    """A hint for an unknown rule: the closest code or name, else where the list is."""
    guess = did_you_mean(token.upper(), list(RULES)) or did_you_mean(token, list(CODES_BY_NAME))
    if guess:
        return f"did you mean '{guess}'?"
    return "the rules are listed in docs/rules.md"
