"""What changed between two states of the content: records added and removed, and each changed
field with its old and new value in every language, and the translations a change made stale.

Why on the validated model and not on HTML: a reviewer and a translator need "the Korean title
of decree-269 changed" or "the Vietnamese of sec-950-targets changed, so its English is now
stale", not a diff of markup; and the same change set will feed the What-changed pages, the
feeds and the change list at the foot of a page (the issue on versions), so it is computed once,
here, from two :class:`~vkc.content.Content` values (two git revisions, two versions, or a
revision and the working tree).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from .. import model as m
from ..content import Content
from ..walk import children, kind_name, nested_records
from ..yamlload import KeyPath, format_key_path

FieldValue = str | list[str] | None
"""A compared value: text, a list of ids, or absent."""


@dataclass(frozen=True)
class FieldChange:
    """One field of one record that differs."""

    key: str
    """Key path inside the record (``title.ko``, ``status``, ``sources``)."""
    old: FieldValue
    new: FieldValue


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed or changed."""

    id: str
    kind: str
    """Record kind as reports name it (``legal_document``)."""
    change: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...] = ()
    """For a changed record: every field that differs, in model order."""
    stale: tuple[tuple[str, m.TranslationLang], ...] = ()
    """(key path of the text, language) of each translation this change made stale."""


@dataclass(frozen=True)
class ChangeSet:
    """Every change from one state of the content to another, in content order."""

    records: tuple[RecordChange, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not self.records

    def to_json(self) -> dict[str, object]:
        """The change set as `vkc diff --format json` prints it."""
        return {
            "records": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "change": r.change,
                    "fields": [{"key": f.key, "old": f.old, "new": f.new} for f in r.fields],
                    "stale": [{"key": key, "lang": lang} for key, lang in r.stale],
                }
                for r in self.records
            ]
        }


def _records(content: Content) -> dict[str, m.Record]:
    """Every record by id, in content order (the guideline's parts and sections included)."""
    out: dict[str, m.Record] = {}
    roots: list[BaseModel] = [content.guideline]
    for records in content.records.values():
        roots.extend(records)
    for root in roots:
        for _, record in nested_records(root):
            out[record.id] = record
    return out


def _values(obj: BaseModel, prefix: KeyPath = ()) -> Iterator[tuple[str, FieldValue]]:
    """The comparable values of a record's own fields (its nested records are compared apart)."""
    for step, item in children(obj):
        if isinstance(item, m.Record):
            continue
        if isinstance(item, m.LocalizedText):
            for lang in m.LANGS:
                yield format_key_path((*prefix, *step, lang)), item.text(lang)
        elif isinstance(item, BaseModel):
            yield from _values(item, (*prefix, *step))
        elif isinstance(item, bool):
            yield format_key_path((*prefix, *step)), "true" if item else "false"
        elif item is None or isinstance(item, str | int | m.PartialDate):
            yield format_key_path((*prefix, *step)), None if item is None else str(item)


def _lists(obj: BaseModel) -> dict[str, FieldValue]:
    """Values with list fields of plain ids folded into one value (``sources``, ``partners``)."""
    out: dict[str, FieldValue] = {}
    for key, value in _values(obj):
        head, _, tail = key.rpartition(".")
        if tail.isdigit() and head and isinstance(value, str) and "." not in head:
            listed = out.setdefault(head, [])
            assert isinstance(listed, list)
            listed.append(value)
        else:
            out[key] = value
    return out


def _stale(old: m.Record | None, new: m.Record) -> tuple[tuple[str, m.TranslationLang], ...]:
    """Translations current before and stale after (their Vietnamese changed, they did not)."""
    before = {f.path: f.text for f in _texts(old)} if old is not None else {}
    out = []
    for found in _texts(new):
        previous = before.get(found.path)
        for lang in m.TRANSLATION_LANGS:
            was_current = previous is None or previous.state(lang) == "current"
            if found.text.state(lang) == "stale" and was_current and (previous is None or previous.vi != found.text.vi):
                out.append((format_key_path(found.path), lang))
    return tuple(out)


@dataclass(frozen=True)
class _Text:
    path: KeyPath
    text: m.LocalizedText


def _texts(record: BaseModel | None, prefix: KeyPath = ()) -> Iterator[_Text]:
    if record is None:
        return
    for step, item in children(record):
        if isinstance(item, m.LocalizedText):
            yield _Text((*prefix, *step), item)
        elif isinstance(item, BaseModel) and not isinstance(item, m.Record):
            yield from _texts(item, (*prefix, *step))


def change_set(before: Content, after: Content) -> ChangeSet:
    """What changed from ``before`` to ``after``: records in ``after``'s order, then removed ones.

    Kept per pair of contents (by identity) in this process: a build compares every pair of
    published versions, whose snapshots are the same objects from one build to the next (the
    live preview compared them all again for each edit)."""
    memo = (id(before), id(after))
    kept = _CHANGE_SETS.get(memo)
    if kept is not None and kept[0] is before and kept[1] is after:
        return kept[2]
    found = _change_set(before, after)
    if len(_CHANGE_SETS) >= 64:
        _CHANGE_SETS.clear()
    _CHANGE_SETS[memo] = (before, after, found)
    return found


_CHANGE_SETS: dict[tuple[int, int], tuple[Content, Content, ChangeSet]] = {}


def _change_set(before: Content, after: Content) -> ChangeSet:
    old, new = _records(before), _records(after)
    changes: list[RecordChange] = []
    for record_id, record in new.items():
        previous = old.get(record_id)
        if previous is None:
            changes.append(RecordChange(record_id, kind_name(record), "added"))
            continue
        was, now = _lists(previous), _lists(record)
        fields = tuple(
            FieldChange(key, was.get(key), now.get(key))
            for key in [*now, *(k for k in was if k not in now)]
            if was.get(key) != now.get(key)
        )
        if fields:
            changes.append(RecordChange(record_id, kind_name(record), "changed", fields, _stale(previous, record)))
    changes += [RecordChange(i, kind_name(r), "removed") for i, r in old.items() if i not in new]
    return ChangeSet(tuple(changes))
