"""Time the installed `planctl` command on generated plans and print a Markdown table.

    python benchmarks/run.py                       # everything but the levelling-quality table
    python benchmarks/run.py --only check,render   # some sections
    python benchmarks/run.py --quick               # skip the largest sizes and tj3, one run each
    python benchmarks/run.py --only levelling --levelling-plans 20

Every figure is a real process: `planctl` (the console script of this interpreter, not a shell
shim) started as a subprocess, its wall time from `time.perf_counter` around start to exit and
its peak resident memory from wait4 (that child's own rusage, taken through GNU time: see
`measure_once`; it adds about a millisecond). A run of under ten seconds is repeated (best of
`--repeat`, 3 by default; memory is the largest seen). Plans come from benchmarks/generate.py
into benchmarks/out/ (ignored by git). The machine may be shared: read the load averages
printed with the table.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchmarks.generate import plan_text  # noqa: E402

SECTIONS = ("help", "check", "schedule", "diff", "forecast", "tj3", "render", "portfolio",
            "fmt", "export", "levelling")
DEFAULT = tuple(s for s in SECTIONS if s != "levelling")
REPEAT_BELOW = 10.0  # seconds: runs longer than this are measured once


@dataclass
class Run:
    wall: float
    peak_mb: float
    code: int
    stderr: str = ""
    cpu: float = float("nan")
    """User plus system CPU seconds: near `wall` on a quiet machine, below it when others ran."""


@dataclass
class Row:
    name: str
    size: str
    run: Run
    time_limit: float | None = None
    mb_limit: float | None = None
    extra: str = ""
    notes: list[str] = field(default_factory=list)
    expected_code: int = 0
    """The exit status of a successful run (`fmt --check` exits 1 when it finds work)."""

    def target(self) -> str:
        parts = [f"≤ {self.time_limit:.3g} s" if self.time_limit else "",
                 f"≤ {self.mb_limit:.3g} MB" if self.mb_limit else ""]
        return ", ".join(p for p in parts if p) or "—"

    def verdict(self) -> str:
        if self.run.code != self.expected_code:
            return f"**error** (exit {self.run.code})"
        if self.time_limit is None and self.mb_limit is None:
            return "—"
        ok = (self.time_limit is None or self.run.wall <= self.time_limit) and (
            self.mb_limit is None or self.run.peak_mb <= self.mb_limit)
        return "pass" if ok else "**FAIL**"


GNU_TIME = "/usr/bin/time"


def measure_once(cmd: Sequence[str], stdout_path: str | None = None) -> Run:
    """Run `cmd` to its end: wall seconds and the child's own peak RSS in MB.

    Linux counts a child's peak memory from the process it was forked from (the high-water
    mark of the parent's pages carries over to exec), and this runner holds large plans in
    memory. So the child is started by GNU time, a small process, which reports its child's
    peak from wait4 in a file; without GNU time, wait4 here gives an upper bound.
    """
    with tempfile.NamedTemporaryFile("r", prefix="planctl-rss-", suffix=".txt") as rss:
        wrap = [GNU_TIME, "-f", "%M %U %S", "-o", rss.name] if os.access(GNU_TIME, os.X_OK) \
            else []
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            began = time.perf_counter()
            proc = subprocess.Popen([*wrap, *cmd], stdout=out, stderr=subprocess.PIPE)
            assert proc.stderr is not None
            err = proc.stderr.read()  # the pipe closes when the child exits
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - began
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        finally:
            if stdout_path:
                out.close()  # type: ignore[union-attr]
        words = rss.read().split()  # "[Command exited with non-zero status N] KB user sys"
        if wrap and len(words) >= 3 and words[-3].isdigit():
            peak_kb, cpu = int(words[-3]), float(words[-2]) + float(words[-1])
        else:
            peak_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    return Run(wall, peak_kb / 1024, proc.returncode, err.decode(errors="replace"), cpu)


def measure(cmd: Sequence[str], repeat: int, stdout_path: str | None = None) -> Run:
    """Best wall time of up to `repeat` runs (one if it is slow); the largest peak memory."""
    runs = [measure_once(cmd, stdout_path)]
    while len(runs) < repeat and runs[0].wall < REPEAT_BELOW and runs[-1].code == 0:
        runs.append(measure_once(cmd, stdout_path))
    best = min(runs, key=lambda r: r.wall)
    return Run(best.wall, max(r.peak_mb for r in runs), runs[-1].code, runs[-1].stderr,
               best.cpu)


def planctl_command() -> list[str]:
    """The console script installed beside this interpreter (a pyenv shim adds a shell)."""
    script = os.path.join(sysconfig.get_path("scripts"), "planctl")
    if os.access(script, os.X_OK):
        return [script]
    found = shutil.which("planctl")
    if not found:
        sys.exit("planctl is not installed: pip install -e . first")
    return [found]


class Bench:
    """Generated plans, the planctl command and the rows measured so far."""

    def __init__(self, out: str, repeat: int, quick: bool) -> None:
        self.out, self.repeat, self.quick = out, repeat, quick
        self.planctl = planctl_command()
        self.rows: list[Row] = []
        self.notes: list[str] = []
        os.makedirs(out, exist_ok=True)

    def plan(self, tasks: int, resources: int | None = None, seed: int = 1,
             tj3: bool = False, folder: str | None = None) -> str:
        name = f"{'tj3-' if tj3 else ''}plan-{tasks}-r{resources or 'auto'}-s{seed}.yaml"
        path = os.path.join(folder or self.out, name)
        text = plan_text(tasks, resources, seed, tj3)
        if not os.path.exists(path) or Path(path).read_text(encoding="utf-8") != text:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        return path

    def run(self, name: str, size: str, args: Sequence[str], time_limit: float | None = None,
            mb_limit: float | None = None, stdout_path: str | None = None) -> Row:
        run = measure([*self.planctl, *args], self.repeat, stdout_path)
        row = Row(name, size, run, time_limit, mb_limit)
        if run.code != 0:
            row.extra = run.stderr.strip().splitlines()[-1][:120] if run.stderr.strip() else ""
        self.rows.append(row)
        print(f"  {name} {size}: {run.wall:.3f} s ({run.cpu:.2f} s CPU), {run.peak_mb:.0f} MB, "
              f"exit {run.code}",
              file=sys.stderr)
        return row


def _growth(rows: list[Row], start_up: float | None) -> str:
    """Time ratios per tenfold size, raw and (if known) net of the interpreter's start-up."""
    parts = []
    for small, big in itertools.pairwise(rows):
        text = f"{small.size} → {big.size}: ×{big.run.wall / small.run.wall:.1f}"
        if start_up is not None and small.run.wall > start_up:
            net = (big.run.wall - start_up) / (small.run.wall - start_up)
            text += f" (×{net:.1f} net of start-up)"
        parts.append(text)
    return "; ".join(parts)


