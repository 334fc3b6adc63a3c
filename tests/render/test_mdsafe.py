"""Descriptions on the Markdown page: Markdown kept, no raw HTML, no script-like link, ever.

Each produced text is rendered by a real renderer (markdown-it-py, CommonMark with GFM tables
and strikethrough, raw HTML *on*, as GitHub and most renderers have it) and the HTML checked:
only the tags Markdown itself makes, and no `javascript:`, `data:` or `vbscript:` target.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from planctl.render.escape import md_block

MARKDOWN_TAGS = {"p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "blockquote", "h1",
                 "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
                 "br", "s", "del"}
UNSAFE_TARGET = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data)\s*:""",
                           re.I)


def renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def unsafe_targets(html: str) -> list[str]:
    """Script-like link or image targets in the tags of `html` (not in its text)."""
    return [tag for tag in re.findall(r"<[A-Za-z][^>]*>", html) if UNSAFE_TARGET.search(tag)]


def assert_safe(markdown: str) -> str:
    """The HTML `markdown` renders to, after checking it holds nothing but Markdown's own."""
    html = renderer().render(markdown)
    tags = {tag.lower() for tag in re.findall(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)", html)}
    assert tags <= MARKDOWN_TAGS, (tags - MARKDOWN_TAGS, markdown, html)
    assert not unsafe_targets(html), (markdown, html)
    for href in re.findall(r'href="([^"]*)"', html):
        # Decoded as a lenient renderer or a browser would (`&#58` needs no semicolon there).
        href = unescape(unescape(href)).strip()
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
        assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), href
    return html


# The repros and their variants: escaped or unbalanced backticks around raw HTML,
# links and reference definitions with script targets, targets on the next line, entities.
BYPASSES = [
    "\\`<img src=x onerror=alert(1)>\\`",
    "`` <img src=x onerror=alert(1)>",
    "` <img src=x onerror=alert(1)>",
    "\\``<img src=x onerror=alert(1)>`",
    "```\n<img src=x onerror=alert(1)>",
    "~~~\n<script>alert(1)</script>\n~~",
    "\\`[d](javascript:alert(1))\\`",
    "`a` [d](javascript:alert(1)) `b",
    "[d](javascript:alert(1))",
    "[d](JaVaScRiPt:alert(1))",
    "[d]( javascript:alert(1) )",
    "[d](<javascript:alert(1)>)",
    "[d](\njavascript:alert(1))",
    "[d]\n(javascript:alert(1))",
    "[r]: javascript:alert(1)\n\n[d][r]",
    "[r]:\n  javascript:alert(1)\n\n[r]",
    "[r]: <javascript:alert(1)>\n\n[d][r]",
    "[d](java&#115;cript:alert(1))",
    "[d](javascript&#58;alert(1))",
    "[d](javascript&amp;#58;alert(1))",
    "[d](javascript&#58alert(1))",
    "[d](javascript&colon;alert(1))",
    "[d](javascript&amp;colon;alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[d](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "<javascript:alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<div>\n<script>alert(1)</script>\n</div>",
    "<!-- <script>alert(1)</script> -->",
    "<?php system('id'); ?>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "> <img src=x onerror=alert(1)>",
    "- `x\n- <img src=x onerror=alert(1)>`",
    "| a | b |\n|---|---|\n| `x | <img src=x onerror=alert(1)> |",
    "&#10;&#10;    <img src=x onerror=alert(1)>",
    "a\\\n<img src=x onerror=alert(1)>",
    "*<img src=x onerror=alert(1)>*",
    "[<img src=x onerror=alert(1)>](http://example.com)",
]


def test_every_known_bypass_is_closed() -> None:
    for text in BYPASSES:
        block = str(md_block(text))
        html = assert_safe(block)
        # Nothing is dropped silently: the hostile text shows as text.
        if "onerror" in text:
            assert "onerror" in html, (text, block, html)


