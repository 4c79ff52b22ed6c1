"""What a build derives from each output page, kept beside the output for the next build.

Why: an incremental build reuses the pages whose key did not change (see
:mod:`vkc.site.engine`), and then reading them again - for the site check and the search
index - would cost as much as the rendering it saved. Everything here is stored under the
page's key, which fixes the page's bytes, so a stale or foreign entry is never used for
another page; the folder is safe to delete (the next build derives everything again) and
never makes a build differ from a clean one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bumped when what an entry holds changes: entries of another format are not read."""


def cache_dir(out: Path) -> Path:
    """The cache of the tree published at ``out``: a hidden folder beside it."""
    out = out.resolve()
    return out.parent / f".{out.name}.vkc-cache"


class PageCache:
    """Named tables of per-page data (``scans``, ``search``), each a mapping key -> value."""

    def __init__(self, out: Path) -> None:
        self.folder = cache_dir(out)
        self.tables: dict[str, dict[str, Any]] = {}
        self.used: dict[str, set[str]] = {}
        self.files: dict[str, set[str]] = {}
        """Per folder, the files this build used (``cards``: images named by their digest)."""

    def table(self, name: str) -> dict[str, Any]:
        """The entries of ``name`` from the last build (empty when absent or unreadable)."""
        if name not in self.tables:
            try:
                data = json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            ok = isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict)
            self.tables[name] = data["entries"] if ok else {}
            self.used[name] = set()
        return self.tables[name]

    def get(self, name: str, key: str) -> Any:
        """The value stored under ``key``, or None."""
        value = self.table(name).get(key)
        if value is not None:
            self.used[name].add(key)
        return value

    def put(self, name: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` for the next build."""
        self.table(name)[key] = value
        self.used[name].add(key)

    def file(self, name: str, key: str) -> Path | None:
        """The file stored under ``key`` in folder ``name``, or None."""
        path = self.folder / name / key
        self.files.setdefault(name, set()).add(key)
        return path if path.is_file() else None

    def put_file(self, name: str, key: str, data: bytes) -> Path:
        """Store ``data`` under ``key`` in folder ``name``; returns its path."""
        folder = self.folder / name
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".new-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(tmp, folder / key)
        self.files.setdefault(name, set()).add(key)
        return folder / key

    def save(self) -> None:
        """Write the entries this build used (the others belong to pages that are gone)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, used in self.files.items():
            for path in (self.folder / name).glob("*"):
                if path.name not in used:
                    path.unlink(missing_ok=True)
        for name, entries in self.tables.items():
            kept = {key: entries[key] for key in sorted(self.used[name]) if key in entries}
            text = json.dumps({"format": FORMAT, "entries": kept}, ensure_ascii=False, separators=(",", ":"))
            handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(tmp, self.folder / f"{name}.json")
