"""The plan's sections other than phases and tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from planctl.model.base import Base
from planctl.model.fields import (
    WEEKDAYS,
    Cadence,
    Day,
    Id,
    Level,
    Money,
    Name,
    NonNegative,
    Number,
    Probability,
    ResourceKind,
    RiskStatus,
    Score,
    Text,
    Units,
    Weekday,
    probability_scale,
)
from planctl.model.tasks import Estimate


class DateSpan(Base):
    """A day (`2026-05-25`), a named day (`{date, name}`) or a range (`{from, to, name}`)."""

    date: Day | None = None
    """A single day."""
    from_: Day | None = Field(default=None, alias="from")
    """First day of a range."""
    to: Day | None = None
    """Last day of a range (inclusive)."""
    name: Text | None = None
    """What the day or range is, shown in reports."""

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        if isinstance(data, (str, date)):
            return {"date": data}
        return data

    @model_validator(mode="after")
    def _one_form(self) -> DateSpan:
        if self.date is not None and (self.from_ is not None or self.to is not None):
            raise PydanticCustomError("span_form", "write either `date` or `from`/`to`, not both")
        if self.date is None and (self.from_ is None or self.to is None):
            raise PydanticCustomError("span_form", "a range needs both `from` and `to`")
        if self.from_ is not None and self.to is not None and self.to < self.from_:
            raise PydanticCustomError("span_order", "`to` ({to}) is before `from` ({start})",
                                      {"to": self.to.isoformat(),
                                       "start": self.from_.isoformat()})
        return self

    @property
    def first(self) -> date:
        return self.date or self.from_  # type: ignore[return-value]

    @property
    def last(self) -> date:
        return self.date or self.to  # type: ignore[return-value]


class Calendar(Base):
    """Which days are working days."""

    workdays: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]), min_length=1)
    """Working weekdays: mon, tue, wed, thu, fri, sat, sun."""
    holidays: list[DateSpan] = Field(default_factory=list)
    """Non-working days: dates, `{date, name}` or `{from, to, name}`."""
    country: Text | None = None
    """ISO 3166 country code whose public holidays are non-working (`US`, `NO`)."""
    subdivision: Text | None = None
    """State or province code for regional public holidays (`CA`)."""

    @model_validator(mode="after")
    def _unique_days(self) -> Calendar:
        if len(set(self.workdays)) != len(self.workdays):
            raise PydanticCustomError("workdays_unique", "workdays lists a day twice")
        return self


class KPI(Base):
    """How an objective is measured."""

    metric: Name
    """What is measured."""
    unit: Text | None = None
    """Unit of the values (`%`, `ms`, `tickets`)."""
    baseline: Number | None = None
    """Value before the change."""
    target: Number | None = None
    """Value that means the objective is met."""
    current: Number | None = None
    """Latest measured value."""

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target, 0..1, or None when not measurable."""
        if self.target is None or self.current is None:
            return None
        baseline = self.baseline if self.baseline is not None else 0
        if self.target == baseline:
            return 1.0 if self.current == self.target else 0.0
        return max(0.0, min(1.0, (self.current - baseline) / (self.target - baseline)))


class Objective(Base):
    """What the plan is for."""

    id: Id
    """Unique objective id."""
    name: Text | None = None
    """Short name."""
    description: Name
    """What success looks like."""
    kpi: KPI | None = None
    """The measure of success."""


class Resource(Base):
    """A person, team or piece of equipment that does work."""

    id: Id
    """Unique resource id."""
    name: Name
    """Display name."""
    role: Text | None = None
    """Role in the plan."""
    kind: ResourceKind = "person"
    """person | team | equipment."""
    capacity: Units = 1
    """Units available per working day (1 = one full-time person)."""
    rate: Money = 0
    """Cost per working day at one unit."""
    leave: list[DateSpan] = Field(default_factory=list)
    """Days the resource is away: dates or `{from, to}` ranges."""


class Budget(Base):
    """The money available."""

    currency: Text = "USD"
    """ISO 4217 code shown with amounts."""
    total: Money
    """Total budget."""


class Risk(Base):
    """Something that may go wrong, and what is done about it."""

    id: Id
    """Unique risk id."""
    title: Name
    """Short statement of the risk."""
    description: Text | None = None
    """Markdown text."""
    probability: Probability
    """1..5 (rare..almost certain) or a fraction 0..1."""
    impact: Score
    """1..5 (negligible..severe)."""
    owner: Id | None = None
    """Resource or stakeholder id who watches the risk."""
    affects: list[Id] = Field(default_factory=list)
    """Tasks or phases delayed when the risk occurs."""
    delay: Estimate | None = None
    """Delay added to affected tasks when it occurs (three-point)."""
    mitigation: Text | None = None
    """What lowers its probability or impact now."""
    contingency: Text | None = None
    """What is done if it occurs."""
    status: RiskStatus = "open"
    """open | mitigating | closed | occurred."""
    review_by: Day | None = None
    """Date by which the risk is next reviewed."""

    @property
    def score(self) -> int:
        """Probability (on the 1..5 scale) × impact: 1..25."""
        return probability_scale(self.probability) * self.impact


class Stakeholder(Base):
    """Someone with an interest in the plan."""

    id: Id
    """Unique stakeholder id."""
    name: Name
    """Display name."""
    role: Text | None = None
    """Role or organisation."""
    influence: Level = "medium"
    """low | medium | high."""
    interest: Level = "medium"
    """low | medium | high."""
    engagement: Text | None = None
    """How they are engaged."""


class Communication(Base):
    """A recurring message to stakeholders."""

    name: Name
    """What the communication is."""
    audience: list[Id] = Field(min_length=1)
    """Stakeholder ids who receive it."""
    channel: Text | None = None
    """email, meeting, chat, wiki..."""
    cadence: Cadence = "weekly"
    """daily | weekly | biweekly | monthly | per-milestone."""
    owner: Id | None = None
    """Resource or stakeholder id who sends it."""


class Lesson(Base):
    """A lesson learned, kept with the plan."""

    date: Day
    """When it was learned."""
    text: Name
    """What was learned."""
    action: Text | None = None
    """What changes because of it."""


__all__ = ["KPI", "Budget", "Calendar", "Communication", "DateSpan", "Lesson", "NonNegative",
           "Objective", "Resource", "Risk", "Stakeholder"]
