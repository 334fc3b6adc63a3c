"""Baselines: a schedule saved when a plan is approved, and the variance against it.

A baseline is a small YAML file next to the plan, `<plan stem>.baselines/<name>.yaml`, one line
a task, so that it reviews and diffs well in git. It keeps what the schedule said (per task:
start, finish, duration in working days, work in person-days, cost; for the plan: start, finish,
cost and the critical paths), not the plan's inputs. `variance()` compares a schedule with it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planctl.calendar import WorkCalendar
from planctl.errors import Diagnostic, InputError, Location, PlanError
from planctl.model import Plan
from planctl.reader import STDIN, Limits
from planctl.schedule.result import PhaseSchedule, Schedule, TaskSchedule

FORMAT_VERSION = 1
DEFAULT_NAME = "baseline"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\Z")


class BaselineTask(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str = ""
    phase: str = ""
    milestone: bool = False
    start: date
    finish: date
    duration: int = 0
    """Working days from start to finish (0 for a milestone)."""
    work: float = 0.0
    """Person-days of work."""
    cost: float = 0.0


class Baseline(BaseModel):
    """A saved schedule: what the file holds."""

    model_config = ConfigDict(extra="forbid")

    planctl_baseline: int = Field(FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    name: str
    plan: str
    """The plan's id."""
    status_date: date
    """The date the schedule was computed as of."""
    start: date
    finish: date
    cost: float
    currency: str = "USD"
    critical_paths: list[list[str]] = Field(default_factory=list)
    tasks: list[BaselineTask] = Field(default_factory=list)


def check_name(name: str) -> str:
    if not _NAME.match(name) or ".." in name:
        raise InputError(f"baseline name {name!r}: use letters, digits, '-', '_' and '.' "
                         "(up to 64), starting with a letter or digit")
    return name


def folder_for(plan_path: str) -> str:
    """`plans/crm.yaml` -> `plans/crm.baselines`."""
    if plan_path == STDIN:
        raise InputError("a plan read from standard input has no saved baselines: they are "
                         "kept beside the plan file; give the plan's path, or --baseline FILE")
    stem = os.path.splitext(os.path.basename(plan_path))[0]
    return os.path.join(os.path.dirname(plan_path), f"{stem}.baselines")


def path_for(plan_path: str, name: str = DEFAULT_NAME) -> str:
    return os.path.join(folder_for(plan_path), check_name(name) + ".yaml")


def _work(plan: Plan, t: TaskSchedule, workdays_per_week: int) -> float:
    task = plan.tasks_by_id.get(t.id)
    if task is None or task.milestone:
        return 0.0
    if task.effort is not None:
        return round(task.effort.days(workdays_per_week), 4)
    capacity = {r.id: r.capacity for r in plan.resources}
    units = sum(a.units_of(capacity.get(a.resource, 1)) for a in task.assign)
    return round(units * (t.span_days or t.days), 4)


def snapshot(plan: Plan, schedule: Schedule, name: str = DEFAULT_NAME) -> Baseline:
    """The baseline of `schedule`, named `name`."""
    per_week = len(plan.calendar.workdays)
    return Baseline(
        name=check_name(name), plan=schedule.plan_id, status_date=schedule.status_date,
        start=schedule.start, finish=schedule.finish, cost=round(schedule.cost, 2),
        currency=schedule.currency, critical_paths=[list(p) for p in schedule.critical_paths],
        tasks=[BaselineTask(id=t.id, name=t.name, phase=t.phase, milestone=t.milestone,
                            start=t.start, finish=t.finish, duration=t.days,
                            work=_work(plan, t, per_week), cost=round(t.cost, 2))
               for t in schedule.tasks])


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 4))
    if isinstance(value, int):
        return str(value)
    # A JSON string is a YAML double-quoted string once the characters YAML refuses raw (C1
    # controls, DEL, bidi and other format characters, line separators) are escaped too.
    return "".join(c if c.isprintable() or c == " " else _escape(c)
                   for c in json.dumps(str(value), ensure_ascii=False))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def baseline_text(baseline: Baseline) -> str:
    """The file's text: block style for the plan, one flow mapping a task (diffs line by line)."""
    b = baseline
    lines = [
        "# A planctl baseline: the schedule as it was when saved with `planctl baseline save`.",
        "# Do not edit by hand; save a new baseline instead.",
        f"planctl_baseline: {FORMAT_VERSION}",
        f"name: {_scalar(b.name)}",
        f"plan: {_scalar(b.plan)}",
        f"status_date: {_scalar(b.status_date)}",
        f"start: {_scalar(b.start)}",
        f"finish: {_scalar(b.finish)}",
        f"cost: {_scalar(b.cost)}",
        f"currency: {_scalar(b.currency)}",
        "critical_paths:" + ("" if b.critical_paths else " []"),
    ]
    lines += ["  - [" + ", ".join(_scalar(i) for i in p) + "]" for p in b.critical_paths]
    lines.append("tasks:" + ("" if b.tasks else " []"))
    for t in b.tasks:
        items = [f"{k}: {_scalar(v)}" for k, v in t.model_dump().items()
                 if k in ("id", "start", "finish") or v not in ("", False)]
        lines.append("  - {" + ", ".join(items) + "}")
    return "\n".join(lines) + "\n"


