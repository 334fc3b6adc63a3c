"""The whole plan file."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from planctl.model.base import Base
from planctl.model.fields import Day, Id, Name, Slug, Text
from planctl.model.sections import (
    Budget,
    Calendar,
    Communication,
    Lesson,
    Objective,
    Resource,
    Risk,
    Stakeholder,
)
from planctl.model.tasks import Phase, Task

FORMAT_VERSION = 1


def _version(value: Any) -> Any:
    if value == FORMAT_VERSION and not isinstance(value, bool):
        return FORMAT_VERSION
    if isinstance(value, str):
        raise PydanticCustomError(
            "format_version", "the format version is a number, not the text '{value}': "
            "write `planctl: 1`", {"value": value})
    raise PydanticCustomError(
        "format_version", "unsupported plan format version {value}: this planctl reads "
        "version 1", {"value": value})


class Plan(Base):
    """An implementation plan (planctl format version 1)."""

    planctl: Annotated[Literal[1], BeforeValidator(_version)]
    """Format version of the file; always 1."""
    id: Slug | None = None
    """Slug unique in a portfolio; defaults to the file name."""
    name: Name
    """Name of the plan."""
    owner: Id | None = None
    """A resource or stakeholder id accountable for the plan."""
    start: Day
    """The first day work may be scheduled."""
    status_date: Day | None = None
    """The "as of" date for progress; `--as-of` overrides it. Without it `check` skips the
    rules that need a status date (it never reads the clock); `render` and `status` use today
    and say so."""
    description: Text | None = None
    """Markdown text."""
    calendar: Calendar = Field(default_factory=Calendar)
    """Working days, holidays and public holidays."""
    objectives: list[Objective] = Field(default_factory=list)
    """What the plan is for, with KPIs."""
    resources: list[Resource] = Field(default_factory=list)
    """People, teams and equipment that do the work."""
    budget: Budget | None = None
    """The money available."""
    phases: list[Phase] = Field(default_factory=list)
    """Phases and their tasks."""
    risks: list[Risk] = Field(default_factory=list)
    """Risks with probability, impact and mitigation."""
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    """People with an interest in the plan."""
    communications: list[Communication] = Field(default_factory=list)
    """How stakeholders are kept informed."""
    lessons: list[Lesson] = Field(default_factory=list)
    """Lessons learned."""
    include: list[Text] = Field(default_factory=list)
    """More files whose sections are merged into this plan (paths relative to this file)."""

    def iter_tasks(self) -> Iterator[tuple[Phase, Task]]:
        """Every task with its phase, in file order."""
        for phase in self.phases:
            for task in phase.tasks:
                yield phase, task

    @cached_property
    def tasks_by_id(self) -> dict[str, Task]:
        return {task.id: task for _, task in self.iter_tasks()}

    @cached_property
    def phases_by_id(self) -> dict[str, Phase]:
        return {phase.id: phase for phase in self.phases}

    @cached_property
    def resources_by_id(self) -> dict[str, Resource]:
        return {resource.id: resource for resource in self.resources}

    @cached_property
    def stakeholders_by_id(self) -> dict[str, Stakeholder]:
        return {person.id: person for person in self.stakeholders}
