"""Resource loading per week against capacity, as inline SVG: one strip of bars per resource.

A bar's height is the week's utilisation (load ÷ capacity); the dashed line is 100%; bars past
it are over-allocated, drawn in the warning colour and marked with a triangle above.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.charts.svg import esc, n, truncate

if TYPE_CHECKING:
    from planctl.render.views import ResourceView

LABEL_W = 180
STRIP_H = 44
CAP_Y = 30
"""Pixels from a strip's baseline up to the 100% line; 150% and more are drawn clipped."""
TARGET_W = 760
MAX_BARS = 160
"""Past this many weeks, bars stand for several weeks each, so long plans stay small."""


def _buckets(weeks: list[date]) -> tuple[int, dict[date, int]]:
    size = max(1, math.ceil(len(weeks) / MAX_BARS))
    return size, {week: i // size for i, week in enumerate(weeks)}


def loading_svg(resources: list[ResourceView]) -> Markup:
    weeks = sorted({w.week for r in resources for w in r.weeks})
    if not weeks:
        return Markup("")
    size, bucket_of = _buckets(weeks)
    count = bucket_of[weeks[-1]] + 1
    bw = max(3.0, min(24.0, TARGET_W / count))
    width = LABEL_W + count * bw + 8
    height = len(resources) * STRIP_H + 24
    over_total = sum(r.over_weeks for r in resources)
    unit = "week" if size == 1 else f"{size} weeks"
    out = [f'<svg class="loading" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-labelledby="loading-title loading-desc" width="{n(width)}" '
           f'height="{height}" viewBox="0 0 {n(width)} {height}">'
           f'<title id="loading-title">Resource loading per {unit}: {len(resources)} '
           f'resource{"s" if len(resources) != 1 else ""}, {over_total} over-allocated '
           f'week{"s" if over_total != 1 else ""}</title><desc id="loading-desc">For each '
           f'resource, one bar per {unit} from ' + weeks[0].isoformat() + ' to '
           + weeks[-1].isoformat() + ': its height is the share of capacity used; the dashed '
           'line is full capacity; bars above it, marked with a triangle, are '
           'over-allocated.</desc>']
    for r, resource in enumerate(resources):
        base = r * STRIP_H + STRIP_H - 4
        cap_y = base - CAP_Y
        out.append(f'<g class="resource" data-resource="{esc(resource.id)}">'
                   f'<title>{esc(resource.name)}: capacity {resource.capacity:g} a day, '
                   f'peak {_pct(resource.peak)}</title>'
                   f'<text class="label" x="4" y="{n(base - 10)}">'
                   f'{esc(truncate(resource.name, LABEL_W - 10))}</text>')
        sums: dict[int, list[float]] = {}
        firsts: dict[int, date] = {}
        for week in resource.weeks:
            b = bucket_of[week.week]
            load, capacity, over = sums.setdefault(b, [0.0, 0.0, 0.0])
            sums[b] = [load + week.load, capacity + week.capacity, max(over, float(week.over))]
            firsts.setdefault(b, week.week)
        for b, (load, capacity, over) in sorted(sums.items()):
            if load <= 0:
                continue  # an empty week draws nothing
            x = LABEL_W + b * bw
            share = load / capacity if capacity else 1.5
            h = min(1.5, share) * CAP_Y
            cls = "week over" if over else "week"
            span = f"Week of {_d(firsts[b])}" if size == 1 else f"{size} weeks from {_d(firsts[b])}"
            tip = (f"{span}: {load:g} of {capacity:g} unit-days "
                   f"({_pct(100 * share if capacity else None)})"
                   + (", over-allocated" if over else ""))
            out.append(f'<rect class="{cls}" x="{n(x + 0.5)}" y="{n(base - h)}" '
                       f'width="{n(bw - 1)}" height="{n(h)}"><title>{esc(tip)}</title></rect>')
            if over:
                cx = x + bw / 2
                out.append(f'<path class="over-mark" d="M{n(cx - 3)} {n(base - h - 7)}h6l-3 5z"/>')
        out.append(f'<line class="capacity" x1="{LABEL_W}" y1="{n(cap_y)}" '
                   f'x2="{n(width - 8)}" y2="{n(cap_y)}"/><line class="baseline" '
                   f'x1="{LABEL_W}" y1="{base}" x2="{n(width - 8)}" y2="{base}"/></g>')
    axis_y = len(resources) * STRIP_H + 14
    step = max(1, math.ceil(84 / bw))
    for i in range(0, count, step):
        out.append(f'<text class="tick" x="{n(LABEL_W + i * bw)}" y="{axis_y}">'
                   f'{_d(weeks[i * size])}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _d(day: date) -> str:
    return day.isoformat()


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"
