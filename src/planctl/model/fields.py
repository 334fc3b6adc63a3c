"""Value types of the plan format: ids, dates, durations, probabilities, flags.

Each type validates strictly (YAML 1.2 keeps `yes` a string, and a string is never silently a
number) and raises a `PydanticCustomError` whose message says how to write the value instead.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DURATION_RE = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*([dw])\s*\Z")
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}

# Limits of the format (docs/format.md, "Limits"). Values past them are typing slips or attacks,
# and each would make the scheduler size its day-indexed tables by them.
FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Every date of a plan lies in these years (both included)."""
MAX_SPAN_DAYS = 36_600
"""The longest duration, effort or lag, in working days (a hundred years of seven-day weeks)."""
MIN_UNITS, MAX_UNITS = 0.01, 10_000
"""Bounds of a resource's `capacity` and an assignment's `units`."""
MAX_MONEY = 1e15
"""The largest rate, cost or budget: sums of thousands of them stay exact to the cent."""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def not_text_message(value: Any) -> str:
    """What is wrong with a `value` that is not text, and how to write it as text."""
    hint = ""
    if isinstance(value, bool):
        hint = "; quote it (\"true\") to keep it as text"
    elif isinstance(value, (int, float)):
        hint = "; quote it to keep it as text"
    return f"expected text, got {_type_name(value)}{hint}"


# Strict: a number or boolean is never silently text. Strict, and with no Python validator,
# pydantic-core checks the type, length and pattern itself (a Python validator ahead of them
# would move the length and pattern checks to Python, a call each per value); its error types
# (`string_type`, `string_too_long`, ...) are worded by `planctl.schema_errors`.
Text = Annotated[str, Strict()]
Name = Annotated[str, Strict(), Field(min_length=1)]
Id = Annotated[str, Strict(), Field(pattern=ID_PATTERN, max_length=100)]
Slug = Annotated[str, Strict(), Field(pattern=SLUG_PATTERN, max_length=100)]


def parse_day(value: Any) -> date:
    if isinstance(value, date):
        return _in_years(value)
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError("date_invalid", "invalid date {value}: {reason}",
                                      {"value": value, "reason": str(exc)}) from None
        return _in_years(day)
    raise PydanticCustomError("date_type", "expected a date written YYYY-MM-DD, got {got}",
                              {"got": _type_name(value)})


def _in_years(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date_range", "date {value} is out of range: plans use the years {first} to {last}",
            {"value": day.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR})
    return day


DATE_PATTERN = r"^[12]\d{3}-\d{2}-\d{2}$"
"""How the schema says a date is written (the years are checked by `_in_years`)."""

Day = Annotated[
    date,
    BeforeValidator(parse_day),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _YAML11_BOOLS:
        raise PydanticCustomError(
            "bool_yaml11", "in YAML 1.2 '{value}' is text, not a boolean; use true or false",
            {"value": value})
    raise PydanticCustomError("bool_type", "expected true or false, got {got}",
                              {"got": _type_name(value)})


Flag = Annotated[bool, BeforeValidator(_flag)]


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "expected a number, got {got}",
                                  {"got": _type_name(value)})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_finite", "expected a finite number, got {value}",
                                  {"value": value})
    return value


def _integer(value: Any) -> int:
    number = _number(value)
    if isinstance(number, float):
        if not number.is_integer():
            raise PydanticCustomError("int_type", "expected a whole number, got {value}",
                                      {"value": number})
        return int(number)
    return number


Number = Annotated[float, BeforeValidator(_number)]
Integer = Annotated[int, BeforeValidator(_integer)]
NonNegative = Annotated[float, BeforeValidator(_number), Field(ge=0)]
Positive = Annotated[float, BeforeValidator(_number), Field(gt=0)]
Percent = Annotated[float, BeforeValidator(_number), Field(ge=0, le=100)]
Score = Annotated[int, BeforeValidator(_integer), Field(ge=1, le=5)]
Priority = Annotated[int, BeforeValidator(_integer), Field(ge=1, le=1000)]
Units = Annotated[float, BeforeValidator(_number), Field(ge=MIN_UNITS, le=MAX_UNITS)]
"""A resource's capacity or an assignment's units: 1 is one full-time person."""
Money = Annotated[float, BeforeValidator(_number), Field(ge=0, le=MAX_MONEY)]


