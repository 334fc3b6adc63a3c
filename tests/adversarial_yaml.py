"""Hypothesis strategies for YAML text built to fool a bound on flow nesting.

Every shape here hides `]` and `}` where they are not closers (quoted scalars of both kinds,
single- and multi-line, with `''`, `\\"` and `\\\\` escapes; comments; block scalars; plain
scalars with quotes in them; tags that swallow brackets) and nests real flow collections
around and after them, in block and flow context, with every line break libyaml knows, tabs,
a BOM, and several documents. Random splices of noise make many texts invalid on purpose:
libyaml composes up to the first error, so what comes before it still counts.
"""

from __future__ import annotations

from hypothesis import strategies as st
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

BREAKS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]
NOISE = "[]{}'\"#!&*|>,:?- \t\\ab\n"
"""Characters that matter to YAML's scanner, and two that do not."""

_closers = st.text(alphabet="]}", min_size=1, max_size=6)
_noise = st.text(alphabet=NOISE, max_size=10)
_text = st.text(alphabet="ab ]}[{'\"#,:!&*\\", max_size=10)
_word = st.text(alphabet="ab", min_size=1, max_size=3)


@st.composite
def double_quoted(draw) -> str:
    parts = draw(st.lists(st.one_of(
        _text.map(lambda t: t.replace("\\", "\\\\").replace('"', '\\"')),
        st.sampled_from(['\\"', "\\\\", "\\\n", "\n  ", "\n", "\\\\\\\"", "'", "#"]),
        _closers), max_size=5))
    return '"' + "".join(parts) + '"'


@st.composite
def single_quoted(draw) -> str:
    parts = draw(st.lists(st.one_of(
        _text.map(lambda t: t.replace("'", "''")),
        st.sampled_from(["''", "''''", "\n  ", "\n", '"', "#", "\\"]),
        _closers), max_size=5))
    return "'" + "".join(parts) + "'"


@st.composite
def plain(draw, flow: bool) -> str:
    """A plain scalar with quotes, `#` and (in block context) brackets inside it."""
    inner = "ab'\"#" + ("" if flow else "[]{},")
    first = draw(st.sampled_from("ab"))
    rest = draw(st.text(alphabet=inner + " ", max_size=8)).replace(" #", " a").rstrip()
    return first + rest


@st.composite
def tag(draw) -> str:
    return draw(st.sampled_from(["!t", "!!str", "!", "!<tag:a", "!t'"])) + \
        draw(st.text(alphabet="ab]}[,'", max_size=4)) + \
        (">" if draw(st.booleans()) else "") + " "


@st.composite
def comment(draw) -> str:
    return draw(st.sampled_from([" #", "#", "  # "])) + draw(_noise.filter(lambda t: "\n" not in t))


_key = st.one_of(_word, double_quoted().filter(lambda t: "\n" not in t),
                single_quoted().filter(lambda t: "\n" not in t))


@st.composite
def flow_node(draw, depth: int) -> str:
    choices = ["dq", "sq", "plain", "alias"]
    if depth < 8:
        choices += ["seq", "map", "seq", "map", "deep"]
    kind = draw(st.sampled_from(choices))
    prefix = ""
    if draw(st.integers(0, 5)) == 0:
        prefix = draw(tag())
    elif draw(st.integers(0, 7)) == 0:
        prefix = "&a "
    if kind == "dq":
        return prefix + draw(double_quoted())
    if kind == "sq":
        return prefix + draw(single_quoted())
    if kind == "plain":
        return prefix + draw(plain(True))
    if kind == "alias":
        return "*a"
    if kind == "deep":  # a run of plain nesting, so real depths get large
        levels = draw(st.integers(1, 30))
        inner = draw(flow_node(depth + 1))
        return prefix + "[" * levels + inner + "]" * levels
    items = draw(st.lists(flow_node(depth + 1), max_size=4))
    if kind == "map":
        keys = draw(st.lists(_key,
                             min_size=len(items), max_size=len(items)))
        items = [f"{key}: {value}" for key, value in zip(keys, items, strict=True)]
    separators = draw(st.lists(st.one_of(
        st.sampled_from([", ", ",", ",\n  ", " ,\t"]),
        comment().map(lambda c: "," + c + "\n   ")), min_size=len(items), max_size=len(items)))
    body = "".join(item + separator for item, separator in zip(items, separators, strict=True))
    if body and draw(st.booleans()):
        body = body.rstrip(", \t\n")
    opening, closing = ("[", "]") if kind == "seq" else ("{", "}")
    return prefix + opening + body + closing


