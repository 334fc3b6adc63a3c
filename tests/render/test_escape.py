"""Escaping plan text for Markdown, HTML attributes and terminals."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from planctl.render.escape import md_block, md_cell, md_inline, one_line, rich_text, strip_controls
from planctl.render.markdown import markdown_to_html

NASTY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}",
    "a | b", "`tick`", "]]>", "-->", "計画 🚀", "[x](javascript:alert(1))", "# heading",
    "- item", "1. item", "> quote", "*em* _em_ ~~del~~", "back\\slash", "&amp; &#60;",
    "line\nbreak", "tab\there", "esc\x1b[31mred", "ctrl\x07bell\u202eevil",
    "- 15", "+ x", "1) x", "12345. x", "---", "===", "- - -", "-", "+", "7.",
]
# Text that looks like Markdown block syntax but is not: written as is, without a backslash.
NOT_MARKUP = ["-15", "0.5", "17.5 d", "+1", "-0.5", "2026-01-05", "1.5.2", "a - b", "== x",
              "--x", "3)x"]


def _gfm() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


@pytest.mark.parametrize("text", NASTY)
def test_md_inline_shows_text_literally(text: str) -> None:
    # Rendered by a Markdown parser, the escaped text is one paragraph whose visible text is
    # the original (on one line, controls removed) and which holds no HTML element or link.
    html = _gfm().render(str(md_inline(text)))
    assert html.startswith("<p>") and html.count("<p>") == 1
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<em>" not in html and "<h1>" not in html and "<li>" not in html
    visible = re.sub(r"<[^>]+>", "", html).strip()
    import html as htmlmod
    assert htmlmod.unescape(visible) == one_line(text).strip()


@pytest.mark.parametrize("text", NASTY + NOT_MARKUP)
def test_md_inline_is_literal_as_a_list_item_too(text: str) -> None:
    # Templates put values after "- " and at the start of lines: no nested list, no rule.
    html = _gfm().render(f"Before\n{md_inline(text)}\n\n- {md_inline(text)}\n")
    assert html.count("<li>") == 1 and "<ol" not in html and "<hr" not in html
    assert "<h1>" not in html and "<h2>" not in html


@pytest.mark.parametrize("text", NOT_MARKUP)
def test_no_needless_escapes(text: str) -> None:
    assert md_inline(text) == text and md_cell(text) == text


@pytest.mark.parametrize("text", NASTY + NOT_MARKUP)
def test_md_cell_keeps_a_table_row_whole(text: str) -> None:
    row = f"| {md_cell(text)} | after |"
    html = _gfm().render(f"| a | b |\n|---|---|\n{row}\n")
    body = html.split("<tbody>")[1]
    assert body.count("<td>") == 2
    assert "<td>after</td>" in body
    assert "<script" not in body and "<img" not in body


def test_md_cell_turns_newlines_into_breaks() -> None:
    assert md_cell("one\ntwo | three") == "one<br>two \\| three"


def test_md_block_keeps_markdown_but_not_raw_html() -> None:
    text = "Some *emphasis*\n\n<script>alert(1)</script>\n\n`<b>` [x](javascript:alert(1))"
    html = _gfm().render(str(md_block(text)))
    assert "<em>emphasis</em>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert 'href="javascript' not in html


def test_md_block_closes_an_unclosed_fence() -> None:
    block = str(md_block("text\n```\ncode <x>"))
    html = _gfm().render(block + "\n\n# after\n")
    assert "<h1>after</h1>" in html
    assert "code &lt;x&gt;" in html


def test_strip_controls_keeps_newlines_and_tabs() -> None:
    assert strip_controls("a\x1b[31mb\tc\nd\x00\u202e") == "a[31mb\tc\nd"


def test_rich_text_cannot_open_markup() -> None:
    from rich.console import Console

    console = Console(record=True, width=80, color_system=None)
    console.print(rich_text("[bold]x[/oops] [link=http://evil]y[/link] \x1b[2J"))
    assert console.export_text().strip() == "[bold]x[/oops] [link=http://evil]y[/link] [2J"


def test_markdown_to_html_has_no_raw_html_scripts_or_images() -> None:
    html = str(markdown_to_html(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](data:text/html,x) "
        "[e](https://example.com/) [f](docs/x.md) ![pic](https://example.com/p.png)"))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<a ") == 3  # e, f, and the image turned into a link
    assert 'href="https://example.com/"' in html and 'href="docs/x.md"' in html
    for bad in ('href="javascript', 'href="JAVASCRIPT', 'href="vbscript', 'href="data:'):
        assert bad not in html


@given(st.text(alphabet="Aab z0 ,.:;()'/-\t\n#|*_<>&`[]~+=1", max_size=30))
@settings(max_examples=300, deadline=None)
def test_md_inline_shortcut_gives_what_full_escaping_gives(text: str) -> None:
    from planctl.render.escape import escape_inline

    assert md_inline(text) == escape_inline(text)
