"""Load one YAML file into plain values, keeping the line and column of every node.

Why: PyYAML's safe loader silently retypes strings (``NO`` -> False, ``1.10`` -> 1.1,
``2024-02-30`` -> crash), keeps the last of two duplicate keys, expands alias bombs and
recurses until Python gives up. We build values straight from libyaml's event stream
instead: every scalar stays a string (the schema decides its type), duplicate keys, tags
and merge keys are errors, and size, depth and alias expansion are bounded before any
large structure exists.
"""

from __future__ import annotations

import bisect
import contextlib
import multiprocessing
import os
import re
import time
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeGuard, Union, cast

import yaml

from .diagnostics import Diagnostic

try:  # libyaml is part of the PyYAML wheel; the pure-Python parser is a slow fallback.
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A content file larger than this is refused before parsing."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences; real content needs fewer than 12 levels."""
MAX_ALIAS_NODES = 10_000
"""Values that aliases may add by repetition; a "billion laughs" file exceeds it at once."""

KeyPart = Union[str, int]
KeyPath = tuple[KeyPart, ...]
Value = Union[str, None, list["Value"], dict[str, "Value"]]

_ALLOWED_TAGS = frozenset({"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
"""Explicit tags that change nothing; any other tag (``!!python/...``, ``!!int``) is refused."""
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def format_key_path(path: KeyPath) -> str:
    """``("events", 2, "date")`` -> ``events.2.date``."""
    return ".".join(str(part) for part in path)


_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
_SEED_PROBE = ("vkc", "positions")
"""A fixed key path whose hash tells whether two processes hash key paths alike."""


class Positions:
    """The 1-based (line, column) of each mapping key and each sequence item, by key path.

    Why not a dict: a dict from key-path tuples to position tuples costs about 200 bytes a
    node; on the 10,000-record synthetic corpus that was 46 MB, as much as the values
    themselves, held for as long as the content. Here a node costs 16 bytes: the hash of
    its key path and its packed position, in two arrays sorted by hash and searched by
    bisection. A file in which two key paths share a hash (or that holds a duplicate key)
    is kept in an exact dict instead (:func:`parse_text` parses it again for that). A key
    path that is *not* in the file could still share the hash of one that is: with 64-bit
    hashes the odds are the file's node count in 2**64 per lookup.

    Hashes are Python's, salted per process: a Positions object is valid in the process
    that built it and in processes forked from it (as :func:`load_files` uses it);
    unpickling it under another salt raises instead of answering wrongly.
    """

    __slots__ = ("_exact", "_hashes", "_marks", "_probe")

    def __init__(
        self,
        hashes: array[int] | None = None,
        marks: array[int] | None = None,
        exact: dict[KeyPath, tuple[int, int]] | None = None,
    ) -> None:
        self._hashes = hashes if hashes is not None else array("q")
        self._marks = marks if marks is not None else array("Q")
        self._exact = exact
        self._probe = hash(_SEED_PROBE)

    @classmethod
    def from_hashes(cls, hashes: list[int], marks: list[int]) -> Positions | None:
        """Positions from the hashes of key paths and their packed marks; None when two hashes collide."""
        if len(set(hashes)) < len(hashes):
            return None
        order = sorted(range(len(hashes)), key=hashes.__getitem__)
        return cls(array("q", [hashes[i] for i in order]), array("Q", [marks[i] for i in order]))

    @classmethod
    def from_paths(cls, paths: list[KeyPath], marks: list[int]) -> Positions:
        """Positions kept exactly, by key path."""
        return cls(exact={path: _unpack(mark) for path, mark in zip(paths, marks, strict=True)})

    def get(self, path: KeyPath) -> tuple[int, int] | None:
        """The position of ``path``, or None when the file has no such key or item."""
        if self._exact is not None:
            return self._exact.get(path)
        wanted = hash(path)
        index = bisect.bisect_left(self._hashes, wanted)
        if index < len(self._hashes) and self._hashes[index] == wanted:
            return _unpack(self._marks[index])
        return None

    def __getitem__(self, path: KeyPath) -> tuple[int, int]:
        found = self.get(path)
        if found is None:
            raise KeyError(path)
        return found

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def __len__(self) -> int:
        return len(self._exact) if self._exact is not None else len(self._hashes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Positions):
            if self._exact is not None:
                return other == self._exact
            if other._exact is not None:
                return self == other._exact
            return self._hashes == other._hashes and self._marks == other._marks
        if isinstance(other, Mapping):
            return len(self) == len(other) and all(self.get(path) == mark for path, mark in other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by value, like the dict it stands for

    def __repr__(self) -> str:
        return f"Positions({len(self)} nodes{', exact' if self._exact is not None else ''})"

    def __getstate__(self) -> tuple[array[int], array[int], dict[KeyPath, tuple[int, int]] | None, int]:
        return (self._hashes, self._marks, self._exact, self._probe)

    def __setstate__(self, state: tuple[array[int], array[int], dict[KeyPath, tuple[int, int]] | None, int]) -> None:
        self._hashes, self._marks, self._exact, self._probe = state
        if self._exact is None and self._probe != hash(_SEED_PROBE):
            raise ValueError("positions were pickled by a process that hashes key paths differently")


def _unpack(mark: int) -> tuple[int, int]:
    return (mark >> _COLUMN_BITS, mark & _COLUMN_MASK)


@dataclass
class LoadedFile:
    """A parsed content file: plain values plus the position of every key and item."""

    path: Path
    """Where the file is on disk."""
    display: str
    """The file name used in diagnostics."""
    data: Value
    """The document as plain dicts, lists, strings and None (None also once
    :func:`vkc.content.load_content` has built the records and let the values go)."""
    positions: Positions = field(default_factory=Positions)
    """1-based (line, column) of each mapping key and each sequence item."""

    def position(self, path: KeyPath) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one (a missing key
        points at the mapping that should hold it)."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def diagnostic(self, path: KeyPath, code: str, message: str, hint: str = "", **kw: object) -> Diagnostic:
        """A diagnostic located at ``path`` in this file."""
        line, col = self.position(path)
        return Diagnostic(
            file=self.display,
            line=line,
            column=col,
            code=code,
            message=message,
            key_path=format_key_path(path),
            hint=hint,
            **kw,  # type: ignore[arg-type]
        )


class _Stop(Exception):
    """Aborts the event walk with a diagnostic."""

    def __init__(self, line: int, col: int, code: str, message: str, hint: str, path: KeyPath = ()) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint, self.path = line, col, code, message, hint, path


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_ScalarEvent = yaml.ScalarEvent
_SequenceEnd = yaml.SequenceEndEvent


def _scalar(event: yaml.ScalarEvent) -> str | None:
    plain = not event.style  # libyaml reports plain style as '' (pure Python: None)
    return None if plain and event.value in _NULLS else event.value


def _is_simple(event: yaml.Event, depth: int) -> TypeGuard[yaml.ScalarEvent]:
    """A scalar without tag or anchor within the depth limit: most nodes of a content file.

    Why: such a node needs none of the checks in :meth:`_Builder.node`; building it
    inline saves a call per value, about a third of the loader's time on large content.
    """
    return type(event) is _ScalarEvent and event.tag is None and event.anchor is None and depth <= MAX_DEPTH


class _Ambiguous(Exception):
    """Positions kept by hash cannot answer exactly here: parse the file again keeping key paths."""


def _packed(event: yaml.Event) -> int:
    mark = event.start_mark
    return ((mark.line + 1) << _COLUMN_BITS | (mark.column + 1)) if mark is not None else (1 << _COLUMN_BITS | 1)


def _by_path(path: KeyPath) -> KeyPath:
    return path


class _Builder:
    """Turns libyaml events into values; one instance per document.

    Each mapping key and sequence item is noted as it comes: ``keys`` gets the hash of its
    key path (or, with ``exact``, the key path itself) and ``marks`` its packed position.
    """

    def __init__(self, events: Iterator[yaml.Event], exact: bool = False) -> None:
        self.events = events
        self.exact = exact
        self.key: Callable[[KeyPath], object] = _by_path if exact else hash
        self.keys: list[object] = []
        self.marks: list[int] = []
        self.anchors: dict[str, tuple[Value, int]] = {}
        self.alias_nodes = 0

    def positions(self) -> Positions | None:
        """The positions noted (None when two key paths share a hash)."""
        if self.exact:
            return Positions.from_paths(cast(list[KeyPath], self.keys), self.marks)
        return Positions.from_hashes(cast(list[int], self.keys), self.marks)

    def node(self, event: yaml.Event, path: KeyPath, depth: int) -> tuple[Value, int]:
        """Build the value that starts with ``event``; returns it with its node count."""
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            if anchor not in self.anchors:
                raise _Stop(
                    *_mark(event),
                    "yaml.alias",
                    f"alias '*{anchor}' refers to no anchor",
                    "define '&NAME' before using '*NAME'",
                    path,
                )
            shared, shared_size = self.anchors[anchor]
            self.alias_nodes += shared_size
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise _Stop(
                    *_mark(event),
                    "yaml.alias-bomb",
                    f"aliases expand to more than {MAX_ALIAS_NODES} values",
                    "write the repeated values out, or remove the anchors and aliases",
                    path,
                )
            return shared, shared_size
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _Stop(
                *_mark(event),
                "yaml.tag",
                f"the tag '{tag}' is not allowed in content files",
                "remove the tag; quote the value if it is text",
                path,
            )
        if depth > MAX_DEPTH:
            raise _Stop(
                *_mark(event),
                "yaml.too-deep",
                f"nesting deeper than {MAX_DEPTH} levels",
                "flatten the structure; content never needs this depth",
                path[:4],
            )
        value: Value
        size = 1
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            items: list[Value] = []
            keys, marks, key_of, child_depth = self.keys, self.marks, self.key, depth + 1
            for index, child in enumerate(self.events):
                if type(child) is _SequenceEnd:
                    break
                item_path = (*path, index)
                keys.append(key_of(item_path))
                marks.append(_packed(child))
                if _is_simple(child, child_depth):
                    items.append(_scalar(child))
                    size += 1
                    continue
                item, item_size = self.node(child, item_path, child_depth)
                items.append(item)
                size += item_size
            value = items
        elif isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Value] = {}
            keys, marks, key_of = self.keys, self.marks, self.key
            for key_event in self.events:
                if isinstance(key_event, yaml.MappingEndEvent):
                    break
                key_line, key_col = _mark(key_event)
                if not isinstance(key_event, yaml.ScalarEvent):
                    raise _Stop(
                        key_line,
                        key_col,
                        "yaml.key",
                        "a mapping key must be plain text",
                        "write keys as simple words such as 'title:'",
                        path,
                    )
                key = key_event.value
                if key == "<<" and not key_event.style:
                    raise _Stop(
                        key_line,
                        key_col,
                        "yaml.merge-key",
                        "merge keys ('<<') are not supported",
                        "write the keys out in full",
                        path,
                    )
                key_path = (*path, key)
                if key in mapping:
                    if not self.exact:  # the first key's line needs its key path
                        raise _Ambiguous
                    first_line = marks[keys.index(key_path)] >> _COLUMN_BITS
                    raise _Stop(
                        key_line,
                        key_col,
                        "yaml.duplicate-key",
                        f"duplicate key '{key}' (first defined on line {first_line})",
                        "remove one of the two; YAML would silently keep only the last",
                        key_path,
                    )
                keys.append(key_of(key_path))
                marks.append(key_line << _COLUMN_BITS | key_col)
                child = next(self.events)
                if _is_simple(child, depth + 1):
                    mapping[key] = _scalar(child)
                    size += 2
                    continue
                child_value, child_size = self.node(child, key_path, depth + 1)
                mapping[key] = child_value
                size += child_size + 1
            value = mapping
        else:  # pragma: no cover - libyaml yields only the events handled above here
            raise _Stop(*_mark(event), "yaml.syntax", f"unexpected {type(event).__name__}", "", path)
        new_anchor: str | None = getattr(event, "anchor", None)
        if new_anchor:
            self.anchors[new_anchor] = (value, size)
        return value, size


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Editors count columns in characters: decode the (valid) start of the line.
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        return None, [
            Diagnostic(
                display,
                line,
                col,
                "yaml.encoding",
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                hint="save the file as UTF-8 in your editor",
            )
        ]


def _event_stream(parser: _Parser) -> Iterator[yaml.Event]:
    # get_event() returns None after the stream ends (libyaml and pure Python alike);
    # skipping check_event() halves the calls into the parser.
    return iter(parser.get_event, None)


def parse_text(text: str, path: Path, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Parse YAML text; returns the file or the diagnostics that stopped it."""
    tab_positions = [m.end() - 1 for m in _TAB_INDENT.finditer(text)] if "\t" in text else []
    if tab_positions:
        return None, [
            Diagnostic(
                display,
                text.count("\n", 0, pos) + 1,
                pos - (text.rfind("\n", 0, pos) + 1) + 1,
                "yaml.tab",
                "a tab is used for indentation",
                hint="indent with spaces; YAML does not allow tabs there",
            )
            for pos in tab_positions
        ]
    try:
        return _parse(text, path, display, exact=False)
    except _Ambiguous:  # a duplicate key, or two key paths with one hash: rare, so parse again
        return _parse(text, path, display, exact=True)


def _parse(text: str, path: Path, display: str, exact: bool) -> tuple[LoadedFile | None, list[Diagnostic]]:
    parser = _Parser(text)
    try:
        events = _event_stream(parser)
        first = next(events)  # StreamStart
        builder = _Builder(events, exact)
        data: Value = None
        documents = 0
        for event in events:
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = _mark(event)
                    return None, [
                        Diagnostic(
                            display,
                            line,
                            col,
                            "yaml.documents",
                            "the file holds more than one YAML document",
                            hint="remove the '---' line or split the file",
                        )
                    ]
                data, _ = builder.node(next(events), (), 1)
                next(events)  # DocumentEnd
        del first
    except _Stop as stop:
        return None, [
            Diagnostic(
                display,
                stop.line,
                stop.col,
                stop.code,
                stop.message,
                key_path=format_key_path(stop.path),
                hint=stop.hint,
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return None, [
            Diagnostic(display, line, col, "yaml.syntax", f"YAML syntax error: {problem}", hint=_syntax_hint(problem))
        ]
    except yaml.reader.ReaderError as exc:  # a control character; it has no mark, only an offset
        return None, [_control_character(text, exc, display)]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises only the two kinds above
        return None, [Diagnostic(display, 1, 1, "yaml.syntax", f"YAML error: {exc}", hint="")]
    finally:
        parser.dispose()
    positions = builder.positions()
    if positions is None:
        raise _Ambiguous
    return LoadedFile(path=path, display=display, data=data, positions=positions), []


def _control_character(text: str, exc: yaml.reader.ReaderError, display: str) -> Diagnostic:
    # libyaml reports a byte offset, the pure-Python reader a character offset; the
    # character itself is the same in both, and it is refused wherever it occurs.
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    pos = text.find(chr(char))
    if pos < 0:
        pos = min(max(exc.position, 0), len(text))
    return Diagnostic(
        display,
        text.count("\n", 0, pos) + 1,
        pos - (text.rfind("\n", 0, pos) + 1) + 1,
        "yaml.control-character",
        f"the control character U+{char:04X} is not allowed in YAML",
        hint="delete it; text pasted from a PDF or a word processor often carries one",
    )


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "quote a text value that contains ': ' (e.g. title: \"Part 1: Scope\")"
    if "found character" in problem and "'\\t'" in problem:
        return "replace the tab with spaces"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "check the indentation and that each key is followed by ':'"
    return "check the indentation and quoting near this line"


def load_file(path: Path, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Read and parse one content file with every limit applied."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Diagnostic(
                    display,
                    0,
                    0,
                    "yaml.too-large",
                    f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}",
                    hint="split the records into several files",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Diagnostic(
                display,
                0,
                0,
                "io.read",
                f"cannot read the file: {exc.strerror}",
                hint="check that the file exists and is readable",
            )
        ]
    return parse_bytes(raw, path, display)


def parse_bytes(raw: bytes, path: Path, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Decode and parse a file's bytes as read (:func:`load_file` without the reading): a caller
    that keeps what it parsed by the bytes (:func:`vkc.content.load_content`) parses those same bytes."""
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    return parse_text(text, path, display)


PARALLEL_MIN_BYTES = 4 * 1024 * 1024
"""Below this much YAML, a second process costs more than it saves."""


def load_files(
    files: list[tuple[Path, str]], parallel_min_bytes: int = PARALLEL_MIN_BYTES, when_idle: bool = True
) -> list[tuple[LoadedFile | None, list[Diagnostic]]]:
    """:func:`load_file` for each ``(path, display)``, in order (see :func:`iter_files`)."""
    return list(iter_files(files, parallel_min_bytes, when_idle))


_RUNNABLE = Path("/proc/loadavg")
"""Linux: its fourth field is the number of tasks runnable now (this one too) / all tasks."""


def _core_idle() -> bool:
    """Whether the machine has a core to spare: no more tasks runnable now, this one included,
    than cores less one, in the lowest of three looks 5 ms apart.

    Why not the load average: it is a one-minute mean. Just after another busy minute (a build,
    the check's own peer in the benchmark) it still says "busy" on an idle machine, and the
    check ran in one process when it could have used two.
    """
    cores = os.cpu_count() or 1
    try:
        looks = []
        for look in range(3):
            if look:
                time.sleep(0.005)
            looks.append(_runnable_now())
        runnable = min(looks)
    except (OSError, ValueError, IndexError):  # not Linux: the load average, else assume a core
        try:
            return os.getloadavg()[0] < cores - 0.5
        except OSError:
            return True
    return runnable <= cores - 1


def _runnable_now() -> int:
    return int(_RUNNABLE.read_text(encoding="ascii").split()[3].split("/")[0])


def iter_files(
    files: list[tuple[Path, str]], parallel_min_bytes: int = PARALLEL_MIN_BYTES, when_idle: bool = True
) -> Iterator[tuple[LoadedFile | None, list[Diagnostic]]]:
    """:func:`load_file` for each ``(path, display)``, in order, one file at a time.

    Why two processes: parsing is most of `vkc check` on a large corpus and the machine has
    two cores. A forked child parses every second file and sends each back pickled as soon
    as it is parsed (about a quarter of the cost of parsing); the parent parses the others
    meanwhile. Why one at a time: the caller builds its records from a file and lets the
    file's values go before the next one comes, so memory holds a file or two of raw
    values rather than the whole corpus (the child waits in ``send`` until the parent reads).
    Why only with a core to spare (``when_idle``): the child and the pickling cost about
    0.7 s more CPU on 10,000 synthetic records; on a busy two-core machine that made the
    whole check slower (6.9 s against 6.2 s in one process), on a quiet one faster (4.8 s
    against 5.3 s).
    """
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):  # load_file reports it
            total += path.stat().st_size
    if (
        len(files) < 2
        or total < parallel_min_bytes
        or "fork" not in multiprocessing.get_all_start_methods()
        or (when_idle and not _core_idle())
    ):
        for path, display in files:
            yield load_file(path, display)
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_load_into_pipe, args=(files[1::2], sender), daemon=True)
    child.start()
    sender.close()
    child_alive = True
    try:
        for index, (path, display) in enumerate(files):
            if index % 2 == 1 and child_alive:
                try:
                    received: tuple[LoadedFile | None, list[Diagnostic]] = receiver.recv()
                except EOFError:  # the child died (out of memory, killed): parse the rest here
                    child_alive = False
                else:
                    yield received
                    continue
            yield load_file(path, display)
    finally:  # also when the caller stops early: the child must not wait on a full pipe
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _load_into_pipe(files: list[tuple[Path, str]], sender: Connection) -> None:
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the parent stopped reading
        for path, display in files:
            sender.send(load_file(path, display))
    sender.close()


@dataclass(frozen=True)
class Origin:
    """Where a record or value was written."""

    file: LoadedFile
    """The parsed file."""
    path: KeyPath
    """Key path of the record inside the file."""

    def line(self, sub: KeyPath = ()) -> int:
        """Line of the record (or of ``sub`` inside it)."""
        return self.file.position((*self.path, *sub))[0]
