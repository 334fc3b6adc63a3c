"""The shape of a lint rule.

A rule is a small class with its identity (`code`, `name`), its default `severity`, a
one-line `summary`, a docstring that says why the rule exists, and two example plans: `bad`
(the rule fires) and `good` (it does not). In `bad`, each line that a finding points at ends
with a `# <-- CODE` comment; the tests and docs/rules.md are built from these examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from planctl.errors import Diagnostic, Location, Severity

if TYPE_CHECKING:
    from planctl.lint.context import LintContext

CODE_PATTERN = re.compile(r"[A-Z]\d{3}\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


class Rule:
    """Base of every lint rule; subclasses set the class attributes and write `check`."""

    code: ClassVar[str]
    """`T101`: a letter for the family, three digits."""
    name: ClassVar[str]
    """`task-unowned`: kebab-case, accepted wherever a code is."""
    summary: ClassVar[str]
    """One line: what the rule finds."""
    severity: ClassVar[Severity] = Severity.WARNING
    """The default; `[tool.planctl] severity` may change it."""
    needs_as_of: ClassVar[bool] = False
    """The rule compares with the status date; it is skipped when there is none."""
    needs_schedule: ClassVar[bool] = False
    """The rule reads computed dates (`ctx.schedule`); it runs only with a schedule provider."""
    example_as_of: ClassVar[str | None] = None
    """The `--as-of` date the examples are checked with (None: the plan's status_date)."""
    bad: ClassVar[str]
    """A plan the rule reports, with `# <-- CODE` on each line a finding points at."""
    good: ClassVar[str]
    """The same plan fixed, which the rule does not report."""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """Yield a finding for each problem in `ctx.plan`."""
        raise NotImplementedError

    def finding(self, where: Location, message: str, hint: str | None = None,
                related: tuple[Location, ...] = ()) -> Diagnostic:
        """A diagnostic of this rule with its default severity (config is applied later)."""
        return Diagnostic(self.code, message, where, severity=self.severity, hint=hint,
                          name=self.name, related=related)

    @property
    def doc(self) -> str:
        """The rule's docstring, dedented: why the rule exists."""
        import inspect

        return inspect.cleandoc(type(self).__doc__ or "")

    def __repr__(self) -> str:
        return f"<rule {self.code} {self.name}>"
