"""Hostile `--templates` folders against the real `planctl render` command.

Each attack runs the installed command in a child process capped at about 1 GB of address
space (`resource.setrlimit`), so a regression fails fast instead of eating the machine. A
canary file must never be created, a secret file never printed, and the command must end
with exit 2 (or 0 for what is harmless), never a traceback.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
MEMORY_CAP = 1024 * 1024 * 1024
"""Address space the whole command may use in these tests."""

PLAN = """\
planctl: 1
name: Attack surface
start: 2026-01-05
description: A plan whose templates come from a stranger.
resources:
  - {id: ann, name: Ann}
phases:
  - id: p
    name: Phase
    tasks:
      - {id: a, name: First, duration: 3d, assign: [ann]}
      - {id: b, name: Second, duration: 2d, depends_on: [a]}
      - {id: m, name: Done, milestone: true, depends_on: [b]}
objectives:
  - id: o
    description: Ship it
    kpi: {metric: users, baseline: 0, target: 10, current: 5}
"""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def render_with(tmp_path: Path, template: str, name: str = "plan.md.j2", *args: str,
                command: list[str] = COMMAND) -> subprocess.CompletedProcess[str]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    folder = tmp_path / "templates"
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template)
    fmt = "html" if name.endswith(".html.j2") else "md"
    return subprocess.run(
        [*command, "render", str(plan), "--as-of", "2026-01-05", "-f", fmt,
         "--templates", str(folder), *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=180, preexec_fn=_limited)


PICKLE = "cos\\nsystem\\n(S'touch CANARY'\\ntR."

CODE_ATTACKS = [
    "{{ plan.parse_raw(\"" + PICKLE + "\", content_type='pickle', allow_pickle=true) }}",
    "{{ tasks[0].model.parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ plan.__class__.parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ plan.parse_file('SECRET') }}",
    "{{ plan.parse_file('SECRET', content_type='pickle', allow_pickle=true) }}",
    "{{ plan.model_validate_json('{}') }}",
    "{{ plan.__class__.mro() }}",
    "{{ plan.mro() }}",
    "{{ plan.copy(update={'name': 'x'}) }}",
    "{{ plan.model_copy() }}",
    "{{ plan.dict() }}",
    "{{ plan.model_dump() }}",
    "{{ plan.json() }}",
    "{{ plan.model_dump_json() }}",
]
"""Through the real command, one process each."""

MORE_CODE_ATTACKS = [
    "{{ schedule.task('a').__class__ }}",
    "{{ tasks[0].schedule.__reduce_ex__(2) }}",
    "{{ plan|attr('parse_file') }}",
    "{{ '{0.parse_file}'.format(plan) }}",
    "{{ '{0._source}'.format(plan) }}",
    "{{ cycler.__init__.__globals__.os.popen('touch CANARY') }}",
    "{{ lipsum.__globals__['os'].system('touch CANARY') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ charts.kpi.__globals__['__builtins__']['open']('SECRET').read() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ plan._source.parse_file('SECRET') }}",
    "{% set x = plan|attr('_source') %}{{ x.parse_file('SECRET') }}",
    "{{ plan['_source'].parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ plan.phases[0].parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ (tasks|map(attribute='model')|first).parse_file('SECRET') }}",
    "{{ plan.budget.__class__.parse_file('SECRET') }}",
    "{{ summary.health.__class__.__init__.__globals__ }}",
]
"""Through `template_runner.py`, all in one process."""


@pytest.mark.parametrize("attack", CODE_ATTACKS)
def test_a_template_cannot_run_code_or_read_files(tmp_path: Path, attack: str) -> None:
    canary = tmp_path / "CANARY"
    secret = tmp_path / "SECRET"
    secret.write_text("TOP-SECRET-VALUE")
    done = render_with(tmp_path, attack)
    assert not canary.exists(), "a template ran a command"
    assert "TOP-SECRET" not in done.stdout + done.stderr
    assert done.returncode == 2, (done.returncode, done.stdout[-500:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and done.stderr.startswith("planctl: error:")


# Each builds a huge value or runs without end. The sandbox refuses what it can foresee; the
# child process's memory and CPU limits and the parent's deadline stop the rest.
LIMIT_ATTACKS = [
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s]|join %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s|replace('a', 'aa') %}{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
    "{% set ns.s = ns.s.replace('a', 'aa') %}{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}"
    "{% endfor %}{{ ns.l|length }}",
    "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
    "{% set ns.l = ns.l + ['x' * 40000000] %}{% endfor %}",
    "{{ '{:>3000000000}'.format(1) }}",
    "{{ '{:>{}}'.format(1, 3000000000) }}",
    "{{ '{:.3000000000f}'.format(1.5) }}",
    "{{ '{x:>3000000000}'.format_map({'x': 1}) }}",
    "{{ 'x'.center(3000000000) }}",
    "{{ 'x'.ljust(3000000000) }}",
    "{{ 'x'.rjust(3000000000) }}",
    "{{ 'x'.zfill(3000000000) }}",
    "{{ 'a\\tb'.expandtabs(3000000000) }}",
    "{{ 'x'|center(3000000000) }}",
    "{{ 'x'|indent(3000000000) }}",
    "{{ '%3000000000d' % 1 }}",
    "{{ '%.3000000000f' % 1.5 }}",
    "{{ '%*d' % (3000000000, 1) }}",
    "{{ '%*d'|format(3000000000, 1) }}",
    "{{ '%3000000000d'|format(1) }}",
    "{{ 'a' * 3000000000 }}",
    "{{ [0] * 3000000000 }}",
    "{{ 10 ** 3000000000 }}",
    "{{ (range(100000)|list) * 100000 }}",
    "{{ range(100000)|join(',') * 100000 }}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ lipsum(n=100000000) }}",
    "{{ ('a' * 1000000).replace('a', 'b' * 1000) }}",
    "{% macro m(n) %}{{ m(n) ~ m(n) }}{% endmacro %}{{ m(1) }}",
    "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}"
    "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}",
]


RUNNER = Path(__file__).with_name("template_runner.py")


def run_batch(tmp_path: Path, templates: list[str], fmt: str = "md") -> list[dict]:
    """Render each template in one limited process (see template_runner.py)."""
    import json

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    done = subprocess.run([sys.executable, str(RUNNER), str(plan), fmt],
                          input=json.dumps(templates), cwd=tmp_path, capture_output=True,
                          text=True, timeout=900, preexec_fn=_limited)
    assert done.returncode == 0, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(templates)
    return results


@pytest.fixture(scope="module")
def limit_results(tmp_path_factory) -> dict[tuple[str, str], dict]:
    folder = tmp_path_factory.mktemp("limits")
    return {(fmt, attack): result for fmt in ("md", "html")
            for attack, result in zip(LIMIT_ATTACKS, run_batch(folder, LIMIT_ATTACKS, fmt),
                                      strict=True)}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("attack", LIMIT_ATTACKS)
def test_a_template_cannot_exhaust_memory_or_time(limit_results, fmt: str,
                                                  attack: str) -> None:
    result = limit_results[fmt, attack]
    assert not result["ok"], result
    assert result["error"].startswith("template") and "Traceback" not in result["error"]


@pytest.mark.parametrize("attack", [
    LIMIT_ATTACKS[0],  # a string doubled with ~
    "{{ '{:>3000000000}'.format(1) }}",
    "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
    "{% set ns.l = ns.l + ['x' * 40000000] %}{% endfor %}",  # growth the sandbox cannot see
])
def test_the_command_stops_a_template_that_exhausts_memory(tmp_path: Path,
                                                           attack: str) -> None:
    done = render_with(tmp_path, attack)
    assert done.returncode == 2, (done.returncode, done.stdout[-300:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and done.stderr.startswith("planctl: error:")
    assert done.stdout == ""


def test_the_memory_limit_holds_in_the_child_not_in_planctl(tmp_path: Path) -> None:
    # With a 200 MB allowance, the template's child runs out at about that, while planctl
    # itself (which keeps the plan and writes the page) stays small. The peak is the
    # process's own (VmHWM): Linux carries ru_maxrss across exec, so it reported the size of
    # the pytest process that started this one once the suite had grown it past 400 MB.
    command = [sys.executable, "-c",
               "import sys, re, planctl.render.isolate as i; "
               "i.TEMPLATE_MEMORY = 200 * 1024 * 1024\n"
               "from planctl.cli import main\n"
               "sys.argv[0] = 'planctl'\n"
               "try:\n    main()\nfinally:\n"
               "    status = open('/proc/self/status').read()\n"
               "    print('maxrss', re.search(r'VmHWM:\\s*(\\d+)', status).group(1), "
               "file=sys.stderr)"]
    grow = ("{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
            "{% set ns.l = ns.l + ['x' * 20000000] %}{% endfor %}")
    done = render_with(tmp_path, grow, command=command)
    assert done.returncode == 2 and "ran out of memory" in done.stderr, done.stderr
    assert "200 MB" in done.stderr
    peak_kb = int(done.stderr.rsplit("maxrss", 1)[1].split()[0])
    assert peak_kb < 400 * 1024, peak_kb


def test_more_ways_to_reach_code_all_fail(tmp_path: Path) -> None:
    (tmp_path / "SECRET").write_text("TOP-SECRET-VALUE")
    results = run_batch(tmp_path, MORE_CODE_ATTACKS)
    for attack, result in zip(MORE_CODE_ATTACKS, results, strict=True):
        assert not result["ok"], attack
        assert "TOP-SECRET" not in result["error"]
    assert not (tmp_path / "CANARY").exists()


def test_a_template_that_runs_too_long_is_stopped_without_sigalrm(tmp_path: Path) -> None:
    # The real command's code, with the time limit at 2 s, on a Python without interval
    # timers (as where SIGALRM does not exist). The loop makes no output and allocates
    # nothing; the parent's deadline ends it.
    command = [sys.executable, "-c",
               "import sys, signal, planctl.render.isolate as i; i.USER_TEMPLATE_SECONDS = 2; "
               "del signal.setitimer, signal.alarm; "
               "from planctl.cli import main; sys.argv[0] = 'planctl'; main()"]
    loop = ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
            "{% endfor %}")
    for name in ("plan.md.j2", "plan.html.j2"):
        done = render_with(tmp_path, loop, name, command=command)
        assert done.returncode == 2, done.stderr
        assert "ran for more than 2 s" in done.stderr and done.stdout == ""


def test_harmless_templates_still_render_in_the_child(tmp_path: Path) -> None:
    done = render_with(tmp_path, (
        "{{ plan.name ~ '!' }} {{ 'abc'.upper() }} {{ '{:>5}'.format(1) }} "
        "{{ '%05d' % 42 }} {{ 'x'|center(9) }}|{{ tasks|map(attribute='name')|join(', ') }} "
        "{{ lipsum(1, false, 3, 5)|length > 0 }} {{ charts.kpi(objectives[0])[:4] }}"
        " {{ '\\ud800' }} {{ '\\x1b[2J\\x1b]0;title\\x07'|safe }} \x1b[31m\u202e"))
    assert done.returncode == 0, done.stderr
    assert "\ufffd" in done.stdout  # a lone surrogate cannot be written as UTF-8
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\u202e" not in done.stdout
    # (Markdown escaping folds each value's runs of spaces.)
    words = " ".join(done.stdout.split())
    assert words.startswith("Attack surface! ABC 1 00042 x |First, Second, Done True")
    assert "<svg" in done.stdout


def test_a_template_link_cannot_lead_out_of_the_templates_directory(tmp_path: Path) -> None:
    secret = tmp_path / "SECRET"
    secret.write_text("TOP-SECRET-VALUE")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "plan.md.j2").symlink_to(secret)
    (folder / "up").symlink_to(tmp_path)
    (folder / "inside.j2").write_text("inside {{ plan.name }}")
    (folder / "alias.j2").symlink_to(folder / "inside.j2")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)

    def render() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*COMMAND, "render", str(plan), "--templates", str(folder)],
                              capture_output=True, text=True, timeout=180,
                              preexec_fn=_limited)

    for attack in (None, '{% include "up/SECRET" %}', '{% import "up/SECRET" as x %}',
                   "{% extends 'up/SECRET' %}"):
        if attack is not None:
            (folder / "plan.md.j2").unlink()
            (folder / "plan.md.j2").write_text(attack)
        done = render()
        assert done.returncode == 2 and "outside the templates directory" in done.stderr
        assert "TOP-SECRET" not in done.stdout + done.stderr
    (folder / "plan.md.j2").write_text('{% include "alias.j2" %}')  # a link that stays inside
    done = render()
    assert done.returncode == 0 and done.stdout.startswith("inside Attack surface"), done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")
def test_the_rendering_child_dies_with_planctl(tmp_path: Path) -> None:
    import os
    import signal

    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    command = subprocess.Popen([*COMMAND, "render", str(plan), "--templates", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, preexec_fn=_limited)

    def session() -> list[int]:
        found = []
        for entry in os.listdir("/proc"):
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if entry.isdigit() and int(fields[3]) == command.pid and fields[0] != "Z":
                found.append(int(entry))
        return found

    deadline = time.monotonic() + 120
    while len(session()) < 2 and time.monotonic() < deadline:  # planctl and its child
        time.sleep(0.2)
    assert len(session()) >= 2, "the child never started"
    command.send_signal(signal.SIGKILL)
    command.wait()
    deadline = time.monotonic() + 30
    while session() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session() == [], "the rendering child outlived planctl"
