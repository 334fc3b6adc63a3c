"""From a path to a validated `Plan`: read, merge includes, validate the schema and semantics."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from pydantic import ValidationError

from planctl.errors import PlanError
from planctl.gcpause import gc_paused
from planctl.include import PlanSource, as_mapping, load_source
from planctl.located import SourceFile
from planctl.model import Plan
from planctl.reader import Limits, parse
from planctl.schema_errors import translate
from planctl.semantics import check_semantics


@dataclass
class LoadedPlan:
    """A valid plan and the files it was read from."""

    plan: Plan
    source: PlanSource

    @property
    def path(self) -> str:
        return self.source.files[0].path


def _default_id(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0].lower()
    slug = re.sub(r"[^a-z0-9_-]+", "-", stem).strip("-_")
    return slug or "plan"


def validate(source: PlanSource) -> LoadedPlan:
    """Validate merged plan data; raise `PlanError` with every schema or semantic error."""
    path = source.files[0].path
    try:
        plan = Plan.model_validate(source.data)
    except ValidationError as exc:
        raise PlanError(translate(exc, source.data, path)) from None
    if plan.id is None:
        plan.id = _default_id(path)
    problems = check_semantics(plan)
    if problems:
        raise PlanError(problems)
    return LoadedPlan(plan, source)


def load_plan(path: str | os.PathLike[str], limits: Limits = Limits(),
              root: str | os.PathLike[str] | None = None) -> LoadedPlan:
    """Read and validate the plan at `path` with everything it includes ("-": standard input,
    named `<stdin>`, its includes relative to the current folder).

    Includes stay inside `root` (default: the git work tree that holds the plan, else the
    plan's folder). Raises `PlanError` (the plan has errors, each located; `files` holds the
    files read) or `InputError` (it cannot be read).
    """
    source = None
    with gc_paused():
        try:
            source = load_source(os.fspath(path), limits,
                                 None if root is None else os.fspath(root))
            return validate(source)
        except PlanError as exc:
            if source is not None:
                exc.files = list(source.files)
            raise


def load_text(text: str, path: str = "<string>", limits: Limits = Limits()) -> LoadedPlan:
    """Validate a plan given as text (includes are not followed)."""
    source = SourceFile(path, text)
    with gc_paused():
        data = parse(text, source, limits)
        return validate(PlanSource(as_mapping(data, source, "a plan"), [source]))
