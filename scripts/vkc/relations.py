"""Relations between records that cannot contradict themselves.

Why: `crossref` proves that every reference names an existing record of the right kind,
but not that the relations make sense. A ministry that is its own parent, two decrees that
supersede each other, or a successor body that starts a year after its predecessor ended
would all pass and then be published as fact (or send a page walking a parent chain round
in circles). These rules need the whole validated content, so they run once it exists:

- no reference names the record that holds it (``relation.self``);
- following one kind of reference (``parent``, ``succeeded_by``, ``superseded_by``, ...)
  from record to record never comes back to the start (``relation.cycle``);
- where both dates are known to the day, a successor's validity starts when its
  predecessor's ends: a gap or an overlap is a warning naming both records
  (``relation.gap``, ``relation.overlap``); a date known only to the month or year, or
  not at all, is no problem;
- a superseded document's successor is not dated before it (``relation.successor-before``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import get_args

from pydantic import BaseModel

from . import model as m
from .crossref import REFERENCE_TARGETS
from .diagnostics import Diagnostic, Severity
from .yamlload import KeyPath, Origin

_MEANING = {
    "parent": "its own parent",
    "succeeded_by": "its own successor",
    "superseded_by": "superseded by itself",
    "approved_by": "approved by itself",
    "issuer": "its own issuer",
    "partners": "its own partner",
    "organisers": "its own organiser",
    "participants": "its own participant",
    "sources": "its own source",
    "category": "its own category",
    "standard": "its own standard",
    "project": "its own project",
    "component": "its own component",
}
"""How a self-reference reads in a message, per field ("a record cannot be ...")."""


@dataclass(frozen=True)
class _Ref:
    """One reference: which record holds it, in which field, where it is written, what it names."""

    holder: str
    field: str
    path: KeyPath
    """Key path of the reference inside the holder."""
    target: str


def _references(value: BaseModel, holder: str, path: KeyPath = ()) -> Iterator[_Ref]:
    """Every reference that ``value`` holds itself; nested records hold their own."""
    for name in m.field_names(type(value)):
        item = getattr(value, name)
        if name in REFERENCE_TARGETS and isinstance(item, str):
            yield _Ref(holder, name, (*path, name), item)
        elif name in REFERENCE_TARGETS and isinstance(item, list):
            yield from (_Ref(holder, name, (*path, name, i), r) for i, r in enumerate(item) if isinstance(r, str))
        children = item if isinstance(item, list) else [item]
        for index, child in enumerate(children):
            if isinstance(child, BaseModel) and not isinstance(child, (m.Record, m.LocalizedText)):
                yield from _references(child, holder, (*path, name, index) if isinstance(item, list) else (*path, name))


@cache
def _reference_fields(kind: type[BaseModel]) -> frozenset[str]:
    """The reference fields (:data:`REFERENCE_TARGETS`) that a ``kind`` can hold itself, as :func:`_references` walks it."""
    names = {name for name in kind.model_fields if name in REFERENCE_TARGETS}
    for info in kind.model_fields.values():
        for model in _models_in(info.annotation):
            if not issubclass(model, (m.Record, m.LocalizedText)):
                names |= _reference_fields(model)
    return frozenset(names)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


class _Checker:
    def __init__(self, by_id: dict[str, m.Record], origins: dict[str, Origin]) -> None:
        self.by_id = by_id
        self.origins = origins
        self.found: list[Diagnostic] = []

    def at(self, ref: _Ref, code: str, message: str, hint: str, severity: Severity = Severity.ERROR) -> None:
        origin = self.origins[ref.holder]
        self.found.append(origin.file.diagnostic((*origin.path, *ref.path), code, message, hint, severity=severity))

    def self_and_cycles(self, refs: Iterable[_Ref]) -> None:
        by_field: dict[str, dict[str, list[_Ref]]] = {}
        for ref in refs:
            if ref.target == ref.holder:
                what = _MEANING.get(ref.field, f"named in its own '{ref.field}'")
                self.at(
                    ref,
                    "relation.self",
                    f"'{ref.holder}' names itself in '{ref.field}'",
                    f"a record cannot be {what}; name another record or remove the reference",
                )
            elif self.may_loop(ref):
                by_field.setdefault(ref.field, {}).setdefault(ref.holder, []).append(ref)
        for name, edges in by_field.items():
            for cycle in _cycles(edges):
                chain = " -> ".join([*(r.holder for r in cycle), cycle[0].holder])
                self.at(
                    cycle[0],
                    "relation.cycle",
                    f"'{name}' forms a loop: {chain}",
                    f"one of these {len(cycle)} records must name another record in '{name}', or none",
                )

    def may_loop(self, ref: _Ref) -> bool:
        """Whether ``ref`` can be part of a loop: the record it names can hold a reference of its kind.

        Why: a loop through ``sources`` would need a source that cites sources, and no source
        can. Of the 29,000 references of the 10,000-record synthetic corpus, 350 can be part
        of a loop (``parent``, ``succeeded_by``, ...); keeping the others for the loop search
        cost 5 MB at the peak of `vkc check`. A reference whose target cannot hold one leads
        nowhere, so leaving it out changes no loop found.
        """
        target = self.by_id.get(ref.target)
        return target is None or ref.field in _reference_fields(type(target))

    def succession(self) -> None:
        """Organizations (`valid_until` -> `valid_from`) and superseded documents (`status_since` -> `effective`)."""
        for record_id, record in self.by_id.items():
            if isinstance(record, m.Organization) and record.succeeded_by:
                successor = self.by_id.get(record.succeeded_by)
                if isinstance(successor, m.Organization):
                    ref = _Ref(record_id, "succeeded_by", ("succeeded_by",), record.succeeded_by)
                    self.adjacent(ref, ("valid_until", record.valid_until), ("valid_from", successor.valid_from))
            if isinstance(record, m.LegalDocument) and record.superseded_by:
                successor = self.by_id.get(record.superseded_by)
                if not isinstance(successor, m.LegalDocument):
                    continue
                ref = _Ref(record_id, "superseded_by", ("superseded_by",), record.superseded_by)
                if record.status == "superseded":
                    self.adjacent(ref, ("status_since", record.status_since), ("effective", successor.effective))
                self.not_before(ref, record, successor)

    def adjacent(
        self, ref: _Ref, end: tuple[str, m.PartialDate | None], start: tuple[str, m.PartialDate | None]
    ) -> None:
        (end_name, end_date), (start_name, start_date) = end, start
        ended, started = _day(end_date), _day(start_date)
        if ended is None or started is None:  # unknown or partial: nothing to compare
            return
        days = (started - ended).days
        # Why 0 and 1: the content dates a change on the day the new arrangement began
        # (ended == started); an editor who writes the predecessor's last day (the day
        # before) states the same succession.
        if days in (0, 1):
            return
        both = f"'{ref.holder}' {end_name} {end_date}, its successor '{ref.target}' {start_name} {start_date}"
        hint = f"give '{ref.target}' {start_name} the day '{ref.holder}' ends, or correct one of the two dates"
        if days > 1:
            self.at(ref, "relation.gap", f"{both}: a gap of {days - 1} day(s)", hint, Severity.WARNING)
        else:
            self.at(ref, "relation.overlap", f"{both}: an overlap of {-days} day(s)", hint, Severity.WARNING)

    def not_before(self, ref: _Ref, record: m.LegalDocument, successor: m.LegalDocument) -> None:
        mine, theirs = _dated(record), _dated(successor)
        if mine is None or theirs is None:
            return
        # Earliest day of the predecessor against the latest of the successor: "2018" is
        # not before "2018-08-01".
        if theirs[1].end_key() < mine[1].sort_key():
            self.at(
                ref,
                "relation.successor-before",
                f"'{ref.target}' ({theirs[0]} {theirs[1]}) supersedes '{ref.holder}' ({mine[0]} {mine[1]}) "
                "but is dated before it",
                f"correct a date, or name in 'superseded_by' the document that came after '{ref.holder}'",
            )


def _day(date: m.PartialDate | None) -> dt.date | None:
    if date is None or date.precision != "day":
        return None
    assert date.month is not None and date.day is not None
    return dt.date(date.year, date.month, date.day)


def _dated(document: m.LegalDocument) -> tuple[str, m.PartialDate] | None:
    """A document's date: when it was signed, else when it took effect."""
    if document.signed is not None:
        return "signed", document.signed
    if document.effective is not None:
        return "effective", document.effective
    return None


