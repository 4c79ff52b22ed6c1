"""Checks across records: references resolve, dates are in order, facts cite sources.

Why: these rules need every record at once, so they run after each record has passed the
schema; a reference is checked against the kind of record it must point to, so citing an
organization where a source is expected is caught too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from pydantic import BaseModel

from . import model as m
from .diagnostics import Diagnostic, Severity
from .yamlload import KeyPath, Origin

TEACHABLE: tuple[type[m.Record], ...] = (m.Section, m.LegalDocument, m.Indicator, m.GlossaryTerm)
"""What a lesson may read: guideline sections (chapters too), legal documents, indicators, terms."""
CITABLE: tuple[type[m.Record], ...] = (*TEACHABLE, m.Standard, m.Source)
"""What a lesson's key point may cite: what a lesson reads, and standards and sources."""

REFERENCE_TARGETS: dict[str, type[m.Record] | tuple[type[m.Record], ...]] = {
    "sources": m.Source,
    "parent": m.Organization,
    "succeeded_by": m.Organization,
    "issuer": m.Organization,
    "partners": m.Organization,
    "organisers": m.Organization,
    "participants": m.Organization,
    "superseded_by": m.LegalDocument,
    "approved_by": m.LegalDocument,
    "category": m.IndicatorCategory,
    "parent_category": m.IndicatorCategory,
    "standard": m.Standard,
    "project": m.Project,
    "component": m.Component,
    "readings": TEACHABLE,
    "cites": CITABLE,
    "see": m.Section,
}
"""Field name -> the record kind (or kinds) its ids must name."""

_KIND_NAMES = {
    m.Source: "source",
    m.Organization: "organization",
    m.LegalDocument: "legal document",
    m.IndicatorCategory: "indicator category",
    m.Standard: "standard",
    m.Project: "project",
    m.Component: "component",
    m.Section: "guideline section",
    m.Indicator: "indicator",
    m.GlossaryTerm: "glossary term",
}


