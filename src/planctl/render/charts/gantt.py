"""The Gantt chart of the HTML page, as inline SVG.

Rows are phases (summary bars) and, in task mode, their tasks: one `<rect class="bar"
data-task="ID">` per task (a milestone is the same rect turned 45° into a diamond), progress as
a darker fill, critical tasks highlighted, dependency arrows, deadline marks, the status-date
line and shaded non-working days. Colours come from the page's CSS, so light, dark and print
styles apply. In phase mode each phase is one summary bar with its milestones on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from planctl.render.charts.svg import esc, n, truncate
from planctl.render.days import shift

if TYPE_CHECKING:
    from planctl.render.views import PhaseView, TaskView
    from planctl.schedule.result import Schedule

LABEL_W = 260
ROW_H = 22
BAR_H = 12
HEAD_H = 40
TARGET_W = 860
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class _Row:
    kind: str  # "phase" or "task"
    item: PhaseView | TaskView
    y: float
    marks: list[TaskView] = field(default_factory=list)  # milestones on a phase row


class _Scale:
    def __init__(self, first: date, last: date) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.dw = max(1.2, min(24.0, TARGET_W / self.days))
        self.width = LABEL_W + self.days * self.dw + 16

    def x(self, day: date) -> float:
        """Left edge of `day`'s column."""
        return LABEL_W + (day - self.first).days * self.dw


