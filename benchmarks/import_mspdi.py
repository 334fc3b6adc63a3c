"""Time `planctl import` of a generated MSPDI file (issue 12: 1,000 tasks in ≤ 5 s, including
the JVM's start), and print the figures for docs/benchmarks.md.

    python benchmarks/import_mspdi.py                # 1,000 tasks
    python benchmarks/import_mspdi.py --tasks 5000

The file is written by MPXJ itself (MSPDI, dates computed by its Microsoft scheduler) into
benchmarks/out/, in a child process, so that the JVM the measured command starts is its own.
Every figure is the real `planctl import FILE -o PLAN` process, measured as benchmarks/run.py
measures (best of three wall times, peak memory of the process including the JVM).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchmarks.run import measure, planctl_command  # noqa: E402

PHASE_SIZE = 50


def generate(tasks: int, path: str) -> None:
    """An MSPDI file of `tasks` tasks in phases of 50: chains with SS and FF links, lags,
    resources with assignments, holidays; dates computed by MPXJ's Microsoft scheduler."""
    from java.time import LocalDate, LocalDateTime
    from org.mpxj import Duration, ProjectFile, Relation, RelationType, TimeUnit
    from org.mpxj.cpm import MicrosoftScheduler
    from org.mpxj.writer import FileFormat, UniversalProjectWriter

    project = ProjectFile()
    calendar = project.addDefaultBaseCalendar()
    project.setDefaultCalendar(calendar)
    calendar.addCalendarException(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 5, 25))
    start = LocalDateTime.of(2026, 1, 5, 8, 0)
    project.getProjectProperties().setStartDate(start)
    people = []
    for n in range(20):
        person = project.addResource()
        person.setName(f"Person {n + 1}")
        people.append(person)
    previous = None
    for p in range(0, tasks, PHASE_SIZE):
        phase = project.addTask()
        phase.setName(f"Phase {p // PHASE_SIZE + 1}")
        for n in range(p, min(p + PHASE_SIZE, tasks)):
            task = phase.addTask()
            task.setName(f"Task {n + 1}")
            days = Duration.getInstance(float(1 + n % 7), TimeUnit.DAYS)
            task.setDuration(days)
            task.setActualDuration(Duration.getInstance(0.0, TimeUnit.DAYS))
            task.setRemainingDuration(days)
            if previous is not None:
                kind = (RelationType.FINISH_START, RelationType.START_START,
                        RelationType.FINISH_FINISH)[n % 3]
                lag = Duration.getInstance(float(n % 2), TimeUnit.DAYS)
                task.addPredecessor(Relation.Builder().predecessorTask(previous).type(kind)
                                    .lag(lag))
            assignment = task.addResourceAssignment(people[n % len(people)])
            hours = Duration.getInstance(8.0 * (1 + n % 7), TimeUnit.HOURS)
            assignment.setWork(hours)
            assignment.setActualWork(Duration.getInstance(0.0, TimeUnit.HOURS))
            assignment.setRemainingWork(hours)
            previous = task
    MicrosoftScheduler().schedule(project, start)
    UniversalProjectWriter(FileFormat.MSPDI).write(project, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    out = os.path.join(HERE, "out")
    os.makedirs(out, exist_ok=True)
    source = os.path.join(out, f"import-{args.tasks}.xml")
    if not os.path.exists(source):
        script = ("import sys; sys.path.insert(0, sys.argv[1]);"
                  "from planctl.mpxj_bridge import start_jvm; start_jvm();"
                  "from benchmarks.import_mspdi import generate;"
                  "generate(int(sys.argv[2]), sys.argv[3])")
        subprocess.run([sys.executable, "-c", script, os.path.dirname(HERE), str(args.tasks),
                        source], check=True)
    size = os.path.getsize(source)
    with tempfile.TemporaryDirectory() as folder:
        plan = os.path.join(folder, "plan.yaml")
        run = measure([*planctl_command(), "import", source, "-o", plan, "--force"],
                      args.repeat)
        if run.code != 0:
            print(run.stderr, file=sys.stderr)
            return 1
        helped = measure([*planctl_command(), "--help"], args.repeat)
    print(f"| import, MSPDI of {args.tasks:,} tasks ({size / 1e6:.1f} MB) | {run.wall:.2f} s "
          f"| {run.peak_mb:.0f} MB | {run.cpu:.2f} s CPU |")
    print(f"| planctl --help, for comparison | {helped.wall:.3f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
