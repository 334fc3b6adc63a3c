"""L001: the `# planctl: ignore[...]` comments themselves."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule


class MalformedIgnore(Rule):
    """A suppression comment that cannot be read silences nothing, so the finding it was
    meant for still shows up, or worse, a typo goes unnoticed. Write
    `# planctl: ignore[CODE]` or `# planctl: ignore[CODE, CODE]` with rule codes or names;
    plan errors (E codes) cannot be ignored. This finding cannot itself be silenced by a
    comment; turn it off in the configuration if you must."""

    code = "L001"
    name = "malformed-ignore"
    summary = "a `# planctl:` comment is not a valid ignore directive"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, duration: 3d}  # planctl: ignor[T101] <-- L001
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, duration: 3d}  # planctl: ignore[T101]
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for problem in ctx.directives.problems:
            yield self.finding(problem.location, problem.message, hint=problem.hint)


RULES: tuple[Rule, ...] = (MalformedIgnore(),)
