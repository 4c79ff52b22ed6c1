"""The one walk over the content model: every field value with its key path, records and texts.

Why one: validation (ids of nested records), translation status, rendering (stale dates) and
the PO files all need "every record" or "every localized text with its key path"; four
hand-written walks once answered slightly differently (one missed texts inside lists of
plain models). Everything here is pure: models in, paths out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import get_args

from pydantic import BaseModel

from . import model as m
from .yamlload import KeyPath


def children(obj: BaseModel) -> Iterator[tuple[KeyPath, object]]:
    """Each field value of ``obj`` (list items one by one) with its key path relative to ``obj``."""
    return _values(obj, m.field_names(type(obj)))


def model_children(obj: BaseModel) -> Iterator[tuple[KeyPath, object]]:
    """:func:`children`, but only of the fields whose type can hold a model.

    Why: the walks below look only for models; skipping ids, texts, dates and flags by
    their declared type halves the work (the values are validated against those types).
    """
    return _values(obj, _model_fields(type(obj)))


def _values(obj: BaseModel, names: Iterable[str]) -> Iterator[tuple[KeyPath, object]]:
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield (name, index), item
        else:
            yield (name,), value


@cache
def _model_fields(kind: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, info in kind.model_fields.items() if _holds_models(info.annotation))


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


def nested_records(record: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, m.Record]]:
    """Every record inside ``record`` (itself included), with its relative key path."""
    if isinstance(record, m.Record):
        yield path, record
    for step, item in model_children(record):
        if isinstance(item, BaseModel) and not isinstance(item, m.LocalizedText):
            yield from nested_records(item, (*path, *step))


def kind_name(obj: BaseModel) -> str:
    """``LegalDocument`` -> ``legal_document``: the record kind as reports name it."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(obj).__name__).lower()


@dataclass(frozen=True)
class FoundText:
    """A localized text found by :func:`localized_texts`."""

    record_id: str
    """Id of the nearest record holding it (the root's id otherwise)."""
    kind: str
    """Kind of that record (:func:`kind_name`)."""
    key_path: KeyPath
    """Path of the text inside that record."""
    path: KeyPath
    """Path of the text from the root the walk started at."""
    text: m.LocalizedText
    part: str
    """Id of the guideline part it belongs to (empty outside the guideline)."""


def localized_texts(obj: BaseModel, record_id: str, path: KeyPath = (), part: str = "") -> Iterator[FoundText]:
    """Every LocalizedText inside ``obj``, each attributed to its nearest record."""
    yield from _texts(obj, record_id, kind_name(obj), (), path, part)


def _texts(obj: BaseModel, record_id: str, kind: str, rel: KeyPath, path: KeyPath, part: str) -> Iterator[FoundText]:
    for step, item in model_children(obj):
        if isinstance(item, m.LocalizedText):
            yield FoundText(record_id, kind, (*rel, *step), (*path, *step), item, part)
        elif isinstance(item, m.Record):
            sub_part = item.id if isinstance(item, m.Part) else part
            yield from _texts(item, item.id, kind_name(item), (), (*path, *step), sub_part)
        elif isinstance(item, BaseModel):
            yield from _texts(item, record_id, kind, (*rel, *step), (*path, *step), part)
