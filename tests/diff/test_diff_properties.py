"""Properties of `compare_versions` on random plans (tests/schedule/randplans.py): a plan
against itself is no change, the comparison is antisymmetric, and a longer task that moves
the finish is named as the reason."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "schedule"))
import itertools

from randplans import Options, random_plan

from planctl.diff.compare import Version, compare_versions
from planctl.loader import load_text
from planctl.schedule import schedule_plan

_DURATION = re.compile(r"duration: (\d+)d")


def version(text: str, level: bool) -> Version:
    plan = load_text(text).plan
    return Version("v", schedule_plan(plan, as_of=plan.status_date, level=level), plan)


def longer(text: str, which: int, extra: int) -> tuple[str, str] | None:
    """`text` with its `which`-th duration `extra` days longer, and that task's id."""
    matches = list(_DURATION.finditer(text))
    if not matches:
        return None
    m = matches[which % len(matches)]
    task = re.findall(r"id: ([\w.-]+)", text[: m.start()])[-1]
    return text[: m.start()] + f"duration: {int(m.group(1)) + extra}d" + text[m.end():], task


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.integers(0, 10_000), st.booleans())
def test_a_plan_against_itself_is_no_change(seed: int, level: bool) -> None:
    text = random_plan(seed, Options(deadlines=True))
    d = compare_versions(version(text, level), version(text, level))
    assert d.unchanged and d.finish_delta_days == 0 and not d.tasks_changed


@SETTINGS
@given(st.integers(0, 10_000), st.integers(0, 50), st.integers(1, 15))
def test_a_longer_task_is_named_when_it_moves_the_finish(seed: int, which: int,
                                                         extra: int) -> None:
    text = random_plan(seed, Options(deadlines=True, snet=False, leave=False))
    changed = longer(text, which, extra)
    if changed is None:
        return
    after, task = changed
    base, head = version(text, False), version(after, False)
    d = compare_versions(base, head)
    back = compare_versions(head, base)
    assert d.finish_delta_days == -back.finish_delta_days
    assert abs(d.cost_delta + back.cost_delta) < 0.01
    assert [t.id for t in d.tasks_changed if t.inputs] == [task]
    # (A longer task can bring the finish forward: behind a finish-to-finish link it starts
    # earlier, and so do its start-to-start successors. So only a later finish is asserted.)
    if d.finish_delta_days > 0:
        assert task in {c.task for c in d.finish_causes}
    graph = {t.id: set(t.driving) for t in head.schedule.tasks}
    for move in d.milestones:
        for cause in move.causes:
            steps = [s.task for s in cause.chain]
            assert steps[-1] == move.id
            for a, b in itertools.pairwise(steps):
                assert a in graph[b]  # each step drives the next (no hand-offs unlevelled)