def _range(tasks: list[TaskView], phases: list[PhaseView], schedule: Schedule) -> tuple[date, date]:
    starts = [schedule.start] + [p.start for p in phases] + [t.start for t in tasks]
    ends = [schedule.finish] + [p.finish for p in phases] + [t.finish for t in tasks]
    first, last = min(starts), max(ends)
    # Deadlines and the status date stretch the chart only when they are near it.
    reach = max(30, (last - first).days // 4)
    extra = [t.deadline for t in tasks if t.deadline is not None] + [schedule.status_date]
    near = [d for d in extra if shift(first, -reach) <= d <= shift(last, reach)]
    return shift(min([first, *near]), -2), shift(max([last, *near]), 3)


def gantt_svg(phases: list[PhaseView], tasks: list[TaskView], schedule: Schedule,
              mode: str, baseline: Any = None) -> Markup:
    """The Gantt chart, task rows (`mode="tasks"`) or phase rows (`mode="phases"`).

    With `baseline` (a `planctl.baseline.Variance`), each item the baseline has gets a thin
    bar under its current one, from its baseline start to its baseline finish."""
    if not tasks and not phases:
        return Markup("")
    first, last = _range(tasks, phases, schedule)
    if baseline is not None:
        was = [i for i in baseline.items.values() if i.baseline_start is not None]
        first = min([first, *(shift(i.baseline_start, -2) for i in was)])
        last = max([last, *(shift(i.baseline_finish, 3) for i in was)])
    scale = _Scale(first, last)
    rows: list[_Row] = []
    y = HEAD_H
    for phase in phases:
        rows.append(_Row("phase", phase, y, [t for t in phase.tasks if t.milestone]))
        y += ROW_H
        if mode == "tasks":
            for task in phase.tasks:
                rows.append(_Row("task", task, y))
                y += ROW_H
    height = y + 22
    out: list[str] = []
    count = len(tasks) if mode == "tasks" else len(phases)
    what = "tasks" if mode == "tasks" else "phases"
    out.append(
        f'<svg class="gantt" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="gantt-title gantt-desc" width="{n(scale.width)}" height="{n(height)}" '
        f'viewBox="0 0 {n(scale.width)} {n(height)}">'
        f'<title id="gantt-title">Gantt chart: {count} {what}, '
        f'{schedule.start.isoformat()} to {schedule.finish.isoformat()}</title>'
        f'<desc id="gantt-desc">Bars run from each {what[:-1]}\'s first to last working day; '
        'the darker part of a bar is the work done; critical work is outlined in red; '
        'diamonds are milestones; the dashed line is the status date '
        f'{schedule.status_date.isoformat()}; shaded columns are non-working days'
        + (f'; thin grey bars under the bars are the baseline {esc(baseline.baseline)}'
           if baseline is not None else '') + '.</desc>'
        '<defs><marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path class="arrowhead" '
        'd="M0,0L6,3L0,6z"/></marker><marker id="gantt-arrow-crit" viewBox="0 0 6 6" refX="6" '
        'refY="3" markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path class="arrowhead crit" d="M0,0L6,3L0,6z"/></marker></defs>')
    out.append(_background(scale, schedule, height))
    out.append(_header(scale, height))
    positions = {row.item.id: row for row in rows}
    out.append(_links(rows, positions, scale, mode))
    if baseline is not None:
        out += [_baseline_bar(row, scale, baseline.items.get(row.item.id)) for row in rows]
    for row in rows:
        out.append(_task_row(row, scale) if row.kind == "task" else _phase_row(row, scale))
    out.append(_status_line(scale, schedule.status_date, height))
    out.append("</svg>")
    return Markup("".join(out))


def _baseline_bar(row: _Row, scale: _Scale, item: Any) -> str:
    """The item's baseline span, a thin bar just under its current bar."""
    if item is None or item.baseline_start is None or item.baseline_finish is None:
        return ""
    x1 = scale.x(item.baseline_start)
    width = max(2.0, ((item.baseline_finish - item.baseline_start).days + 1) * scale.dw)
    y = row.y + ROW_H / 2 + BAR_H / 2 + 1
    return (f'<rect class="baseline" data-baseline="{esc(item.id)}" x="{n(x1)}" y="{n(y)}" '
            f'width="{n(width)}" height="3" fill="#9aa0a6"><title>baseline: '
            f'{item.baseline_start.isoformat()} – {item.baseline_finish.isoformat()}</title>'
            '</rect>')


def _background(scale: _Scale, schedule: Schedule, height: float) -> str:
    # Runs of consecutive non-working days, one rect each (a weekend is one rect, not two).
    days = sorted(d for d in schedule.non_working_days
                  if 0 <= (d - scale.first).days < scale.days)
    parts = ['<g class="nonworking" aria-hidden="true">']
    run_start: date | None = None
    previous: date | None = None
    for day in [*days, None]:
        if day is not None and previous is not None and (day - previous).days == 1:
            previous = day
            continue
        if run_start is not None and previous is not None:
            width = ((previous - run_start).days + 1) * scale.dw
            parts.append(f'<rect x="{n(scale.x(run_start))}" y="{HEAD_H}" width="{n(width)}" '
                         f'height="{n(height - HEAD_H)}"/>')
        run_start = previous = day
    parts.append("</g>")
    return "".join(parts)


def _header(scale: _Scale, height: float) -> str:
    parts = ['<g class="axis" aria-hidden="true">']
    weeks = scale.dw * 7 >= 22
    # Label every month when there is room, else every quarter, else every year: a chart
    # of several years keeps a readable time axis.
    label_months = (range(1, 13) if scale.dw * 30 >= 60 else (1, 4, 7, 10)
                    if scale.dw * 91 >= 60 else (1,))
    for offset in range(scale.days):
        day = scale.first + timedelta(days=offset)
        x = scale.x(day)
        if day.day == 1 or day == scale.first:
            parts.append(f'<line class="grid-month" x1="{n(x)}" y1="2" x2="{n(x)}" '
                         f'y2="{n(height)}"/>')
            fits = x + 56 <= scale.width  # "Sep 2026" is about 54 px wide
            if fits and ((day.day == 1 and day.month in label_months) or (
                    day == scale.first and _room_before_next(day, label_months, scale))):
                parts.append(f'<text class="month" x="{n(x + 3)}" y="14">'
                             f'{MONTHS[day.month - 1]} {day.year}</text>')
        elif weeks and day.weekday() == 0:
            parts.append(f'<line class="grid-week" x1="{n(x)}" y1="20" x2="{n(x)}" '
                         f'y2="{n(height)}"/>')
        if weeks and day.weekday() == 0:
            parts.append(f'<text class="week" x="{n(x + 2)}" y="32">{day.day}</text>')
    parts.append(f'<line class="grid-head" x1="0" y1="{HEAD_H - 2}" x2="{n(scale.width)}" '
                 f'y2="{HEAD_H - 2}"/></g>')
    return "".join(parts)


def _room_before_next(day: date, label_months: tuple[int, ...] | range, scale: _Scale) -> bool:
    """Whether a label at `day` ends before the next labelled month begins."""
    month, year = day.month, day.year
    while True:
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
        if year > date.max.year:
            return True  # no month after December 9999 to run into
        if month in label_months:
            return (date(year, month, 1) - day).days * scale.dw >= 60


def _status_line(scale: _Scale, status_date: date, height: float) -> str:
    if not 0 <= (status_date - scale.first).days < scale.days:
        return ""
    x = scale.x(status_date)
    anchor = "end" if x > scale.width - 90 else "start"
    dx = -3 if anchor == "end" else 3
    return (f'<g class="status-date"><title>Status date {status_date.isoformat()}</title>'
            f'<line x1="{n(x)}" y1="18" x2="{n(x)}" y2="{n(height)}"/>'
            f'<text x="{n(x + dx)}" y="{n(height - 6)}" text-anchor="{anchor}">as of '
            f'{status_date.isoformat()}</text></g>')


def _classes(task: TaskView) -> str:
    classes = ["row", "task", task.status.replace("_", "-")]
    if task.critical and task.status not in ("done", "cancelled"):
        classes.append("crit")
    if task.milestone:
        classes.append("ms")
    if task.overdue:
        classes.append("overdue")
    return " ".join(classes)


def _tooltip(task: TaskView) -> str:
    if task.milestone:
        when = f"milestone {task.finish.isoformat()}"
    else:
        when = (f"{task.start.isoformat()} to {task.finish.isoformat()}, "
                f"{task.days} working day{'s' if task.days != 1 else ''}, "
                f"{task.progress:.0f}% done")
    notes = [task.status.replace("_", " ")]
    if task.critical:
        notes.append("critical")
    if task.deadline is not None:
        notes.append(f"deadline {task.deadline.isoformat()}" + (" (missed)" if task.late else ""))
    if task.overdue:
        notes.append("overdue")
    return f"{task.name} ({task.id}): {when}; {', '.join(notes)}"


def _task_row(row: _Row, scale: _Scale) -> str:
    task: TaskView = row.item  # type: ignore[assignment]
    mid = row.y + ROW_H / 2
    label = truncate(task.name, LABEL_W - 24)
    parts = [f'<g class="{_classes(task)}" data-task="{esc(task.id)}"><title>'
             f'{esc(_tooltip(task))}</title><text class="label" x="18" y="{n(mid + 4)}">'
             f'{esc(label)}</text>']
    if task.milestone:
        cx = scale.x(task.finish) + scale.dw / 2
        side = 9.0
        parts.append(f'<rect class="bar" data-task="{esc(task.id)}" x="{n(cx - side / 2)}" '
                     f'y="{n(mid - side / 2)}" width="{n(side)}" height="{n(side)}" '
                     f'transform="rotate(45 {n(cx)} {n(mid)})"/>')
    else:
        x1 = scale.x(task.start)
        width = max(2.0, ((task.finish - task.start).days + 1) * scale.dw)
        top = mid - BAR_H / 2
        parts.append(f'<rect class="bar" data-task="{esc(task.id)}" x="{n(x1)}" y="{n(top)}" '
                     f'width="{n(width)}" height="{BAR_H}" rx="2"/>')
        if task.progress > 0:
            parts.append(f'<rect class="fill" x="{n(x1)}" y="{n(top)}" '
                         f'width="{n(width * min(100.0, task.progress) / 100)}" '
                         f'height="{BAR_H}" rx="2"/>')
    if task.deadline is not None and 0 <= (task.deadline - scale.first).days < scale.days:
        xd = scale.x(task.deadline) + scale.dw
        kind = "deadline missed" if task.late else "deadline"
        parts.append(f'<path class="{kind}" d="M{n(xd)} {n(row.y + 2)}v{ROW_H - 4}'
                     f'M{n(xd - 4)} {n(row.y + 1)}h8l-4 5z"/>')
    parts.append("</g>")
    return "".join(parts)


def _phase_row(row: _Row, scale: _Scale) -> str:
    phase: PhaseView = row.item  # type: ignore[assignment]
    mid = row.y + ROW_H / 2
    x1 = scale.x(phase.start)
    width = max(2.0, ((phase.finish - phase.start).days + 1) * scale.dw)
    crit = " crit" if phase.critical else ""
    title = (f"{phase.name} ({phase.id}): {phase.start.isoformat()} to "
             f"{phase.finish.isoformat()}, {phase.progress:.0f}% done, "
             f"{len(phase.tasks)} task{'s' if len(phase.tasks) != 1 else ''}")
    parts = [f'<g class="row phase{crit}" data-phase="{esc(phase.id)}"><title>{esc(title)}'
             f'</title><rect class="band" x="0" y="{n(row.y)}" width="{n(scale.width)}" '
             f'height="{ROW_H}"/><text class="label phase-label" x="4" y="{n(mid + 4)}">'
             f'{esc(truncate(phase.name, LABEL_W - 12))}</text>'
             f'<rect class="summary" data-phase="{esc(phase.id)}" x="{n(x1)}" '
             f'y="{n(mid - 4)}" width="{n(width)}" height="8"/>']
    if phase.progress > 0:
        parts.append(f'<rect class="summary-fill" x="{n(x1)}" y="{n(mid - 4)}" '
                     f'width="{n(width * min(100.0, phase.progress) / 100)}" height="8"/>')
    for mark in row.marks:
        cx = scale.x(mark.finish) + scale.dw / 2
        done = " done" if mark.status == "done" else ""
        parts.append(f'<rect class="milestone-mark{done}" x="{n(cx - 4)}" y="{n(mid - 4)}" '
                     f'width="8" height="8" transform="rotate(45 {n(cx)} {n(mid)})">'
                     f'<title>{esc(_tooltip(mark))}</title></rect>')
    parts.append("</g>")
    return "".join(parts)


def _links(rows: list[_Row], positions: dict[str, _Row], scale: _Scale, mode: str) -> str:
    parts = ['<g class="links" aria-hidden="true">']
    seen: set[tuple[str, str, str]] = set()
    phase_of = {task.id: row for row in rows if row.kind == "phase"
                for task in row.item.tasks}  # type: ignore[union-attr]
    for row in rows:
        if mode == "phases" and row.kind == "task":
            continue
        item = row.item
        links = list(item.depends_on)
        if mode == "phases":  # phase rows: task links that cross phases, once per pair
            links += [link for task in item.tasks for link in task.depends_on]  # type: ignore[union-attr]
        for link in links:
            source = positions.get(link.task)
            if source is None and mode == "phases":
                source = phase_of.get(link.task)
            if source is None or source is row:
                continue
            key = (source.item.id, item.id, link.type)
            if key in seen:
                continue
            seen.add(key)
            parts.append(_arrow(source, row, link.type, scale))
    parts.append("</g>")
    return "".join(parts)


def _edges(row: _Row, scale: _Scale) -> tuple[float, float]:
    item = row.item
    if getattr(item, "milestone", False):
        cx = scale.x(item.finish) + scale.dw / 2
        return cx - 5, cx + 5
    return scale.x(item.start), scale.x(item.finish) + scale.dw


def _arrow(source: _Row, target: _Row, kind: str, scale: _Scale) -> str:
    # An elbow from the predecessor's finish (or start, for SS/SF) to the successor's start
    # (or finish, for FF/SF), so each link type reads as the constraint it is.
    s_start, s_end = _edges(source, scale)
    t_start, t_end = _edges(target, scale)
    x1 = s_start if kind in ("SS", "SF") else s_end
    x2 = t_end if kind in ("FF", "SF") else t_start
    y1, y2 = source.y + ROW_H / 2, target.y + ROW_H / 2
    crit = getattr(source.item, "critical", False) and getattr(target.item, "critical", False)
    cls, marker = ("link crit", "gantt-arrow-crit") if crit else ("link", "gantt-arrow")
    out = x1 + 5 if kind in ("FS", "FF") else x1 - 5
    return (f'<path class="{cls}" d="M{n(x1)} {n(y1)}H{n(out)}V{n(y2)}H{n(x2)}" '
            f'marker-end="url(#{marker})"/>')