def _kind_name(kind: type[m.Record]) -> str:
    """``LegalDocument`` -> ``legal document``: how messages name a record kind."""
    return _KIND_NAMES.get(kind) or re.sub(r"(?<!^)(?=[A-Z])", " ", kind.__name__).lower()


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _kinds(kinds: type[m.Record] | tuple[type[m.Record], ...], *, articles: bool) -> str:
    """``a guideline section, a legal document or an indicator``: the kinds a field may name."""
    names = [_KIND_NAMES[k] for k in (kinds if isinstance(kinds, tuple) else (kinds,))]
    if articles:
        names = [_a(n) for n in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _references(value: BaseModel, path: KeyPath) -> Iterator[tuple[KeyPath, str, str]]:
    """(key path, field name, id) of every reference inside ``value``, nested records excluded."""
    for name in m.field_names(type(value)):
        item = getattr(value, name)
        if name in REFERENCE_TARGETS and isinstance(item, str):
            yield (*path, name), name, item
        elif name in REFERENCE_TARGETS and isinstance(item, list):
            for index, ref in enumerate(item):
                if isinstance(ref, str):
                    yield (*path, name, index), name, ref
        # Texts hold no references; skipping them halves the walk on large content.
        if isinstance(item, list):
            for index, child in enumerate(item):
                if isinstance(child, BaseModel) and not isinstance(child, (m.Record, m.LocalizedText)):
                    yield from _references(child, (*path, name, index))
        elif isinstance(item, BaseModel) and not isinstance(item, (m.Record, m.LocalizedText)):
            yield from _references(item, (*path, name))


def _dates_in_order(record: m.Record) -> Iterator[tuple[str, str, m.PartialDate, m.PartialDate]]:
    pairs = {
        m.Event: ("date", "end"),
        m.Milestone: ("date", "end"),
        m.Organization: ("valid_from", "valid_until"),
        m.LegalDocument: ("signed", "effective"),
    }
    for kind, (first, second) in pairs.items():
        if isinstance(record, kind):
            start, end = getattr(record, first), getattr(record, second)
            if start is not None and end is not None:
                yield first, second, start, end
    if isinstance(record, m.LegalDocument) and record.signed and record.status_since:
        yield "signed", "status_since", record.signed, record.status_since


def _states_facts(record: m.Record) -> bool:
    if isinstance(record, (m.Part,)):
        return record.intro is not None
    if isinstance(record, m.Section):
        return record.body is not None
    return isinstance(record, m.Sourced)


def check_references(by_id: dict[str, m.Record], origins: dict[str, Origin]) -> list[Diagnostic]:
    """Every cross-record problem of the content."""
    found: list[Diagnostic] = []
    for record_id, record in by_id.items():
        origin = origins[record_id]
        at = origin.file.diagnostic
        base = origin.path
        for path, name, ref in _references(record, ()):
            target_kind = REFERENCE_TARGETS[name]
            target = by_id.get(ref)
            if target is None:
                candidates = sorted(i for i, r in by_id.items() if isinstance(r, target_kind))
                close = difflib.get_close_matches(ref, candidates, n=1, cutoff=0.6)
                found.append(
                    at(
                        (*base, *path),
                        "ref.unknown-id",
                        f"no {_kinds(target_kind, articles=False)} has the id '{ref}'",
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"add {_kinds(target_kind, articles=True)} with this id, or correct the reference",
                    )
                )
            elif not isinstance(target, target_kind):
                found.append(
                    at(
                        (*base, *path),
                        "ref.wrong-kind",
                        f"'{ref}' is {_a(_kind_name(type(target)))}, not {_kinds(target_kind, articles=True)}",
                        f"'{name}' must name {_kinds(target_kind, articles=True)}",
                    )
                )
        for first, second, start, end in _dates_in_order(record):
            if end.end_key() < start.sort_key():
                found.append(
                    at(
                        (*base, second),
                        "date.order",
                        f"{second} ({end}) is before {first} ({start})",
                        "swap the two dates or correct one of them",
                    )
                )
        if isinstance(record, m.Sourced) and not record.sources and not record.illustrative and _states_facts(record):
            found.append(
                at(
                    (*base, "id"),
                    "source.missing",
                    f"'{record_id}' states facts but cites no source",
                    "add 'sources: [source-id]', or mark placeholder text 'illustrative: true'",
                )
            )
        if isinstance(record, m.LegalDocument):
            if record.status in ("superseded", "amended") and record.superseded_by is None:
                found.append(
                    at(
                        (*base, "status"),
                        "legal.superseded-by",
                        f"the status is '{record.status}' but 'superseded_by' is not given",
                        "name the document that superseded or amended it",
                    )
                )
            if record.status in ("superseded", "repealed") and record.status_since is None:
                found.append(
                    at(
                        (*base, "status"),
                        "legal.status-since",
                        f"the status is '{record.status}' but 'status_since' is not given",
                        "give the date from which the status holds",
                    )
                )
        if isinstance(record, m.Organization) and record.succeeded_by and record.valid_until is None:
            found.append(
                at(
                    (*base, "succeeded_by"),
                    "org.valid-until",
                    "'succeeded_by' is given but 'valid_until' is not",
                    "give the date the organization ceased under this name",
                )
            )
        found.extend(_text_checks(record, origin))
        if isinstance(record, m.IndicatorCategory) and record.parent_category:
            chain = _category_cycle(record, by_id)
            if chain:
                found.append(
                    at(
                        (*base, "parent_category"),
                        "category.cycle",
                        f"'{record_id}' is its own ancestor: {' -> '.join(chain)}",
                        "point 'parent_category' at a group higher up in the framework",
                    )
                )
    return found


def _category_cycle(start: m.IndicatorCategory, by_id: dict[str, m.Record]) -> list[str]:
    """The ids from ``start`` back to itself when its parents loop, else an empty list.

    Why: renderers walk parents to build the framework tree; a loop would never end.
    A loop that does not pass through ``start`` is reported on its own members.
    """
    chain = [start.id]
    current: m.Record | None = start
    while isinstance(current, m.IndicatorCategory) and current.parent_category:
        if current.parent_category == start.id:
            return [*chain, start.id]
        if current.parent_category in chain:
            return []
        chain.append(current.parent_category)
        current = by_id.get(current.parent_category)
    return []


def _localized(value: BaseModel, path: KeyPath) -> Iterator[tuple[KeyPath, m.LocalizedText]]:
    for name in m.field_names(type(value)):
        item = getattr(value, name)
        if isinstance(item, m.LocalizedText):
            yield (*path, name), item
        elif isinstance(item, list):
            for index, child in enumerate(item):
                if isinstance(child, BaseModel) and not isinstance(child, m.Record):
                    yield from _localized(child, (*path, name, index))


def _text_checks(record: m.Record, origin: Origin) -> Iterator[Diagnostic]:
    for path, text in _localized(record, ()):
        for lang in text.proposed:
            if text.text(lang) is None:
                yield origin.file.diagnostic(
                    (*origin.path, *path, "proposed"),
                    "text.proposed",
                    f"'{lang}' is listed as proposed but has no text",
                    f"add the {lang} text or remove '{lang}' from 'proposed'",
                )
        for lang in text.translated_from:
            if text.text(lang) is None:
                yield origin.file.diagnostic(
                    (*origin.path, *path, "translated_from", lang),
                    "text.orphan-hash",
                    f"a source hash is recorded for '{lang}' but there is no {lang} text",
                    "remove the hash or add the translation",
                    severity=Severity.WARNING,
                )
