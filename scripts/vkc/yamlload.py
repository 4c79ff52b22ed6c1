"""Load one YAML file into plain values, keeping the line and column of every node.

Why: PyYAML's safe loader silently retypes strings (``NO`` -> False, ``1.10`` -> 1.1,
``2024-02-30`` -> crash), keeps the last of two duplicate keys, expands alias bombs and
recurses until Python gives up. We build values straight from libyaml's event stream
instead: every scalar stays a string (the schema decides its type), duplicate keys, tags
and merge keys are errors, and size, depth and alias expansion are bounded before any
large structure exists.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeGuard, Union

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


@dataclass
class LoadedFile:
    """A parsed content file: plain values plus the position of every key and item."""

    path: Path
    """Where the file is on disk."""
    display: str
    """The file name used in diagnostics."""
    data: Value
    """The document as plain dicts, lists, strings and None."""
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
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


class _Builder:
    """Turns libyaml events into values; one instance per document."""

    def __init__(self, events: Iterator[yaml.Event]) -> None:
        self.events = events
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Value, int]] = {}
        self.alias_nodes = 0

    def node(self, event: yaml.Event, path: KeyPath, depth: int) -> tuple[Value, int]:
        """Build the value that starts with ``event``; returns it with its node count."""
        line, col = _mark(event)
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            if anchor not in self.anchors:
                raise _Stop(
                    line,
                    col,
                    "yaml.alias",
                    f"alias '*{anchor}' refers to no anchor",
                    "define '&NAME' before using '*NAME'",
                    path,
                )
            shared, shared_size = self.anchors[anchor]
            self.alias_nodes += shared_size
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise _Stop(
                    line,
                    col,
                    "yaml.alias-bomb",
                    f"aliases expand to more than {MAX_ALIAS_NODES} values",
                    "write the repeated values out, or remove the anchors and aliases",
                    path,
                )
            return shared, shared_size
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _Stop(
                line,
                col,
                "yaml.tag",
                f"the tag '{tag}' is not allowed in content files",
                "remove the tag; quote the value if it is text",
                path,
            )
        if depth > MAX_DEPTH:
            raise _Stop(
                line,
                col,
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
            positions, child_depth = self.positions, depth + 1
            for index, child in enumerate(self.events):
                if type(child) is _SequenceEnd:
                    break
                positions[(*path, index)] = _mark(child)
                if _is_simple(child, child_depth):
                    items.append(_scalar(child))
                    size += 1
                    continue
                item, item_size = self.node(child, (*path, index), child_depth)
                items.append(item)
                size += item_size
            value = items
        elif isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Value] = {}
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
                if key in mapping:
                    first_line = self.positions.get((*path, key), (0, 0))[0]
                    raise _Stop(
                        key_line,
                        key_col,
                        "yaml.duplicate-key",
                        f"duplicate key '{key}' (first defined on line {first_line})",
                        "remove one of the two; YAML would silently keep only the last",
                        (*path, key),
                    )
                self.positions[(*path, key)] = (key_line, key_col)
                child = next(self.events)
                if _is_simple(child, depth + 1):
                    mapping[key] = _scalar(child)
                    size += 2
                    continue
                child_value, child_size = self.node(child, (*path, key), depth + 1)
                mapping[key] = child_value
                size += child_size + 1
            value = mapping
        else:  # pragma: no cover - libyaml yields only the events handled above here
            raise _Stop(line, col, "yaml.syntax", f"unexpected {type(event).__name__}", "", path)
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
    tab_positions = [m.end() - 1 for m in _TAB_INDENT.finditer(text)]
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
    parser = _Parser(text)
    try:
        events = _event_stream(parser)
        first = next(events)  # StreamStart
        builder = _Builder(events)
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
    return LoadedFile(path=path, display=display, data=data, positions=builder.positions), []


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
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    return parse_text(text, path, display)


PARALLEL_MIN_BYTES = 4 * 1024 * 1024
"""Below this much YAML, a second process costs more than it saves."""


def load_files(
    files: list[tuple[Path, str]], parallel_min_bytes: int = PARALLEL_MIN_BYTES
) -> list[tuple[LoadedFile | None, list[Diagnostic]]]:
    """:func:`load_file` for each ``(path, display)``, in order.

    Why two processes: parsing is most of `vkc check` on a large corpus and the machine has
    two cores. A forked child parses every second file and sends the results back pickled
    (about a quarter of the cost of parsing); the parent parses the others meanwhile.
    """
    total = 0
    for path, _ in files:
        with contextlib.suppress(OSError):  # load_file reports it
            total += path.stat().st_size
    if len(files) < 2 or total < parallel_min_bytes or "fork" not in multiprocessing.get_all_start_methods():
        return [load_file(path, display) for path, display in files]
    theirs = files[1::2]
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_load_into_pipe, args=(theirs, sender), daemon=True)
    child.start()
    sender.close()
    mine = [load_file(path, display) for path, display in files[0::2]]
    try:
        received: list[tuple[LoadedFile | None, list[Diagnostic]]] = receiver.recv()
    except EOFError:  # the child died (out of memory, killed): parse its share here
        received = [load_file(path, display) for path, display in theirs]
    finally:
        receiver.close()
        child.join()
    results: list[tuple[LoadedFile | None, list[Diagnostic]]] = []
    for index in range(len(files)):
        results.append(mine[index // 2] if index % 2 == 0 else received[index // 2])
    return results


def _load_into_pipe(files: list[tuple[Path, str]], sender: Connection) -> None:
    sender.send([load_file(path, display) for path, display in files])
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
