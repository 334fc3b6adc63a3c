"""`check`: load and lint plan files, and collect every finding as a value.

The core of `planctl check`. It never prints and never exits: it returns a `CheckResult` that
the reporters (`planctl.report`) format and the command turns into an exit code.

Two kinds of trouble are kept apart:

- a *finding* is something wrong with a plan's content (YAML syntax, schema, semantics, a size
  or alias limit, the encoding) or a lint rule's advice; it is located in the plan;
- a path that could *not be checked* (missing, unreadable, not a regular file, a directory
  without plans, a bad configuration) means planctl could not run as asked.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from planctl.errors import Diagnostic, InputError, PlanError, Severity
from planctl.located import SourceFile
from planctl.reader import STDIN, STDIN_NAME, Limits

if TYPE_CHECKING:
    from planctl.lint.config import LintConfig
    from planctl.loader import LoadedPlan

PLAN_SUFFIXES = (".yaml", ".yml")
# A top-level `planctl:` key: the line starts with it (after a BOM, maybe quoted). Cheap enough
# to run on every YAML file of a repository without parsing any of them.
_PLAN_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[\"']?planctl[\"']?[ \t]*:", re.MULTILINE)
# Virtual environments are recognised by their pyvenv.cfg, whatever their name.
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages"})

# Builds the schedule lint rules read, for one loaded plan (None: those rules are skipped).
ScheduleProvider = Callable[["LoadedPlan", "date | None"], Callable[[], Any]]


@dataclass(frozen=True)
class Finding:
    """A diagnostic and whether it makes the check fail under the configuration in force."""

    diagnostic: Diagnostic
    fails: bool


@dataclass
class FileResult:
    """What checking one plan file found."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)
    """The plan's files as read (the plan first, then what it includes), also when it failed
    to load (as far as it was read)."""
    status_date: date | None = None
    """The status date the rules compared with (`--as-of`, else the plan's), if any."""
    not_run: tuple[str, ...] = ()
    """Enabled rules that need a status date and did not run: the plan has no `status_date`
    and none was given. The check never falls back to the clock."""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.diagnostic.severity == severity)


@dataclass(frozen=True)
class NotChecked:
    """A path planctl could not check, and why."""

    path: str
    message: str


@dataclass
class CheckResult:
    """Everything `check_paths` found, in a stable order."""

    files: list[FileResult] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_plan_error(cls, error: PlanError, limits: Limits = Limits()) -> CheckResult:
        """The result of a plan that failed to load, so commands other than `check` can
        report its diagnostics the same way."""
        findings = [Finding(d, True) for d in error.diagnostics]
        path = findings[0].diagnostic.location.path if findings else "<plan>"
        return cls([FileResult(path, findings, list(error.files))], limits=limits)

    @property
    def findings(self) -> Iterator[Finding]:
        for result in self.files:
            yield from result.findings

    def count(self, severity: Severity) -> int:
        return sum(result.count(severity) for result in self.files)

    @property
    def failing(self) -> int:
        return sum(1 for f in self.findings if f.fails)

    @property
    def without_status_date(self) -> list[FileResult]:
        """The plans on which rules that need a status date did not run."""
        return [r for r in self.files if r.not_run]

    def source(self, path: str) -> SourceFile | None:
        """The text of a file a finding points at, for code frames; None if it was not read.

        Only the text the check itself read as a plan or fragment is ever quoted: a file is
        never read again for a frame (it could be one that planctl refused to read, or one
        changed since).
        """
        for result in self.files:
            for source in result.sources:
                if source.path == path:
                    return source
        return None


