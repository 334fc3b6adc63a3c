"""Where the files planctl ships beside its code are found: `templates/` (and `schemas/`).

They live at the top of the repository, next to `src/`, where a user looking for a template to
override finds them. The wheel carries them inside the package (`planctl/templates/`: see
`[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml), so an installed planctl
finds them in its package directory, and a checkout, or an editable install (whose package is
the checkout's `src/planctl`), at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


class NotShipped(RuntimeError):
    """planctl is installed without files it ships: a bug of its packaging (exit 3), not
    something the user asked for."""


def shipped_dir(name: str, marker: str) -> Path:
    """The directory `name` (`"templates"`) that planctl ships, recognised by the file
    `marker` in it (a leftover empty folder of an old checkout is not taken for it).

    Raises `NotShipped` when neither place has it.
    """
    installed = PACKAGE / name
    checkout = PACKAGE.parent.parent / name
    for place in (installed, checkout):
        if (place / marker).is_file():
            return place
    raise NotShipped(f"planctl is installed without its {name}/ (looked in {installed} "
                            f"and {checkout}); reinstall planctl")


def templates_dir() -> Path:
    """The packaged Jinja templates of the pages, and the template of `planctl init`."""
    return shipped_dir("templates", "plan.md.j2")
