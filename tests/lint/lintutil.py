"""Helpers shared by the lint tests: small plans, markers in examples, a big plan."""

from __future__ import annotations

import re
import textwrap
from datetime import date

from planctl.errors import Diagnostic
from planctl.lint import LintConfig, lint_plan
from planctl.loader import LoadedPlan, load_text

MARKER = re.compile(r"<--\s*([A-Z]\d{3})")

HEADER = """\
planctl: 1
name: Test
owner: alice
start: 2026-01-05
resources:
  - {id: alice, name: Alice}
phases:
  - id: build
    name: Build
    tasks:
"""
"""A plan with one phase whose tasks follow (indent them by six spaces: use `plan_with`)."""


def plan_with(tasks: str, extra: str = "", header: str = HEADER) -> str:
    return header + textwrap.indent(textwrap.dedent(tasks), " " * 6) + extra


def marked_lines(text: str, code: str) -> list[int]:
    """1-based lines of `text` that carry a `# <-- code` marker."""
    return [n for n, line in enumerate(text.splitlines(), 1)
            if code in MARKER.findall(line)]


def lint_text(text: str, config: LintConfig | None = None, path: str = "plan.yaml",
              **kwargs) -> list[Diagnostic]:
    return lint_plan(load_text(text, path), config, **kwargs)


def lint_example(text: str, path: str, as_of: str | None = None) -> list[Diagnostic]:
    """Lint a rule's example with a schedule provider, so D rules (which need one) run too,
    as of `as_of` (a rule's `example_as_of`) or the plan's status_date."""
    loaded = load_text(text, path)
    when = date.fromisoformat(as_of) if as_of else loaded.plan.status_date

    def provider():  # called by lint_plan only when an enabled rule needs the schedule
        from planctl.schedule import schedule_plan

        return schedule_plan(loaded.plan, as_of=when)

    return lint_plan(loaded, as_of=when, schedule_provider=provider)


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def lines_of(found: list[Diagnostic], code: str) -> list[int]:
    return [d.location.line for d in found if d.code == code]


def big_plan(tasks: int = 10_000, per_phase: int = 100) -> str:
    """A valid plan with `tasks` tasks in phases of `per_phase`, chained, some findings."""
    out = ["planctl: 1", "name: Big", "start: 2026-01-05", "status_date: 2026-03-02",
           "resources:", "  - {id: alice, name: Alice, rate: 500}",
           "  - {id: bob, name: Bob}", "phases:"]
    for p in range(tasks // per_phase):
        out += [f"  - id: p{p}", f"    name: Phase {p}", "    tasks:"]
        for t in range(per_phase):
            n = p * per_phase + t
            dep = f", depends_on: [t{n - 1}]" if n else ""
            who = ", assign: [alice]" if n % 2 else ""
            out.append(f"      - {{id: t{n}, name: Task {n % 5000}, duration: 2d{who}{dep}}}")
    return "\n".join(out) + "\n"


def loaded_big(tasks: int = 10_000) -> LoadedPlan:
    return load_text(big_plan(tasks), "big.yaml")
