"""Objective KPI progress bars as inline SVG, one small chart per measured objective."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.charts.svg import esc, n

if TYPE_CHECKING:
    from planctl.render.views import ObjectiveView

WIDTH = 320
HEIGHT = 18


def _value(value: float | None, unit: str | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}" if unit else text


def kpi_svg(objective: ObjectiveView) -> Markup:
    """A bar from baseline to target, filled to the current value; empty when not measured."""
    if objective.progress is None:
        return Markup("")
    share = max(0.0, min(100.0, objective.progress)) / 100
    label = (f"{objective.metric}: {_value(objective.current, objective.unit)} of target "
             f"{_value(objective.target, objective.unit)} from baseline "
             f"{_value(objective.baseline, objective.unit)} ({objective.progress:.0f}% of the way)")
    level = "met" if share >= 1 else "partial"
    return Markup(
        f'<svg class="kpi {level}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<title>{esc(label)}</title>'
        f'<rect class="track" x="0" y="3" width="{WIDTH}" height="{HEIGHT - 6}" rx="6"/>'
        f'<rect class="value" x="0" y="3" width="{n(WIDTH * share)}" height="{HEIGHT - 6}" '
        'rx="6"/></svg>')
