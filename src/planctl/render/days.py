"""Date arithmetic for pages that stays within the dates Python can hold (years 1 to 9999).

A plan may start on 0001-01-01 or end on 9999-12-31; the charts pad their time axis by a few
days on each side and the Mermaid text gives exclusive end dates, which would step outside that
range and fail with "date value out of range". Such steps stop at the edge instead.
"""

from __future__ import annotations

from datetime import date

_FIRST, _LAST = date.min.toordinal(), date.max.toordinal()


def shift(day: date, days: int) -> date:
    """`day` moved by `days` (negative: earlier), held within year 1 to year 9999."""
    return date.fromordinal(min(max(day.toordinal() + days, _FIRST), _LAST))
