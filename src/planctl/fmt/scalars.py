"""How `planctl fmt` writes one scalar.

Text is written plain when YAML 1.2 reads the plain form back as the same text, else in double
quotes with escapes; single quotes are never used. Anything else is kept exactly as written:
numbers, booleans and nulls (`1.50`, `0x1F`, `~` stay), tagged values (`!!str 2026`), block
scalars (`|`, `>`: only their indentation changes) and strings written over several lines
(their line breaks stay where the author put them: fmt never reflows text).
"""

from __future__ import annotations

import re

from ruamel.yaml.nodes import ScalarNode

# What YAML 1.2's core schema reads as something other than text (planctl's reader follows it).
TYPED = re.compile(
    r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")
_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
# Inside a flow collection libyaml ends a plain scalar at any of these (`?` and `:` too).
_FLOW_STOP = set(",[]{}?:")
# Characters that only an escape can carry (C0/C1 controls, line and paragraph separators, BOM).
_HEADER = re.compile(r"([|>])([-+1-9]*)")
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
            "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` can be written plain and read back as the same text."""
    if not text or text != text.strip() or TYPED.match(text):
        return False
    if _NEEDS_ESCAPE.search(text) or "\t" in text:
        return False
    first = text[0]
    # `-`, `?` and `:` may start a plain scalar when a character that is not a blank follows.
    if first in _FIRST and (first not in "-?:" or len(text) == 1 or text[1] in " \t"
                            or (flow and text[1] in _FLOW)):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and _FLOW_STOP & set(text):
        return False
    return not text.startswith(("---", "..."))


def double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _NEEDS_ESCAPE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def text_scalar(text: str, flow: bool) -> str:
    """Canonical one-line form of a text value."""
    return text if plain_ok(text, flow) else double_quoted(text)


def is_block(node: ScalarNode) -> bool:
    return node.style in ("|", ">")


def spans_lines(node: ScalarNode) -> bool:
    return node.start_mark.line != node.end_mark.line


def source(node: ScalarNode, text: str) -> str:
    return text[node.start_mark.index:node.end_mark.index]


def block_scalar(body: str, value: str, content_indent: int,
                 step: int) -> tuple[str, list[str], bool]:
    """A block scalar (`body`: from its `|` or `>` to its end) with its content moved to
    `content_indent`: the header (without a comment, an explicit indentation made `step`), the
    content lines, and whether it keeps its trailing blank lines (`|+`)."""
    header, _, content = body.partition("\n")
    cut = re.search(r"[ \t]#", header)
    header = (header[:cut.start()] if cut else header).rstrip()
    match = _HEADER.match(header)
    indicators = match.group(2) if match else ""
    keep = "+" in indicators
    if any(ch.isdigit() for ch in indicators):
        header = header[:1] + re.sub(r"[1-9]", str(step), indicators)
    lines = content.split("\n")
    if content.endswith("\n") or not content:
        lines.pop()
    old = _content_indent(lines, value)
    out = ["" if not line.strip(" ") and len(line) <= old else " " * content_indent + line[old:]
           for line in lines]
    if not keep:  # clipped or stripped: trailing blank lines are not part of the text
        while out and not out[-1]:
            out.pop()
    return header, out, keep


def _content_indent(lines: list[str], value: str) -> int:
    """How far the source indented a block scalar's content: the first non-blank line's
    spaces, less the spaces its text keeps (a `|2` scalar's text may start with spaces)."""
    first = next((line for line in lines if line.strip(" ")), None)
    if first is None:
        return min((len(line) for line in lines), default=0)
    kept = value.lstrip("\n")
    return (len(first) - len(first.lstrip(" "))) - (len(kept) - len(kept.lstrip(" ")))
