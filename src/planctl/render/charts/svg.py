"""Small helpers for writing SVG by hand: numbers, escaping, text width."""

from __future__ import annotations

import unicodedata

from planctl.render.escape import html_attr, one_line


def n(value: float) -> str:
    """A coordinate with at most one decimal (pages of thousands of bars stay small)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def esc(value: object) -> str:
    """Plan text for SVG text or attributes: one line, XML-escaped, controls stripped."""
    return html_attr(one_line(str(value)))


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(text: str, size: float = 12) -> float:
    """Rough width of `text` in pixels: wide (CJK, emoji) characters count double."""
    return sum(_units(ch) for ch in text) * size * 0.56


def truncate(text: str, width: float, size: float = 12) -> str:
    """`text` cut with an ellipsis to fit `width` pixels (the full text goes in a <title>)."""
    text = one_line(text)
    budget = width / (size * 0.56)
    used = 0
    for index, ch in enumerate(text):
        used += _units(ch)
        if used > budget:
            return text[:max(0, index - 1)] + "…"
    return text
