"""Forecast charts as inline SVG: the S-curve over the finish histogram, and the tornado."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from planctl.render.charts.svg import esc, n, truncate

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 40
BAR_HEIGHT, LABEL_WIDTH = 18, 180


def s_curve_svg(forecast: Any) -> Markup:
    """P(finish <= date) as a line over a histogram of finish dates, with P50/P80 and every
    deadline marked; dates along the bottom, probability up the side."""
    curve: list[tuple[date, float]] = list(forecast.s_curve)
    if not curve:
        return Markup("")
    first, last = curve[0][0], curve[-1][0]
    marks = [(f"P{x}", getattr(forecast, f"p{x}")) for x in (50, 80)]
    marks += [(f"deadline {d.id}", d.deadline) for d in forecast.deadlines
              if first <= d.deadline <= last]
    span = max(1, (last - first).days)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y(share: float) -> float:
        return TOP + plot_h * (1 - share)

    parts = [f'<svg class="forecast-curve" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
             f"<title>Forecast finish: P50 {forecast.p50}, P80 {forecast.p80}, "
             f"P90 {forecast.p90} ({forecast.iterations} iterations)</title>"]
    shares = [share for _, share in forecast.histogram]
    tallest = max(shares, default=0) or 1
    bar = max(1.5, plot_w / (span + 1) * 0.8)
    for day, share in forecast.histogram:
        height = plot_h * 0.6 * share / tallest
        parts.append(f'<rect class="hist" x="{n(x(day) - bar / 2)}" y="{n(TOP + plot_h - height)}" '
                     f'width="{n(bar)}" height="{n(height)}"><title>{day}: '
                     f'{share * 100:.1f} %</title></rect>')
    points = " ".join(f"{n(x(day))},{n(y(share))}" for day, share in curve)
    parts.append(f'<polyline class="curve" fill="none" points="{points}"/>')
    for share in (0, 0.5, 0.8, 1):
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{n(y(share))}" '
                     f'y2="{n(y(share))}"/><text class="axis" x="{LEFT - 4}" '
                     f'y="{n(y(share) + 4)}" text-anchor="end">{share * 100:.0f}%</text>')
    for label, day in marks:
        kind = "deadline" if label.startswith("deadline") else "pct"
        parts.append(f'<line class="mark {kind}" x1="{n(x(day))}" x2="{n(x(day))}" y1="{TOP}" '
                     f'y2="{TOP + plot_h}"><title>{esc(label)}: {day}</title></line>')
    parts.append(f'<text class="axis" x="{LEFT}" y="{HEIGHT - 22}">{first}</text>'
                 f'<text class="axis" x="{WIDTH - RIGHT}" y="{HEIGHT - 22}" '
                 f'text-anchor="end">{last}</text>')
    legend = "line: chance of finishing by the date; bars: share finishing on it"
    parts.append(f'<text class="axis" x="{LEFT}" y="{HEIGHT - 6}">{legend}</text></svg>')
    return Markup("".join(parts))


def tornado_svg(drivers: Any) -> Markup:
    """Tasks by sensitivity: one bar each, to the right when a longer task means a later
    finish, with the task's criticality in its label."""
    rows = list(drivers)
    if not rows:
        return Markup("")
    height = TOP + BAR_HEIGHT * len(rows) + 8
    middle = LABEL_WIDTH + (WIDTH - LABEL_WIDTH - RIGHT) / 2
    half = (WIDTH - LABEL_WIDTH - RIGHT) / 2
    parts = [f'<svg class="forecast-tornado" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">',
             "<title>What drives the finish: sensitivity of the finish to each task</title>"]
    for k, row in enumerate(rows):
        top = TOP + k * BAR_HEIGHT
        length = half * min(1.0, abs(row.sensitivity))
        left = middle if row.sensitivity >= 0 else middle - length
        label = truncate(row.name, LABEL_WIDTH - 8)
        parts.append(f'<text class="label" x="{LABEL_WIDTH - 6}" y="{top + 13}" '
                     f'text-anchor="end">{esc(label)}</text>'
                     f'<rect class="bar" x="{n(left)}" y="{top + 3}" width="{n(length)}" '
                     f'height="{BAR_HEIGHT - 6}"><title>{esc(row.name)}: sensitivity '
                     f'{row.sensitivity:+.2f}, critical in {row.criticality * 100:.0f} % of '
                     'iterations</title></rect>')
    parts.append(f'<line class="axis" x1="{n(middle)}" x2="{n(middle)}" y1="{TOP}" '
                 f'y2="{height - 8}"/></svg>')
    return Markup("".join(parts))
