"""Deep nesting is refused before libyaml's C composer recurses into it (it segfaulted).

A regression here kills the test process with SIGSEGV instead of failing one test, so the
deepest shapes also run in a child process (the corpus runs them through `planctl` as well).
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

from planctl.errors import PlanError
from planctl.located import SourceFile
from planctl.nesting import SAFE_DEPTH, depth_bound, first_too_deep
from planctl.reader import DEFAULT_MAX_DEPTH, parse

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
    parser, depth, deepest = CParser(text), 0, 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        pass
    finally:
        parser.dispose()
    return deepest


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


def test_line_breaks_libyaml_knows_other_than_newline_count_for_the_bound():
    text = "\r".join(" " * i + "k:" for i in range(3000)) + " x\r"
    assert real_depth(text) == 3000
    assert depth_bound(text) >= 3000
    assert first_too_deep(text, 64, CParser) is not None


def test_plans_with_many_flat_brackets_still_read():
    tasks = "".join(f"      - {{id: t{i}, name: T, duration: 1d, depends_on: [t{i - 1}]}}\n"
                    for i in range(1, 3 * SAFE_DEPTH))
    text = HEADER + "phases:\n  - id: p\n    name: P\n    tasks:\n      - {id: t0, name: T, " \
        "duration: 1d}\n" + tasks
    assert depth_bound(text) > SAFE_DEPTH  # so the event walk runs, and finds nothing
    assert first_too_deep(text, DEFAULT_MAX_DEPTH, CParser) is None
    assert len(parse(text, SourceFile("p.yaml", text))["phases"][0]["tasks"]) == 3 * SAFE_DEPTH


def test_a_crashing_depth_exits_1_in_a_child_process(tmp_path):
    for i, body in enumerate([" " + "[" * 100_000, " " + "{" * 100_000, " " + "[{" * 50_000,
                              "\n" + "- " * 100_000, "\n- - " + "[" * 100_000]):
        plan = tmp_path / f"deep{i}.yaml"
        plan.write_text(HEADER + "phases:" + body + "\n")
        done = subprocess.run([sys.executable, "-m", "planctl", "check", "--no-frames",
                               str(plan)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "E108 nesting deeper than 64" in done.stdout
