"""Escaping of plan text for every output planctl renders: Markdown, HTML, Mermaid, the terminal.

Plan text is data, never markup: each function here turns arbitrary text (names, descriptions,
risk titles from any plan) into something that shows literally in its target and cannot end
the construct it sits in (a table cell, a code fence, a Mermaid line, an SVG attribute).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from planctl.report.clean import CONTROL_CHARACTERS

# The characters no output shows (planctl.report.clean decides, for terminals and pages alike:
# controls, bidi controls, tag characters), and the Unicode line and paragraph separators.
_CONTROLS = re.compile(f"[{CONTROL_CHARACTERS}\u2028\u2029]")
# ASCII punctuation that means something inline in GitHub Markdown. `#` starts headings and
# issue links, `~` strikethrough, `|` table cells, `[`/`]` links, `*`/`_` emphasis, `\` escapes.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
# What still makes a line start a block once `<` and `>` are entities and `#`, `*`, `_` and
# backticks are escaped (CommonMark): a bullet, `-` or `+` followed by a blank or the end; an
# ordered-list marker, up to nine digits and `.` or `)` followed by a blank or the end; a
# setext underline or thematic break, a line of only `=` or only `-` (and blanks). Nothing else
# does: `-15`, `0.5`, `17.5 d` and `+1` are text and stay as written.
_BLOCK_START = re.compile(
    r"^(\s*)(?:([-+])(?=\s|\Z)|(\d{1,9})(?=[.)](?:\s|\Z))|([-=])(?=\4*\s*\Z))")
# Text made only of these needs no escaping at all (most names): the common case, kept cheap.
_PLAIN_INLINE = re.compile(r"[A-Za-z][A-Za-z0-9 ,.:;()'/-]*\Z")
# An ampersand only needs escaping where it would start an entity (`&amp;`, `&#60;`).
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def _html_text(text: str) -> str:
    return _ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def strip_controls(text: str) -> str:
    """`text` without control characters (ESC sequences, bidi overrides); keeps \\n and \\t."""
    return _CONTROLS.sub("", text)


_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    """`text` on one line: controls stripped, runs of whitespace (newlines too) made one space."""
    return _SPACES.sub(" ", strip_controls(text))


def md_inline(value: object) -> Markup:
    """Text that shows literally inside a Markdown paragraph, list item or heading.

    `<`, `>` and entity-like `&` become entities (GitHub decodes them), Markdown punctuation is
    backslash-escaped, and newlines become spaces so the text cannot start a new block.
    """
    raw = str(value)
    if _PLAIN_INLINE.match(raw) and "  " not in raw:
        return Markup(raw)
    return escape_inline(raw)


def escape_inline(raw: str, line_start: bool = True) -> Markup:
    """`md_inline` without its shortcut for text that needs no escaping.

    `line_start=False` is for text that can never begin a line of the Markdown (a table cell):
    there a list marker or an underline is just text and gets no backslash.
    """
    text = _MD_SPECIAL.sub(r"\\\1", _html_text(one_line(raw)))
    if not line_start:
        return Markup(text)
    return Markup(_BLOCK_START.sub(_escape_block_start, text, count=1))


def _escape_block_start(match: re.Match[str]) -> str:
    # `1.` needs its dot escaped (`1\.`), a bullet or an underline a backslash before it.
    space, bullet, digits, rule = match.group(1, 2, 3, 4)
    return space + (digits + "\\" if digits else "\\" + (bullet or rule))


def md_cell(value: object) -> Markup:
    """Text that shows literally inside one GitHub table cell; line breaks become `<br>`."""
    lines = [line if _PLAIN_INLINE.match(line) and "  " not in line
             else str(escape_inline(line, line_start=False))
             for line in strip_controls(str(value)).splitlines()]
    return Markup("<br>".join(line for line in lines if line) or "")


def md_block(value: object) -> Markup:
    """A plan's Markdown description, made safe to paste into the Markdown page.

    Markdown stays Markdown, but raw HTML is shown as text (as the HTML page does with raw HTML
    off), script-like links are removed and code is always closed: the description is parsed
    with markdown-it-py and written back from its syntax tree (`planctl.render.mdsafe`).
    """
    from planctl.render.mdsafe import safe_markdown

    return Markup(safe_markdown(strip_controls(str(value)).replace("\r\n", "\n")))


# Where an id may break across lines: after a run of `-`, `_` or `.` (as the heat map wraps).
_ID_BREAK = re.compile(r"(?<=[-_.])(?=[^-_.])")


def breakable(value: object) -> Markup:
    """An id escaped for HTML with `<wbr>` after each `-`, `_` or `.` run, so a long id wraps at
    its word joints inside a narrow table column instead of running past the page."""
    return Markup("<wbr>").join(escape(part) for part in _ID_BREAK.split(str(value)))


def html_attr(value: object) -> str:
    """Text safe inside a double-quoted XML/HTML attribute or element (controls stripped)."""
    return str(escape(strip_controls(str(value))))


def css_token(value: str) -> str:
    """A string usable as a CSS class or HTML id fragment: only [A-Za-z0-9_-]."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", value) or "x"


def rich_text(value: object) -> str:
    """Plan text for rich console markup: controls stripped, `[` escaped (no MarkupError)."""
    from rich.markup import escape as rich_escape

    return rich_escape(one_line(str(value)))
