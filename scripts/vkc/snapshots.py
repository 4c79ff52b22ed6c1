"""Versions frozen as snapshots: the validated content of a version as one JSON file under ``versions/``.

Why a file and not a git tag: a fresh or shallow clone must build every version, so a version
needs no history. Why the loaded values and not the models: a snapshot is read back through
the same loader and checks as the working content (each file is written out again as YAML
into a temporary folder), so an old version is validated exactly like a new one, and the
model may change: a snapshot names its ``format``, and :data:`READERS` turns every format ever
written into the files of today's loader.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .content import Content, content_files, load_content
from .diagnostics import ContentError, Diagnostic, display_path
from .versions import snapshot_path, versions_dir
from .yamlload import load_files

__all__ = ["FORMAT", "READERS", "read_snapshot", "snapshot_bytes", "snapshot_path", "versions_dir"]

FORMAT = 1
"""The format this version of vkc writes."""


def snapshot_bytes(content_dir: Path, version_id: str, date: str) -> bytes:
    """The snapshot of the content in ``content_dir`` as it is now (it must be valid)."""
    root = content_dir.resolve()
    files: dict[str, Any] = {}
    for loaded, problems in load_files([(p, display_path(p)) for p in content_files(root)]):
        if loaded is None:
            raise ContentError(problems)
        files[loaded.path.resolve().relative_to(root).as_posix()] = loaded.data
    data = {"format": FORMAT, "id": version_id, "date": date, "files": files}
    # Sorted keys, one item per line: the same content always gives the same bytes, and a
    # reviewer can read the snapshot's diff in a pull request.
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _read_v1(data: dict[str, Any]) -> dict[str, Any]:
    files = data.get("files")
    if not isinstance(files, dict):
        raise ValueError("no 'files' object")
    return files


READERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _read_v1}
"""Snapshot format -> the content files it holds (relative path -> loaded values)."""


def _problem(path: Path, message: str, hint: str = "") -> ContentError:
    return ContentError([Diagnostic(display_path(path), 0, 0, "version.snapshot", message, hint=hint)])


_READ: dict[str, Content] = {}
"""Snapshots read by this process, by a digest of their bytes and their folder's file names: a
published version never changes, and the live preview builds every version on every edit."""


def read_snapshot(path: Path) -> Content:
    """The validated content of a snapshot; :class:`ContentError` names the file and the reason."""
    try:
        raw = path.read_bytes()
        siblings = sorted(p.name for p in path.parent.iterdir())
    except OSError as exc:
        raise _problem(path, f"the snapshot cannot be read: {exc}", "restore the file from git") from exc
    key = hashlib.sha256(raw + "\0".join(siblings).encode("utf-8")).hexdigest()
    if key not in _READ:
        _READ[key] = _read(path, raw)
    return _READ[key]


def _read(path: Path, raw: bytes) -> Content:
    try:
        data = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise _problem(path, f"the snapshot cannot be read: {exc}", "restore the file from git") from exc
    version = data.get("format") if isinstance(data, dict) else None
    reader = READERS.get(version) if isinstance(version, int) else None
    if reader is None:
        raise _problem(path, f"unknown snapshot format {version!r}", f"this vkc reads formats {sorted(READERS)}")
    try:
        files = reader(data)
    except ValueError as exc:
        raise _problem(path, f"the snapshot is damaged: {exc}", "restore the file from git") from exc
    with tempfile.TemporaryDirectory(prefix="vkc-snapshot-") as work:
        # The snapshot's own version list names its sibling snapshots: they sit beside it.
        (Path(work) / "versions").symlink_to(path.resolve().parent, target_is_directory=True)
        tmp = Path(work) / "content"
        tmp.mkdir()
        for rel, values in files.items():
            target = tmp / rel
            if not target.resolve().is_relative_to(tmp.resolve()):
                raise _problem(path, f"the snapshot names a file outside its folder: {rel!r}")
            target.parent.mkdir(parents=True, exist_ok=True)
            # JSON, which YAML reads: PyYAML's emitter took seconds over a whole publication.
            target.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
        content, diagnostics = load_content(tmp)
        shown = display_path(tmp)
        diagnostics = [
            Diagnostic(
                f"{display_path(path)}#{d.file[len(shown) + 1 :]}" if d.file.startswith(shown) else d.file,
                d.line,
                d.column,
                d.code,
                d.message,
                d.key_path,
                d.hint,
                d.severity,
            )
            for d in diagnostics
        ]
    if content is None:
        raise ContentError(diagnostics)
    return content
