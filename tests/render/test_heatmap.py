"""The risk heat map shows every id it lists in full, inside its cell (issue 13: ids were cut to
`keyuser-…`). Chromium checks the real text boxes (tests/browser); this checks the layout the
chart computes, with its generous width estimate."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from planctl.model.fields import ID_PATTERN
from planctl.render.charts.heatmap import (
    BELOW,
    LINE,
    PAD,
    WRAP,
    heatmap_svg,
    id_width,
    wrap_id,
)
from planctl.render.views import MatrixCell

SVG = "{http://www.w3.org/2000/svg}"
LONG = ["keyuser-availability-during-uat", "data-migration-quality-issues-in-legacy-crm",
        "W" * 100, "vendor.api.rate_limits.unknown", "R5"]


def matrix(cells: dict[tuple[int, int], list[str]]) -> list[list[MatrixCell]]:
    return [[MatrixCell(p, i, p * i, "low", cells.get((p, i), [])) for i in range(1, 6)]
            for p in range(5, 0, -1)]


def parsed(cells: dict[tuple[int, int], list[str]]) -> ET.Element:
    return ET.fromstring(str(heatmap_svg(matrix(cells))))


def test_long_ids_are_shown_in_full() -> None:
    svg = parsed({(4, 5): LONG[:2], (2, 1): [LONG[2]], (3, 3): LONG[3:]})
    shown = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")
             if t.get("class") == "risk-id"]
    assert sorted(shown) == sorted(LONG)
    assert "…" not in "".join(svg.itertext())


def test_every_line_fits_its_cell_and_the_chart() -> None:
    svg = parsed({(4, 5): LONG[:3], (2, 1): [LONG[2]], (3, 3): LONG[3:], (1, 1): ["a"] * 9})
    width = float(svg.get("width"))
    height = float(svg.get("height"))
    for cell in svg.iter(f"{SVG}g"):
        rect = cell.find(f"{SVG}rect")
        x, y = float(rect.get("x")), float(rect.get("y"))
        w, h = float(rect.get("width")), float(rect.get("height"))
        assert x + w <= width and y + h <= height
        for text in cell.iter(f"{SVG}text"):
            middle = float(text.get("x"))
            baseline = float(text.get("y"))
            lines = [span.text or "" for span in text.iter(f"{SVG}tspan")]
            for line in lines:
                assert x + PAD <= middle - id_width(line) / 2, line
                assert middle + id_width(line) / 2 <= x + w - PAD, line
            assert baseline + (len(lines) - 1) * LINE + BELOW <= y + h


def test_a_cell_of_many_shows_two_and_how_many_more() -> None:
    svg = parsed({(3, 3): [f"risk-{k}" for k in range(7)]})
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")
             if "risk-id" in (t.get("class") or "")]
    assert texts == ["risk-0", "risk-1", "+5 more"]


def test_the_smallest_matrix_keeps_its_size() -> None:
    svg = parsed({(3, 3): ["R1", "R2", "R3"]})
    assert (svg.get("width"), svg.get("height")) == ("392", "388")


@given(st.from_regex(ID_PATTERN.replace("*$", "{0,99}").replace("^", "\\A"), fullmatch=True)
       .filter(lambda s: len(s) <= 100))
def test_wrapped_lines_join_to_the_id_and_fit(risk_id: str) -> None:
    lines = wrap_id(risk_id)
    assert "".join(lines) == risk_id
    assert all(lines)
    assert all(id_width(line) <= WRAP or len(line) == 1 for line in lines)
