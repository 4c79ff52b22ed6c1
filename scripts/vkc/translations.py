"""Per-field translation status: every LocalizedText of the content, where it is, and its state.

Why: a translator needs to know which single field fell behind the Vietnamese, not that
"the organizations file changed". Each text knows the hash of the Vietnamese it was
translated from (:meth:`vkc.model.LocalizedText.state`); this module finds every text
with its record, key path, file and line, and counts states per language and record kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from . import model as m
from .content import Content, Origin
from .yamlload import KeyPath, LoadedFile, format_key_path

State = Literal["current", "stale", "missing"]
STATES: tuple[State, ...] = ("current", "stale", "missing")


@dataclass(frozen=True)
class TextField:
    """One LocalizedText of the content and where it was written."""

    record_id: str
    """Id of the nearest record holding it (``publication`` for the edition)."""
    kind: str
    """Kind of that record, e.g. ``organization``, ``section``."""
    key_path: KeyPath
    """Path of the text inside its record, e.g. ``("standards", 0, "note")``."""
    file_path: KeyPath
    """Path of the text inside its file."""
    loaded: LoadedFile
    """The file it was written in."""
    text: m.LocalizedText
    """The text itself."""
    part: str = ""
    """Id of the guideline part it belongs to (empty outside the guideline)."""

    @property
    def key(self) -> str:
        """The key path as written in commands and PO contexts (``standards.0.note``)."""
        return format_key_path(self.key_path)

    @property
    def file(self) -> str:
        """The file as diagnostics show it."""
        return self.loaded.display

    @property
    def context(self) -> str:
        """``record-id:key.path``: the field's identity in PO files and links."""
        return f"{self.record_id}:{self.key}"

    def line(self, lang: m.Lang | None = None) -> int:
        """Line of the ``lang`` value, or of the text's key when that value is absent."""
        if lang is not None and (*self.file_path, lang) in self.loaded.positions:
            return self.loaded.position((*self.file_path, lang))[0]
        return self.loaded.position(self.file_path)[0]

    def state(self, lang: m.TranslationLang) -> State:
        """Current, stale or missing in ``lang``."""
        return self.text.state(lang)


def kind_name(obj: BaseModel) -> str:
    """``LegalDocument`` -> ``legal_document``: the record kind as status reports name it."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


def _walk(
    obj: BaseModel, record_id: str, kind: str, rel: KeyPath, absolute: KeyPath, loaded: LoadedFile, part: str
) -> Iterator[TextField]:
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            step: KeyPath = (name,) if index is None else (name, index)
            if isinstance(item, m.LocalizedText):
                yield TextField(record_id, kind, (*rel, *step), (*absolute, *step), loaded, item, part)
            elif isinstance(item, m.Record):
                sub_part = item.id if isinstance(item, m.Part) else part
                yield from _walk(item, item.id, kind_name(item), (), (*absolute, *step), loaded, sub_part)
            elif isinstance(item, BaseModel):
                yield from _walk(item, record_id, kind, (*rel, *step), (*absolute, *step), loaded, part)


def text_fields(content: Content) -> list[TextField]:
    """Every LocalizedText of the content, in file order (publication, guideline, collections)."""
    roots: list[tuple[BaseModel, str, Origin]] = [
        (content.publication, "publication", content.singleton_origins["publication"]),
        (content.guideline, content.guideline.id, content.singleton_origins["guideline"]),
    ]
    for records in content.records.values():
        roots.extend((record, record.id, content.origins[record.id]) for record in records)
    fields: list[TextField] = []
    for obj, record_id, origin in roots:
        fields.extend(_walk(obj, record_id, kind_name(obj), (), origin.path, origin.file, ""))
    fields.sort(key=lambda f: (f.file, f.line()))
    return fields


@dataclass
class Counts:
    """How many fields are in each state."""

    current: int = 0
    stale: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        """All fields counted."""
        return self.current + self.stale + self.missing

    @property
    def percent(self) -> float:
        """Share of current fields, one decimal; 100 when there is nothing to translate."""
        return round(100.0 * self.current / self.total, 1) if self.total else 100.0

    def add(self, state: State) -> None:
        """Count one field."""
        setattr(self, state, getattr(self, state) + 1)

    def to_json(self) -> dict[str, object]:
        """``{"current", "stale", "missing", "percent"}``."""
        return {"current": self.current, "stale": self.stale, "missing": self.missing, "percent": self.percent}


@dataclass
class LanguageStatus:
    """The status of one translation language."""

    lang: m.TranslationLang
    """The language."""
    counts: Counts = field(default_factory=Counts)
    """All fields."""
    kinds: dict[str, Counts] = field(default_factory=dict)
    """Per record kind, in first-seen order."""
    items: list[tuple[TextField, State]] = field(default_factory=list)
    """Every stale or missing field, in file order."""
    review: list[TextField] = field(default_factory=list)
    """Every field with a translator's draft awaiting review (never published), in file order."""

    def to_json(self) -> dict[str, object]:
        """The object documented for `vkc status --format json`."""
        return {
            **self.counts.to_json(),
            "items": [
                {"id": f.record_id, "key_path": f.key, "file": f.file, "line": f.line(self.lang), "state": state}
                for f, state in self.items
            ],
            "kinds": {kind: counts.to_json() for kind, counts in self.kinds.items()},
            "review": [
                {"id": f.record_id, "key_path": f.key, "file": f.file, "line": f.line(self.lang)} for f in self.review
            ],
        }


def language_status(fields: list[TextField], lang: m.TranslationLang) -> LanguageStatus:
    """Count the states of ``fields`` in ``lang``."""
    status = LanguageStatus(lang)
    for text_field in fields:
        state = text_field.state(lang)
        status.counts.add(state)
        status.kinds.setdefault(text_field.kind, Counts()).add(state)
        if state != "current":
            status.items.append((text_field, state))
        if lang in text_field.text.draft:
            status.review.append(text_field)
    return status


def translation_status(content: Content) -> dict[m.TranslationLang, LanguageStatus]:
    """The status of every translation language."""
    fields = text_fields(content)
    return {lang: language_status(fields, lang) for lang in m.TRANSLATION_LANGS}


def content_relative(content: Content, loaded: LoadedFile) -> str:
    """The file as a repository path: ``content/records.yaml`` (the content folder's name first)."""
    root = content.root.resolve()
    try:
        rel = loaded.path.resolve().relative_to(root)
    except ValueError:
        return loaded.display
    return (Path(root.name) / rel).as_posix()