def section_help(b: Bench) -> None:
    b.run("`planctl --help`", "—", ["--help"], 0.3)
    shim = shutil.which("planctl")
    if shim and os.path.realpath(shim) != os.path.realpath(b.planctl[0]):
        run = measure([shim, "--help"], b.repeat)
        b.rows.append(Row("`planctl --help` via PATH", "—", run,
                          extra=f"{shim}: a shim (pyenv?) before Python, not planctl's time"))


def section_check(b: Bench) -> None:
    sizes = (100, 1_000) if b.quick else (100, 1_000, 10_000)
    limits = {1_000: (0.5, None), 10_000: (2.0, 300.0)}
    for tasks in sizes:
        b.run("check", f"{tasks:,} tasks", ["check", "-q", "--no-frames", b.plan(tasks)],
              *limits.get(tasks, (None, None)))
    for tasks in sizes[1:]:  # for comparison: the date rules on the unlevelled schedule
        b.run("check --no-level", f"{tasks:,} tasks",
              ["check", "--no-level", "-q", "--no-frames", b.plan(tasks)])


def section_schedule(b: Bench) -> None:
    sizes = (1_000, 10_000) if b.quick else (1_000, 10_000, 100_000)
    rows = []
    for tasks in sizes:
        out = os.path.join(b.out, f"schedule-{tasks}.json")
        rows.append(b.run("schedule --no-level", f"{tasks:,} tasks",
                          ["schedule", "--no-level", "-f", "json", b.plan(tasks)],
                          30.0 if tasks == 100_000 else None, stdout_path=out))
    levelled = []
    for tasks in (1_000, 10_000):
        out = os.path.join(b.out, f"schedule-levelled-{tasks}.json")
        levelled.append(b.run("schedule (levelled)", f"{tasks:,} tasks, 100 resources",
                              ["schedule", "-f", "json", b.plan(tasks, 100)],
                              *((3.0, 400.0) if tasks == 10_000 else (None, None)),
                              stdout_path=out))
    start_up = next((r.run.wall for r in b.rows if r.name == "`planctl --help`"), None)
    b.notes.append("Growth of `schedule --no-level`: " + _growth(rows, start_up) + ".")
    b.notes.append("Growth of levelled `schedule` (100 resources): "
                   + _growth(levelled, start_up) + ".")


