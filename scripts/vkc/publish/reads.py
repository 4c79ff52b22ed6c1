"""Files a process that builds again (the live preview) reads again: kept while unchanged.

Why: every build reads and digests each hand-written page, content file and theme file, and
compares the Markdown it writes for mkdocs with the files already there; for an edit of one
YAML text that was more of the build than rendering the page.

When is a kept copy the file: a file is identified by its inode, size and modification time,
and - as git does for its index ("racy git") - a copy is only trusted when the file's
modification time was already well in the past when it was read: a file rewritten with the
same size within the clock's granularity of that read is then still read again.

What is kept is bounded: the bytes of at most :data:`KEEP_BYTES` of files read (a cold build of
thousands of hand-written pages held all of them through its peak memory, for a next build that a
one-off build never makes), and of the files written only a digest.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

_SETTLED_NS = 2_000_000_000
"""How long before the read a file's last change must be for the copy to be trusted (ns)."""

_Signature = tuple[int, int, int]

KEEP_BYTES = 4 << 20
"""At most this many bytes of files read are kept (the preview of the shipped content and of
the 3x200 benchmark keeps every page: about 3 MB)."""

_READ: dict[str, tuple[_Signature, bytes]] = {}
"""Settled files by path: their signature and bytes."""
_kept = 0
"""Bytes in :data:`_READ`."""


def _signature(stat: os.stat_result) -> _Signature:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def read_bytes(path: Path | str) -> bytes:
    """The bytes of ``path`` (a copy kept from an earlier read when the file is unchanged)."""
    name = os.fspath(path)
    stat = os.stat(name)
    signature = _signature(stat)
    kept = _READ.get(name)
    if kept is not None and kept[0] == signature:
        return kept[1]
    now = time.time_ns()
    with open(name, "rb") as stream:
        data = stream.read()
    global _kept
    gone = _READ.pop(name, None)
    if gone is not None:
        _kept -= len(gone[1])
    if stat.st_mtime_ns < now - _SETTLED_NS and len(data) == stat.st_size and _kept + len(data) <= KEEP_BYTES:
        _READ[name] = (signature, data)
        _kept += len(data)
    return data


_WRITTEN: dict[str, tuple[_Signature, bytes]] = {}
"""Files this process wrote (:func:`same_bytes`), by path: their signature and digest."""


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def same_bytes(path: Path | str, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data`` (False when it is missing).

    Files this process wrote itself (:func:`written`) are compared with what it wrote, while
    their signature is unchanged: nobody else writes into the build's own folders.
    """
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        return False
    kept = _WRITTEN.get(name)
    if kept is not None and kept[0] == _signature(stat):
        return kept[1] == _digest(data)
    try:
        with open(name, "rb") as stream:
            same = stream.read() == data
    except OSError:
        return False
    if same:
        _WRITTEN[name] = (_signature(stat), _digest(data))
    return same


def written(path: Path | str, data: bytes) -> None:
    """Record that ``data`` was just written to ``path`` (see :func:`same_bytes`)."""
    name = os.fspath(path)
    try:
        _WRITTEN[name] = (_signature(os.stat(name)), _digest(data))
    except OSError:
        _WRITTEN.pop(name, None)
