"""Rendered pages in headless Chromium, and rendered Mermaid blocks in Mermaid itself.

Needs Debian's `chromium`, Node.js and `npm ci` in tests/browser (`.ci/run` does both). Without
them the tests skip with the reason, except under CI (`CI` set), where they fail instead.
Screenshots are kept in tests/artifacts/browser/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"
sys.path.insert(0, str(ROOT / "tests" / "render"))

from odd_plans import ODD_PLANS, STATUS_DATES  # noqa: E402
from render_helpers import generated_plan_text, plan_and_schedule, schedule_of  # noqa: E402

from planctl.loader import load_plan  # noqa: E402
from planctl.render import render_plan  # noqa: E402
from planctl.render.portfolio import discover  # noqa: E402

PLANS = ROOT / "tests" / "render" / "plans"


def _missing() -> str | None:
    chromium = os.environ.get("PLANCTL_CHROMIUM", "/usr/bin/chromium")
    if not (shutil.which("chromium") or Path(chromium).exists()):
        return "Chromium is not installed (apt-get install chromium)"
    if not shutil.which("node"):
        return "Node.js is not installed"
    for package in ("playwright-core", "mermaid"):
        if not (HERE / "node_modules" / package).is_dir():
            return f"{package} is not installed (run `npm ci` in tests/browser)"
    return None


@pytest.fixture(scope="module")
def node():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)

    def run(*args: str) -> dict:
        proc = subprocess.run(["node", str(HERE / "check.js"), *args], capture_output=True,
                              text=True, timeout=300, cwd=HERE)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return json.loads(proc.stdout)

    return run


def _cases() -> list[tuple[str, str | Path, date | None, str]]:
    """(name, plan text or file, status date, gantt mode) of every plan the page test opens.

    A file's status date is None: the plan's own `status_date`, else 2026-03-02.
    """
    cases: list[tuple[str, str | Path, date | None, str]] = [
        ("crm", (PLANS / "crm.yaml").read_text(), date(2026, 2, 2), "auto"),
        ("nasty", (PLANS / "nasty.yaml").read_text(), date(2026, 3, 16), "auto"),
        ("big-tasks", generated_plan_text(), date(2026, 3, 2), "tasks"),
        ("big-phases", generated_plan_text(), date(2026, 3, 2), "auto")]
    for name in ("zero-tasks", "only-milestones", "huge-names"):
        cases.append((f"odd-{name}", ODD_PLANS[name], STATUS_DATES["during"], "auto"))
    examples = ROOT / "examples"
    for path in discover([str(examples)]) if examples.is_dir() else []:
        relative = Path(path).relative_to(examples)
        stem = relative.stem if len(relative.parts) == 1 else relative.parts[0]
        cases.append((f"example-{stem}", Path(path), None, "auto"))
    return cases


def _scheduled(source: str | Path, as_of: date | None):
    if isinstance(source, Path):
        plan = load_plan(str(source)).plan
        return plan, schedule_of(plan, as_of or plan.status_date or date(2026, 3, 2))
    assert as_of is not None
    return plan_and_schedule(source, as_of)


CASES = _cases()
# The Mermaid test also feeds Mermaid every odd plan at every status date, and a large plan
# named in emoji (two UTF-16 units each, as Mermaid's size limit counts them).
EMOJI_PLAN = re.sub(r"name: (Task|Phase) ", "name: " + "🚀" * 70 + " ",
                    generated_plan_text(400, plan_id="emoji"))
MERMAID_CASES = CASES + [(f"odd-{name}-{when}", text, day, "auto")
                         for name, text in ODD_PLANS.items()
                         for when, day in STATUS_DATES.items()] + [
    ("emoji-tasks", EMOJI_PLAN, date(2026, 3, 2), "tasks")]


@pytest.mark.parametrize("name, text, as_of, gantt", CASES, ids=[c[0] for c in CASES])
def test_page_opens_cleanly_in_chromium(node, tmp_path: Path, name: str, text: str | Path,
                                        as_of: date | None, gantt: str) -> None:
    plan, schedule = _scheduled(text, as_of)
    page = tmp_path / f"{name}.html"
    page.write_text(render_plan(plan, schedule, "html", gantt=gantt), encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{name}.png"
    result = node("page", str(page), str(shot))
    assert result["console"] == [] and result["pageErrors"] == []
    assert result["dialogs"] == [], "a script from the plan ran"
    assert result["requests"] == [], "the page made network requests"
    assert result["scripts"] == 0 and result["eventAttributes"] == []
    assert result["javascriptLinks"] == 0
    assert result["unlabelledCharts"] == 0
    assert result["charts"] >= (1 if schedule.tasks else 0)
    if gantt == "tasks" or (gantt == "auto" and len(schedule.tasks) <= 300):
        assert result["barTasks"] == [t.id for t in schedule.tasks]  # one bar per task
    else:
        assert result["barTasks"] == []
        assert result["summaryBars"] == len(schedule.phases)
    if plan.risks:
        assert result["heatmapCells"] == 25
        assert result["heatmapOverflow"] == []
    assert shot.stat().st_size > 10_000


def test_dark_scheme_changes_the_colours(node, tmp_path: Path) -> None:
    plan, schedule = plan_and_schedule((PLANS / "crm.yaml").read_text(), date(2026, 2, 2))
    page = tmp_path / "crm.html"
    page.write_text(render_plan(plan, schedule, "html"), encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dark = node("page", str(page), str(ARTIFACTS / "crm-dark.png"), "dark")
    light = node("page", str(page), "", "light")
    assert dark["console"] == [] and dark["pageErrors"] == []
    assert dark["bodyBackground"] != light["bodyBackground"]
    assert _luminance(dark["bodyBackground"]) < 0.1 < 0.9 < _luminance(light["bodyBackground"])
    for result in (dark, light):
        ratio = _contrast(result["bodyColor"], result["bodyBackground"])
        assert ratio >= 7, ratio
        assert result["lowContrast"] == []  # all text at least 4.5:1 (WCAG AA)


def _luminance(css: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(fg: str, bg: str) -> float:
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_mermaid_block_renders_in_mermaid(node, tmp_path: Path) -> None:
    blocks: list[tuple[str, str, object]] = []
    for name, text, as_of, gantt in MERMAID_CASES:
        plan, schedule = _scheduled(text, as_of)
        for mode in sorted({gantt, "phases"}):
            markdown = render_plan(plan, schedule, "md", gantt=mode)
            found = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
            assert len(found) == (1 if schedule.tasks else 0)
            if not found:
                continue
            blocks.append((f"{name}-{mode}", found[0], (plan, schedule)))
    files = []
    for name, block, _ in blocks:
        path = tmp_path / f"{name}.mmd"
        path.write_text(block, encoding="utf-8")
        files.append(str(path))
    out = node("mermaid", *files)
    assert out["pageErrors"] == []
    for (name, _block, (_plan, schedule)), result in zip(blocks, out["results"], strict=True):
        assert result["ok"], (name, result.get("error"))
        if name.endswith("-auto") or name.endswith("-tasks"):
            _dates_match(name, result["tasks"], schedule)


def _dates_match(name: str, drawn: list[dict], schedule) -> None:
    """Mermaid draws each bar from the task's first day to the day after its last one."""
    if len(drawn) != len(schedule.tasks):
        return  # phase bars (a large plan): their dates are checked by the phase case
    for bar, task in zip(drawn, schedule.tasks, strict=True):
        assert bar["start"] == task.start.isoformat(), (name, task.id)
        if task.milestone:
            assert bar["milestone"] and bar["end"] == task.finish.isoformat()
        else:
            assert bar["end"] == (task.finish + timedelta(days=1)).isoformat(), (name, task.id)


