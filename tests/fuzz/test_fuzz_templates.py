"""Fuzzing user templates: snippets built from a grammar of dangerous constructs, rendered by
the real `planctl render --templates` command.

Every snippet must end in exit 0 (harmless) or 2 (refused or stopped, with a message): never
3, never a traceback, never a command run (the canary file) or a secret read, and within the
memory and time given (the command runs under a 1 GB `RLIMIT_AS`, with the template limits
lowered to 2 s and 256 MB so a run stays cheap on a shared machine). The budget comes from the
`fuzz-slow` profile (tests/fuzz/conftest.py); a long run is `PLANCTL_FUZZ_EXAMPLES=...`.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

PLAN = """\
planctl: 1
name: Fuzzed
start: 2026-01-05
description: "`x` <b>y</b>"
resources: [{id: ann, name: Ann}]
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 2d, assign: [ann]}
      - {id: m, name: M, milestone: true, depends_on: [a]}
objectives:
  - {id: o, description: Ship, kpi: {metric: users, baseline: 0, target: 10, current: 5}}
"""
COMMAND = [sys.executable, "-c",
           "import sys, planctl.render.isolate as i\n"
           "i.USER_TEMPLATE_SECONDS = 2\n"
           "i.TEMPLATE_MEMORY = 256 * 1024 * 1024\n"
           "from planctl.cli import main\n"
           "sys.argv[0] = 'planctl'\n"
           "main()"]
MEMORY_CAP = 1024 * 1024 * 1024
PICKLE = "'cos\\nsystem\\n(S\\'touch CANARY\\'\\ntR.'"

NAMES = ["plan", "schedule", "tasks", "tasks[0]", "tasks[0].model", "tasks[0].schedule",
         "phases[0]", "summary", "summary.health", "charts", "charts.kpi", "objectives[0]",
         "risks", "as_of", "cycler", "joiner", "namespace", "lipsum", "range", "dict", "self",
         "loop", "''", "'x'", "'%*d'", "'{:>{}}'", "'{0.__class__}'", "'%s'", "[1, 2]",
         "(1, 2)", "{'a': 1}", "none", "true", "'SECRET'", "'\\ud800'", "'\\x1b[2J'",
         PICKLE]
ATTRIBUTES = ["parse_raw", "parse_file", "model_validate_json", "model_validate", "copy",
              "model_copy", "dict", "model_dump", "json", "model_dump_json", "schema",
              "construct", "__class__", "__mro__", "mro", "__init__", "__globals__",
              "__subclasses__", "__builtins__", "__reduce_ex__", "__dict__", "_source",
              "_fields", "_memo", "format", "format_map", "center", "ljust", "rjust", "zfill",
              "replace", "join", "expandtabs", "upper", "items", "values", "name", "start",
              "tasks_by_id", "location", "iter_tasks", "task", "gi_frame", "f_globals", "os",
              "popen", "system", "read", "__getitem__", "func_globals", "im_func"]
NUMBERS = ["0", "1", "7", "-1", "100000", "10**9", "3000000000", "2**31", "10**100"]
FILTERS = ["center", "indent", "format", "replace('a', 'aa')", "join", "attr('__class__')",
           "attr('_source')", "map(attribute='model')", "list", "batch", "slice", "wordwrap",
           "truncate", "sum", "string", "tojson", "first", "length", "mdblock", "md", "cell",
           "kpi_chart", "dictsort", "items", "reverse", "unique", "e", "safe", "urlize",
           "pprint", "xmlattr"]
OPERATORS = ["*", "~", "+", "%", "**", "//", "-", "in", "=="]


def _expressions() -> st.SearchStrategy[str]:
    atoms = st.sampled_from(NAMES) | st.sampled_from(NUMBERS)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        args = st.lists(inner, max_size=3).map(", ".join)
        return st.one_of(
            st.tuples(inner, st.sampled_from(ATTRIBUTES)).map(lambda p: f"{p[0]}.{p[1]}"),
            st.tuples(inner, args).map(lambda p: f"{p[0]}({p[1]})"),
            st.tuples(inner, st.sampled_from(FILTERS), st.sampled_from(NUMBERS)).map(
                lambda p: f"({p[0]})|{p[1]}" if "(" in p[1] else f"({p[0]})|{p[1]}({p[2]})"),
            st.tuples(inner, st.sampled_from(OPERATORS), inner).map(
                lambda p: f"({p[0]} {p[1]} {p[2]})"),
            st.tuples(inner, inner).map(lambda p: f"{p[0]}[{p[1]}]"),
        )

    return st.recursive(atoms, extend, max_leaves=6)


def _pieces(expr: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    counts = st.sampled_from(["3", "64", "100000", "10**9"])
    return st.one_of(
        expr.map(lambda e: "{{ " + e + " }}"),
        st.tuples(counts, expr).map(
            lambda p: f"{{% for i in range({p[0]}) %}}{{{{ {p[1]} }}}}{{% endfor %}}"),
        st.tuples(expr, counts, st.sampled_from(["~", "+"])).map(
            lambda p: f"{{% set ns = namespace(s={p[0]}) %}}{{% for i in range({p[1]}) %}}"
                      f"{{% set ns.s = ns.s {p[2]} ns.s %}}{{% endfor %}}{{{{ ns.s|length }}}}"),
        st.just("{% macro m(n) %}{{ m(n) ~ m(n) }}{% endmacro %}{{ m(1) }}"),
        expr.map(lambda e: "{% set x = " + e + " %}{{ x }}"),
        st.just('{% include "builtin/plan.md.j2" %}'),
        st.just("{% extends 'builtin/plan.md.j2' %}"),
    )


TEMPLATES = st.lists(_pieces(_expressions()), min_size=1, max_size=4).map("\n".join)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@settings(settings.get_profile("fuzz-slow"))
@given(template=TEMPLATES, fmt=st.sampled_from(["md", "html"]))
def test_fuzzed_user_templates_never_run_code_crash_or_exhaust(tmp_path_factory, template: str,
                                                                fmt: str) -> None:
    work = tmp_path_factory.mktemp("fuzz-template")
    (work / "plan.yaml").write_text(PLAN)
    (work / "SECRET").write_text("TOP-SECRET-VALUE")
    folder = work / "templates"
    folder.mkdir()
    (folder / f"plan.{fmt}.j2").write_text(template)
    done = subprocess.run(
        [*COMMAND, "render", "plan.yaml", "-f", fmt, "--as-of", "2026-01-05", "--templates",
         "templates"], cwd=work, capture_output=True, text=True, timeout=300,
        preexec_fn=_limited)
    assert done.returncode in (0, 2), (template, done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, template
    assert not (work / "CANARY").exists(), template
    assert "TOP-SECRET" not in done.stdout + done.stderr, template
    if done.returncode == 2:
        assert done.stderr.startswith("planctl: error:"), done.stderr[-2000:]


def test_the_grammar_reaches_the_dangerous_constructs() -> None:
    # The snippets are worth their budget only if they reach what the attacks use.
    from random import Random

    from hypothesis import find, settings

    # Seeded, with room: each search is the same every run instead of a draw that can miss.
    search = settings(max_examples=5000, database=None, deadline=None)
    find(TEMPLATES, lambda t: "parse_raw(" in t, settings=search, random=Random(1))
    find(TEMPLATES, lambda t: "ns.s ~ ns.s" in t, settings=search, random=Random(2))
    find(TEMPLATES, lambda t: "|center(3000000000)" in t or "center(3000000000)" in t,
         settings=search, random=Random(3))
    assert Path(__file__).parent.joinpath("conftest.py").exists()
