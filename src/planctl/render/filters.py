"""Formatting filters shared by the Markdown and HTML templates (no escaping here)."""

from __future__ import annotations

from datetime import date
from typing import Any

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def isodate(value: date | None, empty: str = "—") -> str:
    """`2026-01-05`; `empty` for no date."""
    return value.isoformat() if value is not None else empty


def longdate(value: date | None, empty: str = "—") -> str:
    """`Mon 5 Jan 2026`: independent of the locale, so pages render the same everywhere."""
    if value is None:
        return empty
    return f"{_WEEKDAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def money(value: float | None, currency: str = "") -> str:
    """`12,500 USD`; whole units, thousands separated."""
    if value is None:
        return "—"
    text = f"{round(value):,}"
    return f"{text} {currency}".strip()


def percent(value: float | None, digits: int = 0) -> str:
    """`42%` from 42.0 (values are already percentages)."""
    if value is None:
        return "—"
    return f"{value:.{digits}f}%"


def number(value: float | None, digits: int = 1) -> str:
    """A number with at most `digits` decimals and no trailing zeros: 2, 2.5."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 task`, `3 tasks`."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def days_text(days: int) -> str:
    """A signed number of working days in words: `5 working days late`, `1 working day to
    spare`, `on time` (positive is late; see `planctl.lateness`)."""
    from planctl.lateness import late_or_spare

    return late_or_spare(days)


def title_case(value: str) -> str:
    """`in_progress` → `In progress`."""
    text = str(value).replace("_", " ").replace("-", " ")
    return text[:1].upper() + text[1:]


def kpi_value(value: float | None, unit: str | None = None) -> str:
    """A KPI value with its unit: `35%`, `120 ms`, `—` when not measured."""
    if value is None:
        return "—"
    text = number(value, 2)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"


def text_bar(value: float | None, width: int = 10) -> str:
    """A progress bar in text for Markdown and terminals: `▓▓▓▓░░░░░░ 40%`."""
    if value is None:
        return "—"
    share = max(0.0, min(100.0, value)) / 100
    filled = round(share * width)
    return "▓" * filled + "░" * (width - filled) + f" {value:.0f}%"


FILTERS: dict[str, Any] = {
    "isodate": isodate,
    "longdate": longdate,
    "money": money,
    "percent": percent,
    "number": number,
    "plural": plural,
    "days_text": days_text,
    "label": title_case,
    "kpi_value": kpi_value,
    "text_bar": text_bar,
}

GLOBALS: dict[str, Any] = {}
