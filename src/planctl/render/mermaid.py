"""The Mermaid `gantt` block of the Markdown page, with every date computed by planctl.

Mermaid's own date arithmetic is not used: each bar gets an explicit start and end date, and
`excludes` is never written (Mermaid stretches bars over excluded days). Mermaid's end date is
exclusive (checked against Mermaid 12: `a, 2026-01-05, 2026-01-09` ends at the start of the
9th), so a task whose last working day is D is written with end D + 1 day. A milestone is
`milestone, ID, D, 0d` on the day it is shown on.

Names are cleaned of what Mermaid's gantt lexer cannot take (see `clean`), and bar ids are
derived from the plan's own ids (see `bar_id`), so no plan text can end a line, open a
directive or a comment, close the Markdown code fence, or be read as a keyword; and inserting a
task into the plan changes only that task's line of a committed page, not every id after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.days import shift
from planctl.render.escape import one_line

if TYPE_CHECKING:
    from planctl.render.views import PhaseView, TaskView

MAX_TEXT = 45_000
"""Mermaid refuses diagrams over 50,000 characters by default; stay well under it. Mermaid
counts JavaScript string length, UTF-16 code units, so an emoji counts two (see `js_length`)."""
MAX_NAME = 60

# Characters the gantt lexer (Mermaid 9 to 12) treats as syntax: `:` ends the task text, `#`
# and `;` end a line or start a comment in older versions, `%` starts a comment or a
# directive; a backtick could close the Markdown fence. Each gets a look-alike.
_REPLACE = str.maketrans({":": "∶", "#": "＃", ";": "；", "%": "％", "`": "ʹ"})
# Words that start a statement when they begin a line (Mermaid's lexer is case-insensitive).
_KEYWORD = re.compile(
    r"(?:gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|"
    r"todaymarker|weekday|weekend|title|accdescription|acctitle|accdescr|section|click|call|"
    r"href|displaymode|vert)\b|\d{4}-\d\d-\d\d", re.I)
_WORD_JOINER = "\u2060"  # invisible, not whitespace to Mermaid: a keyword no longer starts the line


def clean(text: str, fallback: str = "untitled") -> str:
    """`text` as Mermaid gantt task, section or title text: one line, no syntax characters."""
    cleaned = one_line(text.translate(_REPLACE)).strip()
    if len(cleaned) > MAX_NAME:
        cleaned = cleaned[:MAX_NAME - 1].rstrip() + "…"
    if not cleaned:
        cleaned = fallback
    if _KEYWORD.match(cleaned):
        cleaned = _WORD_JOINER + cleaned
    return cleaned


_ID_ESCAPES = str.maketrans({"_": "__", ".": "_d"})


def bar_id(kind: str, plan_id: str, used: set[str]) -> str:
    """A Mermaid bar id for the task or phase `plan_id`, stable however the plan is reordered.

    `kind` ("t" for tasks, "p" for phases) is the prefix, so no id reads as a date or as one of
    the words Mermaid takes for flags (`done`, `crit`, ...). Plan ids are letters, digits, `_`,
    `.` and `-`: `_` becomes `__` and `.` becomes `_d`, which keeps distinct ids distinct. An id
    already in `used` (a plan never repeats one, a caller might) gets a `-2`, `-3`... suffix.
    """
    safe = re.sub(r"[^A-Za-z0-9_-]", "_x", plan_id.translate(_ID_ESCAPES))
    ident, number = f"{kind}-{safe}", 1
    while ident in used:
        number += 1
        ident = f"{kind}-{safe}-{number}"
    used.add(ident)
    return ident


def js_length(text: str) -> int:
    """The length of `text` as JavaScript counts it (UTF-16 code units), as Mermaid's limit does."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class MermaidGantt:
    text: Markup
    """The block's content, without the fences."""
    mode: str
    """tasks or phases: what the bars are (phases when tasks would not fit)."""
    omitted: int
    """Phases left out because even the phase chart was too large for Mermaid."""

    def __str__(self) -> str:
        return str(self.text)

    def __html__(self) -> str:
        return str(self.text)


def _flags(item: TaskView | PhaseView, status: str) -> list[str]:
    flags = []
    if status == "done":
        flags.append("done")
    elif status == "in_progress":
        flags.append("active")
    if item.critical and status not in ("done", "cancelled"):
        flags.append("crit")
    return flags


def _task_line(task: TaskView, ident: str) -> str:
    name = clean(task.name, task.id)
    if task.milestone:
        data = ["milestone", *_flags(task, task.status), ident, task.finish.isoformat(), "0d"]
    else:
        end = shift(task.finish, 1)
        data = [*_flags(task, task.status), ident, task.start.isoformat(), end.isoformat()]
    return f"    {name} :{', '.join(data)}"


def _phase_lines(phase: PhaseView, ids: set[str], mode: str) -> list[str]:
    lines = [f"    section {clean(phase.name, phase.id)}"]
    members = phase.tasks if mode == "tasks" else [t for t in phase.tasks if t.milestone]
    if mode == "phases":
        status = "done" if phase.progress >= 100 else "in_progress" if phase.progress > 0 \
            else "planned"
        end = shift(phase.finish, 1)
        flags = [*_flags(phase, status), bar_id("p", phase.id, ids), phase.start.isoformat(),
                 end.isoformat()]
        lines.append(f"    {clean(phase.name, phase.id)} :{', '.join(flags)}")
    for task in members:
        lines.append(_task_line(task, bar_id("t", task.id, ids)))
    return lines


def mermaid_gantt(title: str, phases: list[PhaseView], mode: str) -> MermaidGantt:
    """The Mermaid gantt text for `phases`, bars per task (`mode="tasks"`) or per phase."""
    head = ["gantt", f"    title {clean(title, 'Plan')}", "    dateFormat YYYY-MM-DD",
            "    axisFormat %Y-%m-%d", "    todayMarker off"]
    for attempt in ([mode, "phases"] if mode == "tasks" else ["phases"]):
        ids: set[str] = set()
        lines = list(head)
        omitted = 0
        for index, phase in enumerate(phases):
            if not phase.tasks:
                continue
            block = _phase_lines(phase, ids, attempt)
            if sum(js_length(line) + 1 for line in lines + block) > MAX_TEXT:
                omitted = sum(1 for p in phases[index:] if p.tasks)
                break
            lines += block
        if omitted == 0 or attempt == "phases":
            return MermaidGantt(Markup("\n".join(lines)), attempt, omitted)
    raise AssertionError("unreachable")  # pragma: no cover
