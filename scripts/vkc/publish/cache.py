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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 2
"""Bumped when what an entry holds changes: entries of another format are not read."""
_HEADER = f"vkc page cache {FORMAT}\n"


def cache_dir(out: Path) -> Path:
    """The cache of the tree published at ``out``: a hidden folder beside it."""
    out = out.resolve()
    return out.parent / f".{out.name}.vkc-cache"


def to_text(value: Any) -> str:
    """An entry's value as the cache keeps it: compact JSON on one line."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_Signature = tuple[int, int, int]
"""A table file's inode, size and modification time: which file an in-process copy was read
from or written as."""


@dataclass
class _Table:
    """One table as this process last read or wrote it."""

    signature: _Signature
    entries: dict[str, str]
    kept: list[str]
    """The keys in the file, in its order."""


_TABLES: dict[Path, _Table] = {}
"""The tables this process read or wrote, by file. Why: a process that builds again (the live
preview) read and wrote every table in full for the few pages an edit changed. A copy is used
only while its file is the one it was read from or written as."""


def _signature(path: Path) -> _Signature | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PageCache:
    """Named tables of per-page data (``scans``, ``search``), each a mapping key -> value.

    Why each entry is kept as its JSON text, read only when asked for: a cold build at 3x1000
    pages holds three tables of about 40 MB of JSON, which as Python lists and strings took
    about 120 MB of the build's peak memory. A table file is a header line, then one line per
    entry: its key, a tab, its JSON (which has no newline).
    """

    def __init__(self, out: Path) -> None:
        self.folder = cache_dir(out)
        self.tables: dict[str, dict[str, str]] = {}
        self.used: dict[str, set[str]] = {}
        self.changed: dict[str, bool] = {}
        """Per table, whether this build stored an entry (the file is then written again)."""
        self.files: dict[str, set[str]] = {}
        """Per folder, the files this build used (``cards``: images named by their digest)."""

    def table(self, name: str) -> dict[str, str]:
        """The entries of ``name`` from the last build, as JSON texts (empty when absent or unreadable)."""
        if name not in self.tables:
            path = self.folder / f"{name}.tsv"
            signature = _signature(path)
            known = _TABLES.get(path)
            if known is not None and signature is not None and known.signature == signature:
                self.tables[name] = known.entries
            else:
                _TABLES.pop(path, None)
                entries: dict[str, str] = {}
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, ValueError):
                    text = ""
                if text.startswith(_HEADER):
                    # split, not splitlines: JSON keeps U+2028 and its kin unescaped in strings.
                    for line in text[len(_HEADER) :].split("\n"):
                        key, tab, value = line.partition("\t")
                        if tab:
                            entries[key] = value
                self.tables[name] = entries
                if signature is not None and entries:
                    _TABLES[path] = _Table(signature, entries, list(entries))
            self.used[name] = set()
            self.changed[name] = False
        return self.tables[name]

    def get(self, name: str, key: str) -> Any:
        """The value stored under ``key``, or None."""
        text = self.table(name).get(key)
        if text is None:
            return None
        self.used[name].add(key)
        try:
            return json.loads(text)
        except ValueError:  # a damaged entry is a missing one
            return None

    def keep(self, name: str, keys: list[str]) -> None:
        """Keep the entries stored under ``keys`` for the next build without reading them (a
        caller that reuses what it derived from them)."""
        entries = self.table(name)
        self.used[name].update(key for key in keys if key in entries)

    def put(self, name: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` for the next build."""
        self.put_text(name, key, to_text(value))

    def put_text(self, name: str, key: str, text: str) -> None:
        """Store a value already made into its text by :func:`to_text` (in a worker, say)."""
        entries = self.table(name)
        if entries.get(key) != text:
            entries[key] = text
            self.changed[name] = True
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
        """Write the entries this build used (the others belong to pages that are gone); a table
        whose file already holds exactly them is not written again."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, used in self.files.items():
            for path in (self.folder / name).glob("*"):
                if path.name not in used:
                    path.unlink(missing_ok=True)
        for name, entries in self.tables.items():
            path = self.folder / f"{name}.tsv"
            kept = [key for key in sorted(self.used[name]) if key in entries]
            known = _TABLES.get(path)
            current = known is not None and known.entries is entries and known.signature == _signature(path)
            if current and known is not None and not self.changed[name] and known.kept == kept:
                continue
            handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{name}-")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(_HEADER)
                for key in kept:  # line by line: a table is tens of MB
                    stream.write(f"{key}\t{entries[key]}\n")
            os.replace(tmp, path)
            (self.folder / f"{name}.json").unlink(missing_ok=True)  # an earlier format's table
            signature = _signature(path)
            if signature is not None:
                # Only the kept entries: the table of the next build holds what its file holds.
                wanted = set(kept)
                for key in [key for key in entries if key not in wanted]:
                    del entries[key]
                _TABLES[path] = _Table(signature, entries, kept)
