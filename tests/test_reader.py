"""The YAML reader: YAML 1.2 typing, positions, and refusal of hostile input."""

from __future__ import annotations

import os
import time

import pytest

from planctl.errors import InputError, PlanError
from planctl.located import LocatedDict, LocatedList, SourceFile, position_of, to_location
from planctl.reader import Limits, parse, read_file


def parse_text(text: str, limits: Limits = Limits()):
    return parse(text, SourceFile("f.yaml", text), limits)


def error_of(text: str, limits: Limits = Limits()):
    with pytest.raises(PlanError) as caught:
        parse_text(text, limits)
    return caught.value.diagnostics[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: NO", "NO"),  # YAML 1.2: Norway, not false
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: true", True),
        ("a: False", False),
        ("a: ~", None),
        ("a:", None),
        ("a: null", None),
        ("a: 12", 12),
        ("a: -3", -3),
        ("a: 0o17", 15),
        ("a: 0x1f", 31),
        ("a: 1.5", 1.5),
        ("a: 1e3", 1000.0),
        ("a: 0755", 755),  # YAML 1.2 has no implicit octal
        ("a: 2026-01-05", "2026-01-05"),  # dates stay text; the model parses them
        ("a: '12'", "12"),
        ("a: !!str 12", "12"),
        ("a: !!float 3", 3.0),
        ("a: 3d", "3d"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text, expected):
    assert parse_text(text)["a"] == expected


def test_positions_are_kept_for_keys_values_and_items():
    data = parse_text("name: x\nlist:\n  - a\n  - {k: v}\n")
    assert isinstance(data, LocatedDict)
    assert to_location(data.key_pos["list"]).line == 2
    items = data["list"]
    assert isinstance(items, LocatedList)
    assert [to_location(p).line for p in items.item_pos] == [3, 4]
    assert str(to_location(position_of(data, ["list", 1, "k"]))) == "f.yaml:4:9"
    assert str(to_location(position_of(data, ["list", 1, "k"], key=True))) == "f.yaml:4:6"


def test_merge_keys_fill_missing_keys_only():
    data = parse_text("base: &b {x: 1, y: 1}\nc:\n  <<: *b\n  y: 2\n")
    assert dict(data["c"]) == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    ("text", "code", "line", "words"),
    [
        ("a: 1\na: 2\n", "E111", 2, "duplicate key 'a' (first set on line 1)"),
        ("a: !!python/object/apply:os.system [touch x]\n", "E112", 1, "!!python/object"),
        ("owner: !secret bob\n", "E112", 1, "unsupported tag !secret"),
        ("a: 1\n---\nb: 2\n", "E105", 2, "one plan per file"),
        ("%YAML 1.1\n---\ndone: no\n", "E104", 1, "YAML 1.1"),
        ("", "E106", 1, "empty plan"),
        ("# only a comment\n", "E106", 1, "empty plan"),
        ("a:\n\tb: 1\n", "E103", 2, "syntax error"),
        ("a: 'open\n", "E103", 2, "syntax error"),
        ("a: " + "9" * 5000 + "\n", "E113", 1, "number too large"),
        ("? [1, 2]\n: x\n", "E110", 1, "plain word"),
        ("~: 4\n", "E110", 1, "key ~"),
        ("a: &a [*a]\n", "E107", 1, "recursive alias"),
    ],
)
def test_bad_yaml_is_refused_with_a_location(text, code, line, words):
    diagnostic = error_of(text)
    assert diagnostic.code == code
    assert diagnostic.location.line == line
    assert words in diagnostic.message


def test_tabs_get_a_hint():
    assert "tabs" in (error_of("a:\n\tb: 1\n").hint or "")


def test_alias_bomb_is_refused_fast_before_expansion():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    diagnostic = error_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert diagnostic.code == "E109"
    assert "alias expansion" in diagnostic.message
    assert diagnostic.location.line > 1  # at an alias, not at the top of the file


def test_deep_nesting_is_refused_with_line_and_column():
    diagnostic = error_of("[" * 10_000 + "]" * 10_000)
    assert diagnostic.code == "E108"
    assert (diagnostic.location.line, diagnostic.location.column) == (1, 65)


def test_nesting_built_from_aliases_is_limited_too():
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 80)]
    assert error_of("\n".join(lines) + "\n").code == "E108"


def test_shared_aliases_within_limits_are_fine():
    data = parse_text("d: &d {x: 1}\nl: [*d, *d]\n")
    assert data["l"] == [{"x": 1}, {"x": 1}]


def test_size_limit_reads_no_more_than_allowed(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(PlanError) as caught:
        read_file(str(path), Limits(max_bytes=1000))
    assert "--max-bytes" in caught.value.diagnostics[0].hint


def test_devices_and_fifos_are_refused_without_blocking(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        read_file("/dev/zero")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_file(str(fifo))


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(str(tmp_path / "nope.yaml"))
    with pytest.raises(InputError):
        read_file(str(tmp_path))


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "not valid UTF-8"),
        (b"a: 1\nb: x\x00y\n", 2, 5, "NUL byte"),
        ("a: 1\n".encode("utf-16"), 1, 1, "UTF-16"),
    ],
)
def test_encodings_other_than_utf8_are_located(tmp_path, data, line, column, words):
    path = tmp_path / "p.yaml"
    path.write_bytes(data)
    with pytest.raises(PlanError) as caught:
        read_file(str(path))
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.location.line, diagnostic.location.column) == (line, column)
    assert words in diagnostic.message


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert read_file(str(path))[0] == {"a": 1}


@pytest.fixture
def pure_python_parser(monkeypatch):
    """The reader as it runs where ruamel's C extension is missing (PyPy, a broken wheel)."""
    from ruamel.yaml.loader import BaseLoader

    from planctl import reader

    monkeypatch.setattr(reader, "_Loader", reader.loader_class(BaseLoader))


def test_the_pure_python_parser_reads_the_same_data(pure_python_parser):
    data = parse_text("a: NO\nb: [1, 2.5, true, null]\nc: {d: 2026-02-30}\n")
    assert data == {"a": "NO", "b": [1, 2.5, True, None], "c": {"d": "2026-02-30"}}
    assert to_location(position_of(data, ["b", 1])).line == 2


def test_the_pure_python_parser_keeps_the_limits(pure_python_parser):
    deep = error_of("[" * 10_000 + "]" * 10_000)
    assert (deep.code, deep.location.line) == ("E108", 1)
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert error_of("\n".join(lines) + "\n").code == "E109"
    assert error_of("a: [1, 2\n").code == "E103"