def section_diff(b: Bench, tasks: int = 1_000) -> None:
    """`diff` of two versions of a plan (one task's duration changed) against one `schedule`
    of one of them, measured side by side: the target is 2.5 times the schedule's time."""
    import re

    base = b.plan(tasks)
    text = Path(base).read_text(encoding="utf-8")
    changed = re.sub(r"duration: (\d+)d", lambda m: f"duration: {int(m.group(1)) + 3}d", text,
                     count=1)
    head = os.path.join(b.out, f"plan-{tasks}-changed.yaml")
    Path(head).write_text(changed, encoding="utf-8")
    one = b.run("schedule (levelled), for diff", f"{tasks:,} tasks", ["schedule", "-f", "json",
                                                                     base],
                stdout_path=os.path.join(b.out, "diff-schedule.json"))
    row = b.run("diff (two versions, levelled)", f"2 × {tasks:,} tasks",
                ["diff", base, head, "-f", "json"],
                stdout_path=os.path.join(b.out, "diff.json"))
    # The target is a ratio measured in this run. CPU seconds are what each process itself
    # spent; on a shared machine its wall time also counts the others' work, so both are shown
    # and the CPU ratio decides.
    cpu, wall = row.run.cpu / one.run.cpu, row.run.wall / one.run.wall
    ok = cpu <= 2.5 and row.run.code == 0
    row.extra = (f"{cpu:.2f} × the schedule row's CPU ({wall:.2f} × its wall time); "
                 f"target ≤ 2.5 ×: {'pass' if ok else '**FAIL**'}")


def section_render(b: Bench) -> None:
    plan = b.plan(2_000)
    for fmt, limit, mb in (("md", 1.0, None), ("html", 1.5, None)):
        out = os.path.join(b.out, f"render-2000.{fmt}")
        row = b.run(f"render {fmt}", "2,000 tasks", ["render", "-f", fmt, "-o", out, plan],
                    limit, mb)
        size = os.path.getsize(out) / 1e6 if os.path.exists(out) else float("nan")
        row.extra = f"output {size:.2f} MB" + (" (target ≤ 5 MB)" if fmt == "html" else "")
        if fmt == "html" and not size <= 5:
            row.time_limit = 0.0  # an oversized page fails the row whatever its time
            row.extra += " **too big**"


def section_export(b: Bench) -> None:
    # The whole command: reading, validating and levelling the plan count, as for render; the
    # schedule of the same plan beside it, so that a loaded machine can still be judged by the
    # ratio of CPU seconds.
    plan = b.plan(10_000)
    base = b.run("schedule (levelled), for export", "10,000 tasks",
                 ["schedule", "-f", "json", plan],
                 stdout_path=os.path.join(b.out, "schedule-for-export.json"))
    out = os.path.join(b.out, "export-10000.xml")
    row = b.run("export mspdi", "10,000 tasks", ["export", "-f", "mspdi", "-o", out, plan], 3.0)
    size = os.path.getsize(out) / 1e6 if os.path.exists(out) else float("nan")
    ratio = row.run.cpu / base.run.cpu if base.run.cpu else float("nan")
    row.extra = f"output {size:.1f} MB; {ratio:.2f} × the schedule's CPU"


def section_fmt(b: Bench) -> None:
    # --check does all the work (format, read back, compare, format again) and writes nothing,
    # so every repeat measures the same thing; it exits 1 because the generated layout differs.
    row = b.run("fmt --check", "1,000 tasks", ["fmt", "--check", "-q", b.plan(1_000)], 2.0)
    row.expected_code = 1
    if row.run.code == 1:
        row.extra = "exit 1: would reformat, as expected"