@st.composite
def block_node(draw, indent: int) -> tuple[str, str]:
    """The kind of a block value and its text, which starts at column `indent` (its first
    line unpadded, so that it can follow `- ` or `key: `) and ends with a line break."""
    pad = " " * indent
    kind = draw(st.sampled_from(["map", "seq", "literal", "flow", "flow", "flow",
                                 "plain", "quoted"] if indent < 12 else
                                ["literal", "flow", "plain", "quoted"]))
    if kind == "literal":
        lines = draw(st.lists(_noise.filter(lambda t: "\n" not in t), min_size=1, max_size=3))
        return kind, draw(st.sampled_from(["|", ">", "|-", ">+", "|2"])) + \
            draw(st.sampled_from(["", " # ]}'\""])) + "\n" + \
            "".join(pad + "  " + line + "\n" for line in lines)
    if kind == "flow":
        return kind, draw(flow_node(0)) + draw(st.just("") | comment()) + "\n"
    if kind == "plain":
        text = draw(plain(False))
        if draw(st.booleans()):  # a plain scalar that goes on on the next line
            text += "\n" + pad + "  " + draw(plain(False))
        return kind, text + "\n"
    if kind == "quoted":
        return kind, draw(st.one_of(double_quoted(), single_quoted())) + "\n"
    out = ""
    for index in range(draw(st.integers(1, 3))):
        child_kind, child = draw(block_node(indent + 2))
        lead = "- " if kind == "seq" else draw(_key) + ": "
        inline = kind == "seq" or child_kind not in ("map", "seq")
        out += (pad if index else "") + (lead + child if inline and draw(st.booleans()) else
                                         lead.rstrip() + "\n" + pad + "  " + child)
        if draw(st.integers(0, 4)) == 0:
            out += pad + draw(comment()).lstrip() + "\n"
    return kind, out


@st.composite
def documents(draw) -> str:
    """One or more YAML documents, with the line breaks, tabs, BOM and noise of bad input."""
    text = draw(block_node(0))[1]
    if draw(st.integers(0, 3)) == 0:
        text = "---\n" + text
    if draw(st.integers(0, 4)) == 0:
        text += draw(st.sampled_from(["...\n---\n", "---\n"])) + draw(block_node(0))[1]
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_noise | _closers | st.sampled_from(["\t", "\ufeff", "\\"])) + \
            text[at:]
    breaks = draw(st.sampled_from([*BREAKS, "mixed"]))
    if breaks == "mixed":
        lines = text.split("\n")
        chosen = draw(st.lists(st.sampled_from(BREAKS), min_size=len(lines), max_size=len(lines)))
        text = "".join(line + brk for line, brk in zip(lines, chosen, strict=True))
        text = text[: -len(chosen[-1])]
    elif breaks != "\n":
        text = text.replace("\n", breaks)
    return text


def soup() -> st.SearchStrategy[str]:
    """Characters that matter to YAML, at random: nearly always invalid, often deep first."""
    return st.text(alphabet=NOISE + "\r\x85\u2028\ufeff", max_size=80)


def real_depths(text: str) -> tuple[int, int]:
    """How deep libyaml's composer would go in `text`, in all and in flow collections alone,
    up to the first error (the composer stops there too)."""
    parser, depth, flow, deepest, deepest_flow = CParser(text), 0, 0, 0, 0
    flows: list[bool] = []
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                in_flow = bool(event.flow_style)
                flows.append(in_flow)
                depth += 1
                flow += in_flow
                deepest, deepest_flow = max(deepest, depth), max(deepest_flow, flow)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                flow -= flows.pop()
    except YAMLError:
        pass
    finally:
        parser.dispose()
    return deepest, deepest_flow
