"""The task table of `planctl schedule`: a group row a phase, a row a task, fitted to the width.

What a person reads it for decides what gives way when the terminal is narrow:

- Ids are never cut: the id is what the user types next. An id too long for its column is
  printed in full on a line of its own, and the row follows on the next line.
- Names wrap inside their column (at most `NAME_LINES` lines; only past that are they
  shortened, with an ellipsis), and they are the last thing to lose room: below `WIDE` columns
  the table shows the columns everyone needs; from `WIDE` on, the other columns of
  `schedule --format json` a reader acts on (assignees, cost, free float, deadline, late
  finish) join, in that order, as long as names keep `NAME_MIN_WIDE` cells.
- Dates and numbers are never cut or wrapped.

Built as one `Text` with spans, not a rich `Table`: a table measures every cell of every row
and takes seconds on plans of thousands of tasks; this takes milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells, set_cell_size
from rich.text import Span, Text

if TYPE_CHECKING:
    from planctl.schedule.result import PhaseSchedule, Schedule, TaskSchedule

WIDE = 120
"""From this terminal width on, the optional columns appear (as many as fit)."""
NAME_MIN = 16
"""Below this, names do not get narrower: lines run past the width instead (the terminal
wraps them) rather than cut an id or a date."""
NAME_MIN_WIDE = 24
"""An optional column is shown only if names keep at least this much room."""
NAME_LINES = 3
"""A name wraps to at most this many lines; the last then ends in an ellipsis."""
INDENT = "  "
"""Task ids are indented under their phase's row."""
CRITICAL, OVERDUE = "●", "!"


@dataclass(frozen=True)
class Column:
    """One column: its heading, its cell for a task and for a phase row, how it is laid out."""

    head: str
    task: Callable[[TaskSchedule], str]
    phase: Callable[[PhaseSchedule], str]
    right: bool = False
    wraps: bool = False
    """Text that wraps inside the column (names, assignees); other cells are never cut."""
    cap: int = 0
    """The widest a wrapping column grows (0: as wide as its longest cell)."""


def _percent(value: float) -> str:
    # Rounded down: 99.6 % done is not done.
    return f"{math.floor(value + 1e-9)}%"


def _float(task: TaskSchedule, value: int) -> str:
    from planctl.lateness import shows_float

    return str(value) if shows_float(task) else "—"


def _progress(task: TaskSchedule) -> str:
    return "cancelled" if task.status == "cancelled" else _percent(task.progress)


def _late_finish(task: TaskSchedule) -> str:
    from planctl.lateness import shows_float

    # Like float: finished work has no latest finish left to keep.
    if not shows_float(task) or task.late_finish is None:
        return "—"
    return task.late_finish.isoformat()


def _deadline(task: TaskSchedule) -> str:
    return task.deadline.isoformat() if task.deadline is not None else ""


def _blank(_: object) -> str:
    return ""


def _plain(text: object) -> str:
    """Plan text for one table cell (a `Text`, never parsed as markup)."""
    from planctl.report.clean import one_line

    return one_line(text, " ")


ID = Column("id", lambda t: _plain(t.id), lambda p: _plain(p.id))
NAME = Column("name", lambda t: ("◆ " if t.milestone else "") + _plain(t.name),
              lambda p: _plain(p.name), wraps=True)
START = Column("start", lambda t: t.start.isoformat(), lambda p: p.start.isoformat())
FINISH = Column("finish", lambda t: t.finish.isoformat(), lambda p: p.finish.isoformat())
DAYS = Column("days", lambda t: str(t.days), lambda p: str(p.days), right=True)
FLOAT = Column("float", lambda t: _float(t, t.total_float), _blank, right=True)
CRIT = Column("crit", lambda t: CRITICAL if t.critical else "",
              lambda p: CRITICAL if p.critical else "")