def section_portfolio(b: Bench) -> None:
    folder = os.path.join(b.out, "portfolio")
    os.makedirs(folder, exist_ok=True)
    for seed in range(200):
        b.plan(50, seed=seed + 1, folder=folder)
    for fmt in ("html",) if b.quick else ("html", "md"):
        target = os.path.join(b.out, f"portfolio-{fmt}")
        shutil.rmtree(target, ignore_errors=True)
        row = b.run(f"render portfolio {fmt}", "200 plans × 50 tasks",
                    ["render", "-f", fmt, "-o", target + os.sep, folder], 10.0)
        pages = len(os.listdir(target)) if os.path.isdir(target) else 0
        row.extra = f"{pages} pages written"


def section_tj3(b: Bench, tasks: int = 2_000, resources: int = 20) -> None:
    """planctl (levelled) and tj3 on one plan of what both tools mean the same way."""
    from benchmarks.tj3.common import _first_horizon  # the horizon rule levelling.py uses

    from planctl.loader import load_text
    from tj3.dates import end_boundary
    from tj3.tjp import REPORT, TIME_FORMAT, to_tjp
    from tj3.workdays import WorkingDays

    path = b.plan(tasks, resources, tj3=True)
    size = f"{tasks:,} tasks, {resources} people"
    out = os.path.join(b.out, f"tj3-schedule-{tasks}.json")
    ours = b.run("schedule (levelled), planctl", size, ["schedule", "-f", "json", path],
                 stdout_path=out)
    with open(out, encoding="utf-8") as handle:
        summary = json.load(handle)["plan"]
    plan = load_text(Path(path).read_text(encoding="utf-8"), path).plan
    horizon, limit = _first_horizon(plan), (date(2035, 12, 31) - plan.start).days
    folder = os.path.join(b.out, f"tj3-{tasks}")
    os.makedirs(folder, exist_ok=True)
    while True:  # tj3 needs a project window: double it while tasks do not fit
        tjp = os.path.join(folder, "plan.tjp")
        with open(tjp, "w", encoding="utf-8") as handle:
            handle.write(to_tjp(plan, min(horizon, limit)).text)
        log = os.path.join(folder, "tj3.log")
        run = measure(["tj3", "--silent", "--no-color", "-o", folder, tjp], 1, log)
        text = Path(log).read_text(encoding="utf-8") + run.stderr
        if "could not be scheduled" not in text or horizon >= limit:
            break
        horizon *= 2
    theirs = Row("schedule (levelled), tj3", size, run)
    b.rows.append(theirs)
    report = os.path.join(folder, REPORT + ".csv")
    if run.code != 0 or "Error" in text or not os.path.exists(report):
        theirs.extra = "tj3 failed: " + " ".join(text.split())[:200]
        return
    days = WorkingDays(plan, horizon).days
    with open(report, encoding="utf-8") as handle:
        ends = [datetime.strptime(row[2], TIME_FORMAT)
                for row in list(csv.reader(handle, delimiter=";"))[1:] if len(row) > 2]
    tj3_days = max(end_boundary(end, days) for end in ends)
    if tasks == 2_000:
        ours.time_limit = run.wall / 20  # the target: at least 20 times faster than tj3
    ours.extra = (f"{run.wall / ours.run.wall:.1f}× faster than tj3 (target ≥ 20×); finish "
                  f"{summary['days']} working days, tj3 {tj3_days}, lower bound "
                  f"{summary['lower_bound_days']}")
    theirs.extra = f"project window {min(horizon, limit)} calendar days"
    note = ("tj3 comparison: each plan comes from `generate.py --tj3` (people of capacity 1, "
            "effort on one person, durations unassigned, FS links with lags ≥ 0, SS links only "
            "from duration tasks: what both tools mean the same way) and is translated by "
            "tests/tj3/tjp.py; planctl reads the YAML and tj3 the .tjp, each started as a "
            "process, so both times include their interpreter's start (Python, Ruby). Finish "
            "is in working days from the plan's start.")
    if note not in b.notes:
        b.notes.append(note)


def section_levelling(b: Bench, plans: int) -> None:
    script = os.path.join(HERE, "tj3", "levelling.py")
    began = time.perf_counter()
    proc = subprocess.run([sys.executable, script, "--plans", str(plans)], capture_output=True,
                          text=True, check=False)
    b.notes.append(f"Levelling quality against tj3 (`benchmarks/tj3/levelling.py --plans "
                   f"{plans}`, {time.perf_counter() - began:.0f} s, exit {proc.returncode}):\n\n"
                   + (proc.stdout.strip() or proc.stderr.strip()[-2000:]))


