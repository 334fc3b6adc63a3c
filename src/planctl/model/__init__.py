"""Pydantic models of the plan file format (version 1)."""

from planctl.model.fields import Duration, probability_scale
from planctl.model.plan import FORMAT_VERSION, Plan
from planctl.model.sections import (
    KPI,
    Budget,
    Calendar,
    Communication,
    DateSpan,
    Lesson,
    Objective,
    Resource,
    Risk,
    Stakeholder,
)
from planctl.model.tasks import Assignment, Dependency, Estimate, Phase, Task

__all__ = [
    "FORMAT_VERSION",
    "KPI",
    "Assignment",
    "Budget",
    "Calendar",
    "Communication",
    "DateSpan",
    "Dependency",
    "Duration",
    "Estimate",
    "Lesson",
    "Objective",
    "Phase",
    "Plan",
    "Resource",
    "Risk",
    "Stakeholder",
    "Task",
    "probability_scale",
]
