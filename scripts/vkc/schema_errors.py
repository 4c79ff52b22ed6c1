"""Turn pydantic validation errors into diagnostics an editor can act on.

Why: pydantic's messages speak of Python types ("Input should be a valid dictionary").
Editors need the key, the line, what was expected and a fix. Messages are keyed on
pydantic's stable ``error["type"]``, never on its English text.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic
from .model import LocalizedText
from .yamlload import KeyPath, LoadedFile

_NOISE = {"[key]", "function-plain[parse()]", "function-before[_clean_text(), str]", "function-after"}


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, dict, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the value at ``loc`` below ``model``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        candidates = _unwrap(field.annotation)
        current = candidates[0] if candidates else None
    return current


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return tuple(p for p in loc if not (isinstance(p, str) and (p in _NOISE or p.startswith("function-"))))


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"the text '{value}'"


def diagnostics_from_error(
    error: ValidationError, model: type[BaseModel], file: LoadedFile, base: KeyPath
) -> Iterator[Diagnostic]:
    """One diagnostic per pydantic error, located in ``file`` under ``base``."""
    for err in error.errors(include_url=False):
        loc = _clean_loc(tuple(err["loc"]))
        kind = err["type"]
        value = err.get("input")
        path: KeyPath = (*base, *loc)
        parent = model_at(model, loc[:-1])
        key = loc[-1] if loc else ""
        if kind == "extra_forbidden":
            allowed = sorted(parent.model_fields) if parent else []
            if parent is LocalizedText and isinstance(key, str) and len(key) <= 3:
                yield file.diagnostic(
                    path, "schema.unknown-language", f"unknown language code '{key}'", "the languages are vi, en and ko"
                )
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            yield file.diagnostic(path, "schema.unknown-key", f"unknown key '{key}'", hint)
        elif kind == "missing":
            if parent is None and loc[:-1]:
                parent = model_at(model, loc[:-2])
            yield file.diagnostic(
                path[:-1],
                "schema.missing",
                f"missing required key '{key}'",
                f"add '{key}:' here" + (" with at least the Vietnamese text (vi:)" if _is_ltext(parent, key) else ""),
            )
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            expected = "a mapping with vi:, en:, ko:" if model_at(model, loc) is LocalizedText else "a mapping of keys"
            yield file.diagnostic(
                path,
                "schema.type",
                f"expected {expected}, got {_describe(value)}",
                "indent the keys that belong under this one",
            )
        elif kind == "list_type":
            yield file.diagnostic(
                path,
                "schema.type",
                f"expected a list, got {_describe(value)}",
                "write each item on its own line starting with '- '",
            )
        elif kind in ("string_type", "int_parsing", "int_type"):
            want = "a whole number" if kind.startswith("int") else "text"
            yield file.diagnostic(
                path,
                "schema.type",
                f"expected {want}, got {_describe(value)}",
                "quote the value if it is text" if want == "text" else "write digits only, e.g. 2",
            )
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            yield file.diagnostic(
                path, "schema.choice", f"'{value}' is not allowed here", f"use one of: {expected.replace(' or ', ', ')}"
            )
        elif kind == "string_pattern_mismatch":
            yield file.diagnostic(path, "schema.format", f"'{value}' has the wrong form", _pattern_hint(key))
        elif kind == "string_too_long":
            limit = err.get("ctx", {}).get("max_length")
            yield file.diagnostic(path, "schema.too-long", f"the value is longer than {limit} characters", "shorten it")
        elif kind in ("string_too_short", "too_short"):
            yield file.diagnostic(path, "schema.empty", "the value is empty", "write the text, or remove the key")
        elif kind == "bool_strict":
            yield file.diagnostic(
                path,
                "schema.bool",
                f"'{value}' is not true or false",
                "write true or false (yes, no, on and off are not accepted)",
            )
        elif kind.startswith("date_"):
            yield file.diagnostic(path, "schema.date", err["msg"], "write a real date as YYYY-MM-DD, YYYY-MM or YYYY")
        else:
            yield file.diagnostic(path, f"schema.{kind}", err["msg"], "see the field's description in `vkc schema`")


def _is_ltext(parent: type[BaseModel] | None, key: str | int) -> bool:
    if parent is None or not isinstance(key, str) or key not in parent.model_fields:
        return False
    return LocalizedText in _unwrap(parent.model_fields[key].annotation)


def _pattern_hint(key: str | int) -> str:
    if key in ("id", "sources") or isinstance(key, int):
        return "an id is lowercase letters, digits and hyphens, e.g. decision-950-2018"
    if key == "url":
        return "write the full address starting with https:// or http://"
    if key in ("en", "ko"):
        return "a translation hash is 12 hexadecimal characters; run `vkc translations mark-current`"
    return "see the field's description in `vkc schema`"
