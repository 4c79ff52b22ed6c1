"""The publication's list of versions checked against itself and against its snapshot files.

Why with the content checks: a version list that contradicts itself (two current versions, a
current one dated before a superseded one, one id twice) or names a snapshot that is not in
the repository would publish a wrong history; `vkc check` reports it with the line, like any
other problem of the content.
"""

from __future__ import annotations

from pathlib import Path

from . import model as m
from .diagnostics import Diagnostic
from .yamlload import Origin


def versions_dir(content_dir: Path) -> Path:
    """Where the snapshots of a content folder live: ``versions/`` beside it."""
    return content_dir.resolve().parent / "versions"


def snapshot_path(content_dir: Path, version_id: str) -> Path:
    """The snapshot file of one version."""
    return versions_dir(content_dir) / f"{version_id}.json"


def check_versions(publication: m.Publication, origin: Origin, content_dir: Path) -> list[Diagnostic]:
    """Every problem of the version list: duplicate ids, not one current version, dates out of
    order, a missing snapshot."""
    found: list[Diagnostic] = []
    at = origin.file.diagnostic
    versions = publication.versions
    seen: dict[str, int] = {}
    for index, version in enumerate(versions):
        path = (*origin.path, "versions", index)
        if version.id in seen:
            found.append(
                at(
                    (*path, "id"),
                    "version.duplicate-id",
                    f"the version id '{version.id}' is already used by versions.{seen[version.id]}",
                    "every version has its own id; a published id never changes",
                )
            )
        seen.setdefault(version.id, index)
        if not snapshot_path(content_dir, version.id).is_file():
            found.append(
                at(
                    (*path, "id"),
                    "version.no-snapshot",
                    f"version '{version.id}' has no snapshot versions/{version.id}.json",
                    "publish versions with `vkc version publish`, which writes the snapshot, and commit both",
                )
            )
    current = [i for i, v in enumerate(versions) if v.status == "current"]
    if versions and len(current) != 1:
        index = current[1] if len(current) > 1 else len(versions) - 1
        found.append(
            at(
                (*origin.path, "versions", index, "status"),
                "version.current",
                f"{len(current)} versions are current; exactly one must be",
                "mark the latest version current and every earlier one superseded",
            )
        )
    for index in current[:1]:
        now = versions[index]
        later = [v for v in versions if v.status == "superseded" and now.date.end_key() < v.date.sort_key()]
        if later:
            found.append(
                at(
                    (*origin.path, "versions", index, "date"),
                    "version.date-order",
                    f"the current version '{now.id}' ({now.date}) is dated before the superseded '{later[0].id}' "
                    f"({later[0].date})",
                    "the current version is the latest: correct a date or a status",
                )
            )
    return found
