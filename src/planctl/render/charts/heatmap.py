"""The 5×5 risk matrix as inline SVG: probability up, impact across, risk ids in the cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.charts.svg import esc, n, truncate

if TYPE_CHECKING:
    from planctl.render.views import MatrixCell

CELL = 68
LEFT = 44
TOP = 8
IMPACT = ("Negligible", "Minor", "Moderate", "Major", "Severe")
PROBABILITY = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")


def heatmap_svg(matrix: list[list[MatrixCell]]) -> Markup:
    """The matrix from `risk_matrix()`: rows probability 5..1, columns impact 1..5."""
    width = LEFT + 5 * CELL + 8
    height = TOP + 5 * CELL + 40
    total = sum(len(cell.risks) for row in matrix for cell in row)
    out = [f'<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'aria-labelledby="heatmap-title heatmap-desc" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}"><title id="heatmap-title">Risk matrix: {total} '
           f'open risk{"s" if total != 1 else ""} by probability and impact</title>'
           '<desc id="heatmap-desc">Rows are probability from almost certain (top) to rare; '
           'columns are impact from negligible (left) to severe. Each cell lists the ids of '
           'the open risks in it; its shade is the score, probability times impact.</desc>']
    for r, row in enumerate(matrix):
        for c, cell in enumerate(row):
            x, y = LEFT + c * CELL, TOP + r * CELL
            ids = cell.risks
            label = (f"Probability {cell.probability} ({PROBABILITY[cell.probability - 1]}), "
                     f"impact {cell.impact} ({IMPACT[cell.impact - 1]}), score {cell.score}: "
                     + (", ".join(ids) if ids else "no open risks"))
            out.append(f'<g class="cell {cell.level}"><title>{esc(label)}</title>'
                       f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" rx="3"/>')
            shown = ids[:3] if len(ids) <= 3 else ids[:2]
            for i, risk_id in enumerate(shown):
                out.append(f'<text class="risk-id" x="{n(x + CELL / 2 - 1)}" '
                           f'y="{n(y + 20 + i * 16)}" text-anchor="middle">'
                           f'{esc(truncate(risk_id, CELL - 8, 11))}</text>')
            if len(ids) > len(shown):
                out.append(f'<text class="risk-id more" x="{n(x + CELL / 2 - 1)}" '
                           f'y="{n(y + 20 + len(shown) * 16)}" text-anchor="middle">'
                           f'+{len(ids) - len(shown)} more</text>')
            out.append("</g>")
    axis_y = TOP + 5 * CELL
    for c in range(5):
        out.append(f'<text class="tick" x="{n(LEFT + c * CELL + CELL / 2)}" y="{axis_y + 14}" '
                   f'text-anchor="middle">{c + 1}</text>')
    for r in range(5):
        out.append(f'<text class="tick" x="{LEFT - 8}" y="{n(TOP + r * CELL + CELL / 2 + 4)}" '
                   f'text-anchor="end">{5 - r}</text>')
    out.append(f'<text class="axis-label" x="{n(LEFT + 5 * CELL / 2)}" y="{axis_y + 32}" '
               'text-anchor="middle">Impact →</text>'
               f'<text class="axis-label" x="12" y="{n(TOP + 5 * CELL / 2)}" '
               f'text-anchor="middle" transform="rotate(-90 12 {n(TOP + 5 * CELL / 2)})">'
               'Probability →</text></svg>')
    return Markup("".join(out))
