"""Lint settings: finding them upward, validating them, and what select/ignore/severity do."""

from __future__ import annotations

import pytest
from lintutil import codes, lint_text, plan_with

from planctl.errors import ConfigError, Diagnostic, InputError, Location, Severity
from planctl.lint import LintConfig, load_config

PLAN = "planctl: 1\nname: P\nstart: 2026-01-05\n"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery --------------------------------------------------------------------------------


def test_no_settings_anywhere_gives_the_defaults(tmp_path):
    plan = write(tmp_path / "a" / "plan.yaml", PLAN)
    config = load_config(plan)
    assert config == LintConfig()
    assert config.path is None


def test_settings_are_found_in_a_parent_folder(tmp_path):
    write(tmp_path / ".planctl.toml", 'ignore = ["P105"]\n')
    plan = write(tmp_path / "a" / "b" / "plan.yaml", PLAN)
    config = load_config(plan)
    assert config.ignore == ("P105",)
    assert config.path == tmp_path / ".planctl.toml"


def test_the_nearest_folder_wins(tmp_path):
    write(tmp_path / ".planctl.toml", 'ignore = ["P105"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.planctl]\nignore = ["T101"]\n')
    plan = write(tmp_path / "a" / "b" / "plan.yaml", PLAN)
    assert load_config(plan).ignore == ("T101",)


def test_dotfile_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.planctl]\nignore = ["T101"]\n')
    write(tmp_path / ".planctl.toml", 'ignore = ["R103"]\n')
    config = load_config(write(tmp_path / "plan.yaml", PLAN))
    assert config.ignore == ("R103",)
    assert config.path is not None and config.path.name == ".planctl.toml"


def test_a_pyproject_without_a_planctl_table_is_skipped(tmp_path):
    write(tmp_path / ".planctl.toml", "strict = true\n")
    # Mentions planctl (so it is parsed) but has no [tool.planctl] table.
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "planctl-plans"\n')
    write(tmp_path / "sub" / "deeper" / "pyproject.toml", '[tool.ruff]\nline-length = 90\n')
    config = load_config(write(tmp_path / "sub" / "deeper" / "plan.yaml", PLAN))
    assert config.strict is True
    assert config.path == tmp_path / ".planctl.toml"


def test_a_directory_path_starts_the_search_in_itself(tmp_path):
    write(tmp_path / "plans" / ".planctl.toml", "strict = true\n")
    assert load_config(tmp_path / "plans").strict is True


def test_pyproject_settings_are_read(tmp_path):
    write(tmp_path / "pyproject.toml", """\
[tool.ruff]
select = ["E"]

[tool.planctl]
select = ["T", "risk-review-overdue"]
ignore = ["T103"]
strict = true
severity = { T101 = "error", R = "info" }

[tool.planctl.per-file-ignores]
"old/*.yaml" = ["T1"]
""")
    config = load_config(write(tmp_path / "plan.yaml", PLAN))
    assert config.select == ("T", "R102")
    assert config.ignore == ("T103",)
    assert config.strict is True
    assert config.severity == {"T101": Severity.ERROR, "R": Severity.INFO}
    assert config.per_file_ignores == {"old/*.yaml": ("T1",)}


