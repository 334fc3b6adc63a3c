"""Code frames: the source line a finding points at, with a caret under its column."""

from __future__ import annotations

from planctl.located import SourceFile
from planctl.report.clean import mark_controls

WIDTH = 120  # longer lines are cut around the column


def _cells(text: str) -> int:
    from rich.cells import cell_len  # wide characters (CJK, emoji) take two cells

    return cell_len(text)


def code_frame(source: SourceFile, line: int, column: int) -> list[str]:
    """Three lines: a gutter, `N | source line`, and `  | ^` under `column` (1-based).

    Empty when the line does not exist (a finding about the whole file, or past its end).
    """
    text = source.line(line)
    if not text and line > len(source.text.splitlines()):
        return []
    text = mark_controls(text)
    index = max(0, min(column - 1, len(text)))
    if len(text) > WIDTH:
        start = max(0, min(index - WIDTH // 2, len(text) - WIDTH))
        end = start + WIDTH
        head = "…" if start > 0 else ""
        tail = "…" if end < len(text) else ""
        text = head + text[start:end] + tail
        index = index - start + len(head)
    number = str(line)
    gutter = " " * len(number)
    return [f" {gutter} |", f" {number} | {text}", f" {gutter} | {' ' * _cells(text[:index])}^"]
