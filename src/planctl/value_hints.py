"""Hints for numbers written the way people say them: `capacity: 50%`, `impact: high`.

A plan's numbers are never converted from text (a string is never silently a number); these
hints only say which number was meant, in the error that refuses the text.
"""

from __future__ import annotations

import re
from typing import Any

from planctl.model.fields import IMPACT_LEVELS, PROBABILITY_LEVELS

_PERCENT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*\Z")

# A word scale people use for likelihood and impact, beside the format's own level names.
_WORDS = {"very low": 1, "low": 2, "medium": 3, "high": 4, "very high": 5,
          "med": 3, "moderate": 3, "critical": 5, "extreme": 5}
_SCALES = {
    "impact": ("impact is a whole number 1..5 (negligible..severe)", IMPACT_LEVELS),
    "probability": ("probability is 1..5 (rare..almost certain) or a fraction 0..1",
                    PROBABILITY_LEVELS),
}
_FRACTIONS = {  # {0} is the percent as written
    "capacity": "{0}% of one full-time person, who is 1",
    "units": "{0}% of one person's working day, which is 1",
    "probability": "a fraction 0..1, written with a decimal point",
}
_PERCENTS = {"progress"}  # already a percent: the number without the sign


def _number_text(value: float) -> str:
    return f"{value:g}"


def _level(word: str, names: tuple[str, ...]) -> int | None:
    word = re.sub(r"[\s_-]+", " ", word.strip().lower())
    if word in names:
        return names.index(word) + 1
    return _WORDS.get(word)


def value_hint(field: str | None, value: Any) -> str | None:
    """How to write `value` (text where `field` needs a number) as the number it means."""
    if field is None or not isinstance(value, str):
        return None
    percent = _PERCENT.match(value)
    if percent is not None:
        amount = float(percent.group(1))
        if field in _FRACTIONS:
            why = _FRACTIONS[field].format(_number_text(amount))
            return f"write {_number_text(amount / 100)} ({why})"
        if field in _PERCENTS:
            return f"write {_number_text(amount)}: {field} is a percent, written without '%'"
        return None
    if field in _SCALES:
        what, names = _SCALES[field]
        level = _level(value, names)
        if level is not None:
            return f"{what}: '{value}' would be {level} ({names[level - 1]})"
        return f"{what}: 1 {names[0]}, 2 {names[1]}, 3 {names[2]}, 4 {names[3]}, 5 {names[4]}"
    return None