def table(rows: list[Row]) -> list[str]:
    lines = ["| benchmark | size | wall s | cpu s | peak MB | target | result | notes |",
             "|---|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.name} | {r.size} | {r.run.wall:.3f} | {r.run.cpu:.2f} "
                     f"| {r.run.peak_mb:.0f} "
                     f"| {r.target()} | {r.verdict()} | {r.extra} |")
    return lines


def header() -> list[str]:
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    version = subprocess.run([*planctl_command(), "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    commit = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    return [f"Date {date.today()}, {platform.node() or 'host'}: {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {version} at commit "
            f"{commit or '?'}; "
            f"load average at the end {load} (1 / 5 / 15 min).", ""]


def section_forecast(b: Bench) -> None:
    """`forecast` against one `schedule` of the same plan, side by side: 10,000 iterations of
    1,000 tasks at most 5 times the schedule (aim 3), and 1,000 iterations of 10,000 tasks in
    10 s and 500 MB. The generated plans carry a risk with a delay for every 50 tasks."""
    for tasks, iterations, ratio, limit in ((1_000, 10_000, 5.0, None), (10_000, 1_000, None,
                                                                            10.0)):
        path = b.plan(tasks, 100 if tasks >= 10_000 else None)
        one = b.run("schedule (levelled), for forecast", f"{tasks:,} tasks",
                    ["schedule", "-f", "json", path],
                    stdout_path=os.path.join(b.out, "forecast-schedule.json"))
        row = b.run(f"forecast, {iterations:,} iterations", f"{tasks:,} tasks",
                    ["forecast", path, "-n", str(iterations), "-f", "json"], time_limit=limit,
                    mb_limit=500 if limit else None,
                    stdout_path=os.path.join(b.out, "forecast.json"))
        cpu, wall = row.run.cpu / one.run.cpu, row.run.wall / one.run.wall
        row.extra = f"{cpu:.2f} × the schedule row's CPU ({wall:.2f} × its wall time)"
        if ratio is not None:
            ok = cpu <= ratio and row.run.code == 0
            row.extra += f"; target ≤ {ratio:g} ×: {'pass' if ok else '**FAIL**'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(DEFAULT),
                        help=f"comma-separated sections of {', '.join(SECTIONS)} "
                             f"(default: all but levelling)")
    parser.add_argument("--quick", action="store_true",
                        help="skip 10,000 checks, 100,000 schedules, tj3 and the Markdown "
                             "portfolio; one run each")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for fast runs")
    parser.add_argument("--tj3-tasks", default="2000",
                        help="plan sizes for the tj3 section, comma-separated (one person per "
                             "100 tasks; default 2000, the target's size)")
    parser.add_argument("--levelling-plans", type=int, default=20,
                        help="plans per family for the levelling section")
    parser.add_argument("--out", default=os.path.join(HERE, "out"), help="work folder")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections: {', '.join(unknown)}")
    if args.quick:
        chosen = [s for s in chosen if s != "tj3"]
    bench = Bench(args.out, 1 if args.quick else max(1, args.repeat), args.quick)
    steps: dict[str, Callable[[], object]] = {
        "help": lambda: section_help(bench), "check": lambda: section_check(bench),
        "schedule": lambda: section_schedule(bench), "diff": lambda: section_diff(bench),
        "forecast": lambda: section_forecast(bench),
        "tj3": lambda: [section_tj3(bench, int(n), int(n) // 100)
                        for n in args.tj3_tasks.split(",")],
        "render": lambda: section_render(bench), "portfolio": lambda: section_portfolio(bench),
        "fmt": lambda: section_fmt(bench), "export": lambda: section_export(bench),
        "levelling": lambda: section_levelling(bench, args.levelling_plans)}
    if "schedule" in chosen and "help" not in chosen:
        chosen.insert(0, "help")  # the start-up time the growth ratios are net of
    for name in SECTIONS:
        if name in chosen:
            print(f"{name} ...", file=sys.stderr)
            steps[name]()
    print("\n".join(header() + table(bench.rows)))
    for note in bench.notes:
        print(f"\n{note}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump([{"benchmark": r.name, "size": r.size, "wall_s": r.run.wall,
                        "peak_mb": r.run.peak_mb, "target": r.target(), "result": r.verdict(),
                        "cpu_s": r.run.cpu, "notes": r.extra} for r in bench.rows],
                      handle, indent=1)
    return 1 if any(r.verdict() != "pass" and r.verdict() != "—" for r in bench.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
