"""The 5×5 risk matrix as inline SVG: probability up, impact across, risk ids in the cells.

Ids are shown in full: a long one (`keyuser-availability-during-uat`) wraps after its `-`,
`_` or `.` (or, with none near, between letters), and a column or row grows to hold what its
cells show. SVG text does not wrap by itself, so line widths are estimated here, generously:
ids are ASCII, and the estimate is that of a wide bold sans (DejaVu Sans Bold), so narrower
fonts fit with room to spare.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.charts.svg import esc, n

if TYPE_CHECKING:
    from planctl.render.views import MatrixCell

CELL = 68
"""The smallest cell, gap included (px); a column or row grows to hold its ids."""
LEFT = 44
TOP = 8
PAD = 7
"""Room between a cell's edge and its text (px)."""
WRAP = 120
"""The widest line of an id (px); longer ids wrap."""
FIRST = 20
"""From a cell's top to its first baseline (px)."""
LINE = 14
"""From one line of an id to the next (px)."""
NEXT_ID = 18
"""From the last line of an id to the first of the next (px)."""
BELOW = 10
"""Below the last baseline: descenders and a margin (px)."""
SIZE = 12
"""Font size of the ids (bold, set in style.css.j2)."""
SHOWN = 3
"""Ids a cell shows; with more, the first two and `+N more` (all are in its tooltip)."""
IMPACT = ("Negligible", "Minor", "Moderate", "Major", "Severe")
PROBABILITY = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")

# Advance widths in ems of DejaVu Sans Bold, rounded up by character class.
_NARROW = frozenset("fijlrtI.-")
_WIDE = frozenset("mwMW")
_SEGMENT = re.compile(r"[^-_.]+[-_.]*|[-_.]+")


def id_width(text: str) -> float:
    """A generous estimate of `text`'s width in pixels, set in bold at the ids' size."""
    ems = sum(0.48 if ch in _NARROW else 1.12 if ch in _WIDE
              else 0.82 if ch.isupper() else 0.74 for ch in text)
    return ems * SIZE


def wrap_id(risk_id: str, limit: float = WRAP) -> list[str]:
    """`risk_id` in lines no wider than `limit`, broken after `-`, `_` or `.` where it can
    be; joined, the lines are the id."""
    lines: list[str] = []
    line = ""
    for segment in _SEGMENT.findall(risk_id):
        if line and id_width(line + segment) > limit:
            lines.append(line)
            line = ""
        while id_width(line + segment) > limit:
            cut = max(1, max(i for i in range(len(segment) + 1)
                             if id_width(line + segment[:i]) <= limit))
            lines.append(line + segment[:cut])
            line, segment = "", segment[cut:]
        line += segment
    return [*lines, line] if line else lines


def _entries(ids: list[str]) -> list[tuple[str, list[str]]]:
    """What a cell shows: (class, lines) for each id, then `+N more` if some are left out."""
    shown = ids if len(ids) <= SHOWN else ids[:SHOWN - 1]
    entries = [("risk-id", wrap_id(risk_id)) for risk_id in shown]
    if len(ids) > len(shown):
        entries.append(("risk-id more", [f"+{len(ids) - len(shown)} more"]))
    return entries


def _height(entries: list[tuple[str, list[str]]]) -> float:
    lines = sum(len(lines) for _, lines in entries)
    if not lines:
        return 0
    return FIRST + (lines - len(entries)) * LINE + (len(entries) - 1) * NEXT_ID + BELOW


def heatmap_svg(matrix: list[list[MatrixCell]]) -> Markup:
    """The matrix from `risk_matrix()`: rows probability 5..1, columns impact 1..5."""
    entries = [[_entries(list(cell.risks)) for cell in row] for row in matrix]
    # Whole pixels, so that every coordinate is exact at the one decimal `n` writes.
    widths = [max([CELL] + [math.ceil(id_width(line)) + 2 * PAD + 2 for row in entries
                            for _, lines in row[c] for line in lines]) for c in range(5)]
    heights = [max([CELL] + [math.ceil(_height(cell)) + 2 for cell in row]) for row in entries]
    lefts = [LEFT + sum(widths[:c]) for c in range(5)]
    tops = [TOP + sum(heights[:r]) for r in range(len(heights))]
    grid_w, grid_h = sum(widths), sum(heights)
    width, height = LEFT + grid_w + 8, TOP + grid_h + 40
    total = sum(len(cell.risks) for row in matrix for cell in row)
    out = [f'<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-labelledby="heatmap-title heatmap-desc" width="{n(width)}" '
           f'height="{n(height)}" viewBox="0 0 {n(width)} {n(height)}">'
           f'<title id="heatmap-title">Risk matrix: {total} '
           f'open risk{"s" if total != 1 else ""} by probability and impact</title>'
           '<desc id="heatmap-desc">Rows are probability from almost certain (top) to rare; '
           'columns are impact from negligible (left) to severe. Each cell lists the ids of '
           'the open risks in it; its shade is the score, probability times impact.</desc>']
    for r, row in enumerate(matrix):
        for c, cell in enumerate(row):
            x, y = lefts[c], tops[r]
            label = (f"Probability {cell.probability} ({PROBABILITY[cell.probability - 1]}), "
                     f"impact {cell.impact} ({IMPACT[cell.impact - 1]}), score {cell.score}: "
                     + (", ".join(cell.risks) if cell.risks else "no open risks"))
            out.append(f'<g class="cell {cell.level}"><title>{esc(label)}</title>'
                       f'<rect x="{n(x)}" y="{n(y)}" width="{n(widths[c] - 2)}" '
                       f'height="{n(heights[r] - 2)}" rx="3"/>')
            out += _texts(entries[r][c], x + widths[c] / 2 - 1, y + FIRST)
            out.append("</g>")
    axis_y = TOP + grid_h
    for c in range(5):
        out.append(f'<text class="tick" x="{n(lefts[c] + widths[c] / 2)}" y="{n(axis_y + 14)}" '
                   f'text-anchor="middle">{c + 1}</text>')
    for r in range(5):
        out.append(f'<text class="tick" x="{LEFT - 8}" y="{n(tops[r] + heights[r] / 2 + 4)}" '
                   f'text-anchor="end">{5 - r}</text>')
    middle = TOP + grid_h / 2
    out.append(f'<text class="axis-label" x="{n(LEFT + grid_w / 2)}" y="{n(axis_y + 32)}" '
               'text-anchor="middle">Impact →</text>'
               f'<text class="axis-label" x="12" y="{n(middle)}" '
               f'text-anchor="middle" transform="rotate(-90 12 {n(middle)})">'
               'Probability →</text></svg>')
    return Markup("".join(out))


def _texts(entries: list[tuple[str, list[str]]], x: float, baseline: float) -> list[str]:
    """One `<text>` per id, a `<tspan>` per line, so the text of the element is the id."""
    out = []
    for kind, lines in entries:
        spans = "".join(f'<tspan x="{n(x)}" dy="{0 if i == 0 else LINE}">{esc(line)}</tspan>'
                        for i, line in enumerate(lines))
        out.append(f'<text class="{kind}" x="{n(x)}" y="{n(baseline)}" '
                   f'text-anchor="middle">{spans}</text>')
        baseline += (len(lines) - 1) * LINE + NEXT_ID
    return out