def test_the_portfolio_index_opens_cleanly(node, tmp_path: Path) -> None:
    from planctl.render import render_portfolio

    plans = [_scheduled(source, as_of) for name, source, as_of, _ in CASES
             if name.startswith("example-") or name == "nasty"]
    for name, text in render_portfolio(plans, "html", title="Examples").items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for scheme in ("light", "dark"):
        result = node("page", str(tmp_path / "index.html"),
                      str(ARTIFACTS / f"portfolio-index-{scheme}.png"), scheme)
        assert result["console"] == [] and result["pageErrors"] == []
        assert result["dialogs"] == [] and result["requests"] == []
        assert result["scripts"] == 0 and result["eventAttributes"] == []
        assert result["lowContrast"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_legend_shows_every_bar_colour_and_risk_ids_fit_their_cells(
        node, tmp_path: Path, scheme: str) -> None:
    from planctl.baseline import snapshot, variance

    text = (PLANS / "every-bar.yaml").read_text()
    plan, schedule = plan_and_schedule(text, date(2026, 2, 2))
    # The baseline: the same plan a week earlier, so its thin bars sit apart from the bars.
    earlier, was = plan_and_schedule(text.replace("2026-01-05", "2025-12-29", 1),
                                     date(2026, 2, 2))
    against = variance(snapshot(earlier, was), plan, schedule)
    page = tmp_path / "every-bar.html"
    page.write_text(render_plan(plan, schedule, "html", variance=against), encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result = node("page", str(page), str(ARTIFACTS / f"every-bar-{scheme}.png"), scheme)
    assert result["console"] == [] and result["pageErrors"] == []
    statuses = {t.status for _, t in plan.iter_tasks()}
    assert {"done", "in_progress", "planned", "cancelled"} <= statuses
    missing = {colour: used for colour, used in result["barColours"].items()
               if colour not in result["legendColours"]}
    assert missing == {}, "bar colours the legend does not show"
    assert len(result["barColours"]) >= 9
    assert result["heatmapOverflow"] == []
    # Each id shown is a whole id; the cell of four shows two and "+2 more".
    shown = result["heatmapIds"]
    assert len(shown) == 5 and set(shown) <= {risk.id for risk in plan.risks}
    assert {"keyuser-availability-during-uat", "data-migration-quality-issues-in-legacy-crm",
            "W" * 100} <= set(shown)
