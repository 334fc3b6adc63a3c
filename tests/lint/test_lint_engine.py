"""lint_plan itself: status dates, the lazy schedule provider, order, speed."""

from __future__ import annotations

from datetime import date

import pytest
from lintutil import codes, lint_text, loaded_big, plan_with

from planctl.errors import InputError, PlanctlError, PlanError, Severity
from planctl.lint import RULES, LintConfig, Rule, effective_as_of, engine, lint_plan, registry
from planctl.loader import load_text

LATE = plan_with("""\
    - id: a
      name: A
      duration: 1d
      owner: alice
      deadline: 2026-02-01
    """)  # T125 when the status date is after 2026-02-01


def test_status_date_rules_use_as_of_then_status_date_and_are_skipped_without_either():
    assert "T125" not in codes(lint_text(LATE))  # no status date at all: skipped
    assert "T125" in codes(lint_text(LATE, as_of=date(2026, 2, 2)))
    assert "T125" not in codes(lint_text(LATE, as_of=date(2026, 1, 30)))
    with_status = LATE.replace("start: 2026-01-05\n", "start: 2026-01-05\n"
                               "status_date: 2026-03-01\n")
    assert "T125" in codes(lint_text(with_status))
    # The caller's as_of wins over the plan's status_date.
    assert "T125" not in codes(lint_text(with_status, as_of=date(2026, 1, 30)))


def test_effective_as_of_prefers_override_then_status_date_then_today():
    plan = load_text(LATE).plan
    today = date(2030, 1, 1)
    assert effective_as_of(plan, None, today) == today
    assert effective_as_of(plan, date(2026, 2, 2), today) == date(2026, 2, 2)
    plan.status_date = date(2026, 3, 1)
    assert effective_as_of(plan, None, today) == date(2026, 3, 1)
    assert effective_as_of(plan, date(2026, 2, 2), today) == date(2026, 2, 2)


def test_findings_are_sorted_by_place_then_code():
    text = plan_with("- {id: a, name: A, duration: 1d}\n- {id: b, name: A, duration: 1d}\n")
    found = lint_text(text)
    keys = [d.sort_key for d in found]
    assert keys == sorted(keys) and len(found) >= 3


def test_default_config_is_used_when_none_is_given():
    text = plan_with("- {id: a, name: A, duration: 1d}\n")
    assert lint_plan(load_text(text)) == lint_plan(load_text(text), LintConfig())


# --- the schedule provider ------------------------------------------------------------------


class FakeScheduleRule(Rule):
    """Stands in for the D rules: reports the schedule's finish once."""

    needs_schedule = True
    summary = "test rule"
    bad = good = ""

    def __init__(self, code: str) -> None:
        self.code, self.name = code, f"fake-{code.lower()}"  # type: ignore[misc]

    def check(self, ctx):
        schedule = ctx.schedule
        assert schedule is not None
        yield self.finding(ctx.plan.location("name"), f"finish {schedule}")


class Provider:
    def __init__(self, result=None, error: Exception | None = None) -> None:
        self.calls, self.result, self.error = 0, result, error

    def __call__(self):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.result


@pytest.fixture
def with_schedule_rules(monkeypatch):
    # The shipped D rules read a real Schedule; these tests feed the fake rules a stand-in.
    shipped = {c: r for c, r in RULES.items() if not r.needs_schedule}
    rules = {**shipped, "D901": FakeScheduleRule("D901"), "D902": FakeScheduleRule("D902")}
    monkeypatch.setattr(engine, "RULES", rules)
    monkeypatch.setattr(registry, "RULES", rules)  # so that config accepts the D codes
    return rules


PLAIN = plan_with("- {id: a, name: A, duration: 1d}\n")  # T101: a task without owner


def test_the_provider_is_not_called_when_no_enabled_rule_needs_it(with_schedule_rules):
    provider = Provider("S")
    found = lint_text(PLAIN, LintConfig(ignore=("D9",)), schedule_provider=provider)
    assert provider.calls == 0
    assert not {"D901", "D902"} & set(codes(found))
    found = lint_text(PLAIN, LintConfig(select=("T",)), schedule_provider=provider)
    assert provider.calls == 0


def test_the_provider_is_not_called_when_the_schedule_rules_are_off():
    provider = Provider(error=AssertionError("must not be called"))
    lint_text(PLAIN, LintConfig(ignore=("D",)), schedule_provider=provider)
    assert provider.calls == 0


def test_the_provider_is_called_once_for_all_schedule_rules(with_schedule_rules):
    provider = Provider("S")
    found = lint_text(PLAIN, schedule_provider=provider)
    assert provider.calls == 1
    assert [d.message for d in found if d.code.startswith("D9")] == ["finish S", "finish S"]


def test_schedule_rules_are_skipped_without_a_provider(with_schedule_rules):
    found = lint_text(PLAIN)
    assert not {"D901", "D902"} & set(codes(found))


@pytest.mark.parametrize("error", [PlanError([]), InputError("no calendar"),
                                   PlanctlError("cannot schedule")])
def test_a_failing_provider_skips_schedule_rules_silently(with_schedule_rules, error):
    provider = Provider(error=error)
    found = lint_text(PLAIN, schedule_provider=provider)
    assert provider.calls == 1
    assert not {"D901", "D902"} & set(codes(found))
    assert "T101" in codes(found)  # the other rules still ran


def test_a_bug_in_the_provider_is_not_swallowed(with_schedule_rules):
    with pytest.raises(ZeroDivisionError):
        lint_text(PLAIN, schedule_provider=Provider(error=ZeroDivisionError()))


# --- speed ----------------------------------------------------------------------------------


def test_linting_10000_tasks_locates_every_finding():
    # Speed is measured in benchmarks/ (docs/benchmarks.md), not asserted here.
    loaded = loaded_big(10_000)
    found = lint_plan(loaded)
    # Half the tasks lack an owner and every name repeats once: 10,000 findings to locate.
    assert codes(found).count("T101") == 5000 and codes(found).count("T103") == 5000
    assert all(d.location.line > 1 for d in found if d.code in ("T101", "T103"))
    quiet = LintConfig(ignore=("T101", "T103"))
    assert not {"T101", "T103"} & set(codes(lint_plan(loaded, quiet)))


def test_severity_default_is_not_changed_without_config():
    text = plan_with("- {id: a, name: A, duration: 1d}\n")
    assert {d.code: d.severity for d in lint_text(text)}["T101"] == Severity.WARNING