def check_paths(
    paths: Iterable[str],
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    strict: bool | None = None,
    as_of: date | None = None,
    limits: Limits = Limits(),
    schedule_provider: ScheduleProvider | None = None,
    root: str | None = None,
    baseline_provider: Callable[[str], Any] | None = None,
) -> CheckResult:
    """Check every plan named by `paths` (files, directories searched for plans, or "-" for
    standard input, reported as `<stdin>`).

    `select`, `ignore` and `strict` override the configuration found upward from each plan
    (an unknown rule raises `ConfigError`); `as_of` overrides each plan's `status_date`. There
    is no fallback to the clock, so the verdict on a commit is the same on every day: with
    neither date, the rules that need a status date do not run and `FileResult.not_run` says
    which (`planctl check --as-of today` passes today's date as `as_of`).
    `schedule_provider(loaded, as_of)` returns the callable that computes a plan's schedule
    for the rules that need dates (`as_of` None: the plan is scheduled without a status date).
    Includes stay inside `root` (default: each plan's git work tree, else its folder).
    `baseline_provider(path)` returns the plan's baseline (`planctl.baseline.Baseline`) or None.
    """
    overrides: dict[str, Any] = {"select": tuple(select), "ignore": tuple(ignore),
                                 "strict": strict}
    overrides = {k: v for k, v in overrides.items() if v}  # only what the caller set
    _validate_overrides(overrides)
    if root is not None:
        from planctl.confine import project_root

        root = project_root(".", root)  # a --root that is not a folder is refused once
    result = CheckResult(limits=limits)
    plans: list[tuple[str, bool]] = []  # (display path, given explicitly)
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = discover(path, limits)
            if not found:
                result.not_checked.append(NotChecked(path, "no plan files found here (YAML files "
                                                     "whose top level has a `planctl:` key)"))
            plans.extend((p, False) for p in found)
        else:
            plans.append((path, True))
    seen: set[str] = set()
    included: set[str] = set()
    checked: list[tuple[FileResult, str, bool]] = []
    for path, explicit in plans:
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        try:
            file_result = _check_file(path, overrides, as_of, limits, schedule_provider,
                                      root, baseline_provider)
        except InputError as exc:
            shown = STDIN_NAME if path == STDIN else path
            result.not_checked.append(NotChecked(shown, _input_message(exc, shown)))
            continue
        included.update(_included_files(file_result))
        checked.append((file_result, real, explicit))
    # A fragment is checked through the plan that includes it, not again on its own.
    result.files = [r for r, real, explicit in checked if explicit or real not in included]
    return result


def _included_files(result: FileResult) -> set[str]:
    """Real paths of the files a plan read besides itself.

    When the plan failed to load, its sources are unknown: any other file a finding points
    into was reached through its includes.
    """
    own = os.path.realpath(result.path)
    paths = {s.path for s in result.sources[1:]}
    paths.update(f.diagnostic.location.path for f in result.findings)
    return {real for real in map(os.path.realpath, paths) if real != own}


def _validate_overrides(overrides: dict[str, Any]) -> None:
    """Raise `ConfigError` for an unknown rule in `--select`/`--ignore`, once, before any file."""
    from planctl.lint import LintConfig

    LintConfig().with_overrides(**overrides)


def _input_message(exc: InputError, path: str) -> str:
    text = str(exc)
    return text.removeprefix(f"{path}: ")


def _check_file(path: str, overrides: dict[str, Any], as_of: date | None, limits: Limits,
                schedule_provider: ScheduleProvider | None,
                root: str | None = None,
                baseline_provider: Callable[[str], Any] | None = None) -> FileResult:
    from planctl.gcpause import gc_paused

    # Settings are found upward from the plan; for standard input, from the current folder.
    config = _config("." if path == STDIN else path, overrides)
    result = FileResult(STDIN_NAME if path == STDIN else path)
    # One pause over reading, scheduling and linting: the plan and its schedule are freed (by
    # reference counting) when `_load_and_lint` returns, before the collector runs again, so
    # no collection scans the hundreds of thousands of objects of a large plan while it lives.
    # The command line freezes what survives each pause anyway (gcpause); this is for Python
    # callers (measured in one process at 10,000 tasks: collections 0.64 s -> 0.002 s).
    with gc_paused():
        _load_and_lint(path, config, as_of, limits, schedule_provider, root, baseline_provider,
                       result)
    return result


