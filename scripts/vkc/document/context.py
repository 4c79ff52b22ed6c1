"""Deciding, once, how each content text reads in one language: the words and their state.

Why here and only here: a translation is current, stale (with the day the Vietnamese
changed), missing (the Vietnamese shown instead) or a proposed rendering; the site, the
editions and every later output must say so identically, so the decision and the words of
every notice are made when the document is built, never by a renderer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .. import model as m
from ..content import Content, content_file, text_fields
from ..i18n import format_partial, format_range, t
from ..model import Lang, LocalizedText, PartialDate
from .nodes import (
    Block,
    Body,
    Cite,
    FileFacts,
    Inline,
    Notice,
    Para,
    Run,
    Says,
    Source,
    TermUse,
    Text,
    Words,
    words,
)
from .terms import Finder, term_uses

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Ctx:
    """The document builder's view of the content in one language."""

    content: Content
    lang: Lang
    stale_since: Mapping[int, PartialDate] = field(default_factory=dict)
    """For a stale text without ``vi_changed``, by ``id()`` of the text: the day its file last
    changed in git (see :func:`stale_fallback_dates`)."""
    files: set[str] = field(default_factory=set)
    """Content files (relative to the content folder) the document was made from."""
    link_terms: bool = False
    """Mark the glossary terms a body uses (the site's tooltips; the editions have the glossary)."""
    _definitions: dict[str, Text | None] | None = field(default=None, init=False, repr=False)
    _finders: dict[Lang, Finder] = field(default_factory=dict, init=False, repr=False)
    published: Mapping[str, FileFacts] = field(default_factory=dict)
    """Files under ``downloads/`` written before the pages, by name: their cards show these."""

    def word(self, key: str, **values: str) -> str:
        """An interface word in the reader's language."""
        return t(key, self.lang, **values)

    def source_file(self, record_id: str) -> None:
        """Note that the document shows a record of the file that holds ``record_id``."""
        path = self.content.origin_path(record_id)
        if path is not None:
            self.files.add(content_file(self.content, path))

    def singleton_file(self, key: str) -> None:
        """Note that the document shows ``publication`` or ``guideline``."""
        path = self.content.singleton_path(key)
        if path is not None:
            self.files.add(content_file(self.content, path))

    # -- the state of a text ------------------------------------------------------------

    def resolve(self, value: LocalizedText) -> Text:
        """``value`` as the reader sees it: their language, or the Vietnamese with its state."""
        if self.lang == "vi":
            return Text(value.vi, "vi", "source")
        own = value.text(self.lang)
        proposed = self.lang in value.proposed and own is not None
        proposed_note = self.word("proposed") if proposed else ""
        if own is None:
            return Text(value.vi, "vi", "missing", missing_short=self.word("missing_short"))
        if value.state(self.lang) == "stale":
            return Text(own, self.lang, "stale", proposed, self.stale_notice(value), proposed_note=proposed_note)
        return Text(own, self.lang, "current", proposed, proposed_note=proposed_note)

    def stale_notice(self, value: LocalizedText) -> str:
        """The sentence naming when the Vietnamese changed."""
        if value.vi_changed is not None:
            return self.word("stale_body", date=format_partial(value.vi_changed, self.lang))
        file_changed = self.stale_since.get(id(value))
        if file_changed is not None:
            return self.word("stale_file", date=format_partial(file_changed, self.lang))
        return self.word("stale_unknown")

    # -- inline -------------------------------------------------------------------------

    def text(self, value: LocalizedText | None, *, flat: bool = False) -> Inline:
        """A content text inline, with the notices its state needs beside it."""
        return () if value is None else (Says(self.resolve(value), flat=flat),)

    def plain(self, value: LocalizedText) -> Inline:
        """A name or a title inline, without notices (its heading or entry carries them)."""
        return (Says(self.resolve(value), notes=False),)

    def heading_notes(self, value: LocalizedText) -> tuple[str, ...]:
        """The notices a heading made with :meth:`plain` prints under it."""
        text = self.resolve(value)
        notes: list[str] = []
        if text.state == "missing":
            notes.append(self.word("missing_title"))
        elif text.state == "stale":
            notes.append(text.stale_note)
        if text.proposed:
            notes.append(text.proposed_note)
        return tuple(notes)

    def date(self, value: PartialDate | None) -> Inline:
        """A date in the reader's conventions, to the precision known."""
        return (Words(format_partial(value, self.lang)),) if value else ()

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        """A date or a period, formatted."""
        return format_range(start, end, self.lang)

    def fill(self, key: str, **parts: Inline) -> Inline:
        """The interface sentence ``key`` with inlines (links, dates) in its ``{placeholders}``."""
        template = t(key, self.lang)
        out: list[Run] = []
        pos = 0
        for match in _PLACEHOLDER.finditer(template):
            if match.start() > pos:
                out.append(Words(template[pos : match.start()]))
            out.extend(parts[match.group(1)])
            pos = match.end()
        if pos < len(template):
            out.append(Words(template[pos:]))
        return tuple(out)

    # -- blocks -------------------------------------------------------------------------

    def body(self, value: LocalizedText | None) -> list[Block]:
        """A text of several paragraphs, under a notice when untranslated or stale."""
        if value is None:
            return []
        text = self.resolve(value)
        terms = self.terms(text) if self.link_terms else ()
        if text.state == "missing":
            return [Body(text, Notice("missing", self.word("missing_title"), self.word("missing_body")), terms)]
        if text.state == "stale":
            return [Body(text, Notice("stale", self.word("stale_title"), text.stale_note), terms)]
        return [Body(text, None, terms)]

    def terms(self, text: Text) -> tuple[TermUse, ...]:
        """The glossary terms ``text`` uses, with their definitions in the reader's language."""
        if self._definitions is None:
            self._definitions = {
                term.id: self.resolve(term.definition) if term.definition else None
                for term in self.content.collection("glossary", m.GlossaryTerm)
            }
        return term_uses(self.content, text, self._definitions, self._finders)

    def cite(self, record: m.Sourced, *, labelled: bool = True) -> Inline:
        """The record's citations, labelled "Sources" (nothing when it cites none)."""
        if not record.sources:
            return ()
        numbers = self.content.source_numbers
        entries = []
        for source_id in record.sources:
            source = self.content.get(source_id, m.Source)
            short = source.publisher + (f", {source.date.year}" if source.date else "")
            entries.append(Source(source_id, numbers[source_id], short))
        return (Cite(tuple(entries), self.word("sources_label") if labelled else ""),)

    def illustrative(self, record: m.Sourced) -> list[Block]:
        """The notice on illustrative (unsourced, demonstration) data."""
        if not record.illustrative:
            return []
        return [Notice("illustrative", self.word("illustrative_title"), self.word("illustrative_body"))]

    def group_label(self, category: m.IndicatorCategory) -> Inline:
        """What a group is in its framework ("Dimension", "Maturity level, level 2"), or nothing."""
        if category.kind is None:
            return ()
        label = self.word(f"group_{category.kind}")
        if category.level is not None:
            label += ", " + self.word("level_n", n=str(category.level))
        return words(label)

    def indicator_facts(self, indicator: m.Indicator) -> list[tuple[str, Inline]]:
        """The indicator's number in its source and its tier, labelled."""
        tier = words(self.word(f"tier_{indicator.tier}")) if indicator.tier else ()
        return [(self.word("code"), words(indicator.code or "")), (self.word("tier"), tier)]

    def marks(self, record: m.Sourced) -> list[Block]:
        """Illustrative notice and citations of a record, as blocks after its text."""
        cited = self.cite(record)
        return [*self.illustrative(record), *([Para(cited, "cite")] if cited else [])]


