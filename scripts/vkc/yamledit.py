"""Change translations inside content YAML without touching anything else.

Why: content files are edited by people and reviewed as diffs. A round-trip dump
(ruamel.yaml included) re-indents, re-wraps and re-quotes text it did not change. We edit
the text itself instead: the file is composed once to learn where each node starts and
ends, and only the bytes of the changed values (or inserted lines) are replaced. Key
order, comments, quoting and formatting of everything else stay exactly as they were,
and an edit that changes nothing writes nothing.

Every result is re-parsed and compared with what was asked for before it is written, so
a bug here can never silently corrupt a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import TRANSLATION_LANGS, TranslationLang
from .yamlload import KeyPath, format_key_path, parse_text

try:  # libyaml counts marks in characters as the pure-Python parser does, ten times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_LANG_ORDER = ("vi", "en", "ko")
_NUMBER_LIKE = re.compile(r"[0-9]+|[0-9]+[eE][0-9]+")
# Characters a literal block cannot hold as they are (controls, and what YAML 1.1 reads as line breaks).
_UNPRINTABLE = re.compile("[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BIG_WIDTH = 1_000_000_000


class EditError(Exception):
    """An edit that cannot be made (the key path is not a mapping, or the result would differ)."""


@dataclass
class FieldChange:
    """What to change in one LocalizedText mapping."""

    texts: dict[TranslationLang, str] = field(default_factory=dict)
    """New translation per language."""
    stamps: dict[TranslationLang, str] = field(default_factory=dict)
    """Hash to record in ``translated_from`` per language."""
    tables: dict[str, dict[TranslationLang, str | None]] = field(default_factory=dict)
    """Other per-language mappings of the node (``draft``): a text to set, or None to remove.
    A mapping left empty is removed with its key."""


@dataclass(frozen=True, order=True)
class _Splice:
    start: int
    seq: int
    end: int
    text: str


def _hash_scalar(value: str) -> str:
    # Why: an all-digit hash is a number to other YAML tools (editors' schema checks).
    return f'"{value}"' if _NUMBER_LIKE.fullmatch(value) else value


def _find(node: yaml.Node, path: KeyPath) -> yaml.Node:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    node = value
                    break
            else:
                raise EditError(f"no key '{part}' at {format_key_path(path)}")
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            raise EditError(f"cannot follow {format_key_path(path)}")
    return node


def _entries(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _end(text: str, node: yaml.Node) -> int:
    """Offset just after the last character that belongs to ``node``."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(text, node.value[-1])
    end = int(node.end_mark.index)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        # A block scalar's end mark lies after its trailing blank lines; stop at its last text.
        while end > node.start_mark.index and text[end - 1] in " \t\r\n":
            end -= 1
    return end


def _line_end(text: str, offset: int) -> int:
    """Offset of the start of the line after ``offset`` (or the end of the text)."""
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline + 1


def _printable(value: str) -> bool:
    return _UNPRINTABLE.search(value) is None


def _dump(value: str, style: str | None, flow: bool) -> str:
    if flow:
        out = yaml.safe_dump(
            [value], default_flow_style=True, default_style=style, allow_unicode=True, width=_BIG_WIDTH
        )
        return out.strip()[1:-1]
    out = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=_BIG_WIDTH)
    return out.removesuffix("\n...\n").rstrip("\n")


def render_scalar(
    value: str,
    *,
    flow: bool,
    indent: int,
    nl: str,
    style: str | None = None,
    block_indent: int | None = None,
    header: str = "|-",
) -> str:
    """YAML for the text ``value`` as a mapping value, in ``style`` (the replaced value's) where it can be.

    ``indent`` is the column of the key; a literal block's lines go two columns further, or
    to ``block_indent`` (the depth of the block it replaces), after ``header`` (the replaced
    block's ``|`` or ``|-``, so that the header line stays out of the diff).
    """
    multiline = "\n" in value
    literal_ok = not flow and _printable(value) and not value[:1].isspace() and value == value.rstrip()
    if (style in ("|", ">") or multiline) and literal_ok:
        pad = " " * (block_indent if block_indent is not None else indent + 2)
        body = nl.join(pad + line if line else "" for line in value.split("\n"))
        return f"{header}{nl}{body}"
    if multiline or style == '"' or not _printable(value):
        return _dump(value, '"', flow)
    return _dump(value, "'" if style == "'" else None, flow)


