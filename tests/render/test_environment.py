"""The Jinja environment: escaping, strict undefined, user templates, the sandbox and caps."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl.render import render_plan
from planctl.render.environment import RenderError, make_environment, render_template


def _user(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_html_templates_autoescape_and_markdown_templates_escape_for_markdown() -> None:
    html = make_environment("html").from_string("{{ x }}")  # strings default to escaping
    assert html.render(x="<b>|") == "&lt;b&gt;|"
    md = make_environment("md").from_string("| {{ x }} | {{ xs|join(', ') }} |")
    assert md.render(x="a|b <i>", xs=["c|d", "`e`"]) == "| a\\|b &lt;i&gt; | c\\|d, \\`e\\` |"


def test_html_output_has_no_control_characters_or_bidi_overrides(nasty) -> None:
    env = make_environment("html")
    out = env.from_string("{{ x }}|{{ xs|join(', ') }}|{{ n }}").render(
        x="a\u202e<b>\x1b[2J", xs=["\u2066q", "<i>"], n=3)
    assert out == "a&lt;b&gt;[2J|q, &lt;i&gt;|3"
    html = render_plan(*nasty, "html")
    assert not any(ch in html for ch in "\x1b\u202e\u2066\x07")


def test_undefined_names_fail_instead_of_rendering_empty(tmp_path: Path, crm) -> None:
    user = _user(tmp_path, **{"plan.md.j2": "{{ no_such_thing }}"})
    with pytest.raises(RenderError, match="no_such_thing"):
        render_plan(*crm, "md", templates=user)


def test_a_user_template_overrides_by_name_and_can_extend_the_packaged_one(
        tmp_path: Path, crm) -> None:
    user = _user(tmp_path, **{
        "header.html.j2": '<div class="company">ACME · {{ title }}</div>',
        "plan.md.j2": '{% extends "builtin/plan.md.j2" %}',
        "header.md.j2": "ACME status: {{ title }}\n\n",
    })
    html = render_plan(*crm, "html", templates=user)
    assert '<div class="company">ACME · CRM rollout</div>' in html
    assert '<svg class="gantt"' in html  # the rest is the packaged page
    md = render_plan(*crm, "md", templates=user)
    assert md.startswith("ACME status: CRM rollout")
    assert "```mermaid" in md


def test_user_templates_run_in_the_sandbox(tmp_path: Path, crm) -> None:
    user = _user(tmp_path, **{"plan.md.j2": "{{ plan.__class__.__mro__ }}"})
    with pytest.raises(RenderError):
        render_plan(*crm, "md", templates=user)
    user = _user(tmp_path, **{"plan.md.j2": "{{ ''.__class__.__base__.__subclasses__() }}"})
    with pytest.raises(RenderError, match=r"sandbox|unsafe|attribute"):
        render_plan(*crm, "md", templates=user)
    user = _user(tmp_path, **{"plan.md.j2": "{% do tasks.append(1) %}{{ tasks.pop() }}"})
    with pytest.raises(RenderError):
        render_plan(*crm, "md", templates=user)


@pytest.mark.parametrize("expression", [
    "'a' * 10**9", "[1] * 10**9", "10 ** 100000000", "'%999999999d' % 1",
])
def test_the_sandbox_refuses_huge_values_at_once(tmp_path: Path, crm, expression: str) -> None:
    user = _user(tmp_path, **{"plan.md.j2": "{{ " + expression + " }}"})
    with pytest.raises(RenderError, match="sandbox"):
        render_plan(*crm, "md", templates=user)


def test_output_is_capped() -> None:
    env = make_environment("md")
    env.loader = None
    template_env = make_environment("html")
    from jinja2 import DictLoader

    template_env.loader = DictLoader({"big.html": "{% for i in range(2000) %}{{ x }}{% endfor %}"})
    with pytest.raises(RenderError, match="output exceeds"):
        render_template(template_env, "big.html", {"x": "y" * 1000}, cap=1_000_000)
    assert len(render_template(template_env, "big.html", {"x": "y"}, cap=1_000_000)) == 2000


def test_parent_paths_are_not_templates(tmp_path: Path, crm) -> None:
    (tmp_path / "secret.txt").write_text("SECRET")
    user = _user(tmp_path / "t", **{"plan.md.j2": '{% include "../secret.txt" %}'})
    with pytest.raises(RenderError, match="not found"):
        render_plan(*crm, "md", templates=user)


def test_missing_template_directory_and_syntax_errors_are_clear(tmp_path: Path, crm) -> None:
    with pytest.raises(RenderError, match="not a directory"):
        render_plan(*crm, "md", templates=tmp_path / "nope")
    user = _user(tmp_path, **{"plan.md.j2": "line one\n{% if %}"})
    with pytest.raises(RenderError, match=r"plan\.md\.j2:2"):
        render_plan(*crm, "md", templates=user)


def test_plan_text_is_never_compiled_as_a_template(nasty) -> None:
    for fmt in ("md", "html"):
        text = render_plan(*nasty, fmt)
        # Name, description, a task, a risk, a communication and a lesson hold it.
        literal = "{{ 7*7 }}" if fmt == "html" else "{{ 7\\*7 }}"
        assert text.count(literal) + text.count("{{ 7*7 }}") >= 5
        assert text.count("{% raw %}") >= 2


@pytest.mark.parametrize("source", [
    '{% include "plan.md.j2" %}',
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
])
def test_templates_that_recurse_without_end_are_a_clear_error(tmp_path: Path, crm,
                                                              source: str) -> None:
    user = _user(tmp_path, **{"plan.md.j2": source})
    with pytest.raises(RenderError, match="themselves"):
        render_plan(*crm, "md", templates=user)


def test_a_reordered_plan_template_renders_sections_in_its_order(tmp_path: Path, crm) -> None:
    user = _user(tmp_path, **{"plan.md.j2": (
        '{% include "header.md.j2" %}{% include "md/risks.md.j2" %}'
        '{% include "md/summary.md.j2" %}{% include "md/timeline.md.j2" %}')})
    md = render_plan(*crm, "md", templates=user)
    assert md.index("## Risks") < md.index("Forecast finish") < md.index("## Timeline")
    assert "## Milestones" not in md