DONE = Column("done", _progress, lambda p: _percent(p.progress), right=True)
FREE = Column("free", lambda t: _float(t, t.free_float), _blank, right=True)
LATE_FINISH = Column("late finish", _late_finish, _blank)
DEADLINE = Column("deadline", _deadline, _blank)
COST = Column("cost", lambda t: f"{t.cost:,.0f}", lambda p: f"{p.cost:,.0f}", right=True)
ASSIGNEES = Column("assignees", lambda t: _plain(", ".join(t.assignees)), _blank, wraps=True,
                   cap=24)

ORDER = (ID, NAME, START, FINISH, DAYS, FLOAT, FREE, CRIT, DONE, LATE_FINISH, DEADLINE, COST,
         ASSIGNEES)
"""Where each column stands, when it is shown."""
BASE = (ID, NAME, START, FINISH, DAYS, FLOAT, CRIT, DONE)
"""The columns at every width."""
OPTIONAL = (ASSIGNEES, COST, FREE, DEADLINE, LATE_FINISH)
"""The columns shown from `WIDE` on, in the order they are given room."""


@dataclass
class _Row:
    cells: list[str]
    phase: bool
    critical: bool
    overdue: bool


def _rows(s: Schedule, columns: list[Column]) -> list[_Row]:
    """A group row for each phase followed by its tasks (indented), in the plan's order."""
    by_phase: dict[str, list[TaskSchedule]] = {}
    for task in s.tasks:
        by_phase.setdefault(task.phase, []).append(task)
    rows = []
    listed = set()
    for phase in s.phases:
        listed.add(phase.id)
        rows.append(_Row([c.phase(phase) for c in columns], True, phase.critical, False))
        rows += [_task_row(t, columns, INDENT) for t in by_phase.get(phase.id, ())]
    for phase_id, tasks in by_phase.items():  # tasks of a phase without a summary, if any
        if phase_id not in listed:
            rows += [_task_row(t, columns, "") for t in tasks]
    return rows


def _task_row(task: TaskSchedule, columns: list[Column], indent: str) -> _Row:
    cells = [c.task(task) for c in columns]
    cells[0] = indent + cells[0]
    return _Row(cells, False, task.critical, task.overdue and task.status != "cancelled")


def _natural(column: Column, cells: list[str]) -> int:
    widest = max(map(cell_len, cells), default=0)
    widest = max(widest, cell_len(column.head))
    if not column.cap:
        return widest
    # A capped column (assignees) still holds its longest word: resource ids are not split.
    longest_word = max((cell_len(word) for cell in cells for word in cell.split(" ")), default=0)
    return min(widest, max(column.cap, longest_word))


