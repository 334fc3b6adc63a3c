"""A long risk id wraps at its joints in the HTML page's risk register instead of running past
the page (`td.id` was `white-space: nowrap`, so `keyuser-availability-during-uat` overflowed
the register beside the heat map)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from render_helpers import plan_and_schedule

from planctl.render import render_plan

PLANS = Path(__file__).parent / "plans"

LONG_RISK = "keyuser-availability-during-user-acceptance-testing"


def page() -> str:
    text = (PLANS / "crm.yaml").read_text().replace("  - id: R1\n", f"  - id: {LONG_RISK}\n")
    plan, schedule = plan_and_schedule(text, date(2026, 2, 2))
    return render_plan(plan, schedule, "html")


def test_a_long_risk_id_breaks_after_each_hyphen_and_is_shown_whole() -> None:
    html = page()
    cell = re.search(r'<td class="id breakable">(keyuser-[^<]*(?:<wbr>[^<]*)*)</td>', html)
    assert cell, "the risk register has no id cell for the long id"
    assert cell.group(1).replace("<wbr>", "") == LONG_RISK
    assert cell.group(1).count("<wbr>") == LONG_RISK.count("-")


def test_risk_id_cells_may_wrap_but_only_where_the_filter_allows() -> None:
    style = re.sub(r"/\*.*?\*/", "", page(), flags=re.S)
    rules = {selectors.strip(): body for selectors, body in re.findall(r"([^{}<>]*)\{([^{}]*)\}",
                                                                       style)}
    body = rules.get("td.id.breakable", "")
    assert "white-space: normal" in body and "overflow-wrap: normal" in body, rules.keys()


def test_breakable_escapes_before_it_marks_breaks() -> None:
    from planctl.render.escape import breakable

    assert str(breakable("<b>-x")) == "&lt;b&gt;-<wbr>x"
    assert str(breakable("a--b.c")) == "a--<wbr>b.<wbr>c"
    assert str(breakable("plain")) == "plain"