@dataclass(frozen=True)
class Duration:
    """An amount of working time: `amount` days (`d`) or weeks (`w`)."""

    amount: float
    unit: Literal["d", "w"] = "d"

    def days(self, workdays_per_week: int = 5) -> float:
        """The length in working days; a week is as many days as the calendar works."""
        return self.amount * (workdays_per_week if self.unit == "w" else 1)

    def whole_days(self, workdays_per_week: int = 5) -> int:
        """The length in whole working days, rounded up (a lag keeps its sign)."""
        return math.ceil(self.days(workdays_per_week) - 1e-9)

    def __str__(self) -> str:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount}{self.unit}"


def parse_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        return _duration_of_text(value)
    raise _not_a_duration(value)


# A plan writes the same few durations thousands of times (`3d`, `1w`); a `Duration` is frozen,
# so one parsed instance can stand for every place that wrote the same text. Text that is not a
# duration raises, and lru_cache never caches a raise: errors are built afresh each time.
@functools.lru_cache(maxsize=4096)
def _duration_of_text(text: str) -> Duration:
    match = _DURATION_RE.match(text)
    if match:
        duration = Duration(float(match.group(1)), match.group(2))  # type: ignore[arg-type]
        return _bounded(duration, text.strip())
    raise _not_a_duration(text)


def _not_a_duration(value: Any) -> PydanticCustomError:
    hint = ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        hint = f"; write {value}d for working days or {value}w for weeks"
    return PydanticCustomError(
        "duration_type", "expected a duration such as 3d or 2w, got {got}{hint}",
        {"got": _type_name(value), "hint": hint})


def _bounded(duration: Duration, text: str) -> Duration:
    # Measured in seven-day weeks, the largest a week can be: the bound holds on any calendar.
    if abs(duration.days(7)) > MAX_SPAN_DAYS:
        raise PydanticCustomError(
            "duration_range", "{value} is too large: durations, efforts and lags are at most "
            "{days}d ({weeks}w)", {"value": text if len(text) <= 24 else text[:20] + "...",
                                   "days": MAX_SPAN_DAYS, "weeks": MAX_SPAN_DAYS // 7})
    return duration


def _positive_duration(value: Any) -> Duration:
    duration = parse_duration(value)
    if duration.amount <= 0:
        raise PydanticCustomError(
            "duration_positive", "a duration must be more than 0; use `milestone: true` for "
            "an event with no duration", {})
    return duration


def _lag(value: Any) -> Duration:
    duration = parse_duration(value)
    if not float(duration.amount).is_integer():
        raise PydanticCustomError("lag_whole", "a lag is a whole number of working days, got {v}",
                                  {"v": str(duration)})
    return duration


_DURATION_SCHEMA = {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[dw]\s*$",
                    "examples": ["3d", "2w", "2.5d"]}
_LAG_SCHEMA = {"type": "string", "pattern": r"^\s*[-+]?\d+\s*[dw]\s*$",
               "examples": ["2d", "-1d", "1w"]}

WorkDuration = Annotated[
    Duration,
    BeforeValidator(_positive_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_DURATION_SCHEMA),
]
Lag = Annotated[
    Duration,
    BeforeValidator(_lag),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_LAG_SCHEMA),
]


def _probability(value: Any) -> float | int:
    number = _number(value)
    if number == 0:
        return 0.0  # a whole 0 cannot be on the 1..5 scale: it is the fraction
    if isinstance(number, int) and 1 <= number <= 5:
        return number
    if isinstance(number, float) and 0 <= number <= 1:
        return number
    if isinstance(number, float) and number.is_integer() and 1 <= number <= 5:
        return int(number)
    raise PydanticCustomError(
        "probability_range",
        "probability {value} is out of range: use 1..5 (rare..almost certain) or a fraction 0..1",
        {"value": number})


Probability = Annotated[
    int | float,
    BeforeValidator(_probability),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 5},
                              {"type": "number", "minimum": 0, "maximum": 1}]}),
]


PROBABILITY_LEVELS: tuple[str, ...] = ("rare", "unlikely", "possible", "likely", "almost certain")
"""The names of probability 1..5."""
IMPACT_LEVELS: tuple[str, ...] = ("negligible", "minor", "moderate", "major", "severe")
"""The names of impact 1..5."""


def probability_scale(value: float) -> int:
    """A probability on the 1..5 scale: whole numbers as written, fractions in fifths."""
    if isinstance(value, int):
        return value
    return min(5, max(1, math.ceil(value * 5 - 1e-9)))


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Level = Literal["low", "medium", "high"]
TaskStatus = Literal["planned", "in_progress", "done", "blocked", "cancelled"]
RiskStatus = Literal["open", "mitigating", "closed", "occurred"]
ResourceKind = Literal["person", "team", "equipment"]
Cadence = Literal["daily", "weekly", "biweekly", "monthly", "per-milestone"]
DependencyType = Literal["FS", "SS", "FF", "SF"]
