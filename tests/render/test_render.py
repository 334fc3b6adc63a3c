"""Rendered pages: what they contain, that plan text cannot break them, that they are stable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from planctl.render import render_plan


class _Page(HTMLParser):
    """Collects what a hostile plan could smuggle into a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.bars: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag == "a":
            self.links.append(values.get("href") or "")
        if tag in ("img", "iframe", "object", "embed", "link", "script", "audio", "video"):
            self.sources.append(tag)
        if tag == "rect" and "bar" in (values.get("class") or "").split():
            self.bars.append(values.get("data-task") or "")


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _tables(markdown: str) -> list[tuple[int, list[int]]]:
    """(header cells, [cells of each row]) of every table GitHub-style Markdown would show."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    tables = []
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        head = len(re.findall(r"<th[\s>]", table.split("</thead>")[0]))
        rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
        tables.append((head, [len(re.findall(r"<td[\s>]", row)) for row in rows]))
    return tables


@pytest.mark.parametrize("fixture", ["crm", "nasty"])
def test_markdown_tables_keep_their_shape(request, fixture: str) -> None:
    plan, schedule = request.getfixturevalue(fixture)
    md = render_plan(plan, schedule, "md")
    tables = _tables(md)
    assert len(tables) >= 8
    for head, rows in tables:
        assert rows and all(cells == head for cells in rows), (head, rows)
    # The all-tasks table has one row per task.
    assert max(len(rows) for _, rows in tables) >= len(schedule.tasks)


@pytest.mark.parametrize("fixture", ["crm", "nasty"])
def test_markdown_has_no_live_html_or_links_from_the_plan(request, fixture: str) -> None:
    plan, schedule = request.getfixturevalue(fixture)
    md = render_plan(plan, schedule, "md")
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    page = _parse(html)
    assert page.handlers == [] and page.sources == []
    assert [link for link in page.links if not link.startswith("#")] == []
    assert set(page.tags) <= {"h1", "h2", "h3", "p", "strong", "em", "ul", "ol", "li", "table",
                              "thead", "tbody", "tr", "th", "td", "pre", "code", "details",
                              "summary", "sub", "br", "hr", "a", "del", "blockquote"}
    # One ```mermaid block; the code fence is closed where it should be.
    assert md.count("```mermaid") == 1
    fenced = re.findall(r"^```mermaid\n(.*?)^```$", md, re.S | re.M)
    assert len(fenced) == 1 and "\n## " not in fenced[0]


@pytest.mark.parametrize("fixture", ["crm", "nasty"])
def test_html_has_no_script_handlers_or_remote_resources(request, fixture: str) -> None:
    plan, schedule = request.getfixturevalue(fixture)
    html = render_plan(plan, schedule, "html")
    page = _parse(html)
    assert page.sources == [] and page.handlers == []
    assert not any(link.lower().lstrip().startswith(("javascript", "vbscript", "data"))
                   for link in page.links)
    assert "http-equiv=\"Content-Security-Policy\"" in html
    assert re.search(r"\b(src|href)=\"https?://", html) is None
    # One bar per task, by id, in plan order.
    assert page.bars == [t.id for t in schedule.tasks]


def test_html_shows_every_section_of_a_full_plan(crm) -> None:
    plan, schedule = crm
    html = render_plan(plan, schedule, "html")
    for anchor in ("timeline", "milestones", "critical-path", "risks", "resources",
                   "stakeholders", "objectives", "lessons", "tasks"):
        assert f'id="{anchor}"' in html
    for chart in ('class="gantt"', 'class="heatmap"', 'class="loading"', 'class="kpi'):
        assert chart in html
    assert html.count("<title") >= 3
    assert "and (prefers-color-scheme: dark)" in html and "@media print" in html
    assert 'class="status-date"' in html and 'class="nonworking"' in html


def test_markdown_shows_every_section_of_a_full_plan(crm) -> None:
    plan, schedule = crm
    md = render_plan(plan, schedule, "md")
    for heading in ("## Timeline", "## Milestones", "## Critical path", "## Phases",
                    "## Risks", "### Risk matrix", "## Resources", "## Stakeholders",
                    "### Communication plan", "## Objectives and KPIs", "## Lessons learned",
                    "## All tasks"):
        assert heading in md
    assert "| Forecast finish | " + schedule.finish.isoformat() in md
    assert f"as of {schedule.status_date.isoformat()}" in md


def test_rendering_is_deterministic(crm) -> None:
    for fmt in ("md", "html"):
        assert render_plan(*crm, fmt) == render_plan(*crm, fmt)


def test_gantt_mode_can_be_chosen(crm) -> None:
    plan, schedule = crm
    html = render_plan(plan, schedule, "html", gantt="phases")
    page = _parse(html)
    assert page.bars == []
    assert html.count('<rect class="summary"') == len(schedule.phases)
    assert "--gantt tasks" in html
    md = render_plan(plan, schedule, "md", gantt="phases")
    assert "One bar per phase" in md


def test_portfolio_links_back_to_the_index(crm) -> None:
    from planctl.render import render_portfolio

    pages = render_portfolio([crm], "html")
    assert list(pages) == ["index.html", "crm-rollout.html"]
    assert 'href="crm-rollout.html"' in pages["index.html"]
    assert 'href="index.html"' in pages["crm-rollout.html"]
    md = render_portfolio([crm], "md")
    assert "[CRM rollout](crm-rollout.md)" in md["index.md"]
    assert "[← All plans](index.md)" in md["crm-rollout.md"]
