"""`planctl render` and `planctl status` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def test_render_markdown_to_stdout(cli, plans_dir: Path) -> None:
    code, out, err = cli("render", plans_dir / "crm.yaml", "--as-of", "2026-02-02")
    assert code == 0, err
    assert out.startswith("# CRM rollout") and "```mermaid" in out


def test_render_html_to_a_file_infers_the_format(cli, plans_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.html"
    code, out, err = cli("render", plans_dir / "crm.yaml", "-o", target, "--as-of",
                         "2026-02-02")
    assert code == 0, err
    assert out == ""
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_render_a_directory_as_a_portfolio(cli, plans_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "plans"
    source.mkdir()
    for name in ("crm.yaml", "nasty.yaml"):
        shutil.copy(plans_dir / name, source / name)
    (source / "risks.yaml").write_text("risks: []\n")  # an included file, not a plan
    # Plans inside a virtual environment or node_modules are someone else's, as for `check`.
    for hidden in ("venv", "node_modules"):
        (source / hidden).mkdir()
        shutil.copy(plans_dir / "crm.yaml", source / hidden / "other.yaml")
    (source / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    out_dir = tmp_path / "site"
    code, _, err = cli("render", source, "-o", out_dir, "-f", "html", "--as-of", "2026-03-16")
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["crm-rollout.html", "index.html",
                                                          "nasty.html"]
    index = (out_dir / "index.html").read_text()
    assert 'href="crm-rollout.html"' in index and 'href="nasty.html"' in index
    assert "2 plans" in index


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf"], "--format"),
    (["--gantt", "bars"], "--gantt"),
    (["--as-of", "2026-02-30"], "--as-of"),
    (["--templates", "/nonexistent/dir"], "not a directory"),
])
def test_bad_options_exit_2_with_a_message(cli, plans_dir: Path, args: list[str],
                                           message: str) -> None:
    code, _, err = cli("render", plans_dir / "crm.yaml", *args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_portfolio_needs_an_output_directory(cli, plans_dir: Path) -> None:
    code, _, err = cli("render", plans_dir, "-o", "-")
    assert code == 2 and "-o DIR" in err


def test_a_missing_plan_exits_2(cli, tmp_path: Path) -> None:
    code, _, err = cli("render", tmp_path / "nope.yaml")
    assert code == 2 and "nope.yaml" in err


def test_a_broken_plan_exits_1_with_its_location(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("planctl: 1\nname: x\nstart: 2026-01-05\nphases: 3\n")
    code, _, err = cli("render", bad)
    assert code == 1 and "bad.yaml:4" in err


def test_user_templates_that_escape_the_sandbox_exit_2(cli, plans_dir: Path,
                                                       tmp_path: Path) -> None:
    (tmp_path / "plan.md.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    code, out, err = cli("render", plans_dir / "crm.yaml", "--templates", tmp_path)
    assert code == 2 and "sandbox" in err and out == ""
    (tmp_path / "plan.md.j2").write_text("{{ 'a' * 10**9 }}")
    code, out, err = cli("render", plans_dir / "crm.yaml", "--templates", tmp_path)
    assert code == 2 and out == ""


def test_status_prints_a_summary(cli, plans_dir: Path) -> None:
    code, out, err = cli("status", plans_dir / "crm.yaml", "--as-of", "2026-02-02",
                         "--width", "100")
    assert code == 0, err
    assert out.splitlines()[0].startswith("CRM rollout")
    for part in ("Top risks", "Timeline", "Critical path", "as of 2026-02-02"):
        assert part in out
    assert "\x1b" not in out  # not a terminal: no colour codes


def test_status_prints_hostile_text_literally(cli, plans_dir: Path) -> None:
    code, out, err = cli("status", plans_dir / "nasty.yaml", "--width", "120")
    assert code == 0, err
    assert "[/oops]" not in err
    assert "[/oops] [bold]x" in out  # rich markup shown, not interpreted
    assert "<script>alert('risk')</script> | risk `title` {{ 7*7 }}" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_an_output_ending_in_a_slash_is_a_directory(cli, plans_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "new"
    code, out, err = cli("render", plans_dir / "crm.yaml", "-o", f"{target}/", "-f", "html")
    assert out == ""
    assert code == 0, err
    assert [p.name for p in target.iterdir()] == ["crm-rollout.html"]
    assert (target / "crm-rollout.html").read_text().startswith("<!DOCTYPE html>")


def test_status_lists_the_next_milestones_in_date_order(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("planctl: 1\nname: Order\nstart: 2026-03-02\nphases:\n"
                    "  - id: late\n    name: Late\n    tasks:\n"
                    "      - {id: a, name: Long work, duration: 20d}\n"
                    "      - {id: m2, name: Second gate, milestone: true, depends_on: [a]}\n"
                    "  - id: early\n    name: Early\n    tasks:\n"
                    "      - {id: m1, name: First gate, milestone: true}\n")
    code, out, err = cli("status", plan, "--as-of", "2026-03-02", "--width", "100")
    assert code == 0, err
    section = out.split("Next milestones")[1]
    assert section.index("First gate") < section.index("Second gate")


def test_user_templates_that_run_too_long_are_stopped(cli, plans_dir: Path, tmp_path: Path,
                                                      monkeypatch) -> None:
    import time

    import planctl.render.isolate as isolate

    monkeypatch.setattr(isolate, "USER_TEMPLATE_SECONDS", 1)
    (tmp_path / "plan.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    started = time.monotonic()
    code, out, err = cli("render", plans_dir / "crm.yaml", "--templates", tmp_path)
    assert code == 2 and "ran for more than 1 s" in err and out == ""
    assert time.monotonic() - started < 10
