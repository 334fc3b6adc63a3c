"""Golden files: the pages of every example plan, compared byte for byte.

The expected pages live in tests/golden/ (`<example>.md`, `<example>.html`, and the index of
the examples rendered as one portfolio, `portfolio-index.md|html`); see tests/golden/README.md.
After an intended change to the templates, the renderer or the scheduler, regenerate them and
review the diff:

    PLANCTL_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py

Pages are rendered with the real scheduler and a fixed status date, so they do not depend on
the day the tests run.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from render_helpers import real_scheduler

from planctl.loader import load_plan
from planctl.render import render_plan, render_portfolio
from planctl.render.portfolio import discover

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
AS_OF = date(2026, 3, 2)
UPDATE = os.environ.get("PLANCTL_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.skipif(real_scheduler() is None,
                                reason="golden files need the real scheduler")


def _examples() -> list[str]:
    return discover([str(EXAMPLES)]) if EXAMPLES.is_dir() else []


def _name(path: str) -> str:
    relative = Path(path).relative_to(EXAMPLES)
    return relative.stem if len(relative.parts) == 1 else relative.parts[0]


def _scheduled(path: str):
    plan = load_plan(path).plan
    return plan, real_scheduler()(plan, as_of=AS_OF)


def _compare(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected.exists(), f"{expected} is missing: run PLANCTL_UPDATE_GOLDEN=1 pytest " \
                              f"tests/render/test_golden.py"
    assert actual == expected.read_text(encoding="utf-8"), (
        f"{expected.name} differs from its golden file; if the change is intended, run "
        "PLANCTL_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py and review the diff")


@pytest.mark.parametrize("path", _examples(), ids=_name)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_example_pages_match_their_golden_files(path: str, fmt: str) -> None:
    plan, schedule = _scheduled(path)
    _compare(GOLDEN / f"{_name(path)}.{fmt}", render_plan(plan, schedule, fmt))


_BACK_LINK = {"md": "[← All plans](index.md)\n\n",
              "html": '<p class="no-print"><a href="index.html">← All plans</a></p>'}


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_examples_portfolio_matches_its_golden_index(fmt: str) -> None:
    paths = _examples()
    if not paths:
        pytest.skip("no examples yet")
    plans = [_scheduled(path) for path in paths]
    pages = render_portfolio(plans, fmt, title="Examples")
    _compare(GOLDEN / f"portfolio-index.{fmt}", pages[f"index.{fmt}"])
    # Each plan's page is its own page plus the link back to the index.
    for (plan, schedule), (name, text) in zip(plans, list(pages.items())[1:], strict=True):
        assert name == f"{plan.id}.{fmt}" or name == f"{plan.id}-plan.{fmt}"
        assert text.count(_BACK_LINK[fmt]) == 1
        assert text.replace(_BACK_LINK[fmt], "") == render_plan(plan, schedule, fmt)
