"""Property tests: valid plans survive a dump and reload; mangled plans never crash or hang.

1. Random *valid* plans (unique ids, references that resolve, dependencies only on earlier work
   so there is no cycle, every section and both forms of every short-hand) are written as YAML,
   loaded, dumped from the model and loaded again: the two models are the same.
2. Random byte and line mutations of a valid plan go through the whole `check` (read, validate,
   lint, report): the only outcome is a result whose findings are all located; no exception
   escapes, and each run ends quickly.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from planctl.check import check_paths
from planctl.errors import PlanError
from planctl.loader import load_text
from planctl.report import ReportOptions, get_reporter

CLEAN = (Path(__file__).parent / "good" / "clean.yaml").read_bytes()
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def dump(data: Any) -> str:
    """YAML text for plain data; ruamel's safe dumper quotes whatever YAML 1.2 would misread."""
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# -- strategies for valid plans ------------------------------------------------------------

# Text a person might write, YAML's special characters included; no control characters (YAML
# cannot hold most of them plainly, and the dumper folds some line breaks).
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"))
               | st.sampled_from("\n:#-[]{},&*!|>'\"%@` "), min_size=1, max_size=30)
DAYS = st.dates(date(2024, 1, 1), date(2028, 12, 31))
WORK = st.one_of(st.integers(1, 40).map(lambda n: f"{n}d"), st.integers(1, 6).map(
    lambda n: f"{n}w"), st.integers(1, 20).map(lambda n: f"{n}.5d"))
LAG = st.integers(-5, 10).map(lambda n: f"{n}d") | st.integers(1, 2).map(lambda n: f"{n}w")


def iso(day: date) -> str:
    return day.isoformat()


@st.composite
def span(draw: st.DrawFn, named: bool = True) -> Any:
    """A day in each of its three forms: `2026-01-05`, `{date, name}`, `{from, to, name}`."""
    first = draw(DAYS)
    form = draw(st.sampled_from(["plain", "date", "range"]))
    if form == "plain":
        return iso(first)
    extra = {"name": draw(TEXT)} if named and draw(st.booleans()) else {}
    if form == "date":
        return {"date": iso(first), **extra}
    return {"from": iso(first), "to": iso(first + timedelta(days=draw(st.integers(0, 20)))),
            **extra}


@st.composite
def estimate(draw: st.DrawFn) -> dict[str, str]:
    low, mid, high = sorted(draw(st.lists(st.integers(1, 30), min_size=3, max_size=3)))
    return {"optimistic": f"{low}d", "likely": f"{mid}d", "pessimistic": f"{high}d"}


@st.composite
def task(draw: st.DrawFn, ident: str, earlier: list[str], resources: list[str],
         people: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["duration", "effort", "milestone"]))
    result: dict[str, Any] = {"id": ident, "name": draw(TEXT)}
    if kind == "milestone":
        result["milestone"] = True
    else:
        result[kind] = draw(WORK)
    if resources and kind != "milestone" and (kind == "effort" or draw(st.booleans())):
        chosen = draw(st.lists(st.sampled_from(resources), min_size=1, max_size=2, unique=True))
        result["assign"] = [r if draw(st.booleans()) else
                            {"resource": r, "units": draw(st.sampled_from([0.5, 1, 2]))}
                            for r in chosen]
    elif kind == "effort":
        result["duration"] = result.pop("effort")  # effort needs an assignment
    if earlier and draw(st.booleans()):
        preds = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
        result["depends_on"] = [p if draw(st.booleans()) else
                                {"task": p, "type": draw(st.sampled_from(["FS", "SS", "FF", "SF"])),
                                 "lag": draw(LAG)} for p in preds]
    status = draw(st.sampled_from(["planned", "in_progress", "done", "blocked", "cancelled", None]))
    if status is not None:
        result["status"] = status
    if status in ("in_progress", "done"):
        started = draw(DAYS)
        result["actual_start"] = iso(started)
        if status == "done":
            result["actual_finish"] = iso(started + timedelta(days=draw(st.integers(0, 30))))
        else:
            result["progress"] = draw(st.integers(0, 99))
    optional = {
        "description": TEXT, "owner": st.sampled_from(people or ["s-none"]),
        "estimate": estimate(), "deadline": DAYS.map(iso), "start_no_earlier_than": DAYS.map(iso),
        "priority": st.integers(1, 1000), "cost": st.integers(0, 10**6),
        "tags": st.lists(TEXT, max_size=3),
    }
    for key, strategy in optional.items():
        if (kind == "milestone" and key == "estimate") or (key == "owner" and not people):
            continue
        if draw(st.integers(0, 3)) == 0:
            result[key] = draw(strategy)
    return result


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    resources = [f"r{i}" for i in range(draw(st.integers(0, 3)))]
    stakeholders = [f"s{i}" for i in range(draw(st.integers(0, 3)))]
    people = resources + stakeholders
    plan: dict[str, Any] = {"planctl": 1, "name": draw(TEXT), "start": iso(draw(DAYS))}
    if draw(st.booleans()):
        plan["id"] = draw(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True))
    if people and draw(st.booleans()):
        plan["owner"] = draw(st.sampled_from(people))
    if draw(st.booleans()):
        plan["status_date"] = iso(draw(DAYS))
    if draw(st.booleans()):
        plan["calendar"] = {
            "workdays": draw(st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat",
                                                       "sun"]), min_size=1, unique=True)),
            "holidays": draw(st.lists(span(), max_size=4)),
        }
    plan["resources"] = [
        {"id": r, "name": draw(TEXT), "kind": draw(st.sampled_from(["person", "team"])),
         "capacity": draw(st.sampled_from([1, 2, 3, 0.5])), "rate": draw(st.integers(0, 2000)),
         "leave": draw(st.lists(span(named=False), max_size=2))} for r in resources]
    plan["stakeholders"] = [
        {"id": s, "name": draw(TEXT), "influence": draw(st.sampled_from(["low", "medium", "high"])),
         "interest": draw(st.sampled_from(["low", "medium", "high"]))} for s in stakeholders]
    phases, work = [], []
    for p in range(draw(st.integers(0, 3))):
        phase: dict[str, Any] = {"id": f"p{p}", "name": draw(TEXT), "tasks": []}
        earlier_phases = [f"p{q}" for q in range(p)]
        if earlier_phases and draw(st.booleans()):
            phase["depends_on"] = draw(st.lists(st.sampled_from(earlier_phases), min_size=1,
                                                unique=True))
        outside = list(work)  # tasks and phases before this phase: never this phase itself
        for t in range(draw(st.integers(0, 4))):
            ident = f"p{p}t{t}"
            inside = [x["id"] for x in phase["tasks"]]
            phase["tasks"].append(draw(task(ident, outside + inside, resources, people)))
        work.extend([f"p{p}", *(x["id"] for x in phase["tasks"])])
        phases.append(phase)
    plan["phases"] = phases
    if work and draw(st.booleans()):
        plan["risks"] = [
            {"id": f"R{i}", "title": draw(TEXT),
             "probability": draw(st.integers(1, 5) | st.floats(0, 1).map(lambda x: round(x, 3))),
             "impact": draw(st.integers(1, 5)),
             "affects": draw(st.lists(st.sampled_from(work), max_size=2, unique=True)),
             "delay": draw(estimate()),
             "status": draw(st.sampled_from(["open", "mitigating", "closed", "occurred"])),
             "review_by": iso(draw(DAYS))} for i in range(draw(st.integers(1, 3)))]
    if stakeholders and draw(st.booleans()):
        plan["communications"] = [{
            "name": draw(TEXT), "audience": draw(st.lists(st.sampled_from(stakeholders),
                                                          min_size=1, unique=True)),
            "cadence": draw(st.sampled_from(["daily", "weekly", "biweekly", "monthly",
                                             "per-milestone"]))}]
    if draw(st.booleans()):
        plan["objectives"] = [{"id": "o1", "description": draw(TEXT), "kpi": {
            "metric": draw(TEXT), "baseline": draw(st.integers(0, 50)),
            "target": draw(st.integers(51, 100))}}]
        plan["budget"] = {"currency": "EUR", "total": draw(st.integers(0, 10**7))}
        plan["lessons"] = [{"date": iso(draw(DAYS)), "text": draw(TEXT)}]
    return plan


