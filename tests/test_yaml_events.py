"""The reader's quick builder (straight from libyaml's events) against the composing one.

Wherever the quick way builds a value, the composing way must build the same one: the same
types, keys in the same order, the same positions of every mapping, key, value and item, the
same sharing of aliased collections, and the same alias budget left. Wherever the composing
way finds a problem, the quick way must have given up (so the reader reports it the composing
way, as it always has). And on the plans people write, the quick way must not give up.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.cyaml import CParser

from adversarial_yaml import documents, soup
from planctl.errors import PlanError
from planctl.located import LocatedDict, LocatedList, SourceFile
from planctl.reader import Budget, Limits, parse_composed
from planctl.yaml_events import GiveUp, build

ROOT = Path(__file__).parent.parent
_FAILED = object()


def both_ways(text: str, limits: Limits = Limits()) -> tuple[object, object]:
    """(data, alias budget left) the quick way, or None where it gives up; and the same the
    composing way, or `_FAILED` where it finds a problem."""
    source = SourceFile("p.yaml", text)
    try:
        quick = build(CParser(text), source, limits.max_depth, limits.max_alias_nodes)
    except GiveUp:
        quick = None
    budget = Budget.of(limits)
    try:
        composed = parse_composed(text, source, limits, budget), budget.alias_nodes
    except PlanError:
        composed = _FAILED
    return quick, composed


def assert_agree(text: str, limits: Limits = Limits()) -> object:
    quick, composed = both_ways(text, limits)
    if quick is not None:
        assert composed is not _FAILED, "the quick way built what the composing way refuses"
        assert quick[1] == composed[1], "alias budgets differ"
        assert_same(quick[0], composed[0], {})
    return quick


def assert_same(quick: object, composed: object, pairs: dict[tuple[str, int], int]) -> None:
    assert type(quick) is type(composed)
    if isinstance(quick, (LocatedDict, LocatedList)):
        # An alias gives the very value built for its anchor, in both ways: the collections
        # compared so far must pair up one to one.
        known = pairs.setdefault(("composed", id(composed)), id(quick)), \
            pairs.setdefault(("quick", id(quick)), id(composed))
        if known != (id(quick), id(composed)):
            raise AssertionError("aliases shared differently")
        if pairs.setdefault(("done", id(quick)), 0):
            return  # compared already
        pairs["done", id(quick)] = 1
        assert quick.pos == composed.pos
    if isinstance(quick, LocatedDict):
        assert isinstance(composed, LocatedDict)
        assert list(quick) == list(composed)
        assert quick.key_pos == composed.key_pos
        assert quick.val_pos == composed.val_pos
        for key in quick:
            assert_same(quick[key], composed[key], pairs)
    elif isinstance(quick, LocatedList):
        assert isinstance(composed, LocatedList)
        assert len(quick) == len(composed)
        assert quick.item_pos == composed.item_pos
        for mine, theirs in zip(quick, composed, strict=True):
            assert_same(mine, theirs, pairs)
    elif isinstance(quick, float) and math.isnan(quick):
        assert isinstance(composed, float) and math.isnan(composed)
    else:
        assert quick == composed


def _utf8(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


def _yaml_files() -> list[Path]:
    # Files that are not UTF-8 are left out: the reader refuses them before either way parses.
    files = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/good/**/*.yaml"),
             *ROOT.glob("tests/bad/**/*.yaml"), *ROOT.glob("tests/golden/**/*.yaml")]
    return sorted(path for path in files if _utf8(path) is not None)


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_corpus_file_reads_the_same_both_ways(path):
    assert_agree(_utf8(path))


@pytest.mark.parametrize("path", sorted([*ROOT.glob("examples/**/*.yaml"),
                                         *ROOT.glob("tests/good/**/*.yaml")]),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_good_plans_are_read_the_quick_way(path):
    assert assert_agree(path.read_text(encoding="utf-8")) is not None


ANCHORS = """\
base: &base {kind: person, capacity: 1,
  leave: &leave [2026-05-01, {from: 2026-06-01, to: 2026-06-03}]}