class _Planner:
    """Turns the changes of one file into splices of its text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nl = "\r\n" if "\r\n" in text else "\n"
        root = yaml.compose(text, Loader=_Loader)
        if root is None:
            raise EditError("the file is empty")
        self.root: yaml.Node = root
        self.splices: list[_Splice] = []

    def _add(self, start: int, end: int, text: str) -> None:
        self.splices.append(_Splice(start, len(self.splices), end, text))

    def _replace_scalar(self, value: yaml.Node, new: str, flow: bool, indent: int) -> None:
        if not isinstance(value, yaml.ScalarNode):
            raise EditError("expected a text value")
        block_indent = None
        header = "|-"
        if value.style in ("|", ">"):
            first_line = self.text[int(value.start_mark.index) :].split("\n", 1)[0].split("#", 1)[0].strip()
            header = first_line if first_line in ("|", "|-") else "|-"
            # Keep the depth of the block being replaced: its first line with text.
            for line in self.text[int(value.start_mark.index) : _end(self.text, value)].split("\n")[1:]:
                if line.strip():
                    block_indent = len(line) - len(line.lstrip(" "))
                    break
        rendered = render_scalar(
            new, flow=flow, indent=indent, nl=self.nl, style=value.style, block_indent=block_indent, header=header
        )
        start = int(value.start_mark.index)
        if start == _end(self.text, value) and not self.text[start - 1 : start].isspace():
            rendered = " " + rendered  # an empty value ("en:") sits right after the colon
        self._add(start, _end(self.text, value), rendered)

    def _insert_entry(self, mapping: yaml.MappingNode, after: yaml.Node | None, key: str, value: str) -> None:
        """Add ``key:value`` after the entry whose value is ``after`` (or at the mapping's end).

        ``value`` starts with its separator: a space before a scalar, a line break before
        a nested block.
        """
        if mapping.flow_style:
            if after is None and mapping.value:
                after = mapping.value[-1][1]
            if after is None:  # an empty flow mapping: write inside the braces
                start = int(mapping.start_mark.index) + 1
                self._add(start, start, f"{key}:{value}")
            else:
                at = _end(self.text, after)
                self._add(at, at, f", {key}:{value}")
            return
        if after is None:
            after = mapping.value[-1][1]
        column = int(mapping.value[0][0].start_mark.column)
        at = _line_end(self.text, _end(self.text, after))
        lead = self.nl if at == len(self.text) and not self.text.endswith("\n") else ""
        self._add(at, at, f"{lead}{' ' * column}{key}:{value}{self.nl}")

    def plan(self, path: KeyPath, change: FieldChange) -> None:
        node = _find(self.root, path)
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise EditError(f"{format_key_path(path)} is not a mapping of languages")
        flow = bool(node.flow_style)
        column = int(node.value[0][0].start_mark.column)
        entries = _entries(node)
        for lang in TRANSLATION_LANGS:
            if lang not in change.texts:
                continue
            new = change.texts[lang]
            if lang in entries:
                self._replace_scalar(entries[lang][1], new, flow, column)
                continue
            before = [entries[k][1] for k in _LANG_ORDER[: _LANG_ORDER.index(lang)] if k in entries]
            rendered = render_scalar(new, flow=flow, indent=column, nl=self.nl)
            self._insert_entry(node, before[-1] if before else None, lang, " " + rendered)
        if change.stamps:
            self._plan_stamps(node, entries, change.stamps, flow, column)
        for key, values in change.tables.items():
            self._plan_table(node, entries, key, values, flow, column)

    def _plan_table(
        self,
        node: yaml.MappingNode,
        entries: Mapping[str, tuple[yaml.Node, yaml.Node]],
        key: str,
        values: Mapping[TranslationLang, str | None],
        flow: bool,
        column: int,
    ) -> None:
        """Set or remove entries of the per-language mapping ``key``, rewriting it whole."""
        table: dict[str, str] = {}
        if key in entries:
            old = entries[key][1]
            if not isinstance(old, yaml.MappingNode):
                raise EditError(f"{key} is not a mapping")
            table = {k.value: v.value for k, v in old.value if isinstance(k, yaml.ScalarNode)}
        for lang, value in values.items():
            if value is None:
                table.pop(lang, None)
            else:
                table[lang] = value
        ordered = [(lang, table[lang]) for lang in _LANG_ORDER if lang in table]
        if flow:
            inner = ", ".join(f"{lang}: {render_scalar(v, flow=True, indent=0, nl=self.nl)}" for lang, v in ordered)
            rendered = f" {{{inner}}}"
        else:
            pad = " " * (column + 2)
            rendered = "".join(
                f"{self.nl}{pad}{lang}: {render_scalar(v, flow=False, indent=column + 2, nl=self.nl)}"
                for lang, v in ordered
            )
        if key not in entries:
            if ordered:
                self._insert_entry(node, None, key, rendered)
            return
        key_node, old = entries[key]
        if ordered:  # from just after the key's colon to the end of the old mapping
            colon = self.text.index(":", int(key_node.end_mark.index))
            self._add(colon + 1, _end(self.text, old), rendered)
            return
        index = next(i for i, (k, _) in enumerate(node.value) if k is key_node)
        if flow:
            start = _end(self.text, node.value[index - 1][1]) if index else int(key_node.start_mark.index)
            end = (
                int(node.value[index + 1][0].start_mark.index)
                if not index and len(node.value) > 1
                else _end(self.text, old)
            )
            self._add(start, end, "")
        else:
            start = self.text.rfind("\n", 0, int(key_node.start_mark.index)) + 1
            self._add(start, _line_end(self.text, _end(self.text, old)), "")

    def _plan_stamps(
        self,
        node: yaml.MappingNode,
        entries: Mapping[str, tuple[yaml.Node, yaml.Node]],
        stamps: Mapping[TranslationLang, str],
        flow: bool,
        column: int,
    ) -> None:
        ordered = [(lang, stamps[lang]) for lang in TRANSLATION_LANGS if lang in stamps]
        if "translated_from" not in entries:
            if flow:
                inner = ", ".join(f"{lang}: {_hash_scalar(h)}" for lang, h in ordered)
                self._insert_entry(node, None, "translated_from", f" {{{inner}}}")
            else:
                pad = " " * (column + 2)
                lines = "".join(f"{self.nl}{pad}{lang}: {_hash_scalar(h)}" for lang, h in ordered)
                self._insert_entry(node, None, "translated_from", lines)
            return
        table = entries["translated_from"][1]
        if not isinstance(table, yaml.MappingNode):
            raise EditError("translated_from is not a mapping")
        known = _entries(table)
        for lang, value in ordered:
            if lang in known:
                old = known[lang][1]
                self._add(int(old.start_mark.index), _end(self.text, old), _hash_scalar(value))
            else:
                self._insert_entry(table, None, lang, " " + _hash_scalar(value))

    def result(self) -> str:
        pieces: list[str] = []
        done = 0
        for splice in sorted(self.splices):
            if splice.start < done:
                raise EditError("two changes overlap")
            pieces += [self.text[done : splice.start], splice.text]
            done = splice.end
        pieces.append(self.text[done:])
        return "".join(pieces)


def _verify(before: str, after: str, changes: Mapping[KeyPath, FieldChange]) -> None:
    """Re-parse the result: every requested value must read back, and nothing else may differ."""
    old, problems_old = parse_text(before, Path("before"), "before")
    new, problems = parse_text(after, Path("after"), "after")
    if new is None or old is None or problems or problems_old:
        raise EditError(f"the edited file does not parse: {problems[0].message if problems else '?'}")
    expected = _plain(old.data)
    for path, change in changes.items():
        target = _lookup(expected, path)
        if not isinstance(target, dict):
            raise EditError(f"{format_key_path(path)} is not a mapping")
        for lang, text in change.texts.items():
            target[lang] = text
        if change.stamps:
            table = target.setdefault("translated_from", {})
            if not isinstance(table, dict):
                raise EditError("translated_from is not a mapping")
            table.update(change.stamps)
        for key, values in change.tables.items():
            table = target.setdefault(key, {})
            if not isinstance(table, dict):
                raise EditError(f"{key} is not a mapping")
            for lang, value in values.items():
                if value is None:
                    table.pop(lang, None)
                else:
                    table[lang] = value
            if not table:
                del target[key]
    if _normalise(expected) != _normalise(_plain(new.data)):
        raise EditError("the edit would change more than the requested values")


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _lookup(value: object, path: KeyPath) -> object:
    for part in path:
        value = value[part] if isinstance(value, (dict, list)) else None  # type: ignore[index]
    return value


def _normalise(value: object) -> object:
    # Why: a literal block keeps a final newline that the model strips anyway.
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def apply_changes(text: str, changes: Mapping[KeyPath, FieldChange]) -> str:
    """The YAML ``text`` with ``changes`` (key path of a LocalizedText -> change) applied."""
    if not changes:
        return text
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix(bom)
    planner = _Planner(body)
    for path, change in changes.items():
        planner.plan(path, change)
    result = planner.result()
    _verify(body, result, changes)
    return bom + result


def edit_file(path: Path, changes: Mapping[KeyPath, FieldChange]) -> bool:
    """Apply ``changes`` to the file at ``path``; returns whether its bytes changed."""
    before = path.read_bytes().decode("utf-8")
    after = apply_changes(before, changes)
    if after == before:
        return False
    path.write_bytes(after.encode("utf-8"))
    return True


def group_changes(items: Iterable[tuple[Path, KeyPath, FieldChange]]) -> dict[Path, dict[KeyPath, FieldChange]]:
    """Merge per-field changes into one change set per file and LocalizedText."""
    grouped: dict[Path, dict[KeyPath, FieldChange]] = {}
    for file, key_path, change in items:
        merged = grouped.setdefault(file, {}).setdefault(key_path, FieldChange())
        merged.texts.update(change.texts)
        merged.stamps.update(change.stamps)
        for key, values in change.tables.items():
            merged.tables.setdefault(key, {}).update(values)
    return grouped


def edit_files(grouped: Mapping[Path, Mapping[KeyPath, FieldChange]]) -> list[Path]:
    """Apply every file's changes; all files are checked before the first is written."""
    results: list[tuple[Path, str, str]] = []
    for file, changes in grouped.items():
        before = file.read_bytes().decode("utf-8")
        results.append((file, before, apply_changes(before, changes)))
    written: list[Path] = []
    for file, before, after in results:
        if after != before:
            file.write_bytes(after.encode("utf-8"))
            written.append(file)
    return written


__all__: Sequence[str] = (
    "EditError",
    "FieldChange",
    "apply_changes",
    "edit_file",
    "edit_files",
    "group_changes",
    "render_scalar",
)
