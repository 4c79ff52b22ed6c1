"""Helpers shared by the page generators: localized text, links, citations, notices.

Why: every page renders the same few things - a content text in the reader's language
(or the Vietnamese with a notice), a link to another record, the sources of a record,
the "illustrative" mark - and they must look and behave the same on every page.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from .. import model as m
from ..content import Content
from ..i18n import format_partial, t
from . import markdown as md

PAGE_OF_COLLECTION: dict[str, str] = {
    "sources": "sources.md",
    "organizations": "organizations.md",
    "legal_documents": "legal.md",
    "standards": "indicators.md",
    "indicator_categories": "indicators.md",
    "indicators": "indicators.md",
    "projects": "project.md",
    "pilots": "pilot.md",
    "glossary": "glossary.md",
}
"""The page that holds the records of each collection (nested records go with their parent)."""


def part_page(part: m.Part) -> str:
    """Path of a guideline part's page."""
    return f"guideline/{part.id}.md"


def record_pages(content: Content) -> dict[str, str]:
    """The page of every record id, nested records included."""
    from ..content import nested_records

    pages: dict[str, str] = {}
    for collection, records in content.records.items():
        page = PAGE_OF_COLLECTION[collection]
        for record in records:
            for _, nested in nested_records(record):
                pages[nested.id] = page
    for part in content.guideline.parts:
        for _, nested in nested_records(part):
            pages[nested.id] = part_page(part)
    return pages