def _cycles(edges: dict[str, list[_Ref]]) -> list[list[_Ref]]:
    """Each loop once, as the references that form it, starting at its smallest id.

    A depth-first walk colours records: a reference back to a record on the current path
    closes a loop. Holders are visited in sorted order so that the report is stable.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    loops: dict[frozenset[str], list[_Ref]] = {}
    # Iterative, not recursive: a long parent chain in generated content must not hit
    # Python's recursion limit.
    for root in sorted(edges):
        if root in state:
            continue
        state[root] = 1
        path: list[_Ref] = []
        stack: list[Iterator[_Ref]] = [iter(edges.get(root, []))]
        while stack:
            ref = next(stack[-1], None)
            if ref is None:
                stack.pop()
                done = path.pop().target if path else root
                state[done] = 2
                continue
            if state.get(ref.target) == 1:
                walked = [*path, ref]
                loop = walked[next(i for i, r in enumerate(walked) if r.holder == ref.target) :]
                first = min(range(len(loop)), key=lambda i: loop[i].holder)
                loops.setdefault(frozenset(r.holder for r in loop), loop[first:] + loop[:first])
            elif ref.target not in state:
                state[ref.target] = 1
                path.append(ref)
                stack.append(iter(edges.get(ref.target, [])))
    return sorted(loops.values(), key=lambda loop: loop[0].holder)


def check_relations(by_id: dict[str, m.Record], origins: dict[str, Origin]) -> list[Diagnostic]:
    """Every contradiction in the relations between records: self-references, loops, dates of successions.

    Run once every record has its shape and every reference resolves (:func:`vkc.crossref.check_references`).
    """
    checker = _Checker(by_id, origins)
    checker.self_and_cycles(ref for record_id, record in by_id.items() for ref in _references(record, record_id))
    checker.succession()
    return checker.found