def save(plan_path: str, plan: Plan, schedule: Schedule, name: str = DEFAULT_NAME) -> str:
    """Write the baseline of `schedule` next to the plan, atomically; its path."""
    from planctl.atomic import write_atomic

    path = path_for(plan_path, name)
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError as exc:
        raise InputError(f"{os.path.dirname(path)}: cannot create: {exc.strerror}") from None
    write_atomic(path, baseline_text(snapshot(plan, schedule, name)))
    return path


def read(path: str, limits: Limits = Limits()) -> Baseline:
    """Read a baseline file with the safe reader; `PlanError` (located) if it is not one."""
    from planctl.reader import read_file

    data, _ = read_file(path, limits)
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:20]:
            where = ".".join(str(p) for p in error["loc"])
            problems.append(Diagnostic("E901", f"not a planctl baseline: {where}: {error['msg']}",
                                       Location(path), name="baseline",
                                       hint="save it again with `planctl baseline save`"))
        raise PlanError(problems) from None


def is_baseline(path: str) -> bool:
    """Whether the file at `path` looks like a baseline (a cheap look at its first lines)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return re.search(rb"^planctl_baseline:", head, re.MULTILINE) is not None


def as_schedule(baseline: Baseline) -> Schedule:
    """The baseline as a `Schedule` (floats and loads are not kept: zero and empty), so that
    `diff` can compare it with a plan."""
    on_path = {i for p in baseline.critical_paths for i in p}
    tasks = [TaskSchedule(id=t.id, name=t.name or t.id, phase=t.phase, start=t.start,
                          finish=t.finish, milestone=t.milestone, total_float=0, free_float=0,
                          critical=t.id in on_path, cost=t.cost, days=t.duration,
                          early_start=t.start, planned_finish=t.finish)
             for t in baseline.tasks]
    return Schedule(plan_id=baseline.plan, plan_name=baseline.name, start=baseline.start,
                    finish=baseline.finish, status_date=baseline.status_date,
                    cost=baseline.cost, budget=None, currency=baseline.currency, levelled=False,
                    tasks=tasks, phases=_phases(tasks), critical_paths=baseline.critical_paths,
                    critical_path_links=[[()] * max(0, len(p) - 1)
                                         for p in baseline.critical_paths])


def _phases(tasks: list[TaskSchedule]) -> list[PhaseSchedule]:
    spans: dict[str, list[TaskSchedule]] = {}
    for t in tasks:
        spans.setdefault(t.phase, []).append(t)
    return [PhaseSchedule(id=p, name=p, start=min(t.start for t in ts),
                          finish=max(t.finish for t in ts), cost=sum(t.cost for t in ts),
                          progress=0.0, critical=False) for p, ts in spans.items()]


# -- variance ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemVariance:
    """One task, milestone or phase against the baseline. Day figures are working days,
    positive when later or longer; None where the baseline does not have the item."""

    id: str
    kind: str
    """'task', 'milestone' or 'phase'."""
    baseline_start: date | None
    baseline_finish: date | None
    start: int | None
    finish: int | None
    duration: int | None
    cost: float | None


@dataclass(frozen=True)
class Variance:
    """A schedule against a baseline: per item, and for the plan."""

    baseline: str
    """The baseline's name (or the revision it was read from)."""
    baseline_finish: date
    baseline_cost: float
    slip: int
    """Working days the plan's finish moved since the baseline; positive when later."""
    cost: float
    """Cost now less cost then."""
    items: dict[str, ItemVariance]
    """By task or phase id."""
    added: tuple[str, ...] = ()
    """Tasks the baseline does not have."""

    def of(self, item_id: str) -> ItemVariance | None:
        return self.items.get(item_id)


