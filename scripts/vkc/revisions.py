"""The content as it was at a git revision, validated like the working tree's.

Why through a temporary folder: the loader, the model and every check then run unchanged on
the old files (`git archive` writes them exactly as committed), so a change set compares two
states that passed the same validation. A shallow clone has the revisions it fetched: an
unknown revision is a usage error that says so.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .content import Content, load_content
from .diagnostics import ContentError, Diagnostic, UsageError, display_path
from .snapshots import read_snapshot, snapshot_path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)


def content_at(content_dir: Path, revision: str | None) -> Content:
    """The validated content of ``content_dir`` at ``revision`` (None: the working tree); a
    revision that names a published version (``v0-1``) is that version's snapshot.

    Raises :class:`UsageError` for an unknown revision or a folder outside git, and
    :class:`ContentError` when the content at that revision does not validate.
    """
    if revision is None:
        content, diagnostics = load_content(content_dir)
        if content is None:
            raise ContentError(diagnostics)
        return content
    snapshot = snapshot_path(content_dir, revision)
    if snapshot.is_file():
        return read_snapshot(snapshot)
    where = display_path(content_dir)
    top = _git(content_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError([Diagnostic(where, 0, 0, "diff.no-git", "the content folder is not in a git repository")])
    root = Path(top.stdout.decode().strip())
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(
            [
                Diagnostic(
                    where,
                    0,
                    0,
                    "diff.unknown-revision",
                    f"unknown revision '{revision}'",
                    hint="give a version id, or a commit, branch or tag of this repository (a shallow clone has "
                    "only what it fetched)",
                )
            ]
        )
    rel = content_dir.resolve().relative_to(root.resolve()).as_posix()
    archive = _git(root, "archive", "--format=tar", commit.stdout.decode().strip(), "--", rel)
    with tempfile.TemporaryDirectory(prefix="vkc-rev-") as tmp:
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        folder = Path(tmp) / rel
        folder.mkdir(parents=True, exist_ok=True)
        content, diagnostics = load_content(folder)
        # Problems name the file as git does (REV:content/records.yaml), not the temporary copy.
        shown = display_path(folder)
        diagnostics = [
            dataclasses.replace(d, file=f"{revision}:{rel}{d.file[len(shown) :]}") if d.file.startswith(shown) else d
            for d in diagnostics
        ]
    if content is None:
        raise ContentError(diagnostics)
    return content