@dataclass
class Ctx:
    """One page being written in one language."""

    content: Content
    lang: m.Lang
    path: str
    """The page's path, e.g. ``guideline/part-a.md``; links are made relative to it."""
    pages: dict[str, str]
    """Page of every record id (from :func:`record_pages`)."""
    files: set[str] = field(default_factory=set)
    """Content files (relative to the content root) the page was made from."""
    stale_since: Mapping[int, m.PartialDate] = field(default_factory=dict)
    """For a stale text without ``vi_changed``, by ``id()`` of the text: the day its file
    last changed in git (see :func:`stale_fallback_dates`)."""

    def source_file(self, record_id: str) -> None:
        """Note that the page shows a record of the file that holds ``record_id``."""
        origin = self.content.origins.get(record_id)
        if origin is not None:
            self.files.add(_relative(self.content, origin.file.path))

    # -- text -----------------------------------------------------------------------------

    def text(self, value: m.LocalizedText | None) -> str:
        """An inline text in the reader's language; Vietnamese marked ``lang="vi"`` when untranslated."""
        if value is None:
            return ""
        if self.lang == "vi":
            return md.inline(value.vi)
        state = value.state(self.lang)
        if state == "missing":
            return f'<span lang="vi">{md.inline(value.vi)}</span> <small class="vkc-missing">({t("missing_short", self.lang)})</small>'
        own = md.inline(value.text(self.lang) or "")
        if self.lang in value.proposed:
            own += f' <small class="vkc-proposed">({t("proposed", self.lang)})</small>'
        if state == "stale":
            own += f' <small class="vkc-stale">({md.escape(self.stale_notice(value))})</small>'
        return own

    def plain(self, value: m.LocalizedText) -> str:
        """A short text for a heading or a link label, without notices (the body carries them)."""
        own = value.text(self.lang)
        if own is None:
            return f'<span lang="vi">{md.inline(value.vi)}</span>'
        return md.inline(own)

    def heading_note(self, value: m.LocalizedText) -> str:
        """Under a heading made with :meth:`plain`: the notice its translation needs, if any."""
        if self.lang == "vi":
            return ""
        state = value.state(self.lang)
        notes = []
        if state == "missing":
            notes.append(t("missing_title", self.lang))
        elif state == "stale":
            notes.append(self.stale_notice(value))
        if state != "missing" and self.lang in value.proposed:
            notes.append(t("proposed", self.lang))
        if not notes:
            return ""
        # A raw HTML block: Markdown escapes do not apply inside it, HTML escapes do.
        return '<p class="vkc-heading-note"><small>' + " ".join(f"({html.escape(n)})" for n in notes) + "</small></p>"

    def block(self, value: m.LocalizedText | None) -> str:
        """A multi-paragraph text with a notice when it is untranslated or stale."""
        if value is None:
            return ""
        if self.lang == "vi":
            return md.blocks(value.vi)
        state = value.state(self.lang)
        if state == "missing":
            notice = admonition("note vkc-missing", t("missing_title", self.lang), t("missing_body", self.lang))
            return f'{notice}\n\n<div lang="vi" markdown="1">\n\n{md.blocks(value.vi)}\n\n</div>'
        body = md.blocks(value.text(self.lang) or "")
        if state == "stale":
            notice = admonition("warning vkc-stale", t("stale_title", self.lang), self.stale_notice(value))
            return f"{notice}\n\n{body}"
        return body

    def stale_notice(self, value: m.LocalizedText) -> str:
        """The sentence naming when the Vietnamese changed."""
        if value.vi_changed is not None:
            return t("stale_body", self.lang, date=format_partial(value.vi_changed, self.lang))
        file_changed = self.stale_since.get(id(value))
        if file_changed is not None:
            return t("stale_file", self.lang, date=format_partial(file_changed, self.lang))
        return t("stale_unknown", self.lang)

    def date(self, value: m.PartialDate | None) -> str:
        """A date formatted for the reader, escaped."""
        return md.escape(format_partial(value, self.lang)) if value else ""

    # -- links ----------------------------------------------------------------------------

    def href(self, target_page: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to ``target_page#anchor``."""
        if target_page == self.path:
            return f"#{anchor}" if anchor else "#"
        rel = posixpath.relpath(target_page, posixpath.dirname(self.path) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def ref(self, record_id: str, label: str) -> str:
        """A link (label already Markdown) to the record ``record_id`` on its page."""
        page = self.pages.get(record_id)
        return f"[{label}]({self.href(page, record_id)})" if page else label

    def org(self, org_id: str) -> str:
        """A link to an organization, labelled with its name."""
        org = self.content.get(org_id, m.Organization)
        return self.ref(org_id, self.plain(org.name))

    def doc(self, doc_id: str) -> str:
        """A link to a legal document, labelled with its number."""
        doc = self.content.get(doc_id, m.LegalDocument)
        return self.ref(doc_id, md.escape(doc.number))

    def cite(self, record: m.Sourced) -> str:
        """The record's citations, each linking to its entry on the sources page (or nothing)."""
        if not record.sources:
            return ""
        links = []
        for source_id in record.sources:
            source = self.content.get(source_id, m.Source)
            label = md.escape(source.publisher + (f", {source.date.year}" if source.date else ""))
            links.append(f"[{label}]({self.href('sources.md', source_id)})")
        return f'<small class="vkc-cite">{t("sources_label", self.lang)}: ' + "; ".join(links) + "</small>"

    def marks(self, record: m.Sourced) -> str:
        """Illustrative mark and citations of a record, as blocks to append after it."""
        out = []
        if record.illustrative:
            out.append(
                admonition(
                    "example vkc-illustrative", t("illustrative_title", self.lang), t("illustrative_body", self.lang)
                )
            )
        cited = self.cite(record)
        if cited:
            out.append(cited)
        return "\n\n".join(out)

    def _root(self) -> str:
        depth = self.path.count("/") + (0 if self.path.endswith("index.md") else 1) + (0 if self.lang == "vi" else 1)
        return "../" * depth

    def file_links(self, names: list[str]) -> str:
        """A list of links to files under ``downloads/`` (raw HTML: they are not pages)."""
        items = [
            f'<li><a href="{self._root()}downloads/{html.escape(quote(name))}">{html.escape(name)}</a></li>'
            for name in names
        ]
        return '<ul class="vkc-downloads">\n' + "\n".join(items) + "\n</ul>"

    def downloads(self, *collections: str) -> str:
        """Links to the open-data files of ``collections`` (raw HTML: they are not pages)."""
        depth = self.path.count("/") + (0 if self.path.endswith("index.md") else 1) + (0 if self.lang == "vi" else 1)
        root = "../" * depth
        links = []
        for name in collections:
            for ext in ("json", "csv"):
                links.append(f'<a href="{root}downloads/data/{name}.{ext}">{name}.{ext}</a>')
        return f'<p class="vkc-open-data">{t("open_data", self.lang)}: ' + " · ".join(links) + "</p>"


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition with our own (trusted, escaped) title and body."""
    return f'!!! {kind} "{title}"\n\n    {md.escape(body)}'


def heading(level: int, label: str, anchor: str) -> str:
    """A heading with a stable anchor (ids are validated ``[a-z0-9-]``, safe as attributes)."""
    return f"{'#' * min(level, 6)} {label} {{#{anchor}}}"


def stale_fallback_dates(content: Content, changed: Mapping[str, m.PartialDate]) -> dict[int, m.PartialDate]:
    """For each stale text that records no ``vi_changed``: the day its file last changed.

    Why by identity: a LocalizedText is a value, and two equal texts may sit in files
    changed on different days. Why the file's git date: it is the last day the Vietnamese
    can have changed, and a given commit always yields the same date (mtimes do not).
    """
    from ..translations import text_fields

    dates: dict[int, m.PartialDate] = {}
    for text_field in text_fields(content):
        value = text_field.text
        if value.vi_changed is not None or "stale" not in (value.state("en"), value.state("ko")):
            continue
        file_date = changed.get(_relative(content, text_field.loaded.path))
        if file_date is not None:
            dates[id(value)] = file_date
    return dates


def _relative(content: Content, path: object) -> str:
    from pathlib import Path

    assert isinstance(path, Path)
    try:
        return path.resolve().relative_to(content.root.resolve()).as_posix()
    except ValueError:
        return path.name
