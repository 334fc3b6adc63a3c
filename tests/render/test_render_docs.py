"""docs/templates.md and docs/render.md stay true to the code: every context variable, view
field, filter and template is documented, the worked examples render, and the health rule's
thresholds are the ones in health.py."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from planctl.render import health, render_plan
from planctl.render import views as views_module
from planctl.render.context import GANTT_TASK_LIMIT, build_context
from planctl.render.environment import _filters
from planctl.render.portfolio import PlanEntry, index_context
from planctl.shipped import templates_dir

ROOT = Path(__file__).parent.parent.parent
TEMPLATES_DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
RENDER_DOC = (ROOT / "docs" / "render.md").read_text(encoding="utf-8")


def _first_column(section: str) -> set[str]:
    """The backticked names in the first cell of each table row of `section`."""
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| "):
            names.update(re.findall(r"`([^`]+)`", line.split(" | ")[0]))
    return names


def _section(heading: str) -> str:
    match = re.search(rf"^##+ {re.escape(heading)}\n(.*?)(?=^##+ |\Z)", TEMPLATES_DOC,
                      re.S | re.M)
    assert match, f"docs/templates.md has no section '{heading}'"
    return match.group(1)


def test_every_plan_page_variable_is_documented(crm) -> None:
    plan, schedule = crm
    keys = set(build_context(plan, schedule)) | {"format"}  # plan_page adds the format
    documented = _first_column(_section("The context of a plan page").split("### ")[0])
    assert keys - documented == set(), "add these to docs/templates.md"
    assert documented - keys == set(), "docs/templates.md lists variables that do not exist"


def test_every_portfolio_index_variable_is_documented() -> None:
    keys = set(index_context([], date(2026, 3, 2), "x")) | {"format"}
    section = _section("The context of the portfolio index")
    assert keys == _first_column(section)
    fields = {f.name for f in dataclasses.fields(PlanEntry)}
    assert fields - set(re.findall(r"`([a-z_]+)`", section)) == set()


@pytest.mark.parametrize("view", ["Summary", "TaskView", "PhaseView", "AtRisk", "RiskView",
                                  "MatrixCell", "ResourceView", "WeekLoad", "StakeholderView",
                                  "CommunicationView", "ObjectiveView", "LessonView", "Link"])
def test_every_field_of_every_view_is_documented(view: str) -> None:
    fields = {f.name for f in dataclasses.fields(getattr(views_module, view))}
    # The section whose heading names the view (Link is described with TaskView).
    owner = {"WeekLoad": "ResourceView", "Link": "TaskView", "StakeholderView": "StakeholderView",
             "CommunicationView": "StakeholderView", "ObjectiveView": "StakeholderView",
             "LessonView": "StakeholderView"}.get(view, view)
    sections = re.findall(rf"^### [^\n]*`{owner}`[^\n]*\n(.*?)(?=^##+ |\Z)", TEMPLATES_DOC,
                          re.S | re.M)
    assert sections, f"no section for {owner}"
    if view in ("StakeholderView", "CommunicationView", "ObjectiveView", "LessonView"):
        row = re.search(rf"^\| `{view}` \|(.*)$", sections[0], re.M)
        assert row, view
        text = row.group(1)
    else:
        text = sections[0]
    assert fields - set(re.findall(r"`([a-z_]+)`", text)) == set(), view


def test_health_and_charts_are_documented() -> None:
    section = _section("`Health`")
    assert {"level", "reasons", "label", "symbol"} <= _first_column(section)
    charts = _first_column(_section("`Charts`"))
    from planctl.render.charts import Charts

    public = set(Charts({}).as_record())  # the fields templates see (nothing is drawn yet)
    assert {re.sub(r"^charts\.|\(.*\)$", "", name) for name in charts} == public


def test_every_filter_is_documented() -> None:
    names = set(_filters("md")) | set(_filters("html"))
    documented = _first_column(_section("Filters"))
    documented = {re.sub(r"\(.*\)$", "", name) for name in documented}
    assert names - documented == set()


def test_every_packaged_template_is_in_the_tree() -> None:
    tree = _section("The templates")
    packaged = templates_dir()
    for path in packaged.rglob("*.j2"):
        name = path.relative_to(packaged).as_posix()
        assert name in tree or name.rsplit("/", 1)[-1] in tree, name


def _examples(tmp_path: Path) -> Path:
    """The worked examples' templates, written where `--templates` would read them."""
    blocks = re.findall(r"```jinja\n\{#- my-templates/(\S+) -#\}\n(.*?)```", TEMPLATES_DOC,
                        re.S)
    assert len(blocks) >= 5
    root = tmp_path / "my-templates"
    for name, text in blocks:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def test_the_worked_examples_render(tmp_path: Path, crm) -> None:
    templates = _examples(tmp_path)
    html = render_plan(*crm, "html", templates=templates)
    assert html.index('<div class="company-bar">') < html.index("<h1>")
    assert ".company-bar {" in html  # extra.css.j2 is included
    order = [html.index(f'id="{anchor}"') for anchor in ("attention", "risks", "timeline")]
    assert order == sorted(order) and 'id="tasks"' not in html
    md = render_plan(*crm, "md", templates=templates)
    assert md.startswith("> **ACME Corporation**")
    order = [md.index(heading) for heading in ("## Risks", "## Timeline", "## Next steps")]
    assert order == sorted(order) and "## All tasks" not in md
    schedule = crm[1]
    upcoming = [t for t in schedule.tasks if t.milestone and t.status != "done"]
    assert all(f"{t.finish.isoformat()}: " in md for t in upcoming)


def test_the_health_rule_in_render_md_matches_the_code() -> None:
    rule = RENDER_DOC.split("## Health")[1].split("\n## ")[0]
    assert f"more than {health.SLIP_RED_DAYS} working days" in rule
    assert f"by 1 to {health.SLIP_RED_DAYS} working days" in rule
    assert f"more than {health.OVERDUE_RED_SHARE:.0%} of the unfinished tasks" in rule
    assert f"scoring {health.RISK_AMBER_SCORE} or more" in rule
    assert f"scoring {health.RISK_RED_SCORE} or more" in rule
    assert f"more than {health.COST_RED_RATIO - 1:.0%} over" in rule
    assert f"Up to {GANTT_TASK_LIMIT} tasks" in RENDER_DOC