def stale_fallback_dates(content: Content, changed: Mapping[str, PartialDate]) -> dict[int, PartialDate]:
    """For each stale text that records no ``vi_changed``: the day its file last changed.

    Why by identity: a LocalizedText is a value, and two equal texts may sit in files
    changed on different days. Why the file's git date: it is the last day the Vietnamese
    can have changed, and a given commit always yields the same date (mtimes do not).
    """
    dates: dict[int, PartialDate] = {}
    for text_field in text_fields(content):
        value = text_field.text
        if value.vi_changed is not None or "stale" not in (value.state("en"), value.state("ko")):
            continue
        file_date = changed.get(content_file(content, text_field.loaded.path))
        if file_date is not None:
            dates[id(value)] = file_date
    return dates


def category_tree(content: Content) -> list[tuple[m.IndicatorCategory, int]]:
    """Indicator categories depth first, each with its depth (0 for a framework's root).

    Siblings keep content order; a category whose parent is not a category is a root.
    """
    categories = content.collection("indicator_categories", m.IndicatorCategory)
    known = {c.id for c in categories}
    children: dict[str | None, list[m.IndicatorCategory]] = {}
    for category in categories:
        parent = category.parent_category if category.parent_category in known else None
        children.setdefault(parent, []).append(category)
    out: list[tuple[m.IndicatorCategory, int]] = []

    def visit(parent: str | None, depth: int) -> None:
        for child in children.get(parent, []):
            out.append((child, depth))
            visit(child.id, depth + 1)

    visit(None, 0)
    return out


def timeline_entries(projects: Sequence[m.Project]) -> list[m.Event | m.Milestone]:
    """Events and milestones of ``projects``, oldest first (ties keep content order)."""
    entries: list[m.Event | m.Milestone] = []
    for project in projects:
        entries.extend(project.events)
        entries.extend(project.milestones)
    return sorted(entries, key=lambda e: e.date.sort_key())
