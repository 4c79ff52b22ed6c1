"""`vkc diff BASE [HEAD]`: what a change does to the content, field by field, in every language."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..diagnostics import Diagnostic, UsageError
from ..document.changes import ChangeSet, FieldValue, RecordChange, change_set
from ..revisions import content_at
from ..site.review import changed_pages, review_html
from . import add_content_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `diff`."""
    diff = sub.add_parser(
        "diff", help="records and fields changed between two git revisions (or a revision and the working tree)"
    )
    add_content_option(diff)
    diff.add_argument(
        "base", metavar="BASE", help="the state before the change: a version id, or a git commit, branch or tag"
    )
    diff.add_argument(
        "head", nargs="?", metavar="HEAD", help="the state after it, the same way (default: the working tree)"
    )
    diff.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text", help="output format")
    diff.add_argument("--out", type=Path, metavar="DIR", help="with --format html: folder for the review page")
    diff.set_defaults(handler=run_diff)


_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _shown(value: FieldValue) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(value)
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def format_text(changes: ChangeSet) -> str:
    """One block per record: ``~ kind id``, its changed fields, the translations made stale."""
    lines: list[str] = []
    for record in changes.records:
        lines.append(f"{_SIGN[record.change]} {record.kind} {record.id}")
        lines += [f"    {f.key}: {_shown(f.old)} -> {_shown(f.new)}" for f in record.fields]
        if record.stale:
            lines.append("    now stale: " + ", ".join(f"{key} ({lang})" for key, lang in record.stale))
    lines.append(_summary(changes.records))
    return "\n".join(lines)


def _summary(records: tuple[RecordChange, ...]) -> str:
    counts = {kind: sum(1 for r in records if r.change == kind) for kind in ("added", "removed", "changed")}
    return (
        f"{len(records)} record(s): {counts['added']} added, {counts['removed']} removed, {counts['changed']} changed"
    )


def _cell(value: FieldValue) -> str:
    return _shown(value).replace("|", "\\|")


def format_markdown(changes: ChangeSet) -> str:
    """A pull request's job summary: a table of changed fields per record."""
    lines = ["## Content changes", "", _summary(changes.records), ""]
    for record in changes.records:
        lines.append(f"### {_SIGN[record.change]} `{record.id}` ({record.kind}, {record.change})")
        lines.append("")
        if record.fields:
            lines += ["| Field | Before | After |", "|---|---|---|"]
            lines += [f"| `{f.key}` | {_cell(f.old)} | {_cell(f.new)} |" for f in record.fields]
            lines.append("")
        if record.stale:
            lines += ["Translations now stale: " + ", ".join(f"`{key}` ({lang})" for key, lang in record.stale), ""]
    return "\n".join(lines).rstrip() + "\n"


def run_diff(args: argparse.Namespace) -> int:
    """Print the change set; exit 0 (a change is not an error), 1 on invalid content, 2 on a bad revision."""
    before = content_at(args.content, args.base)
    after = content_at(args.content, args.head)
    changes = change_set(before, after)
    if args.format == "html":
        if args.out is None:
            raise UsageError([Diagnostic("vkc diff", 0, 0, "usage.diff-out", "--format html needs --out DIR")])
        args.out.mkdir(parents=True, exist_ok=True)
        title = f"Review: {args.base} → {args.head or 'working tree'}"
        (args.out / "index.html").write_text(review_html(before, after, changes, title), encoding="utf-8")
        print(f"wrote {args.out / 'index.html'} ({len(changes.records)} record(s) changed)")
    elif args.format == "json":
        data = {**changes.to_json(), "pages": changed_pages(before, after, changes)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(format_markdown(changes), end="")
    else:
        print(format_text(changes))
        pages = changed_pages(before, after, changes)
        if pages:
            print("pages: " + ", ".join(pages))
    return 0
