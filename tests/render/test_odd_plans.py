"""Plans at the edges (no tasks, empty phases, only milestones, all done, huge names) rendered
at status dates before, during and after them: no crash, tables whole, Mermaid well formed."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from odd_plans import ODD_PLANS, STATUS_DATES
from render_helpers import plan_and_schedule

from planctl.render import render_plan

CASES = [(name, when) for name in ODD_PLANS for when in STATUS_DATES]
_IDS = [f"{name}-{when}" for name, when in CASES]
# One Mermaid gantt line: a section, or `name :flags, id, start, end` with planctl's dates.
_LINE = re.compile(r"^    (?:section [^:#;%`\n]+|title [^:#;%`\n]+|dateFormat YYYY-MM-DD|"
                   r"axisFormat %Y-%m-%d|todayMarker off|"
                   r"[^:#;%`\n]+ :(?:milestone, )?(?:(?:done|active|crit), )*[tp]-[A-Za-z0-9_-]+, "
                   r"\d{4}-\d\d-\d\d, (?:\d{4}-\d\d-\d\d|0d))$")


def _tables(markdown: str) -> list[tuple[int, list[int]]]:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    found = []
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        head = len(re.findall(r"<th[\s>]", table.split("</thead>")[0]))
        rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
        found.append((head, [len(re.findall(r"<td[\s>]", row)) for row in rows]))
    return found


class _Bars(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bars: list[str] = []
        self.summaries = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "rect" and "bar" in classes:
            self.bars.append(dict(attrs).get("data-task") or "")
        if tag == "rect" and "summary" in classes:
            self.summaries += 1
        self.scripts += tag == "script"


@pytest.mark.parametrize("name, when", CASES, ids=_IDS)
@pytest.mark.parametrize("gantt", ["auto", "phases"])
def test_markdown_of_odd_plans_is_whole(name: str, when: str, gantt: str) -> None:
    plan, schedule = plan_and_schedule(ODD_PLANS[name], STATUS_DATES[when])
    md = render_plan(plan, schedule, "md", gantt=gantt)
    assert md.startswith("# ") and md.count("\n# ") == 0  # one title line, however long
    for head, rows in _tables(md):
        assert all(cells == head for cells in rows), (head, rows)
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", md, re.S | re.M)
    if not schedule.tasks:
        assert blocks == [] and "no tasks yet" in md
        return
    assert len(blocks) == 1 and len(blocks[0]) < 50_000
    lines = blocks[0].splitlines()
    assert lines[0] == "gantt"
    for line in lines[1:]:
        assert _LINE.match(line), line
    bars = [line for line in lines if re.search(r", [tp]-[A-Za-z0-9_-]+, ", line)]
    expected = len(schedule.tasks) if gantt == "auto" else (
        sum(1 for p in schedule.phases if any(t.phase == p.id for t in schedule.tasks))
        + sum(t.milestone for t in schedule.tasks))
    assert len(bars) == expected


@pytest.mark.parametrize("name, when", CASES, ids=_IDS)
def test_html_of_odd_plans_has_one_bar_per_task(name: str, when: str) -> None:
    plan, schedule = plan_and_schedule(ODD_PLANS[name], STATUS_DATES[when])
    for gantt in ("auto", "phases"):
        page = _Bars()
        page.feed(render_plan(plan, schedule, "html", gantt=gantt))
        assert page.scripts == 0
        if gantt == "auto":
            assert page.bars == [t.id for t in schedule.tasks]
        else:
            assert page.bars == []
        assert page.summaries == (len({t.phase for t in schedule.tasks}) if schedule.tasks
                                  else 0)


def test_huge_names_are_cut_in_the_chart_but_kept_whole_in_tables() -> None:
    plan, schedule = plan_and_schedule(ODD_PLANS["huge-names"], date(2026, 3, 4))
    html = render_plan(plan, schedule, "html")
    task = plan.tasks_by_id["a"].name
    assert html.count(task.strip()) >= 2  # the task table and the chart's tooltip
    labels = re.findall(r'<text class="label"[^>]*>([^<]*)</text>', html)
    assert labels and all(len(label) < 60 and label.endswith("…") for label in labels)


@pytest.mark.parametrize("name", list(ODD_PLANS))
@pytest.mark.parametrize("when", list(STATUS_DATES))
def test_status_prints_odd_plans(cli, tmp_path: Path, name: str, when: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(ODD_PLANS[name], encoding="utf-8")
    code, out, err = cli("status", path, "--as-of", STATUS_DATES[when].isoformat(),
                         "--width", "80")
    assert code == 0, err
    assert "Traceback" not in out + err
    assert f"as of {STATUS_DATES[when].isoformat()}" in out.splitlines()[0]
    assert max(len(line) for line in out.splitlines()) <= 80