def _id_width(id_lengths: list[int], room: int, name: int) -> int:
    """The id column's width, given `room` for ids and names and the names' natural width.

    Every id at full width while names keep `NAME_MIN` cells (or all they need); else ids
    get at most half the room (the ids longer than that go on lines of their own) and names
    the rest.
    """
    widest = max(id_lengths, default=0)
    if widest + min(name, NAME_MIN) <= room:
        return widest
    limit = min(room // 2, room - min(name, NAME_MIN))
    fitting = [n for n in id_lengths if n <= limit]
    return max([len(ID.head), *fitting])


def task_table(s: Schedule, width: int) -> Text:
    """The table of `s` for a terminal `width` cells wide."""
    gap = 2 if width >= WIDE else 1
    rows_all = _rows(s, list(ORDER))
    overdue = any(r.overdue for r in rows_all)
    natural = {column.head: _natural(column, [r.cells[i] for r in rows_all])
               for i, column in enumerate(ORDER)}
    if overdue:
        natural[DONE.head] += len(OVERDUE)
    id_lengths = sorted({cell_len(r.cells[0]) for r in rows_all} | {len(ID.head)})
    name = natural[NAME.head]

    def fixed(shown: list[Column]) -> int:
        """Cells used by every shown column but the name and the id, with the gaps."""
        return sum(natural[c.head] for c in shown if c not in (ID, NAME)) + gap * (len(shown) - 1)

    shown = list(BASE)
    if width >= WIDE:
        for column in OPTIONAL:
            if not any(r.cells[ORDER.index(column)].strip("—") for r in rows_all):
                continue  # nothing to show: no task has a deadline, no one is assigned
            trial = [c for c in ORDER if c in shown or c is column]
            room = width - fixed(trial)
            # Ids take at most half the room when they must (the longest then stand on lines
            # of their own); names keep NAME_MIN_WIDE, or the column is left out.
            if room - min(id_lengths[-1], room // 2) >= min(name, NAME_MIN_WIDE):
                shown = trial
    room = width - fixed(shown)
    w_id = _id_width(id_lengths, room, name)
    w_name = max(min(name, room - w_id), min(name, NAME_MIN))
    widths = [w_id if c is ID else w_name if c is NAME else natural[c.head] for c in shown]
    index = [ORDER.index(c) for c in shown]
    rows = [_Row([r.cells[i] for i in index], r.phase, r.critical, r.overdue) for r in rows_all]
    return _draw(shown, widths, rows, gap, overdue)


def _draw(columns: list[Column], widths: list[int], rows: list[_Row], gap: int,
          overdue: bool) -> Text:
    lines = _Lines()
    heads = [_pad(c.head, w, c.right) for c, w in zip(columns, widths, strict=True)]
    lines.add([(" " * gap).join(heads)], "bold")
    lines.add(["─" * (sum(widths) + gap * (len(widths) - 1))], "")
    crit_at = columns.index(CRIT)
    done_at = columns.index(DONE)
    for row in rows:
        style = "bold" if row.phase else ""
        cells = list(row.cells)
        if cell_len(cells[0]) > widths[0]:
            lines.add([cells[0]], style)  # never cut: the id on its own line
            cells[0] = ""
        stacks = []
        for i, (column, text, w) in enumerate(zip(columns, cells, widths, strict=True)):
            if column.wraps:
                stacks.append(wrap(text, w, NAME_LINES if column is NAME else 0))
            elif i == done_at and overdue:
                stacks.append([text + (OVERDUE if row.overdue else " ")])
            else:
                stacks.append([text])
        for n in range(max(map(len, stacks))):
            parts: list[tuple[str, str]] = []
            for i, (column, stack, w) in enumerate(zip(columns, stacks, widths, strict=True)):
                text = stack[n] if n < len(stack) else ""
                cell = _pad(text, w, column.right)
                if i:
                    parts.append((" " * gap, style))
                if i == crit_at and text:
                    parts.append((cell, f"{style} red".strip()))
                elif i == done_at and overdue and row.overdue and text:
                    parts += [(cell[:-1], style), (cell[-1], f"{style} red".strip())]
                else:
                    parts.append((cell, style))
            lines.add_parts(parts)
    return lines.text()


class _Lines:
    """Lines of styled text gathered into one `Text`, trailing spaces removed."""

    def __init__(self) -> None:
        self.plain: list[str] = []
        self.spans: list[Span] = []
        self.offset = 0

    def add(self, texts: list[str], style: str) -> None:
        self.add_parts([(t, style) for t in texts])

    def add_parts(self, parts: list[tuple[str, str]]) -> None:
        while parts and not parts[-1][0].strip():
            parts = parts[:-1]
        if parts:
            last, style = parts[-1]
            parts = [*parts[:-1], (last.rstrip(), style)]
        if self.plain:
            self.plain.append("\n")
            self.offset += 1
        for text, style in parts:
            if style and text.strip():
                self.spans.append(Span(self.offset, self.offset + len(text), style))
            self.plain.append(text)
            self.offset += len(text)

    def text(self) -> Text:
        return Text("".join(self.plain), spans=self.spans, no_wrap=True, overflow="ignore")


def _pad(text: str, width: int, right: bool = False) -> str:
    pad = " " * max(0, width - cell_len(text))
    return pad + text if right else text + pad


def wrap(text: str, width: int, max_lines: int = 0) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces (a word longer than a line
    is split); with `max_lines`, the last line allowed ends in "…" when text is left over."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        lines += pieces[:-1]
        line = pieces[-1]
    if line:
        lines.append(line)
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = [*lines[:max_lines - 1], set_cell_size(last, width - 1).rstrip() + "…"]
    return lines
