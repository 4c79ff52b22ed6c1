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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
"""Bumped when what an entry holds changes: entries of another format are not read."""


def cache_dir(out: Path) -> Path:
    """The cache of the tree published at ``out``: a hidden folder beside it."""
    out = out.resolve()
    return out.parent / f".{out.name}.vkc-cache"


_Signature = tuple[int, int, int]
"""A table file's inode, size and modification time: which file an in-process copy was read
from or written as."""


@dataclass
class _Table:
    """One table as this process last read or wrote it."""

    signature: _Signature
    entries: dict[str, Any]
    texts: dict[str, str] = field(default_factory=dict)
    """Each entry's ``"key":value`` JSON, once made: saving again writes only the changed ones anew."""
    kept: list[str] = field(default_factory=list)
    """The keys in the file, in its order."""


_TABLES: dict[Path, _Table] = {}
"""The tables this process read or wrote, by file. Why: a process that builds again (the live
preview) parsed and wrote megabytes of JSON per build for the few pages an edit changed. A
copy is used only while its file is the one it was read from or written as."""


def _signature(path: Path) -> _Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PageCache:
    """Named tables of per-page data (``scans``, ``search``), each a mapping key -> value."""

    def __init__(self, out: Path) -> None:
        self.folder = cache_dir(out)
        self.tables: dict[str, dict[str, Any]] = {}
        self.used: dict[str, set[str]] = {}
        self.changed: dict[str, set[str]] = {}
        """Per table, the keys this build stored (their JSON is made again when saved)."""
        self.files: dict[str, set[str]] = {}
        """Per folder, the files this build used (``cards``: images named by their digest)."""

    def table(self, name: str) -> dict[str, Any]:
        """The entries of ``name`` from the last build (empty when absent or unreadable)."""
        if name not in self.tables:
            path = self.folder / f"{name}.json"
            signature = _signature(path)
            known = _TABLES.get(path)
            if known is not None and signature is not None and known.signature == signature:
                self.tables[name] = known.entries
            else:
                _TABLES.pop(path, None)
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    data = {}
                ok = isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("entries"), dict)
                self.tables[name] = data["entries"] if ok else {}
                if ok and signature is not None:
                    _TABLES[path] = _Table(signature, self.tables[name], kept=list(self.tables[name]))
            self.used[name] = set()
            self.changed[name] = set()
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
        self.changed[name].add(key)

    def keep(self, name: str, key: str, value: Any) -> None:
        """Hold ``value`` under ``key`` in place of an equal value of another type (tuples for the
        JSON's lists): what the table's file holds does not change."""
        self.table(name)[key] = value

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
        """Write the entries this build used (the others belong to pages that are gone); a table
        whose file already holds exactly them is not written again."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, used in self.files.items():
            for path in (self.folder / name).glob("*"):
                if path.name not in used:
                    path.unlink(missing_ok=True)
        for name, entries in self.tables.items():
            path = self.folder / f"{name}.json"
            kept = [key for key in sorted(self.used[name]) if key in entries]
            known = _TABLES.get(path)
            current = known is not None and known.entries is entries and known.signature == _signature(path)
            if current and known is not None and not self.changed[name] and known.kept == kept:
                continue
            texts = known.texts if current and known is not None else {}
            for key in kept:
                if key in self.changed[name] or key not in texts:
                    texts[key] = _dumps(key) + ":" + _dumps(entries[key])
            # The same text as json.dumps of the whole table (keys in order, compact separators).
            text = f'{{"format":{FORMAT},"entries":{{' + ",".join(texts[key] for key in kept) + "}}"
            handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(tmp, path)
            signature = _signature(path)
            if signature is not None:
                # Only the kept entries: the table of the next build holds what its file holds.
                wanted = set(kept)
                for table in (entries, texts):
                    for key in [key for key in table if key not in wanted]:
                        del table[key]
                _TABLES[path] = _Table(signature, entries, texts, kept)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
