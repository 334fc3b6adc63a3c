"""The pull-request comment of the GitHub Action (`action.yml`): one comment, updated in place.

    python -m planctl.action comment --body-file diff.md

reads the `planctl diff --format markdown` output and makes the pull request carry exactly one
planctl comment, found by a hidden marker: it is created when the plans' schedule changed,
edited in place on every later push, shortened to one line when nothing changes any more, and
never created just to say that nothing changed. Extra marked comments (from a race) are deleted.

`decide()` is the whole policy and is pure; `GitHubComments` talks to the REST API with urllib
(`GITHUB_API_URL`, `GITHUB_REPOSITORY`, `GITHUB_TOKEN`, and the pull request number from
`GITHUB_EVENT_PATH` or `--pr`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

MARKER = "<!-- planctl-diff -->"
NO_CHANGE_PREFIX = "**planctl: no schedule change.**"
SHORT_NO_CHANGE = (f"{MARKER}\n**planctl: no schedule change** in the latest push: the plans "
                   "schedule as on the base branch.\n")
MAX_BODY = 65_536


@dataclass(frozen=True)
class Step:
    """One API call to make: create, update or delete a comment."""

    action: str
    """'create', 'update' or 'delete'."""
    comment_id: int | None = None
    body: str | None = None


def comment_body(diff_markdown: str) -> str:
    """The comment for a diff: the marker, then the report, cut to GitHub's limit."""
    body = f"{MARKER}\n{diff_markdown.strip()}\n"
    if len(body) > MAX_BODY:  # `planctl diff` stays under it; this is a last guard
        body = body[: MAX_BODY - 80] + "\n\n… (cut at GitHub's comment size limit)\n"
    return body


def decide(existing: list[dict[str, Any]], diff_markdown: str) -> list[Step]:
    """What to do, given the pull request's comments and this run's diff."""
    ours = sorted((c for c in existing if MARKER in str(c.get("body", ""))),
                  key=lambda c: int(c["id"]))
    unchanged = diff_markdown.lstrip().startswith(NO_CHANGE_PREFIX) or not diff_markdown.strip()
    steps = [Step("delete", int(c["id"])) for c in ours[1:]]
    if unchanged:
        if ours and ours[0].get("body") != SHORT_NO_CHANGE:
            steps.insert(0, Step("update", int(ours[0]["id"]), SHORT_NO_CHANGE))
        return steps
    body = comment_body(diff_markdown)
    if not ours:
        return [Step("create", None, body)]
    if ours[0].get("body") != body:
        steps.insert(0, Step("update", int(ours[0]["id"]), body))
    return steps


class GitHubComments:
    """The issue-comments endpoints of one pull request."""

    def __init__(self, api: str, repository: str, number: int, token: str) -> None:
        if not repository.count("/") == 1 or any(c in repository for c in "?#\\ "):
            raise ValueError(f"bad repository {repository!r}")
        self.api = api.rstrip("/")
        self.repository = repository
        self.number = int(number)
        self.token = token

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.api + path, data=data, method=method, headers={
            "Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json",
            "User-Agent": "planctl-action"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode("utf-8")
        return json.loads(text) if text else None

    def list(self) -> list[dict[str, Any]]:
        comments: list[dict[str, Any]] = []
        for page in range(1, 101):  # 10,000 comments at most
            batch = self._call("GET", f"/repos/{self.repository}/issues/{self.number}/comments"
                                      f"?per_page=100&page={page}")
            comments += batch
            if len(batch) < 100:
                break
        return comments

    def apply(self, step: Step) -> None:
        base = f"/repos/{self.repository}/issues"
        if step.action == "create":
            self._call("POST", f"{base}/{self.number}/comments", {"body": step.body})
        elif step.action == "update":
            self._call("PATCH", f"{base}/comments/{step.comment_id}", {"body": step.body})
        elif step.action == "delete":
            self._call("DELETE", f"{base}/comments/{step.comment_id}")


def _pr_number(explicit: int | None) -> int | None:
    if explicit is not None:
        return explicit
    event = os.environ.get("GITHUB_EVENT_PATH")
    if not event or not os.path.isfile(event):
        return None
    with open(event, encoding="utf-8") as handle:
        data = json.load(handle)
    number = (data.get("pull_request") or {}).get("number") or data.get("number")
    return int(number) if number else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planctl.action")
    sub = parser.add_subparsers(dest="command", required=True)
    comment = sub.add_parser("comment", help="post or update the pull-request comment")
    comment.add_argument("--body-file", required=True)
    comment.add_argument("--pr", type=int, default=None)
    comment.add_argument("--dry-run", action="store_true",
                         help="print the API calls instead of making them")
    args = parser.parse_args(argv)
    with open(args.body_file, encoding="utf-8") as handle:
        markdown = handle.read()
    number = _pr_number(args.pr)
    if number is None:
        print("planctl action: not a pull request; no comment", file=sys.stderr)
        return 0
    api = os.environ.get("GITHUB_API_URL", "https://api.github.com")
    client = GitHubComments(api, os.environ.get("GITHUB_REPOSITORY", ""), number,
                            os.environ.get("GITHUB_TOKEN", ""))
    try:
        steps = decide(client.list(), markdown)
        for step in steps:
            if args.dry_run:
                print(json.dumps({"action": step.action, "comment_id": step.comment_id,
                                  "body": step.body}))
            else:
                client.apply(step)
    except urllib.error.HTTPError as exc:
        # A pull request from a fork gets a read-only token: say so, do not fail the check.
        print(f"::warning::planctl could not update the pull-request comment: HTTP {exc.code} "
              f"{' '.join(str(exc.reason).split())}", file=sys.stderr)
        return 0
    except (urllib.error.URLError, OSError) as exc:
        print(f"::warning::planctl could not reach the GitHub API: {' '.join(str(exc).split())}",
              file=sys.stderr)
        return 0
    print(f"planctl action: {', '.join(s.action for s in steps) or 'nothing to do'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
