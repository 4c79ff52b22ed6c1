"""What a page's document read of the content, so that a process that builds again can tell
whether the page would say the same.

Why: the live preview (`vkc serve`) built every page's document in three languages for each
edit, though an edit of the guideline leaves the indicators, the organizations or the sources
pages as they were. A document is a function of what its generator reads; while it is made,
the content records each read (:func:`recording`), and the document is taken again only when
every read gives an equal value on the new content (:func:`same_reads`). The content's models
are frozen, and a load that reuses (:func:`vkc.content.load_content`) gives an unchanged
file's records again as the same objects, so most comparisons end at the first identity check.

What is recorded: every public attribute read (``guideline``, ``records``, ``by_id``...: the
whole value), each collection and each record asked for by name (:meth:`Content.collection`,
:meth:`Content.get`), the file of each record the page shows (:meth:`Content.origin_path`), and
each published file's facts (:class:`ReadingFiles`). A cache keyed by the content's identity
must read what it depends on before it answers from the cache (see
:func:`vkc.content.text_fields`), or its callers' reads go unrecorded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import Content, R
from ..model import Record
from .nodes import FileFacts

Read = tuple[str, str]
"""What was read: (``"attr"``, name), (``"collection"``, name), (``"get"``, id), (``"origin"``,
id), (``"singleton"``, key) or (``"file"``, name under ``downloads/``; ``"*"`` for all)."""

_READS: list[set[Read]] = []
"""The reads being recorded, innermost last (a read counts for every block that records)."""


def _note(read: Read) -> None:
    for reads in _READS:
        reads.add(read)


class _Reading(Content):
    """The class a content takes while its reads are recorded (:func:`recording`): the same
    object (every cache keyed by its identity still finds it), its reads noted."""

    def __getattribute__(self, name: str) -> Any:
        if _READS and not name.startswith("_") and name not in _METHODS:
            _note(("attr", name))
        return object.__getattribute__(self, name)

    def collection(self, name: str, kind: type[R]) -> list[R]:
        if _READS:
            _note(("collection", name))
        records = object.__getattribute__(self, "records")
        return [r for r in records.get(name, []) if isinstance(r, kind)]

    def get(self, record_id: str, kind: type[R]) -> R:
        if _READS:
            _note(("get", record_id))
        record = object.__getattribute__(self, "by_id")[record_id]
        assert isinstance(record, kind), f"{record_id} is a {type(record).__name__}"
        return record

    def origin_path(self, record_id: str) -> Path | None:
        if _READS:
            _note(("origin", record_id))
        return _origin_path(self, record_id)

    def singleton_path(self, key: str) -> Path | None:
        if _READS:
            _note(("singleton", key))
        return _singleton_path(self, key)


def _origin_path(content: Content, record_id: str) -> Path | None:
    """:meth:`Content.origin_path`, read past :class:`_Reading` (which would note ``origins``)."""
    origin = object.__getattribute__(content, "origins").get(record_id)
    return origin.file.path if origin is not None else None


def _singleton_path(content: Content, key: str) -> Path | None:
    origin = object.__getattribute__(content, "singleton_origins").get(key)
    return origin.file.path if origin is not None else None


_METHODS = frozenset({"collection", "get", "origin_path", "singleton_path"})
"""The methods :class:`_Reading` records by their argument (their own reads are not recorded)."""


class ReadingFiles(Mapping[str, FileFacts]):
    """The published files' facts, each one read noted (iterating reads them all)."""

    def __init__(self, files: Mapping[str, FileFacts]) -> None:
        self.files = files

    def __getitem__(self, name: str) -> FileFacts:
        if _READS:
            _note(("file", name))
        return self.files[name]

    def __iter__(self) -> Iterator[str]:
        if _READS:
            _note(("file", "*"))
        return iter(self.files)

    def __len__(self) -> int:
        if _READS:
            _note(("file", "*"))
        return len(self.files)


@contextmanager
def recording(content: Content) -> Iterator[set[Read]]:
    """Record what is read of ``content`` (and of a :class:`ReadingFiles`) within the block: the
    set it yields fills as the block reads. Only a plain :class:`Content` can be watched
    (:func:`watchable`); the caller must not reuse what it made from another."""
    reads: set[Read] = set()
    watched = type(content) is Content
    if watched:
        content.__class__ = _Reading
    _READS.append(reads)
    try:
        yield reads
    finally:
        _READS.pop()
        if watched and not _READS:
            content.__class__ = Content


def watchable(content: Content) -> bool:
    """Whether :func:`recording` can watch ``content`` (a plain :class:`Content`)."""
    return type(content) in (Content, _Reading)


def read_value(content: Content, read: Read, files: Mapping[str, FileFacts]) -> Any:
    """What ``read`` gives on ``content`` and ``files`` now (compared with ``==``)."""
    kind, name = read
    plain = object.__getattribute__
    if kind == "attr":
        return plain(content, name)
    if kind == "collection":
        return plain(content, "records").get(name, [])
    if kind == "get":
        record: Record | None = plain(content, "by_id").get(name)
        return record
    if kind == "origin":
        return _origin_path(content, name)
    if kind == "singleton":
        return _singleton_path(content, name)
    if name == "*":
        return dict(files)
    return files.get(name)


def values(content: Content, reads: set[Read], files: Mapping[str, FileFacts]) -> list[tuple[Read, Any]]:
    """Each of ``reads`` with the value it gives now."""
    return [(read, read_value(content, read, files)) for read in reads]


def same_reads(content: Content, kept: list[tuple[Read, Any]], files: Mapping[str, FileFacts]) -> bool:
    """Whether every read in ``kept`` gives the same value on ``content`` and ``files`` now."""
    return all(_same(read_value(content, read, files), value) for read, value in kept)


def _same(now: Any, then: Any) -> bool:
    """Whether ``now`` is what was read ``then``: a model only as the same object (frozen, and
    given again while its file is unchanged: comparing an edited file's records by value
    cost more than making the pages again), lists and dicts item by item, other values equal."""
    if now is then:
        return True
    if type(now) is not type(then) or isinstance(now, BaseModel):
        return False
    if isinstance(now, list | tuple):
        return len(now) == len(then) and all(map(_same, now, then))
    if isinstance(now, dict):
        return now.keys() == then.keys() and all(_same(value, then[key]) for key, value in now.items())
    return bool(now == then)