# --- invalid settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('selct = ["T101"]\n', [":1:", "unknown key 'selct'", "did you mean 'select'?"]),
        ('\n\nper_file_ignores = {}\n', [":3:", "did you mean 'per-file-ignores'?"]),
        ('ignore = ["T999"]\n', [":1:", "ignore", "unknown rule 'T999'"]),
        ('ignore = ["task-unowend"]\n', ["did you mean 'task-unowned'?"]),
        ('select = "T101"\n', ["select", "expected a list"]),
        ('strict = "yes"\n', ["strict", "expected true or false"]),
        ('severity = { T101 = "fatal" }\n', ["severity.T101", "error, warning, info"]),
        ('severity = { X1 = "error" }\n', ["severity", "unknown rule 'X1'"]),
        ("ignore = [\n", ["invalid TOML"]),
    ],
)
def test_invalid_settings_name_the_file_and_key(tmp_path, text, words):
    dotfile = write(tmp_path / ".planctl.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path / "plan.yaml", PLAN))
    message = str(caught.value)
    assert message.startswith(str(dotfile))
    for word in words:
        assert word in message
    assert isinstance(caught.value, InputError)  # exit 2: planctl could not run as asked


def test_pyproject_errors_point_at_the_line_in_the_planctl_table(tmp_path):
    pyproject = write(tmp_path / "pyproject.toml",
                      '[tool.ruff]\nignore = ["E501"]\n\n[tool.planctl]\nignore = ["Q1"]\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml:5: \[tool\.planctl\] ignore"):
        load_config(write(tmp_path / "plan.yaml", PLAN))
    assert pyproject.exists()


def test_tool_planctl_must_be_a_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool]\nplanctl = 3\n")
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(write(tmp_path / "plan.yaml", PLAN))


def test_unknown_rules_on_the_command_line_are_refused():
    with pytest.raises(ConfigError, match=r"--select: unknown rule 'T9'"):
        LintConfig().with_overrides(select=["T9"])
    with pytest.raises(ConfigError, match=r"--ignore: unknown rule 'nope'"):
        LintConfig().with_overrides(ignore="nope")


# --- select, ignore, prefixes, precedence ---------------------------------------------------


def enabled(config: LintConfig) -> set[str]:
    from planctl.lint import RULES

    return {code for code in RULES if config.enabled(code)}


def test_default_runs_every_rule():
    from planctl.lint import RULES

    assert enabled(LintConfig()) == set(RULES)


def test_prefixes_select_families():
    assert enabled(LintConfig(select=("R",))) == {"R101", "R102", "R103", "R104", "R105"}
    assert enabled(LintConfig(select=("T12",))) == {"T121", "T122", "T123", "T124", "T125",
                                                  "T126"}
    assert enabled(LintConfig(select=("ALL",), ignore=("ALL",))) == set()


def test_the_most_specific_pattern_wins():
    assert enabled(LintConfig(select=("R",), ignore=("R103",))) == {
        "R101", "R102", "R104", "R105"}
    assert enabled(LintConfig(select=("R102",), ignore=("R",))) == {"R102"}


def test_names_and_comma_lists_are_accepted():
    config = LintConfig().with_overrides(select=["task-unowned,R101", "o101"])
    assert config.cli_select == ("T101", "R101", "O101")
    assert enabled(config) == {"T101", "R101", "O101"}


def test_cli_select_replaces_the_file_select():
    config = LintConfig(select=("T",)).with_overrides(select=["R101"])
    assert enabled(config) == {"R101"}


def test_cli_ignore_adds_to_the_file_ignore():
    config = LintConfig(ignore=("T",)).with_overrides(ignore=["R"])
    assert not enabled(config) & {"T101", "R101"}
    assert "P101" in enabled(config)


def test_cli_flags_beat_the_file_at_equal_specificity():
    # The file ignores T101; `--select T101` on the command line brings it back.
    assert enabled(LintConfig(ignore=("T101",)).with_overrides(select=["T101"])) == {"T101"}
    # The file selects T101; `--ignore T101` turns it off.
    assert "T101" not in enabled(LintConfig(select=("T101",)).with_overrides(ignore=["T101"]))


def test_empty_or_missing_overrides_change_nothing():
    config = LintConfig(select=("T",), strict=True)
    assert config.with_overrides() is config
    assert config.with_overrides(select=[], ignore=()) is config
    assert config.with_overrides(strict=False).strict is False


def test_select_and_ignore_change_what_lint_plan_reports():
    text = plan_with("- {id: a, name: A, duration: 1d}\n- {id: b, name: A, duration: 1d}\n",
                     header="planctl: 1\nname: T\nstart: 2026-01-05\nphases:\n  - id: p\n"
                     "    name: P\n    tasks:\n")
    assert set(codes(lint_text(text))) == {"T101", "T103", "P105"}
    assert set(codes(lint_text(text, LintConfig(select=("T",))))) == {"T101", "T103"}
    assert set(codes(lint_text(text, LintConfig(ignore=("T103", "P"))))) == {"T101"}


# --- severity and strict --------------------------------------------------------------------


def finding(severity: Severity, code: str = "T101") -> Diagnostic:
    return Diagnostic(code, "m", Location("p.yaml", 1, 1), severity=severity)


def test_fails_errors_always_warnings_only_under_strict_infos_never():
    lenient, strict = LintConfig(), LintConfig(strict=True)
    assert lenient.fails(finding(Severity.ERROR)) and strict.fails(finding(Severity.ERROR))
    assert not lenient.fails(finding(Severity.WARNING))
    assert strict.fails(finding(Severity.WARNING))
    assert not strict.fails(finding(Severity.INFO))
    assert LintConfig().with_overrides(strict=True).fails(finding(Severity.WARNING))


def test_severity_override_is_applied_most_specific_first():
    text = plan_with("- {id: a, name: A, duration: 1d}\n",
                     header="planctl: 1\nname: T\nstart: 2026-01-05\nphases:\n  - id: p\n"
                     "    name: P\n    tasks:\n")
    config = LintConfig(severity={"T": "info", "T101": "error"})
    by_code = {d.code: d.severity for d in lint_text(text, config)}
    assert by_code["T101"] == Severity.ERROR
    assert by_code["P105"] == Severity.INFO  # untouched default
    config = LintConfig(severity={"T": "info"})
    assert {d.code: d.severity for d in lint_text(text, config)}["T101"] == Severity.INFO


def test_invalid_severity_values_are_refused():
    with pytest.raises(ConfigError, match="not one of error, warning, info"):
        LintConfig(severity={"T101": "fatal"})


# --- per-file ignores -----------------------------------------------------------------------


def test_per_file_ignores_match_relative_paths_and_file_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = LintConfig(per_file_ignores={"old/*.yaml": ("T1",), "draft-*.yaml": ("ALL",)},
                        path=tmp_path / ".planctl.toml")
    assert config.ignored_in("T101", "old/plan.yaml")
    assert config.ignored_in("T101", str(tmp_path / "old" / "plan.yaml"))
    assert not config.ignored_in("R101", "old/plan.yaml")
    assert not config.ignored_in("T101", "new/plan.yaml")
    assert config.ignored_in("R101", "sub/draft-1.yaml")


def test_per_file_ignores_apply_in_lint_plan(tmp_path):
    write(tmp_path / ".planctl.toml", '[per-file-ignores]\n"plan.yaml" = ["P105"]\n')
    plan = write(tmp_path / "plan.yaml", PLAN)
    config = load_config(plan)
    assert "P105" not in codes(lint_text(PLAN, config, path=str(plan)))
    assert "P105" in codes(lint_text(PLAN, config, path=str(tmp_path / "other.yaml")))


def test_overrides_keep_the_file_settings():
    config = LintConfig(severity={"T101": "error"}, per_file_ignores={"a/*.yaml": ["T1"]},
                        ignore=("P",))
    changed = config.with_overrides(select="T", ignore=["R"], strict=True)
    assert changed.severity == {"T101": Severity.ERROR}
    assert changed.per_file_ignores == {"a/*.yaml": ("T1",)}
    assert (changed.select, changed.ignore) == (("ALL",), ("P",))
    assert (changed.cli_select, changed.cli_ignore, changed.strict) == (("T",), ("R",), True)