people:
  - &ann {<<: *base, id: ann, name: &n Ann}
  - <<: [*base, {rate: 5}]
    id: bob
    leave: *leave
  - {<<: *ann, id: cy}
names: [*n, *n]
*n : key from an alias
typed: [!!str 1, !!int 2, !!float 3, !!bool true, !!null ~, ! 4, !!seq [a], !!map {a: b}]
numbers: [0o17, 0x1F, -2, +3, 1.5, 1e3, .inf, -.Inf, .nan, NO, ~, null, "", '', "~"]
"""


def test_anchors_aliases_merge_keys_and_tags_are_read_the_quick_way():
    quick = assert_agree(ANCHORS)
    assert quick is not None
    data = quick[0]
    assert data["people"][2]["kind"] == "person" and data["people"][2]["id"] == "cy"
    assert data["people"][1]["leave"] is data["base"]["leave"]
    assert data["Ann"] == "key from an alias"
    assert quick[1] < Limits().max_alias_nodes


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",  # a duplicate key
    "a: !!python/object:os.system x\n",  # a tag other than the core ones
    "a: !!int x\n",
    "a: 123456789012345678901234567890123\n",  # a number too large
    "a: 1e400\n",
    "a: &x [*x]\n",  # a recursive alias
    "a: *x\n",  # an undefined alias
    "a: &x 1\nb: &x 2\n",  # a duplicate anchor
    "a: 1\n---\nb: 2\n",  # a second document
    "# nothing\n",  # no document
    "[a]: 1\n",  # a list as a key
    "1: a\n",  # a key that is not text
    "a: {<<: 1}\n",  # a merge of something that is not a mapping
    "a: [1, 2\n",  # a syntax error
    "a: " + "[" * 65 + "]" * 65 + "\n",  # deeper than 64
    "a: &a " + "[" * 60 + "]" * 60 + "\nb: [[[[[*a]]]]]\n",  # an alias that reaches too deep
])
def test_problems_are_left_to_the_composing_way(text):
    quick, composed = both_ways(text)
    assert quick is None
    assert composed is _FAILED


def test_the_alias_budget_is_the_composing_ways():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    assert both_ways(text) == (None, _FAILED)
    for budget in (89, 90, 91, 900, 1000):  # just below, at and above the expansion of `c`
        assert_agree("\n".join(lines[:3]) + "\n", Limits(max_alias_nodes=budget))


def test_nesting_past_the_pre_pass_bound_is_left_to_the_composing_way():
    deep = "[" * 2100 + "]" * 2100
    assert both_ways(deep, Limits(max_depth=5000)) == (None, _FAILED)


_SCALARS = ["a", "b c", "~", "null", "NULL", "''", "true", "False", "NO", "0", "-12", "0o17",
            "0x1F", "0xG", "1.5", "1e3", ".inf", ".nan", "2026-01-05", "<<", "'q'", '"d d"',
            "'<<'", "!!str 3", "!!int 3", "!!float 2", "!!bool true", "!!null ~", "! 12"]
_TEXT_KEYS = {"a": "a", "b c": "b c", "NO": "NO", "'q'": "q", '"d d"': "d d", "'<<'": "<<",
              "!!str 3": "3", "0xG": "0xG", "2026-01-05": "2026-01-05"}
"""Scalars that are text, written as keys, with the key each one makes."""
_TROUBLE = ["1e400", "1" * 31, "!!int x", "!x y", "!!binary x", "[k]", "0", "~", "*undefined"]
"""What the reader refuses as a scalar (or as a key)."""


class _Writer:
    """Writes one random YAML document of flow collections under a block mapping, with
    anchors, aliases, merge keys and tags. A careful writer makes only what the reader accepts
    (up to the limits); a careless one now and then makes any of the reader's findings."""

    def __init__(self, draw, careful: bool) -> None:
        self.draw, self.careful = draw, careful
        self.kinds: dict[str, str] = {}  # anchor name: "map", "seq", "open" or the key it makes
        self.count = 0

    def trouble(self) -> bool:
        # hypothesis draws the ends of a range more often than the middle
        return not self.careful and self.draw(st.integers(0, 40)) == 17

    def alias(self, *kinds: str) -> str | None:
        names = sorted(n for n, k in self.kinds.items() if not kinds or k in kinds)
        if self.trouble():
            return "*" + self.draw(st.sampled_from([*self.kinds, "undefined"]))
        return "*" + self.draw(st.sampled_from(names)) if names else None

    def key(self, used: set[str]) -> str:
        if self.trouble():
            return self.draw(st.sampled_from(_TROUBLE + list(_TEXT_KEYS)))
        choice = self.draw(st.sampled_from(["text", "text", "alias", "merge"]))
        if choice == "merge":
            return "<<"
        if choice == "alias":
            texts = [n for n, k in self.kinds.items() if k in _TEXT_KEYS.values() and k not in used]
            if texts:
                name = self.draw(st.sampled_from(sorted(texts)))
                used.add(self.kinds[name])
                return "*" + name + " "
        free = [k for k, typed in _TEXT_KEYS.items() if typed not in used]
        if not free:
            return "<<"
        key = self.draw(st.sampled_from(free))
        used.add(_TEXT_KEYS[key])
        return key

    def node(self, depth: int, merged: bool = False) -> str:
        """A node; a merged one (`<<`'s value) is a mapping or a list of mappings."""
        kinds = ["map", "alias"] if merged else ["word", "word", "alias"] + (
            ["map", "seq", "map"] if depth < 4 else [])
        kind = self.draw(st.sampled_from(kinds))
        if kind == "alias":
            alias = self.alias("map") if merged else self.alias("map", "seq", *_TEXT_KEYS.values())
            if alias is not None:
                return alias
            kind = "map" if merged else "word"
        prefix, name = "", None
        if self.draw(st.integers(0, 3)) == 0:
            name = f"n{self.count}"
            self.count += 1
            if self.trouble() and self.kinds:
                name = self.draw(st.sampled_from(sorted(self.kinds)))  # defined twice
            prefix = f"&{name} "
        if kind == "word":
            word = self.draw(st.sampled_from(_TROUBLE if self.trouble() else _SCALARS))
            if name is not None:
                self.kinds[name] = _TEXT_KEYS.get(word, "other")
            return prefix + word
        if name is not None:
            self.kinds[name] = "open"  # an alias to it inside it is a recursive alias
        if self.draw(st.integers(0, 6)) == 3:
            prefix += self.draw(st.sampled_from(["!x ", "!!seq ", "!!map "] if self.trouble()
                                                else ["! ", "!!map " if kind == "map" else
                                                      "!!seq "]))
        if merged and kind == "seq":
            kind = "map"
        items, used = [], set()
        for _ in range(self.draw(st.integers(0, 4))):
            if kind == "map":
                key = self.key(used)
                items.append(f"{key}: {self.node(depth + 1, merged=key == '<<')}")
            else:
                items.append(self.node(depth + 1))
        if name is not None:
            self.kinds[name] = kind
        separator = self.draw(st.sampled_from([", ", ",\n  ", " ,\n"]))
        opening, closing = ("{", "}") if kind == "map" else ("[", "]")
        return prefix + opening + separator.join(items) + closing


@st.composite
def _plans(draw, careful: bool) -> str:
    """A block mapping of flow values, written by a careful or careless `_Writer`."""
    writer, used = _Writer(draw, careful), set()
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        key = writer.key(used)
        lines.append(f"{key}: {writer.node(0, merged=key == '<<')}\n")
    return "".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plans(careful=True))
def test_random_plans_read_the_quick_way_and_the_same(text):
    assert assert_agree(text) is not None


_LIMITS = st.builds(Limits, max_depth=st.sampled_from([3, 5, 64]),
                    max_alias_nodes=st.sampled_from([0, 5, 30, 100_000]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plans(careful=False), _LIMITS)
def test_random_plans_with_problems_read_the_same_both_ways(text, limits):
    assert_agree(text, limits)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), soup()))
def test_adversarial_text_reads_the_same_both_ways(text):
    assert_agree(text, Limits(max_depth=20))
