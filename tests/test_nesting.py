"""Deep nesting is refused before libyaml's C composer recurses into it (it segfaulted).

A regression here kills the test process with SIGSEGV instead of failing one test, so the
deepest shapes also run in a child process (the corpus runs them through `planctl` as well).
The bound that lets plans skip the walk of libyaml's events is checked against that walk on
adversarial text (`adversarial_yaml`) and on attacks that hide closing brackets in text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser

from adversarial_yaml import documents, real_depths, soup
from planctl.errors import PlanError
from planctl.located import SourceFile
from planctl.nesting import (
    SAFE_DEPTH,
    block_depth_bound,
    depth_bound,
    first_too_deep,
    flow_depth_bound,
)
from planctl.reader import DEFAULT_MAX_DEPTH, parse

ROOT = Path(__file__).resolve().parent.parent

HEADER = "planctl: 1\nname: x\nstart: 2026-01-05\n"


def nested(indented_maps: int, compact_seqs: int, flow: str) -> str:
    """Valid YAML: block mappings nested by indentation, then `- - -` on one line, then flow
    collections (closed again)."""
    lines = [" " * i + " k:" for i in range(indented_maps)]
    closing = "".join("]" if c == "[" else "}" for c in reversed(flow) if c in "[{")
    return HEADER + "phases:\n" + "\n".join(lines) + "\n" + " " * (indented_maps + 1) \
        + "- " * compact_seqs + flow + "x" + closing + "\n"


def real_depth(text: str) -> int:
    """How deep libyaml goes in `text` (up to a syntax error, as the composer would)."""
    return real_depths(text)[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(indented_maps=st.integers(0, 120), compact_seqs=st.integers(0, 40_000),
       unit=st.lists(st.sampled_from(["[", "{", "[ ", "{a: ", "[b, ", "{? "]), min_size=1,
                     max_size=6),
       repeat=st.integers(0, 12_000))
def test_any_deep_shape_is_a_located_e108(indented_maps, compact_seqs, unit, repeat):
    flow = "".join(unit) * repeat
    text = nested(indented_maps, compact_seqs, flow)
    depth = indented_maps + compact_seqs + flow.count("[") + flow.count("{") + 1
    if depth <= DEFAULT_MAX_DEPTH:
        return
    try:
        parse(text, SourceFile("deep.yaml", text))
    except PlanError as exc:
        (found,) = exc.diagnostics
        # Below the walk's threshold the reader reports the first problem it meets, which is a
        # collection used as a key (E110) when `{` nests in `{`; past it, always the depth.
        assert found.code == "E108" or (found.code == "E110" and depth <= SAFE_DEPTH)
        assert found.location.line >= 4 and found.location.column >= 1
    else:
        raise AssertionError("deep nesting was read")


_values = st.recursive(st.none() | st.integers() | st.text(alphabet="ab[]{}'\"#:- \n", max_size=8),
                       lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(alphabet="ab-?: ", min_size=1, max_size=4),
                                         inner, max_size=3),
                       max_leaves=40)


@settings(max_examples=200, deadline=None)
@given(value=_values, flow_level=st.none() | st.integers(0, 6), indent=st.integers(2, 6))
def test_the_cheap_bound_is_never_below_the_real_depth(value, flow_level, indent):
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None if flow_level is None else False
    yaml.indent(mapping=indent, sequence=indent + 2, offset=indent)
    from io import StringIO

    out = StringIO()
    yaml.dump({"root": value}, out)
    text = out.getvalue()
    assert depth_bound(text) >= real_depth(text)
    assert flow_depth_bound(text) + block_depth_bound(text) >= real_depth(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=documents() | soup())
def test_the_tight_bound_is_never_below_what_libyaml_composes(text):
    deepest, deepest_flow = real_depths(text)
    assert flow_depth_bound(text) >= deepest_flow
    assert flow_depth_bound(text) + block_depth_bound(text) >= deepest


def test_line_breaks_libyaml_knows_other_than_newline_count_for_the_bound():
    text = "\r".join(" " * i + "k:" for i in range(3000)) + " x\r"
    assert real_depth(text) == 3000
    assert depth_bound(text) >= 3000
    assert first_too_deep(text, 64, CParser) is not None


class _NoWalk:
    """A parser class for `first_too_deep` that fails the test if the events are walked."""

    def __init__(self, text: str) -> None:
        raise AssertionError("the events were walked")


def _flow_heavy_plan(tasks: int) -> str:
    """A hand-written kind of plan in flow style, with brackets, quotes and `#` in its text."""
    lines = [HEADER.rstrip("\n"), "# [draft] it's the team's plan {v2}", "phases:",
             "  - id: p", "    name: 'Phase ''one'' [pilot]'", "    tasks:"]
    for i in range(tasks):
        lines += [
            f'      - {{id: t{i}, name: "Design [phase {i}] {{api}}", duration: 2d, '
            f"depends_on: [t{max(i - 1, 0)}]}}  # it's [late] {{again}}",
            f"      - {{id: u{i}, name: 'Review ''draft'' [v{i}]', effort: 1d, "
            "assign: [{resource: ann, units: 0.5}]}",
            f"      - id: v{i}",
            '        name: Customer\'s "gold" tier [beta] #3',
            "        notes: |",
            "          Since the '90s [like {these}], \"quoted\" and it's fine.",
            f"        depends_on: [t{i}, u{i}]  # ]]",
        ]
    return "\n".join(lines) + "\n"


def test_the_generated_benchmark_plan_skips_the_walk(tmp_path):
    plan = tmp_path / "p.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--tasks",
                    "2000", "-o", str(plan)], check=True, capture_output=True)
    text = plan.read_text()
    assert 2 * text.count("[") + text.count("{") > SAFE_DEPTH  # so counting would walk
    assert flow_depth_bound(text) <= 10  # the plan nests 3 deep: `[{...}]` counts 2 + 1
    assert first_too_deep(text, DEFAULT_MAX_DEPTH, _NoWalk) is None


def test_a_flow_heavy_hand_written_plan_skips_the_walk():
    text = _flow_heavy_plan(SAFE_DEPTH)
    assert flow_depth_bound(text) <= 10  # the plan nests 3 deep: `[{...}]` counts 2 + 1
    assert first_too_deep(text, DEFAULT_MAX_DEPTH, _NoWalk) is None
    tasks = parse(text, SourceFile("p.yaml", text))["phases"][0]["tasks"]
    assert len(tasks) == 3 * SAFE_DEPTH
    assert tasks[3]["name"] == "Design [phase 1] {api}"
    assert "[like {these}]" in tasks[2]["notes"]


def test_plans_with_many_flat_brackets_still_read():
    tasks = "".join(f"      - {{id: t{i}, name: T, duration: 1d, depends_on: [t{i - 1}]}}\n"
                    for i in range(1, 3 * SAFE_DEPTH))
    text = HEADER + "phases:\n  - id: p\n    name: P\n    tasks:\n      - {id: t0, name: T, " \
        "duration: 1d}\n" + tasks
    assert depth_bound(text) < 100
    assert first_too_deep(text, DEFAULT_MAX_DEPTH, _NoWalk) is None
    assert len(parse(text, SourceFile("p.yaml", text))["phases"][0]["tasks"]) == 3 * SAFE_DEPTH


def test_past_the_marks_it_handles_the_bound_counts_every_opener():
    text = "a: b #\n" * 250_001 + "x: " + "[]" * 1_500
    assert flow_depth_bound(text) == 2 * 1_500  # every `[`, none taken off
    assert flow_depth_bound(text[-3_100:]) == 2


def _attacks(levels: int) -> dict[str, str]:
    """Deep flow nesting hidden behind closers that are text, `levels` of each."""
    deep, fake = "[" * levels, "]" * levels
    return {
        "double-quoted": f'x: ["{fake}", {deep}',
        "double-quoted with escaped quotes": 'x: ["a\\"' + fake + '\\\\\\"' + fake + '", ' + deep,
        "double-quoted over lines": 'x: ["a\\\n' + fake + "\n  " + fake + '", ' + deep,
        "single-quoted with quotes in it": "x: ['it''s " + fake + " ''', " + deep,
        "single-quoted over lines": "x: ['a\n" + fake + "\n  ', " + deep,
        "quotes in quotes": "x: [\"it's '" + fake + "' \", " + deep,
        "comment": f"x: [a, # {fake}\n  {deep}",
        "comment after a comma": f"x: [a,#{fake}\n{deep}",
        "comment after a closing quote": f'x: ["a"#{fake}\n  , {deep}',
        "tag": f"x: [!t{fake} a, {deep}",
        "verbatim tag": f"x: [!<tag:{fake}> a, {deep}",
        "apostrophe in a plain scalar": "x: [it's, '" + fake + "', " + deep,
        "quotes in a block plain scalar": "a: it's \"so\nx: ['" + fake + "', " + deep,
        "quotes in a block scalar": "notes: |\n  don't \" ' [\nx: [\"" + fake + '", ' + deep,
        "after a line separator": f'x: [ # c\u2028"{fake}", {deep}',
        "after a paragraph separator": f'x: [ # c\u2029"{fake}", {deep}',
        "after a next-line character": f'x: [\x85"{fake}", {deep}',
        "carriage returns": f'x: [ # c\r"a\r{fake}\r", {deep}',
        "BOM at a line start": f'x: [\n\ufeff"{fake}", {deep}',
        "tab": f'x: [\t"{fake}",\t{deep}',
        "document start": f'--- ["{fake}", {deep}',
        "closers in block text": f"a: b{fake}\nx: {deep}",
        "mappings without braces": "x: " + "[a: " * (levels // 2),
        "flow mappings": f'x: {{a: ["{fake}", ' + "{a: " * levels,
        "a quote in a string without brackets": "x: [ \"a 'b\", '" + fake + "', " + deep,
        "empty strings first": "x: ['', \"\", '" + fake + "', " + deep,
        "closers before openers on one line": f'- a "b {fake[:500]}: {deep}x"',  # a short key
    }


ATTACKS = _attacks(3_000)  # deeper than SAFE_DEPTH, and quick to walk
CRASHING = _attacks(40_000)  # past the depth that crashed the composer (about 27,000 on 8 MiB)


@pytest.mark.parametrize("name", ATTACKS)
def test_closers_that_are_text_do_not_lower_the_bound(name):
    text = ATTACKS[name]
    deepest, deepest_flow = real_depths(text)  # walking the events is safe at any depth
    assert deepest > SAFE_DEPTH
    assert flow_depth_bound(text) >= deepest_flow
    assert depth_bound(text) >= deepest


def test_the_attacks_are_refused_with_e108_and_never_crash(tmp_path):
    (tmp_path / "attacks.json").write_text(json.dumps(CRASHING))
    script = (
        "import json, sys\n"
        "from planctl.errors import PlanError\n"
        "from planctl.located import SourceFile\n"
        "from planctl.reader import parse\n"
        "found = {}\n"
        "for name, text in json.load(open(sys.argv[1])).items():\n"
        "    try:\n"
        "        parse(text, SourceFile('a.yaml', text))\n"
        "        found[name] = 'read'\n"
        "    except PlanError as exc:\n"
        "        found[name] = exc.diagnostics[0].code\n"
        "print(json.dumps(found))\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "attacks.json")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]  # -11: the composer's stack overflowed
    assert json.loads(done.stdout) == dict.fromkeys(CRASHING, "E108")


def test_a_crashing_depth_exits_1_in_a_child_process(tmp_path):
    for i, body in enumerate([" " + "[" * 100_000, " " + "{" * 100_000, " " + "[{" * 50_000,
                              "\n" + "- " * 100_000, "\n- - " + "[" * 100_000]):
        plan = tmp_path / f"deep{i}.yaml"
        plan.write_text(HEADER + "phases:" + body + "\n")
        done = subprocess.run([sys.executable, "-m", "planctl", "check", "--no-frames",
                               str(plan)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "E108 nesting deeper than 64" in done.stdout
