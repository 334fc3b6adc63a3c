"""`planctl.fmt` from Python: what it refuses, and how it proves its output means the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl.errors import InputError, PlanError
from planctl.fmt import FormatRefused, format_file, format_text
from planctl.fmt import core as fmt_core
from planctl.fmt import files as fmt_files
from planctl.fmt.core import same

PLAN = "name: P\nplanctl: 1\nstart: 2026-01-05\nowner:\nduraton: 3d  # a typo check reports\n"


def test_same_compares_types_not_just_values() -> None:
    assert same({"a": [1, "x", None]}, {"a": [1, "x", None]})
    assert not same({"a": True}, {"a": 1})
    assert not same({"a": 1}, {"a": 1.0})
    assert not same({"a": "1"}, {"a": 1})
    assert same(float("nan"), float("nan"))
    assert not same([1, 2], [1, 2, 3])


def test_unknown_and_empty_keys_are_kept_in_place() -> None:
    out = format_text(PLAN)
    assert out == ("planctl: 1\nname: P\nowner:\nstart: 2026-01-05\n"
                   "duraton: 3d  # a typo check reports\n")


def test_an_output_that_would_mean_something_else_is_refused(monkeypatch, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    real = fmt_core.emit
    monkeypatch.setattr(fmt_core, "emit", lambda doc: real(doc).replace("3d", "4d"))
    with pytest.raises(FormatRefused, match="different data"):
        format_file(str(plan))
    assert plan.read_text() == PLAN


def test_an_output_that_loses_a_comment_is_refused(monkeypatch) -> None:
    real = fmt_core.emit
    comment = "  # a typo check reports"
    monkeypatch.setattr(fmt_core, "emit", lambda doc: real(doc).replace(comment, ""))
    with pytest.raises(FormatRefused, match="comment"):
        format_text(PLAN)


def test_an_unstable_output_is_refused(monkeypatch) -> None:
    real = fmt_core.emit
    calls = []

    def drifting(doc):
        calls.append(1)
        return real(doc) + "\n" * len(calls)  # a blank line more each time: same data

    monkeypatch.setattr(fmt_core, "emit", drifting)
    with pytest.raises(FormatRefused):
        format_text(PLAN)


def test_a_file_edited_while_formatting_is_not_written(monkeypatch, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    real = fmt_files.read_bytes
    reads = []

    def edited(path, limits):
        reads.append(path)
        data = real(path, limits)
        return data if len(reads) == 1 else data + b"# someone's edit\n"

    monkeypatch.setattr(fmt_files, "read_bytes", edited)
    with pytest.raises(InputError, match="changed while"):
        format_file(str(plan))
    assert plan.read_text() == PLAN


def test_reader_limits_apply(tmp_path: Path) -> None:
    from planctl.reader import Limits

    with pytest.raises(PlanError, match="larger than the limit"):
        fmt_files.format_bytes(PLAN.encode(), "p.yaml", Limits(max_bytes=10))
    with pytest.raises(PlanError, match="unsupported tag"):
        format_text("planctl: 1\nname: !!python/object/apply:os.system [x]\n")


def test_a_raw_next_line_or_line_separator_is_refused_at_its_place() -> None:
    """libyaml reads a raw U+0085 in a quoted value as a line break and ruamel counts it as
    one, so the layout fmt would write is off by a line (hypothesis found it); fmt names the
    character, where it is and the escape to write instead, and writes nothing."""
    for char, escape in (("\x85", "\\N"), ("\u2028", "\\L"), ("\u2029", "\\P")):
        text = f"planctl: 1\nname: 'a{char}b'\ntasks: []\n"
        with pytest.raises(FormatRefused) as refused:
            format_text(text, "p.yaml")
        assert "line 2 column 9" in refused.value.reason
        assert escape in refused.value.reason
    assert format_text('planctl: 1\nname: "a\\Nb"\n', "p.yaml") == 'planctl: 1\nname: "a\\Nb"\n'


@pytest.mark.parametrize("value", ['" #"', "'a # b'", '"x #y # z"'])
def test_a_comment_after_a_quoted_value_holding_a_hash_is_kept(value: str) -> None:
    # Found by hypothesis: the ` #` inside the quotes hid the real comment after them.
    text = f"planctl: 1\nname: {value}  # the real comment\nstart: 2026-01-05\n"
    assert "name: " + value.replace("'", '"') + "  # the real comment\n" in format_text(text)
