"""Output formats of `planctl diff`, in a registry by name, and the verdict they all lead with.

A writer is `write(reports) -> str`, where `reports` is a list of `Report`s: one per plan
compared (`planctl diff A B` gives one; `--git` one per changed plan).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from planctl.diff.result import ScheduleDiff

WRITERS: dict[str, str] = {
    "text": "planctl.diff.text:write",
    "markdown": "planctl.diff.markdown:write",
    "json": "planctl.diff.json_format:write",
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class Report:
    """One plan's comparison, or why there is none (a side failed to load)."""

    path: str
    diff: ScheduleDiff | None
    error: str | None = None
    """Set when the plan could not be compared (its diagnostics, one a line)."""
    status: str = "changed"
    """'changed', 'added' (no base version) or 'removed' (no head version)."""


def render_diff(reports: list[Report], fmt: str) -> str:
    """`reports` written in format `fmt` (one of `FORMATS`)."""
    module, function = WRITERS[fmt].split(":")
    writer: Callable[[list[Report]], str] = getattr(importlib.import_module(module), function)
    return writer(reports)


def money(amount: float) -> str:
    return f"{amount:,.2f}"


def signed(amount: float, digits: int = 2) -> str:
    return f"{amount:+,.{digits}f}"


def days(n: int) -> str:
    """`+5 working days`, `-1 working day`: signed, positive when later."""
    from planctl.lateness import working_days

    return ("-" if n < 0 else "+") + working_days(abs(n))


@dataclass(frozen=True)
class Verdict:
    """The first lines of every format, as plain facts."""

    finish: str
    cost: str
    critical: str
    deadlines: list[str]
    unchanged: bool
    forecast: str | None = None
    """`forecast P80 +6 working days (…); chance of meeting Go-live 62 % → 48 %`."""


def verdict(d: ScheduleDiff) -> Verdict:
    b, h = d.base, d.head
    if b.finish == h.finish:
        finish = f"finish unchanged: {h.finish.isoformat()}"
    else:
        when = "later" if d.finish_delta_days > 0 or h.finish > b.finish else "earlier"
        finish = (f"finish {when}: {b.finish.isoformat()} → {h.finish.isoformat()} "
                  f"({days(d.finish_delta_days)})")
    currency = h.currency
    if abs(d.cost_delta) < 0.005:
        cost = f"cost unchanged: {money(h.cost)} {currency}"
    else:
        pct = d.cost_delta_percent
        share = f", {pct:+.1f} %" if pct is not None else ""
        cost = (f"cost {'up' if d.cost_delta > 0 else 'down'}: {money(b.cost)} → "
                f"{money(h.cost)} {currency} ({signed(d.cost_delta)}{share})")
    critical = "critical path changed" if d.critical_changed else "critical path unchanged"
    deadlines = [f"deadline newly missed: {m.id} (deadline {_iso(m.deadline[1])}, finishes "
                 f"{_iso(m.finish[1])})" for m in d.newly_missed]
    deadlines += [f"deadline now met: {m.id} (deadline {_iso(m.deadline[1])}, finishes "
                  f"{_iso(m.finish[1])})" for m in d.newly_met]
    return Verdict(finish, cost, critical, deadlines, d.unchanged, _forecast(d))


def _forecast(d: ScheduleDiff) -> str | None:
    f = d.forecast
    if f is None:
        return None
    if f.p80[0] == f.p80[1]:
        text = f"forecast P80 unchanged: {f.p80[1].isoformat()}"
    else:
        text = (f"forecast P80 {days(f.p80_delta_days)} ({f.p80[0].isoformat()} → "
                f"{f.p80[1].isoformat()})")
    moved = [c for c in f.deadlines if c.probability[0] != c.probability[1]]
    if moved:
        text += "; " + ", ".join(f"chance of meeting {c.name} {_chance(c.probability[0])} → "
                                 f"{_chance(c.probability[1])}" for c in moved[:3])
    return text


def _chance(p: float | None) -> str:
    return "-" if p is None else f"{p * 100:.0f} %"


def _iso(day: object) -> str:
    return day.isoformat() if hasattr(day, "isoformat") else "-"  # type: ignore[union-attr]


def chain_text(chain: tuple, limit: int = 12) -> str:
    """A driving chain in the arrow notation, its middle elided when long."""
    from planctl.diff.why import chain_text as full

    if len(chain) <= limit:
        return full(chain) if len(chain) > 1 else "itself"
    head, tail = full(chain[: limit // 2]), full(chain[-(limit // 2):])
    return f"{head} → … ({len(chain) - limit} more) … → {tail}"


def inputs_text(inputs: dict[str, tuple[str, str]]) -> str:
    """`duration 3w → 4w; depends_on design → design, review`."""
    return "; ".join(f"{k} {v[0] or '(none)'} → {v[1] or '(none)'}" for k, v in inputs.items())
