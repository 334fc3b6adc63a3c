"""Ids from names: readable, unique, valid plan ids, the same for the same names."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planctl.importer.ids import IdMaker, slug

_PLAN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")


def test_readable_ids_from_names():
    ids = IdMaker("task")
    assert [ids.make(n, i) for i, n in enumerate(
        ["Configure CRM", "Configure CRM", "Café déjà vu", "构建", "", "configure-crm-2"])] == [
        "configure-crm", "configure-crm-2", "cafe-deja-vu", "task-3", "task-4",
        "configure-crm-2-2"]


def test_long_names_are_cut_at_a_word():
    assert slug("Migrate the customer database to the new cluster in Frankfurt") == (
        "migrate-the-customer-database-to-the-new")
    assert len(slug("x" * 99)) == 40


@given(st.lists(st.text(max_size=60), max_size=30))
def test_ids_are_unique_valid_and_stable(names: list[str]):
    makers = IdMaker("task"), IdMaker("task")
    first = [makers[0].make(n, i) for i, n in enumerate(names)]
    again = [makers[1].make(n, i) for i, n in enumerate(names)]
    assert first == again
    assert len(set(first)) == len(first)
    assert all(_PLAN_ID.match(each) for each in first)
