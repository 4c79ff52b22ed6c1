"""`vkc version publish ID --date DATE`: freeze the content as a version.

It writes ``versions/ID.json`` (the snapshot) and adds the version to the publication's list
in the YAML, the version before it becoming superseded; the editor commits both in the pull
request that publishes the version. The YAML is edited as text at the places the parser
reports, so comments and layout elsewhere stay as the editor wrote them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from ..content import Content, load_content
from ..diagnostics import ContentError, Diagnostic, UsageError, display_path
from ..model import PartialDate, source_hash
from ..snapshots import snapshot_bytes, snapshot_path
from . import add_content_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `version publish`."""
    version = sub.add_parser("version", help="publish dated versions of the whole publication")
    vsub = version.add_subparsers(dest="action", required=True, metavar="ACTION")
    publish = vsub.add_parser("publish", help="freeze the content as version ID (snapshot + entry in the YAML)")
    add_content_option(publish)
    publish.add_argument("id", metavar="ID", help="permanent id of the version, e.g. 2026-11 or v1")
    publish.add_argument("--date", required=True, metavar="DATE", help="publication date, YYYY-MM-DD")
    publish.add_argument("--summary-vi", required=True, metavar="TEXT", help="what changed, in Vietnamese")
    publish.add_argument("--summary-en", metavar="TEXT", help="the same in English")
    publish.add_argument("--summary-ko", metavar="TEXT", help="the same in Korean")
    publish.set_defaults(handler=run_publish)


def _usage(root: Path, code: str, message: str, hint: str = "") -> UsageError:
    return UsageError([Diagnostic(display_path(root), 0, 0, code, message, hint=hint)])


def _quoted(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def version_entry(args: argparse.Namespace, indent: str) -> str:
    """The YAML of the new list item, indented for the publication's ``versions`` list."""
    digest = source_hash(args.summary_vi)
    lines = [f"- id: {args.id}", f"  date: {args.date}", "  status: current", "  summary:"]
    lines.append(f"    vi: {_quoted(args.summary_vi)}")
    stamped = []
    for lang in ("en", "ko"):
        text = getattr(args, f"summary_{lang}")
        if text:
            lines.append(f"    {lang}: {_quoted(text)}")
            stamped.append(lang)
    if stamped:  # written together with the Vietnamese: current
        lines.append("    translated_from:")
        lines += [f"      {lang}: {digest}" for lang in stamped]
    return "".join(f"{indent}{line}\n" for line in lines)


def _mapping_value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def add_version(text: str, args: argparse.Namespace) -> str:
    """``text`` (the file holding ``publication:``) with the new version added and the current one superseded."""
    root = yaml.compose(text)
    publication = _mapping_value(root, "publication") if root is not None else None
    assert isinstance(publication, yaml.MappingNode)
    key_indent = " " * publication.value[0][0].start_mark.column
    lines = text.splitlines(keepends=True)
    versions = _mapping_value(publication, "versions")
    if isinstance(versions, yaml.SequenceNode) and versions.value and versions.flow_style is False:
        for item in versions.value:
            status = _mapping_value(item, "status")
            if isinstance(status, yaml.ScalarNode) and status.value == "current":
                line = lines[status.start_mark.line]
                lines[status.start_mark.line] = (
                    line[: status.start_mark.column] + "superseded" + line[status.end_mark.column :]
                )
        dash_indent = " " * (versions.value[0].start_mark.column - 2)  # the item starts after "- "
        end = versions.end_mark.line if versions.end_mark.column == 0 else versions.end_mark.line + 1
        lines.insert(end, version_entry(args, dash_indent))
        return "".join(lines)
    # No list yet: add one as the publication's last key.
    end = publication.end_mark.line if publication.end_mark.column == 0 else publication.end_mark.line + 1
    block = f"{key_indent}versions:\n" + version_entry(args, key_indent + "  ")
    lines.insert(end, block)
    return "".join(lines)


def _check(content: Content, args: argparse.Namespace) -> None:
    root = content.root
    try:
        date = PartialDate.parse(args.date)
    except ValueError as exc:
        raise _usage(root, "version.date", f"'{args.date}' is not a date", "write YYYY-MM-DD") from exc
    if date.precision != "day":
        raise _usage(root, "version.date", f"'{args.date}' names no day", "a version is published on a day: YYYY-MM-DD")
    versions = content.publication.versions
    if any(v.id == args.id for v in versions):
        raise _usage(root, "version.duplicate-id", f"version '{args.id}' exists already", "choose a new id")
    if snapshot_path(root, args.id).exists():
        raise _usage(root, "version.duplicate-id", f"versions/{args.id}.json exists already", "choose a new id")
    if versions and date.sort_key() < versions[-1].date.sort_key():
        latest = versions[-1]
        raise _usage(
            root,
            "version.date-order",
            f"{args.date} is before the latest version '{latest.id}' ({latest.date})",
            "a new version is dated on or after the latest one",
        )


def run_publish(args: argparse.Namespace) -> int:
    """Add the version to the YAML, then write its snapshot from the content as it now is."""
    content, diagnostics = load_content(args.content)
    if content is None:
        raise ContentError(diagnostics)
    _check(content, args)
    origin = content.singleton_origins["publication"]
    path = origin.file.path
    before = path.read_text(encoding="utf-8")
    path.write_text(add_version(before, args), encoding="utf-8")
    target = snapshot_path(args.content, args.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"{}")  # present while the edited content is checked (it names this file)
    try:
        edited, problems = load_content(args.content)
        if edited is None:
            raise ContentError(problems)
        target.write_bytes(snapshot_bytes(args.content, args.id, args.date))
    except BaseException:
        path.write_text(before, encoding="utf-8")
        target.unlink(missing_ok=True)
        raise
    print(f"version {args.id} ({args.date}): wrote {display_path(target)} and added it to {display_path(path)}")
    return 0
