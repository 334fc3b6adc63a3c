"""A plan's Markdown description, re-written as safe Markdown for the Markdown page.

Descriptions are Markdown from anyone who can open a pull request, pasted into a `.md` page
that GitHub (or any renderer) turns into HTML. Escaping with regular expressions cannot know
where a code span really starts: a backslash-escaped or unbalanced backtick let
`<img onerror=...>` and `[d](javascript:...)` through, and reference definitions
(`[r]: javascript:...`) or a link target on the next line were never seen as links.

So the description is parsed with markdown-it-py (CommonMark, GFM tables and strikethrough,
raw HTML off, the same link check as the HTML page) and written back from its syntax tree:
every text is escaped afresh, every link target is checked and percent-encoded, code is
fenced with a fence longer than any run of backticks in it. What comes out holds no raw
HTML and no link but relative, `http(s)` and `mailto` ones, whatever the renderer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

# Text escapes: Markdown punctuation gets a backslash; `<`, `>` and `&` become entities,
# which every renderer decodes and none reads as a tag. `$` is GitHub's maths delimiter.
_TEXT_ESCAPES = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "|": "\\|",
    "~": "\\~", "#": "\\#", "$": "\\$", "<": "&lt;", ">": "&gt;", "&": "&amp;",
})
# What could start a block at the beginning of a line of inline text (a list item, a setext
# underline, an ordered item); leading blanks, which could make a code block, are dropped.
_LINE_START = re.compile(r"^[ \t]*(?:([-+=])|(\d{1,9})([.)]))", re.M)
_LEADING_BLANKS = re.compile(r"^[ \t]+", re.M)
_INFO = re.compile(r"[A-Za-z0-9_+.-]{1,40}")
# Characters a link target may keep as they are; the rest are percent-encoded, so a target
# has no spaces, parentheses, quotes or brackets to end it early.
_URL_SAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&+,;=%]")
_SAFE_SCHEMES = ("http", "https", "mailto")


def safe_markdown(text: str) -> str:
    """`text` (Markdown) written back as Markdown with no raw HTML and no unsafe link."""
    from markdown_it.tree import SyntaxTreeNode

    from planctl.render.markdown import parser

    tree = SyntaxTreeNode(parser().parse(text))
    return _blocks(tree.children, tight=False).strip("\n")


def _blocks(nodes: list[SyntaxTreeNode], tight: bool) -> str:
    parts = [_block(node, tight) for node in nodes]
    return ("\n" if tight else "\n\n").join(part for part in parts if part is not None)


def _block(node: SyntaxTreeNode, tight: bool) -> str | None:
    kind = node.type
    if kind == "paragraph":
        return _inline_block(node)
    if kind == "heading":
        level = int(node.tag[1:]) if node.tag[1:].isdigit() else 1
        return ("#" * level + " " + _inline_block(node).replace("\n", " ")).rstrip()
    if kind == "blockquote":
        inner = _blocks(node.children, tight=False)
        return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind in ("fence", "code_block"):
        return _fence(node.content, node.info if kind == "fence" else "")
    if kind == "hr":
        return "* * *"
    if kind == "table":
        return _table(node)
    # Anything else (raw HTML is off, so there should be none): its text, escaped.
    return _escape(node.content) if node.content else None


def _list(node: SyntaxTreeNode) -> str:
    ordered = node.type == "ordered_list"
    start = node.attrs.get("start", 1) if ordered else 1
    number = int(start) if isinstance(start, (int, float, str)) and str(start).isdigit() else 1
    tight = any(child.type == "paragraph" and child.hidden
                for item in node.children for child in item.children)
    items = []
    for index, item in enumerate(node.children):
        marker = f"{number + index}." if ordered else "-"
        body = _blocks(item.children, tight=tight)
        pad = " " * (len(marker) + 1)
        lines = body.split("\n") if body else [""]
        first = f"{marker} {lines[0]}".rstrip()
        rest = [pad + line if line else "" for line in lines[1:]]
        items.append("\n".join([first, *rest]))
    return ("\n" if tight else "\n\n").join(items)


def _fence(content: str, info: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    words = info.split()
    language = words[0] if words and _INFO.fullmatch(words[0]) else ""
    if content and not content.endswith("\n"):
        content += "\n"
    return f"{fence}{language}\n{content}{fence}"


def _table(node: SyntaxTreeNode) -> str:
    rows: list[list[str]] = []
    for section in node.children:
        for row in section.children:
            rows.append([_inline_block(cell).replace("\n", " ") for cell in row.children])
    if not rows:
        return ""
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join((row + [""] * width)[:width]) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _inline_block(node: SyntaxTreeNode) -> str:
    """The inline content of a paragraph, heading or cell, safe at the start of any line."""
    text = "".join(_inline(child) for child in node.children)
    return _LINE_START.sub(_escape_line_start, _LEADING_BLANKS.sub("", text))


def _escape_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def _inline(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return "".join(_inline(child) for child in node.children)
    if kind == "text":
        # A newline here came from an entity (`&#10;`): shown as a space, as in HTML.
        return _escape(node.content.replace("\r", " ").replace("\n", " "))
    if kind == "softbreak":
        return "\n"
    if kind == "hardbreak":
        return "\\\n"
    if kind == "code_inline":
        return _code_span(node.content)
    inner = "".join(_inline(child) for child in node.children)
    if kind == "em":
        return f"*{inner}*" if inner else ""
    if kind == "strong":
        return f"**{inner}**" if inner else ""
    if kind == "s":
        return f"~~{inner}~~" if inner else ""
    if kind == "link":
        href = _safe_url(str(node.attrs.get("href", "")))
        return f"[{inner}]({href})" if href is not None and inner else inner
    if kind == "image":
        # As on the HTML page: a link to the image, never an image (no requests, no tracking).
        href = _safe_url(str(node.attrs.get("src", "")))
        label = f"\\[image: {inner or 'image'}\\]"
        return f"[{label}]({href})" if href is not None else label
    return inner or (_escape(node.content) if node.content else "")


def _code_span(content: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    if longest >= 2:
        # A delimiter of three backticks at the start of a line would open a fence: show
        # such code as escaped text instead.
        return _escape(content)
    tick = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") or not content.strip() \
        else ""
    return f"{tick}{pad}{content}{pad}{tick}"


def _escape(text: str) -> str:
    return text.translate(_TEXT_ESCAPES)


def _safe_url(url: str) -> str | None:
    """`url` percent-encoded for a link target, or None when it is not a safe link.

    The scheme is checked as written and with character references decoded the way a lenient
    renderer or a browser would (`javascript&#58alert(1)` needs no semicolon there).
    """
    import html

    encoded = _URL_SAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url)
    for form in (encoded, html.unescape(encoded)):
        head = re.split(r"[/?#]", form, maxsplit=1)[0]
        if ":" in head and head.split(":", 1)[0].strip().lower() not in _SAFE_SCHEMES:
            return None
    return encoded
