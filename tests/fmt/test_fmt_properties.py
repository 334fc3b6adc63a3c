"""Properties of `planctl fmt` on random valid plans written in random layouts with random
comments: every comment is kept beside its key, the plan (model and schedule) is the same, and
formatting is idempotent."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planctl.fmt import FormatRefused, format_text
from planctl.loader import load_text
from planctl.schedule import schedule_plan

NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                min_size=1, max_size=12).filter(lambda s: s.strip())
COMMENT_TEXT = st.text(alphabet="abcxyz -:#'\"[]{}", max_size=10)


@st.composite
def plans(draw) -> tuple[str, dict[str, str]]:
    """A plan as text, in a random layout, and the comments it carries: text → the key (or
    item id) each was written beside."""
    comments: dict[str, str] = {}
    counter = [0]

    def comment(about: str) -> str:
        if not draw(st.booleans()):
            return ""
        counter[0] += 1
        text = f"#c{counter[0]} {draw(COMMENT_TEXT)}".rstrip()
        comments[text] = about
        return text

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def line(indent: int, key: str, value: str, about: str) -> list[str]:
        above = comment(about)
        beside = comment(about)
        out = [" " * indent + above] if above else []
        out.append(" " * indent + f"{key}: {value}" + (f"  {beside}" if beside else ""))
        return out

    tasks = []
    count = draw(st.integers(1, 6))
    for i in range(count):
        fields = {"id": f"t{i}", "name": quoted(draw(NAMES))}
        if draw(st.booleans()) or i == 0:
            fields["duration"] = f"{draw(st.integers(1, 9))}{draw(st.sampled_from('dw'))}"
        else:
            fields["milestone"] = "true"
        if i and draw(st.booleans()):
            deps = draw(st.lists(st.integers(0, i - 1), min_size=1, max_size=2, unique=True))
            fields["depends_on"] = "[" + ", ".join(f"t{d}" for d in deps) + "]"
        keys = draw(st.permutations(list(fields)))
        lines: list[str] = []
        for n, key in enumerate(keys):
            chunk = line(8, key, fields[key], f"t{i}.{key}")
            if n == 0:
                chunk[-1] = "      - " + chunk[-1].lstrip()
                chunk[:-1] = ["      " + c.lstrip() for c in chunk[:-1]]
            lines += chunk
        tasks += lines
    top = {"planctl": "1", "name": quoted(draw(NAMES)), "start": "2026-01-05",
           "status_date": "2026-01-05"}
    head: list[str] = []
    for key in draw(st.permutations(list(top))):
        head += line(0, key, top[key], key)
    body = ["phases:", "  - id: p", "    name: P", "    tasks:", *tasks]
    parts = [head, body] if draw(st.booleans()) else [body, head]
    header = comment("header")
    footer = comment("footer")
    text = "\n".join(([header] if header else []) + parts[0] + parts[1]
                     + ([footer] if footer else [])) + "\n"
    return text, comments


def _owner(lines: list[str], index: int) -> str:
    """The key (or task id) a comment on line `index` sits beside or above, in fmt's output."""
    line = lines[index]
    code = line.split("  #")[0].strip() if "  #" in line else ""
    if not line.lstrip().startswith("#"):
        return code
    for following in lines[index + 1:]:
        if not following.lstrip().startswith("#"):
            return following.strip()
    return "<end>"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_fmt_keeps_comments_plan_and_itself(case: tuple[str, dict[str, str]]) -> None:
    text, comments = case
    out = format_text(text, "plan.yaml")
    assert format_text(out, "plan.yaml") == out
    before, after = load_text(text, "plan.yaml").plan, load_text(out, "plan.yaml").plan
    assert before.model_dump() == after.model_dump()
    as_of = date(2026, 1, 5)
    assert schedule_plan(before, as_of=as_of) == schedule_plan(after, as_of=as_of)
    lines = out.splitlines()
    source_lines = text.splitlines()
    first_key = next(i for i, line in enumerate(source_lines) if not line.startswith("#"))
    header = set(source_lines[:first_key])
    for text_, about in comments.items():
        mark = re.compile(re.escape(text_) + r"(?!\d)")  # #c1 is not #c10
        where = [i for i, line in enumerate(lines) if mark.search(line)]
        assert len(where) == 1, (text_, out)
        owner = _owner(lines, where[0])
        code = [i for i, line in enumerate(lines) if not line.lstrip().startswith("#")]
        if text_ in header:  # comments above the first key are the header, and stay first
            assert where[0] < code[0], (text_, out)
            continue
        if about == "footer":
            assert where[0] > code[-1], (text_, out)
            continue
        task, _, key = about.partition(".")
        if key:
            # Beside or above its key, or beside or above its task's first line.
            assert owner.startswith((f"{key}:", "- id: " + task, "- {id: " + task + ",")), \
                (text_, about, owner, out)
        else:
            assert owner.startswith(f"{about}:"), (text_, about, owner, out)


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=15)
_TRICKY = st.sampled_from(["yes", "NO", "1.10", "0755", "2026-01-05", "-15", "a: b", "#x", "- x",
                           "[a]", "{b}", "a #b", "~", "null", "", " ", "x\ny", "@", "`", "%x",
                           "*a", "&b", "!c", "|", ">", "?", ":", "-", "---", "...", "?x", "x?",
                           "\xa0", "\x85", "\u2028", "'", '"'])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False, width=32), _TEXT, _TRICKY)
_KEYS = st.one_of(st.sampled_from(["planctl", "name", "id", "tasks", "phases", "risks", "a b"]),
                  _TEXT.filter(bool), _TRICKY.filter(bool))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _DATA, min_size=1, max_size=5), st.sampled_from([None, True, False]),
       st.integers(2, 6))
def test_any_yaml_formats_to_the_same_data_and_is_stable(doc, flow, indent) -> None:
    """Any mapping, dumped by ruamel in block, flow or mixed style at any indentation, formats
    (fmt itself checks the data is the same, or refuses) and formatting again changes nothing."""
    import io

    from ruamel.yaml import YAML

    from planctl.errors import PlanError

    dumper = YAML()
    dumper.default_flow_style = flow
    dumper.indent(mapping=indent, sequence=indent + 2, offset=indent)
    buffer = io.StringIO()
    dumper.dump(doc, buffer)
    try:
        out = format_text(buffer.getvalue(), "any.yaml")
    except PlanError:
        return  # input planctl's reader refuses (ruamel writes some YAML libyaml does not read)
    except FormatRefused as refused:
        # The one refusal that is not a defect: a raw NEL or line/paragraph separator.
        assert "YAML readers disagree" in refused.reason, refused
        assert any(char in buffer.getvalue() for char in "\x85\u2028\u2029")
        return
    assert format_text(out, "any.yaml") == out
