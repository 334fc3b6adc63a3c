"""A committed status page diffs cleanly: inserting one task changes only the lines about it.

Mermaid bar ids come from the plan's task ids (not from positions), so the other bars keep
their lines; numbers and ids carry no needless Markdown escapes.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest
from render_helpers import real_scheduler

from planctl.loader import load_text
from planctl.render import render_plan
from planctl.render.mermaid import bar_id

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "crm-rollout.yaml"
AS_OF = date(2026, 3, 2)
INSERTED = """\
      - id: charter
        name: Charter signed
        milestone: true
        depends_on: [kickoff]
        status: done
        actual_finish: 2026-01-05
"""

pytestmark = pytest.mark.skipif(real_scheduler() is None, reason="needs the real scheduler")


def _page(text: str) -> str:
    plan = load_text(text, str(EXAMPLE)).plan
    return render_plan(plan, real_scheduler()(plan, as_of=AS_OF), "md")


def _changed(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_inserting_a_task_changes_only_its_own_lines() -> None:
    text = EXAMPLE.read_text()
    anchor = "    tasks:\n      - id: kickoff\n"
    assert anchor in text
    inserted = text.replace(anchor, "    tasks:\n" + INSERTED + "      - id: kickoff\n", 1)
    changed = _changed(_page(text), _page(inserted))
    # The new bar, its table row, the milestone list and three counts; nothing renumbered.
    assert len(changed) <= 10, "\n".join(changed)
    mermaid = [line for line in changed if re.search(r":(milestone, |done, |crit, )*[tp]-", line)]
    assert mermaid == ["+    Charter signed :milestone, done, t-charter, 2026-01-05, 0d"]


@pytest.mark.parametrize("name", ["crm-rollout.yaml", "app-release.yaml", "dc-migration/plan.yaml"])
def test_committed_pages_carry_no_needless_escapes(name: str) -> None:
    from planctl.loader import load_plan

    plan = load_plan(EXAMPLE.parent / name).plan
    page = render_plan(plan, real_scheduler()(plan, as_of=AS_OF), "md")
    assert not re.findall(r"\d\\[.)]\d|\\-\d", page)  # 0\.5, \-15
    assert re.search(r"\| \d+\.\d+ \|", page) or name != "crm-rollout.yaml"  # 17.5 as is


def test_bar_ids_are_the_plan_ids_kept_distinct() -> None:
    used: set[str] = set()
    ids = [bar_id("t", i, used) for i in ("a_b", "a.b", "a-b", "a__b", "done", "2026-01-05")]
    assert ids == ["t-a__b", "t-a_db", "t-a-b", "t-a____b", "t-done", "t-2026-01-05"]
    assert len(set(ids)) == len(ids)
    # A repeated id (never in a valid plan) still gets a bar of its own.
    assert bar_id("t", "a-b", used) == "t-a-b-2"
    assert all(re.fullmatch(r"[tp]-[A-Za-z0-9_-]+", i) for i in used)