def variance(baseline: Baseline, plan: Plan, schedule: Schedule) -> Variance:
    """How `schedule` differs from `baseline`, in working days of the plan's calendar."""
    first = min([baseline.start, schedule.start, baseline.finish, schedule.finish])
    calendar = WorkCalendar.for_plan(plan.calendar, first)

    def days(before: date, after: date) -> int:
        if before == after:
            return 0
        lo, hi = min(before, after), max(before, after)
        n = calendar.boundary_after(hi) - calendar.boundary_after(lo)
        return n if after > before else -n

    then = {t.id: t for t in baseline.tasks}
    items: dict[str, ItemVariance] = {}
    added = []
    for t in schedule.tasks:
        old = then.get(t.id)
        kind = "milestone" if t.milestone else "task"
        if old is None:
            added.append(t.id)
            continue
        items[t.id] = ItemVariance(t.id, kind, old.start, old.finish, days(old.start, t.start),
                                   days(old.finish, t.finish), t.days - old.duration,
                                   round(t.cost - old.cost, 2))
    phases = {p.id: p for p in _phases([TaskSchedule(
        id=t.id, name=t.name, phase=t.phase, start=t.start, finish=t.finish,
        milestone=t.milestone, total_float=0, free_float=0, critical=False, cost=t.cost)
        for t in baseline.tasks])}
    for p in schedule.phases:
        old_phase = phases.get(p.id)
        if old_phase is not None:
            before = calendar.boundary_after(old_phase.finish) - calendar.boundary_before(
                old_phase.start)
            now = calendar.boundary_after(p.finish) - calendar.boundary_before(p.start)
            items[p.id] = ItemVariance(p.id, "phase", old_phase.start, old_phase.finish,
                                       days(old_phase.start, p.start),
                                       days(old_phase.finish, p.finish), now - before,
                                       round(p.cost - old_phase.cost, 2))
    return Variance(baseline.name, baseline.finish, baseline.cost,
                    days(baseline.finish, schedule.finish),
                    round(schedule.cost - baseline.cost, 2), items, tuple(added))


def variance_data(v: Variance) -> dict[str, object]:
    """The variance as JSON-ready data (the `variance` key of `schedule --format json`)."""
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return {
        "baseline": v.baseline, "baseline_finish": iso(v.baseline_finish),
        "baseline_cost": v.baseline_cost, "slip_days": v.slip, "cost": v.cost,
        "items": {k: {"kind": i.kind, "baseline_start": iso(i.baseline_start),
                      "baseline_finish": iso(i.baseline_finish), "start_days": i.start,
                      "finish_days": i.finish, "duration_days": i.duration, "cost": i.cost}
                  for k, i in v.items.items()},
        "added": list(v.added),
    }


def load_for(plan_path: str, spec: str | None, *, today: date, level: bool = True,
             limits: Limits = Limits()) -> Baseline | None:
    """The baseline a command compares the plan at `plan_path` with.

    `spec` is a baseline name (`<plan>.baselines/NAME.yaml`), a baseline file, or a git
    revision (the plan as committed there, scheduled as of its own status date). Without
    `spec`, the default baseline (`baseline`) when it has been saved, else None.
    """
    if plan_path == STDIN and (spec is None or not spec.endswith((".yaml", ".yml"))):
        if spec is None:
            return None  # no file, so no saved baseline beside it
        raise InputError(f"--baseline {spec}: a plan read from standard input has no saved "
                         "baselines nor a place in git; give a baseline file (.yaml)")
    if spec is None:
        default = path_for(plan_path)
        return read(default, limits) if os.path.isfile(default) else None
    if _NAME.match(spec) and ".." not in spec and os.path.isfile(path_for(plan_path, spec)):
        return read(path_for(plan_path, spec), limits)
    if spec.endswith((".yaml", ".yml")) and os.path.isfile(spec):
        return read(spec, limits)
    from planctl.diff.gitrev import GitError, Repository
    from planctl.diff.versions import load_revision

    try:
        repo = Repository.find(os.path.dirname(os.path.abspath(plan_path)))
    except GitError:
        raise InputError(f"--baseline {spec}: no baseline of that name "
                         f"({path_for(plan_path, 'NAME') if _NAME.match(spec) else spec}), "
                         "and the plan is not in a git repository") from None
    inside = os.path.relpath(os.path.realpath(plan_path), os.path.realpath(repo.top))
    try:
        version = load_revision(repo, spec, inside.replace(os.sep, "/"), as_of=None,
                                today=today, level=level, limits=limits)
    except GitError as exc:
        raise InputError(f"--baseline {spec}: no saved baseline of that name, and {exc}"
                         ) from None
    assert version.plan is not None
    return snapshot(version.plan, version.schedule, spec if _NAME.match(spec) else "revision")
