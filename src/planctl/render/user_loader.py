"""The loader of `--templates DIR`: templates from that directory and nothing outside it.

A templates folder may come from a stranger's pull request, and git keeps symbolic links: a
`plan.md.j2` (or a folder) linking to `/proc/self/environ` or `~/.ssh/id_rsa` would print
the CI job's secrets into the published page. Jinja's `FileSystemLoader` already refuses `..`
in template names and reads only regular files; this one also refuses a template whose real
path (links followed) leaves the directory, and one larger than `MAX_TEMPLATE_BYTES`.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

MAX_TEMPLATE_BYTES = 1024 * 1024
"""The largest template file read from `--templates DIR`."""


class ConfinedLoader(jinja2.FileSystemLoader):
    """Templates found under one directory whose real paths stay inside it."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        super().__init__(os.fspath(directory))
        self.root = os.path.realpath(directory)

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        filename = posixpath.join(self.searchpath[0], *pieces)
        if not os.path.isfile(filename):
            raise jinja2.TemplateNotFound(template)
        real = os.path.realpath(filename)
        if os.path.commonpath([real, self.root]) != self.root:
            raise jinja2.TemplateError(
                f"{template} links to a file outside the templates directory "
                f"{self.searchpath[0]}; refused")
        with open(real, "rb") as file:
            data = file.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            raise jinja2.TemplateError(f"{template} is larger than "
                                       f"{MAX_TEMPLATE_BYTES // 1024} KB; refused")
        try:
            contents = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise jinja2.TemplateError(f"{template} is not UTF-8 text (byte "
                                       f"{exc.start}); refused") from None
        mtime = os.path.getmtime(real)
        return contents, os.path.normpath(filename), lambda: _unchanged(real, mtime)

    def list_templates(self) -> list[str]:
        return [name for name in super().list_templates() if self._inside(name)]

    def _inside(self, name: str) -> bool:
        real = os.path.realpath(posixpath.join(self.searchpath[0], name))
        return os.path.commonpath([real, self.root]) == self.root


def _unchanged(path: str, mtime: Any) -> bool:
    try:
        return os.path.getmtime(path) == mtime
    except OSError:
        return False