def model_data(text: str) -> dict[str, Any]:
    loaded = load_text(text, "plan.yaml")
    return loaded.plan.model_dump(mode="json", by_alias=True, exclude_defaults=True)


@SETTINGS
@given(plans())
def test_a_valid_plan_loads_to_the_same_model_after_a_dump_and_reload(plan):
    first = model_data(dump(plan))
    # The load kept what was written ...
    assert first["name"] == plan["name"]
    assert [t["id"] for p in first.get("phases", []) for t in p.get("tasks", [])] == [
        t["id"] for p in plan["phases"] for t in p["tasks"]]
    # ... and the model, written out again, means exactly the same plan.
    assert model_data(dump(first)) == first


# -- mutations --------------------------------------------------------------------------------

TOKENS = [b":", b": ", b"- ", b"&a ", b"*a", b"!!python/object:os.system ", b"!x ", b"[", b"]",
          b"{", b"}", b"\t", b"%YAML 1.1\n", b"---\n", b"\x00", b"\xff", b"\xef\xbb\xbf", b"'",
          b'"', b"<<: *a\n", b"? ", b"~", b"9" * 40, b"\r\n", b"#", b"|", b">-\n"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(CLEAN)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "token", "del_line", "dup_line",
                                   "swap_lines", "indent"]))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 20))]
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "del_line":
                del lines[i]
            elif op == "dup_line":
                lines.insert(i, lines[i])
            elif op == "swap_lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * draw(st.integers(1, 4)) + lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def test_the_unmutated_plan_is_clean():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.yaml")
        Path(path).write_bytes(CLEAN)
        assert list(check_paths([path]).findings) == []


@SETTINGS
@given(mutated())
def test_a_mutated_plan_gives_located_findings_never_a_crash_or_a_hang(data):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "plan.yaml")
        Path(path).write_bytes(data)
        started = time.monotonic()
        result = check_paths([path])  # no exception may escape
        lines = data.count(b"\n") + 1
        for finding in result.findings:
            where = finding.diagnostic.location
            assert where.path == path
            assert 1 <= where.line <= lines + 1 and where.column >= 1, where
        assert not result.not_checked
        for fmt in ("text", "json", "github"):
            get_reporter(fmt)(result, io.StringIO(), ReportOptions(frames=True, color=True))
        assert time.monotonic() - started < 5  # a hang guard, not a timing test


@SETTINGS
@given(mutated())
def test_loading_mutated_text_raises_only_plan_errors(data):
    text = data.decode("utf-8", "replace").replace("\x00", "")
    try:
        load_text(text, "plan.yaml")
    except PlanError as error:
        assert error.diagnostics
        assert all(d.location.line >= 1 and d.location.column >= 1 for d in error.diagnostics)
