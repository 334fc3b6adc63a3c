"""The imported plan as YAML text, in the canonical layout of `planctl fmt`.

The plan is plain data (mappings, lists, text, numbers, dates, booleans); its keys are put in
the reference's order (`planctl.fmt.order`) and it is written directly by the rules of
`planctl.fmt.emit` (a test checks that `planctl fmt` would change nothing): formatting a large
plan through the round-trip parser would cost more than the whole import.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planctl.fmt.emit import BLOCK_LISTS, FLOW_DEPTH, INDENT, WIDTH, Models
from planctl.fmt.order import fields, ordered, plan_models
from planctl.fmt.scalars import text_scalar

HEADER = "# Imported by `planctl import`; what was approximated or dropped is in its report."


def plan_text(data: dict[str, Any]) -> str:
    lines = [HEADER]
    _entries(canonical(data, plan_models()), 0, lines)
    return "\n".join(lines) + "\n"


def canonical(value: Any, models: Models) -> Any:
    """`value` with the keys of every mapping in the reference's order."""
    if isinstance(value, list):
        return [canonical(item, models) for item in value]
    if not isinstance(value, dict):
        return value
    keys = list(value)
    known = fields(models) if models else {}
    return {keys[i]: canonical(value[keys[i]], known.get(keys[i], ()))
            for i in ordered(keys, models)}


def _scalar(value: Any, flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return text_scalar(str(value), flow)


def _flow(value: Any, depth: int = FLOW_DEPTH) -> str | None:
    """`value` on one line in flow style, or None when it cannot be or is too long."""
    if not isinstance(value, (dict, list)):
        return _scalar(value, True)
    if depth == 0:
        return None
    parts: list[str] = []
    length = 0
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in items:
        text = _flow(item, depth - 1)
        if text is None:
            return None
        parts.append(text if key is None else f"{key}: {text}")
        length += len(parts[-1]) + 2
        if length > WIDTH:
            return None
    body = ", ".join(parts)
    return "{" + body + "}" if isinstance(value, dict) else "[" + body + "]"


def _entries(value: dict[str, Any] | list[Any], indent: int, lines: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _value(" " * indent + f"{key}:", item, indent, lines, key in BLOCK_LISTS)
    else:
        for item in value:
            _item(item, indent, lines)


def _item(value: Any, indent: int, lines: list[str]) -> None:
    dash = " " * indent + "-"
    text = _flow(value)
    if not isinstance(value, dict) or not value or (
            text is not None and len(dash) + 1 + len(text) <= WIDTH):
        _value(dash, value, indent, lines, False)
        return
    start = len(lines)
    _entries(value, indent + INDENT, lines)  # a block mapping starts on the dash's line
    lines[start] = dash + " " + lines[start][indent + INDENT:]


def _value(prefix: str, value: Any, indent: int, lines: list[str], block_only: bool) -> None:
    if not isinstance(value, (dict, list)):
        lines.append(f"{prefix} {_scalar(value, False)}")
        return
    if not block_only:
        text = _flow(value)
        if text is not None and len(prefix) + 1 + len(text) <= WIDTH:
            lines.append(f"{prefix} {text}")
            return
    if not value:
        lines.append(f"{prefix} {'{}' if isinstance(value, dict) else '[]'}")
        return
    lines.append(prefix)
    _entries(value, indent + INDENT, lines)