def test_markdown_is_kept() -> None:
    text = ("# Title\n\nSome *emphasis*, **strong**, ~~gone~~ and `code <b>`.\n\n"
            "- one\n- two\n  - nested\n\n3. three\n4. four\n\n> quoted\n\n"
            "```python\nprint('<b>')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "[site](https://example.com/a_b?q=1&r=2) [rel](docs/x.md) [mail](mailto:a@b.c)\n\n"
            "[ref]\n\n[ref]: https://example.com/ref\n\nline  \nbreak\n\n---\n")
    html = assert_safe(str(md_block(text)))
    for piece in ("<h1>Title</h1>", "<em>emphasis</em>", "<strong>strong</strong>",
                  "<s>gone</s>", "<code>code &lt;b&gt;</code>", "<li>nested</li>",
                  '<ol start="3">', "<blockquote>", '<code class="language-python">',
                  "print('&lt;b&gt;')", "<th>a</th>", "<td>2</td>",
                  'href="https://example.com/a_b?q=1&amp;r=2"', 'href="docs/x.md"',
                  'href="mailto:a@b.c"', 'href="https://example.com/ref"', "<br />", "<hr />"):
        assert piece in html, (piece, html)


def test_text_that_looks_like_markdown_stays_text() -> None:
    text = "1986\\. A year\n\\- not a list\n\\# not a heading\n\\*not em\\* \\$5 and \\$6"
    html = renderer().render(str(md_block(text)))
    assert "<ol" not in html and "<ul" not in html and "<h1" not in html and "<em" not in html
    assert "1986. A year" in html and "- not a list" in html and "$5 and $6" in html


def test_an_unclosed_fence_cannot_swallow_the_page() -> None:
    html = renderer().render(str(md_block("text\n````\ncode <x>")) + "\n\n# after\n")
    assert "<h1>after</h1>" in html and "code &lt;x&gt;" in html


def test_images_become_links_as_on_the_html_page() -> None:
    html = assert_safe(str(md_block("![chart](https://example.com/c.png)")))
    assert "<img" not in html and 'href="https://example.com/c.png"' in html
    assert "image: chart" in html


NASTY_PIECES = ["`", "``", "```", "\\", "[", "]", "(", ")", "<", ">", "!", "&", "#", ";",
                "\n", " ", "    ", "*", "_", "~", "|", "-", "1.", ":", "'", '"', "=",
                "<img src=x onerror=alert(1)>", "<script>", "javascript:alert(1)",
                "data:text/html,x", "vbscript:x", "[r]: ", "](", "&#58;", "&#10;", "&amp;",
                "http://x", "<a href=", "<!--", "![", "<svg onload=x>", "x", "a b"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(NASTY_PIECES) | st.text(max_size=4), max_size=40)
       .map("".join))
@example("\\`<img src=x onerror=alert(1)>\\`")
@example("[r]: javascript:alert(1)\n\n[r]")
def test_no_description_can_put_html_or_script_links_on_the_page(text: str) -> None:
    block = str(md_block(text))
    assert_safe(block)
    # The page around a description stays intact: a heading after it is still a heading.
    html = renderer().render(block + "\n\n# after\n")
    assert html.rstrip().endswith("<h1>after</h1>"), (text, block, html)


def test_a_hostile_description_on_the_markdown_page() -> None:
    import json

    from render_helpers import plan_and_schedule

    from planctl.render import render_plan

    hostile = "\\`<img src=x onerror=alert(1)>\\` [d](javascript:alert(1))\n\n[r]: javascript:x"
    text = ("planctl: 1\nname: P\nstart: 2026-01-05\n"
            f"description: {json.dumps(hostile)}\n"  # a JSON string is a YAML string
            "phases:\n  - id: p\n    name: P\n    description: '`` <script>x</script>'\n"
            "    tasks:\n      - {id: a, name: A, duration: 1d}\n")
    page = render_plan(*plan_and_schedule(text, date(2026, 1, 5)), "md")
    html = renderer().render(page)
    assert "<img" not in html and "<script" not in html and not unsafe_targets(html)
    assert "onerror" in html  # shown, as text