def _load_and_lint(path: str, config: LintConfig, as_of: date | None, limits: Limits,
                   schedule_provider: ScheduleProvider | None, root: str | None,
                   baseline_provider: Callable[[str], Any] | None, result: FileResult) -> None:
    """Fill `result` with what loading and linting the plan at `path` finds."""
    from planctl.loader import load_plan

    try:
        loaded = load_plan(path, limits, root)
    except PlanError as exc:
        # A plan that does not load always fails: no configuration can make it usable.
        result.findings = [Finding(d, True) for d in exc.diagnostics]
        result.sources = list(exc.files)
        return
    result.sources = list(loaded.source.files)
    try:
        saved = baseline_provider(path) if baseline_provider is not None else None
    except PlanError as exc:  # a baseline file that is not one
        result.findings = [Finding(d, True) for d in exc.diagnostics]
        return
    result.status_date = as_of if as_of is not None else loaded.plan.status_date
    if result.status_date is None:
        result.not_run = rules_needing_a_status_date(config)
    diagnostics = _lint(loaded, config, result.status_date, schedule_provider, saved)
    result.findings = [Finding(d, config.fails(d)) for d in diagnostics]


def _config(path: str, overrides: dict[str, Any]) -> LintConfig:
    from planctl.lint import load_config

    return load_config(path).with_overrides(**overrides)


def scheduler(*, level: bool = True) -> ScheduleProvider:
    """The schedule provider `planctl check` uses: `schedule_plan` with or without levelling."""

    def provide(loaded: LoadedPlan, as_of: date | None) -> Callable[[], Any]:
        def schedule() -> Any:
            from planctl.schedule import schedule_plan

            return schedule_plan(loaded.plan, as_of=as_of, level=level)

        return schedule

    return provide


def rules_needing_a_status_date(config: LintConfig) -> tuple[str, ...]:
    """Codes of the rules `config` enables that compare with a status date."""
    from planctl.lint import RULES

    return tuple(code for code, rule in RULES.items()
                 if rule.needs_as_of and config.enabled(code))


def _lint(loaded: LoadedPlan, config: LintConfig, when: date | None,
          schedule_provider: ScheduleProvider | None, baseline: Any = None) -> list[Diagnostic]:
    """The lint findings and any scheduling errors of one loaded plan, sorted by place."""
    from planctl.lint import lint_plan

    failures: list[PlanError] = []
    provider = None
    if schedule_provider is not None:
        make = schedule_provider(loaded, when)

        def provider() -> Any:
            # A plan that is valid but cannot be put on a calendar (an unknown country, no
            # working days) is an error of the plan: keep it to report beside the lint findings.
            try:
                return make()
            except PlanError as exc:
                failures.append(exc)
                raise

    found = lint_plan(loaded, config, as_of=when, schedule_provider=provider, baseline=baseline)
    if not failures:
        return found  # already sorted by place
    return sorted(found + [d for exc in failures for d in exc.diagnostics],
                  key=lambda d: d.sort_key)


def discover(directory: str, limits: Limits = Limits()) -> list[str]:
    """Plan files under `directory`, sorted: YAML files with a top-level `planctl:` key.

    Hidden files and directories, virtual environments, `node_modules` and the like are
    skipped; symbolic links to directories are not followed (they could loop), and links to
    files outside `directory` are skipped (a pull request must not point `check` elsewhere).
    """
    from planctl.confine import inside

    top = os.path.realpath(directory)
    found: list[str] = []
    stack = [directory]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in _SKIPPED_DIRS and not os.path.exists(
                            os.path.join(entry.path, "pyvenv.cfg")):
                        stack.append(entry.path)
                elif entry.name.lower().endswith(PLAN_SUFFIXES) and (
                        not entry.is_symlink() or inside(os.path.realpath(entry.path), top)
                ) and _looks_like_plan(entry.path, limits):
                    found.append(entry.path)
            except OSError:
                continue
    return sorted(found)


def _looks_like_plan(path: str, limits: Limits) -> bool:
    """Whether a file has a line starting `planctl:`; reads at most the size limit + 1 bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        tail, size = b"", 0
        while size <= limits.max_bytes:
            chunk = os.read(fd, min(1 << 16, limits.max_bytes + 1 - size))
            if not chunk:
                return False
            size += len(chunk)
            block = tail + chunk
            if _PLAN_KEY.search(block):
                return True
            # Keep the last partial line: a key may straddle two chunks. A partial line longer
            # than the key did not start with it; a sentinel stops `^` matching inside it.
            cut = block.rfind(b"\n")
            tail = block[cut:] if cut >= 0 else block
            if len(tail) > 64:
                tail = b"x"
        return False  # no `planctl:` line within the size limit: not a plan
    except OSError:
        return False
    finally:
        os.close(fd)
